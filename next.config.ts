import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite ships WASM and native argon2 ships a .node binary: load them from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2'],
  poweredByHeader: false,
};

export default nextConfig;
