import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './browser-path';
import { startFakeResend } from './fake-resend';
import { startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    pgliteDir: string;
    sentMailDir: string;
    browserAvailable: boolean;
  }
}

/** Starts the production build on a fresh embedded database with the demo data, once for all e2e files. */
export default async function setup(project: TestProject) {
  const browser = chromiumPath();
  if (!browser) {
    if (process.env.CI === 'true') throw new Error('CI=true but Chromium is missing (apt-get install -y chromium): e2e tests may not be skipped.');
    console.warn('\n⚠⚠⚠ Chromium not found (/usr/bin/chromium or CHROMIUM_PATH): browser tests are SKIPPED. ⚠⚠⚠\n');
  }
  if (!process.env.TEST_DATABASE_URL) {
    console.warn('\n⚠⚠⚠ TEST_DATABASE_URL is not set: the browser test of the build on PostgreSQL is SKIPPED. ⚠⚠⚠\n');
  }
  if (!fs.existsSync('.next/BUILD_ID')) throw new Error('No production build: run "npm run build" first (npm run test:e2e does).');

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-e2e-'));
  const pgliteDir = path.join(workDir, 'pglite');
  // The production build sends through Resend, as in production, to a stand-in that keeps what
  // it is handed: the only copy with working links (MAIL_CAPTURE_DIR is ignored in production).
  const sentMailDir = path.join(workDir, 'sent-mail');
  const resend = await startFakeResend(sentMailDir);
  const server = await startServer({
    PGLITE_DIR: pgliteDir,
    MAIL_DIR: path.join(workDir, 'mail'),
    RESEND_API_KEY: 're_e2e_not_a_real_key',
    RESEND_BASE_URL: resend.url,
    DATABASE_URL: '',
    // A demo: the demo staff logins work without a second factor, as the README says.
    DEMO_DATA: '1',
    AUTH_SECRET: 'e2e-secret-not-for-production-0123456789',
  });
  const baseURL = server.baseURL;

  project.provide('baseURL', baseURL);
  project.provide('pgliteDir', pgliteDir);
  project.provide('sentMailDir', sentMailDir);
  project.provide('browserAvailable', Boolean(browser));

  return async () => {
    await server.stop();
    await resend.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  };
}
