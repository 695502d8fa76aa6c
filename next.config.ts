import type { NextConfig } from 'next';
import { staticHeaderRules } from './lib/security/headers';

const nextConfig: NextConfig = {
  // PGlite ships WASM and native argon2 ships a .node binary: load them from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2'],
  poweredByHeader: false,
  // The files proxy.ts never sees get the security headers from here (see lib/security/headers.ts).
  headers: async () => staticHeaderRules(process.env.NODE_ENV),
};

export default nextConfig;
