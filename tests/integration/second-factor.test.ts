import { and, eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, recoveryCodes, totpFactors, users } from '@/db/schema';
import { changePassword } from '@/lib/account/password';
import { fixedClock, type Clock } from '@/lib/clock';
import { confirmEnrolment, disableSecondFactor, regenerateRecoveryCodes, secondFactorStatus, startEnrolment } from '@/lib/second-factor/enrolment';
import { afterPassword, completeLogin, renewSession, sessionRenewalTicket, ticketOfRefusal } from '@/lib/second-factor/login';
import { issueLoginTicket } from '@/lib/second-factor/login-ticket';
import { open } from '@/lib/second-factor/secret-box';
import { verifySecondFactor, WRONG_CODE, WRONG_RECOVERY_CODE } from '@/lib/second-factor/verification';
import { createTestDatabase } from '../support/db';
import { aGuardian, aUser } from '../support/factories';

vi.stubEnv('AUTH_SECRET', 'integration-secret-0123456789abcdef');

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const password = 'mot-de-passe-de-test';
const ip = '192.0.2.10';
// What an authenticator app shows, computed by the library apps follow, not by the app's code.
const codeAt = (secret: string, at: Date, stepsLater = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: at.getTime() + stepsLater * 30_000 });
const sessionUser = (user: typeof users.$inferSelect) => ({ id: user.id, role: user.role, familyId: user.familyId, sessionVersion: user.sessionVersion });

async function pendingSecret(userId: number, clock: Clock) {
  expect(await startEnrolment(handle.db, clock, userId)).toEqual({ ok: true });
  const status = await secondFactorStatus(handle.db, userId);
  if (status.state !== 'pending') throw new Error(`Expected a pending enrolment, got ${status.state}`);
  return status;
}

/** A user with a confirmed second factor, its secret and its recovery codes; the clock has moved past the enrolment code's steps. */
async function anEnrolledUser(role: 'family' | 'agent' = 'family') {
  const clock = fixedClock('2026-11-26T10:00:00Z');
  const user = role === 'family' ? await aGuardian(handle.db, { password }) : await aUser(handle.db, { role, password });
  const { secret } = await pendingSecret(user.id, clock);
  const confirmed = await confirmEnrolment(handle.db, clock, user.id, { code: codeAt(secret, clock.now()), ip });
  if (!confirmed.ok) throw new Error(confirmed.message);
  clock.advance(120_000);
  return { user, secret, codes: confirmed.value, clock };
}

describe('enrolling an authenticator app', () => {
  it('shows a secret and its otpauth:// address, and counts it only once a first code confirms it', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const user = await aUser(handle.db, { role: 'agent', login: 'durand' });
    const pending = await pendingSecret(user.id, clock);
    expect(pending.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(pending.uri).toMatch(/^otpauth:\/\/totp\/.*durand\?.*secret=[A-Z2-7]{32}.*period=30/);
    expect(pending.uri).toContain('algorithm=SHA1');
    expect(pending.uri).toContain('digits=6');

    const wrong = String((Number(codeAt(pending.secret, clock.now())) + 1) % 1_000_000).padStart(6, '0');
    expect(await confirmEnrolment(handle.db, clock, user.id, { code: wrong, ip })).toMatchObject({ ok: false, field: 'code' });
    expect((await secondFactorStatus(handle.db, user.id)).state).toBe('pending');

    const confirmed = await confirmEnrolment(handle.db, clock, user.id, { code: codeAt(pending.secret, clock.now()), ip });
    expect(confirmed.ok).toBe(true);
    const codes = confirmed.ok ? confirmed.value : [];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[2-9a-z]{4}-[2-9a-z]{4}-[2-9a-z]{4}-[2-9a-z]{4}$/);
    expect(await secondFactorStatus(handle.db, user.id)).toEqual({ state: 'on', since: clock.now(), recoveryCodesLeft: 10 });
    const audit = await handle.db.select().from(auditLog).where(and(eq(auditLog.entityId, String(user.id)), eq(auditLog.action, 'second_factor.enrolled')));
    expect(audit).toHaveLength(1);
  });

  it('spends the code that confirmed the enrolment: it cannot open a session afterwards', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const user = await aGuardian(handle.db);
    const { secret } = await pendingSecret(user.id, clock);
    const code = codeAt(secret, clock.now());
    expect((await confirmEnrolment(handle.db, clock, user.id, { code, ip })).ok).toBe(true);
    expect(await verifySecondFactor(handle.db, clock, user.id, { code }, ip)).toMatchObject({ ok: false, message: WRONG_CODE });
  });

  it('keeps the secret encrypted at rest: the table alone gives no working code', async () => {
    const { user, secret } = await anEnrolledUser();
    const [row] = await handle.db.select().from(totpFactors).where(eq(totpFactors.userId, user.id));
    expect(row!.secretCiphertext).not.toContain(secret);
    expect(Buffer.from(row!.secretCiphertext.split('.').at(-1)!, 'base64url').toString('latin1')).not.toContain(secret);
    expect(open(row!.secretCiphertext, `totp:${user.id}`)).toBe(secret);
    // Moved to another account's row, or read under another AUTH_SECRET, it does not open.
    expect(() => open(row!.secretCiphertext, `totp:${user.id + 1}`)).toThrow();
    vi.stubEnv('AUTH_SECRET', 'another-secret-0123456789abcdef');
    try {
      expect(() => open(row!.secretCiphertext, `totp:${user.id}`)).toThrow();
    } finally {
      vi.stubEnv('AUTH_SECRET', 'integration-secret-0123456789abcdef');
    }
  });

  it('stores only hashes of the recovery codes', async () => {
    const { user, codes } = await anEnrolledUser();
    const rows = await handle.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(rows).toHaveLength(10);
    const stored = JSON.stringify(rows);
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll('-', ''));
    }
  });
});

