import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapPglite, type DbHandle } from '@/db/client';
import { openEmbeddedDatabase } from '@/db/embedded';
import { auditLog, families, users } from '@/db/schema';
import { createAdministrator } from '@/lib/auth/administrators';
import { verifyPassword } from '@/lib/auth/password';
import { fixedClock } from '@/lib/clock';
import { createTestDatabase } from '../support/db';
import { aUser } from '../support/factories';

const clock = fixedClock('2026-11-26T09:00:00Z');
// The command-line tests start a process that opens and migrates a new embedded database.
const processTimeout = 120_000;
const tsx = path.resolve('node_modules/.bin/tsx');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-first-admin-'));
let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

const newAdministrator = (overrides: Partial<Parameters<typeof createAdministrator>[2]> = {}) => ({
  login: 'directrice',
  email: 'directrice@mairie.example.fr',
  firstName: 'Anne',
  lastName: 'MARTIN',
  password: 'une phrase de passe pour la mairie',
  ...overrides,
});

async function withEmbedded<T>(dir: string, work: (handle: DbHandle) => Promise<T>): Promise<T> {
  const embedded = await openEmbeddedDatabase(dir);
  const embeddedHandle = wrapPglite(embedded.pglite, embedded.close);
  try {
    return await work(embeddedHandle);
  } finally {
    await embeddedHandle.close();
  }
}

describe('the first administrator', () => {
  it('is created with a hashed password that logs in, and the creation is in the audit log', async () => {
    const result = await createAdministrator(handle.db, clock, newAdministrator({ login: ' Directrice ', email: 'Directrice@Mairie.example.fr' }));
    expect(result).toMatchObject({ ok: true, value: { login: 'directrice' } });
    const [account] = await handle.db.select().from(users).where(eq(users.login, 'directrice'));
    expect(account).toMatchObject({ role: 'admin', familyId: null, email: 'directrice@mairie.example.fr', firstName: 'Anne', lastName: 'MARTIN', active: true });
    expect(account!.passwordHash).not.toContain('une phrase');
    expect(await verifyPassword(account!.passwordHash, 'une phrase de passe pour la mairie')).toBe(true);
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'staff.create'));
    expect(entry).toMatchObject({ actorRole: 'system', entityType: 'user', entityId: String(account!.id) });
  });

  it('follows the password policy', async () => {
    expect(await createAdministrator(handle.db, clock, newAdministrator({ login: 'chef', email: 'chef@mairie.example.fr', password: 'trop court' }))).toMatchObject({
      ok: false,
      field: 'password',
      message: 'Le mot de passe doit contenir au moins 12 caractères.',
    });
    expect(await createAdministrator(handle.db, clock, newAdministrator({ login: 'chef', email: 'chef@mairie.example.fr', password: 'chef-de-la-mairie-2026' }))).toMatchObject({
      ok: false,
      field: 'password',
    });
    expect(await handle.db.select().from(users).where(eq(users.login, 'chef'))).toEqual([]);
  });

  it('refuses a login or an e-mail address another account has, whatever the case', async () => {
    expect(await createAdministrator(handle.db, clock, newAdministrator({ login: 'DIRECTRICE', email: 'autre@mairie.example.fr' }))).toMatchObject({
      ok: false,
      field: 'login',
      message: 'Cet identifiant est déjà utilisé par un autre compte.',
    });
    expect(await createAdministrator(handle.db, clock, newAdministrator({ login: 'autre', email: 'DIRECTRICE@mairie.example.fr' }))).toMatchObject({
      ok: false,
      field: 'email',
    });
    expect(await createAdministrator(handle.db, clock, newAdministrator({ login: 'a b', email: 'ab@mairie.example.fr' }))).toMatchObject({ ok: false, field: 'login' });
  });

  it('is created from the command line, with the password on standard input, into a new database', () => {
    const dir = path.join(workDir, 'cli');
    const run = spawnSync(tsx, ['scripts/admin-create.ts', '--login', 'directrice', '--email', 'directrice@mairie.example.fr'], {
      env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: '', ADMIN_PASSWORD: '' },
      input: 'une phrase de passe pour la mairie\n',
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Administrator "directrice" created');
    return withEmbedded(dir, async (embedded) => {
      const [account] = await embedded.db.select().from(users);
      expect(account).toMatchObject({ login: 'directrice', role: 'admin' });
      expect(await verifyPassword(account!.passwordHash, 'une phrase de passe pour la mairie')).toBe(true);
    });
  }, processTimeout);
});

describe('db:seed', () => {
  it('refuses a database that already has an account, and loads nothing', async () => {
    const dir = path.join(workDir, 'seed');
    await withEmbedded(dir, async (embedded) => {
      await embedded.migrate();
      await aUser(embedded.db, { role: 'admin', login: 'directrice' });
    });
    const seed = spawnSync(tsx, ['scripts/db.ts', 'seed'], { env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8' });
    expect(seed.status).toBe(1);
    expect(seed.stderr).toContain('The database already has accounts');
    await withEmbedded(dir, async (embedded) => {
      expect(await embedded.db.select({ login: users.login }).from(users)).toEqual([{ login: 'directrice' }]);
      expect(await embedded.db.select().from(families)).toEqual([]);
    });
  }, processTimeout);
});
