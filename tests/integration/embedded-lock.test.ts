import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { wrapPglite } from '@/db/client';
import { lockEmbeddedDir, openEmbeddedDatabase } from '@/db/embedded';
import { families } from '@/db/schema';

const tsx = path.resolve('node_modules/.bin/tsx');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-embedded-'));
const dir = path.join(workDir, 'pglite');
let holder: ChildProcess | undefined;

afterAll(() => {
  holder?.kill('SIGKILL');
  fs.rmSync(workDir, { recursive: true, force: true });
});

function startHolder(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['tests/support/hold-embedded.ts', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
}

describe('one process owns the embedded database', () => {
  it('refuses a second process with a clear message, and the first one’s data stays intact', async () => {
    holder = await startHolder();

    // A second server on the same directory stops before touching it.
    const second = spawnSync(tsx, ['scripts/serve.ts', 'dev'], {
      env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(second.status).toBe(1);
    const owner = fs.readFileSync(`${dir}.lock`, 'utf8');
    expect(second.stderr).toContain(`already in use by process ${owner}`);

    // So does the seeding command.
    const seed = spawnSync(tsx, ['scripts/db.ts', 'seed'], { env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8' });
    expect(seed.status).toBe(1);
    expect(seed.stderr).toContain('already in use');

    await new Promise<void>((resolve) => {
      holder!.once('exit', () => resolve());
      holder!.kill('SIGTERM');
    });

    const embedded = await openEmbeddedDatabase(dir);
    const handle = wrapPglite(embedded.pglite, embedded.close);
    const rows = await handle.db.select({ name: families.name }).from(families);
    await handle.close();
    expect(rows).toEqual([{ name: 'PREMIER' }]);
  }, 120_000); // two processes start: slow on a busy machine, never a performance check

  it('takes over a lock left by a process that no longer exists', () => {
    const staleDir = path.join(workDir, 'stale');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(`${staleDir}.lock`, dead.stdout);
    const release = lockEmbeddedDir(staleDir);
    expect(fs.readFileSync(`${staleDir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(`${staleDir}.lock`)).toBe(false);
  });
});