describe('checking a code at login', () => {
  it('accepts the code of this step, and of one step before or after for a phone clock a little off', async () => {
    for (const drift of [-1, 0, 1]) {
      const { user, secret, clock } = await anEnrolledUser();
      expect(await verifySecondFactor(handle.db, clock, user.id, { code: codeAt(secret, clock.now(), drift) }, ip)).toEqual({ ok: true });
    }
  });

  it('refuses a code two steps away', async () => {
    const { user, secret, clock } = await anEnrolledUser();
    for (const drift of [-2, 2]) {
      expect(await verifySecondFactor(handle.db, clock, user.id, { code: codeAt(secret, clock.now(), drift) }, ip)).toMatchObject({ ok: false, field: 'code' });
    }
  });

  it('refuses a code used already, and the code of an earlier step once a later one was used', async () => {
    const { user, secret, clock } = await anEnrolledUser();
    const now = codeAt(secret, clock.now());
    expect((await verifySecondFactor(handle.db, clock, user.id, { code: now }, ip)).ok).toBe(true);
    expect(await verifySecondFactor(handle.db, clock, user.id, { code: now }, ip)).toMatchObject({ ok: false, message: WRONG_CODE });
    expect(await verifySecondFactor(handle.db, clock, user.id, { code: codeAt(secret, clock.now(), -1) }, ip)).toMatchObject({ ok: false });
    clock.advance(30_000);
    expect((await verifySecondFactor(handle.db, clock, user.id, { code: codeAt(secret, clock.now()) }, ip)).ok).toBe(true);
  });

  it('takes "123 456" as typed from the app', async () => {
    const { user, secret, clock } = await anEnrolledUser();
    const code = codeAt(secret, clock.now());
    expect((await verifySecondFactor(handle.db, clock, user.id, { code: `${code.slice(0, 3)} ${code.slice(3)}` }, ip)).ok).toBe(true);
  });

  it('accepts a recovery code once, typed in capitals or without dashes, and logs its use', async () => {
    const { user, codes, clock } = await anEnrolledUser();
    const typed = codes[3]!.toUpperCase().replaceAll('-', ' ');
    expect(await verifySecondFactor(handle.db, clock, user.id, { recoveryCode: typed }, ip)).toEqual({ ok: true });
    expect(await verifySecondFactor(handle.db, clock, user.id, { recoveryCode: codes[3]! }, ip)).toMatchObject({
      ok: false,
      field: 'recoveryCode',
      message: WRONG_RECOVERY_CODE,
    });
    expect(await verifySecondFactor(handle.db, clock, user.id, { recoveryCode: codes[4]! }, ip)).toEqual({ ok: true });
    const used = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(user.id)), eq(auditLog.action, 'second_factor.recovery_code_used')));
    expect(used.map((entry) => entry.details)).toEqual([{ recoveryCodesLeft: 9 }, { recoveryCodesLeft: 8 }]);
  });

  it('throttles wrong codes like wrong passwords: after five, even the right code waits', async () => {
    const { user, secret, clock } = await anEnrolledUser();
    for (let i = 0; i < 5; i++) {
      expect(await verifySecondFactor(handle.db, clock, user.id, { code: '000000' }, ip)).toMatchObject({ ok: false, field: 'code' });
    }
    const throttled = await verifySecondFactor(handle.db, clock, user.id, { code: codeAt(secret, clock.now()) }, ip);
    expect(throttled).toMatchObject({ ok: false, code: 'throttled', message: expect.stringContaining('Trop de tentatives') });
    clock.advance(31_000);
    expect(await verifySecondFactor(handle.db, clock, user.id, { code: codeAt(secret, clock.now()) }, ip)).toEqual({ ok: true });
  });

  it('checks codes arriving together one at a time: one code opens one session', async () => {
    const { user, secret, clock } = await anEnrolledUser();
    const code = codeAt(secret, clock.now());
    const results = await Promise.all(Array.from({ length: 4 }, () => verifySecondFactor(handle.db, clock, user.id, { code }, ip)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });
});

