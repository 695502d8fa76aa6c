import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited with code ${child.exitCode} before serving.`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The app did not answer on ${url} within ${timeoutMs / 1000} s.`);
}

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
    await waitForServer(`${baseURL}/connexion`, child, 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    baseURL,
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
