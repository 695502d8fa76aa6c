import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, waitUntilServing } from '../../bench/support/servers';

/**
 * Starts the production build (`npm start`'s launcher) on a free local port. The tests reach it
 * directly, so Auth.js may trust the Host header (AUTH_TRUST_HOST). What it prints goes to the
 * test's output and is kept for `output()`.
 */
export async function startServer(env: Record<string, string>) {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/serve.ts', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, RESEND_API_KEY: '', PORTAL_URL: baseURL, AUTH_TRUST_HOST: 'true', PAYMENT_SANDBOX_SECRET: 'e2e-sandbox-secret-0123456789abcdef', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk;
    process.stdout.write(chunk);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk;
    process.stderr.write(chunk);
  });
  try {
    await waitUntilServing(`${baseURL}/connexion`, child, 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    baseURL,
    /** The launcher's process (tsx, which runs scripts/serve.ts in a child of its own). */
    pid: child.pid!,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