describe('the login with a second factor', () => {
  it('opens a session after the password alone when the account has no second factor', async () => {
    const user = await aGuardian(handle.db);
    expect(await afterPassword(handle.db, fixedClock('2026-11-26T10:00:00Z'), sessionUser(user))).toEqual({ ok: true, value: sessionUser(user) });
  });

  it('asks for a code after the right password, with a ticket that a right code turns into a session', async () => {
    const { user, secret, clock } = await anEnrolledUser('agent');
    const step = await afterPassword(handle.db, clock, sessionUser(user));
    expect(step.ok).toBe(false);
    const ticket = ticketOfRefusal(step.ok ? undefined : step.code);
    expect(ticket).toBeTruthy();
    expect(await completeLogin(handle.db, clock, { ticket: ticket!, proof: { code: '000000' }, ip })).toMatchObject({
      ok: false,
      code: 'second-factor-invalid:code',
    });
    expect(await completeLogin(handle.db, clock, { ticket: ticket!, proof: { code: codeAt(secret, clock.now()) }, ip })).toEqual({
      ok: true,
      value: sessionUser(user),
    });
  });

  it('refuses a ticket after five minutes, once altered, or after a password change', async () => {
    const { user, secret, clock } = await anEnrolledUser();
    const ticket = issueLoginTicket(clock, 'password', user);
    const proof = () => ({ code: codeAt(secret, clock.now()) });

    const [payload, signature] = ticket.split('.');
    const forged = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace(`.${user.id}.`, `.${user.id + 1}.`)).toString('base64url');
    expect(await completeLogin(handle.db, clock, { ticket: `${forged}.${signature}`, proof: proof(), ip })).toMatchObject({ code: 'ticket-expired' });

    clock.advance(5 * 60_000 + 1);
    expect(await completeLogin(handle.db, clock, { ticket, proof: proof(), ip })).toMatchObject({ ok: false, code: 'ticket-expired' });

    const fresh = issueLoginTicket(clock, 'password', user);
    await changePassword(handle.db, clock, user.id, { currentPassword: password, newPassword: 'une phrase toute neuve et longue' });
    expect(await completeLogin(handle.db, clock, { ticket: fresh, proof: proof(), ip })).toMatchObject({ ok: false, code: 'ticket-expired' });
  });

  it('never lets the password step’s ticket open a session without a code, nor a renewal ticket stand in for the password', async () => {
    const { user, secret, clock } = await anEnrolledUser();
    const passwordTicket = issueLoginTicket(clock, 'password', user);
    expect(await renewSession(handle.db, clock, passwordTicket)).toMatchObject({ ok: false });
    const renewal = await sessionRenewalTicket(handle.db, clock, user.id);
    expect(await renewSession(handle.db, clock, renewal)).toEqual({ ok: true, value: sessionUser(user) });
    expect(await completeLogin(handle.db, clock, { ticket: renewal, proof: { code: codeAt(secret, clock.now()) }, ip })).toMatchObject({
      ok: false,
      code: 'ticket-expired',
    });
  });
});

describe('managing the second factor', () => {
  it('gives ten new recovery codes for the password, and the old ones stop working', async () => {
    const { user, codes, clock } = await anEnrolledUser();
    expect(await regenerateRecoveryCodes(handle.db, clock, user.id, { currentPassword: 'faux', ip })).toMatchObject({
      ok: false,
      field: 'currentPassword',
    });
    const renewed = await regenerateRecoveryCodes(handle.db, clock, user.id, { currentPassword: password, ip });
    expect(renewed.ok).toBe(true);
    const fresh = renewed.ok ? renewed.value : [];
    expect(fresh).toHaveLength(10);
    expect(await verifySecondFactor(handle.db, clock, user.id, { recoveryCode: codes[0]! }, ip)).toMatchObject({ ok: false });
    expect(await verifySecondFactor(handle.db, clock, user.id, { recoveryCode: fresh[0]! }, ip)).toEqual({ ok: true });
    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(user.id)), eq(auditLog.action, 'second_factor.recovery_codes_regenerated')));
    expect(audit).toHaveLength(1);
  });

  it('lets a family turn it off with the password, and logs it', async () => {
    const { user, clock } = await anEnrolledUser();
    expect(await disableSecondFactor(handle.db, clock, user.id, { currentPassword: 'faux', ip })).toMatchObject({ ok: false, field: 'currentPassword' });
    expect((await secondFactorStatus(handle.db, user.id)).state).toBe('on');
    expect(await disableSecondFactor(handle.db, clock, user.id, { currentPassword: password, ip })).toEqual({ ok: true });
    expect((await secondFactorStatus(handle.db, user.id)).state).toBe('off');
    expect(await handle.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toEqual([]);
    expect(await afterPassword(handle.db, clock, sessionUser(user))).toMatchObject({ ok: true });
    const audit = await handle.db.select().from(auditLog).where(and(eq(auditLog.entityId, String(user.id)), eq(auditLog.action, 'second_factor.disabled')));
    expect(audit).toHaveLength(1);
  });

  it('does not let staff turn it off', async () => {
    const { user, clock } = await anEnrolledUser('agent');
    expect(await disableSecondFactor(handle.db, clock, user.id, { currentPassword: password, ip })).toMatchObject({ ok: false });
    expect((await secondFactorStatus(handle.db, user.id)).state).toBe('on');
  });
});
