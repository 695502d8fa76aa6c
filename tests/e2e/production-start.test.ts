import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { wrapPglite } from '@/db/client';
import { openEmbeddedDatabase } from '@/db/embedded';
import { users } from '@/db/schema';
import { demo } from './browser';
import { startServer } from './server';

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-production-'));
const pgliteDir = path.join(workDir, 'pglite');
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

// What an operator runs: `npm start` on a fresh embedded database, nothing else set but the secret
// (and AUTH_TRUST_HOST, which startServer sets as a reverse proxy deployment would).
const productionEnv = {
  PGLITE_DIR: pgliteDir,
  MAIL_DIR: path.join(workDir, 'mail'),
  DATABASE_URL: '',
  DEMO_DATA: '',
  COMPTE_FAMILLE_NOW: '',
  AUTH_SECRET: 'e2e-production-secret-0123456789abcdef',
};

/** Logs in through Auth.js's own credentials endpoint, as the login form does. */
async function logInOverHttp(baseURL: string, identifier: string, password: string) {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  const response = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ identifier, password, csrfToken, callbackUrl: `${baseURL}/` }),
  });
  return {
    location: response.headers.get('location') ?? '',
    loggedIn: response.headers.getSetCookie().some((line) => line.startsWith('authjs.session-token=')),
  };
}

async function accountsIn(dir: string) {
  const embedded = await openEmbeddedDatabase(dir);
  const handle = wrapPglite(embedded.pglite, embedded.close);
  try {
    return await handle.db.select({ login: users.login, role: users.role }).from(users);
  } finally {
    await handle.close();
  }
}

describe('npm start on a fresh embedded database, in production', () => {
  it('stops with a clear message when neither PORTAL_URL nor AUTH_URL gives the address for e-mail links', () => {
    const started = spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/serve.ts', 'start'], {
      env: { ...process.env, ...productionEnv, PORTAL_URL: '', AUTH_URL: '', AUTH_TRUST_HOST: 'true' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain('Set PORTAL_URL');
  });

  it('creates no demo account, says how to create the first administrator, and logs a refused login in one line', async () => {
    const server = await startServer(productionEnv);
    try {
      const attempt = await logInOverHttp(server.baseURL, demo.admin.identifier, demo.admin.password);
      expect(attempt.loggedIn).toBe(false);
      expect(attempt.location).toContain('error=CredentialsSignin');
      expect(attempt.location).toContain('code=invalid');

      expect(server.output()).toContain('The database has no account yet');
      expect(server.output()).toContain('npm run admin:create -- --login');

      await expect.poll(() => server.output()).toContain('[auth] login refused (invalid)');
      expect(server.output()).not.toMatch(/^\s+at /m);
    } finally {
      await server.stop();
    }
    expect(await accountsIn(pgliteDir)).toEqual([]);
  });

  it('lets the administrator created with npm run admin:create log in', async () => {
    const created = spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/admin-create.ts', '--login', 'directrice', '--email', 'directrice@mairie.example.fr'], {
      env: { ...process.env, ...productionEnv, ADMIN_PASSWORD: 'une phrase de passe pour la mairie' },
      encoding: 'utf8',
    });
    expect(created.status, created.stderr).toBe(0);
    expect(await accountsIn(pgliteDir)).toEqual([{ login: 'directrice', role: 'admin' }]);

    const server = await startServer(productionEnv);
    try {
      expect(server.output()).not.toContain('The database has no account yet');
      expect(await logInOverHttp(server.baseURL, demo.admin.identifier, demo.admin.password)).toMatchObject({ loggedIn: false });
      const login = await logInOverHttp(server.baseURL, 'directrice', 'une phrase de passe pour la mairie');
      expect(login.loggedIn).toBe(true);
      expect(login.location).not.toContain('error=');
    } finally {
      await server.stop();
    }
  });
});
