import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { loginAttempts, users } from '@/db/schema';
import { eq, like } from 'drizzle-orm';
import { landingPath, logIn } from '@/lib/auth/login';
import { parseTrustedProxies, requestIp, UNKNOWN_ADDRESS } from '@/lib/auth/request-ip';
import { INVALID_CREDENTIALS_MESSAGE, accountThrottleKey } from '@/lib/auth/throttle';
import { fixedClock, type Clock } from '@/lib/clock';
import { createTestDatabase, onPostgres } from '../support/db';
import { aGuardian, aUser } from '../support/factories';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const password = 'le-bon-mot-de-passe';

describe('landingPath: where a login without a page to go back to lands', () => {
  it("is the account's home, found by login name or e-mail in any case", async () => {
    await aGuardian(handle.db, { login: 'Landing-Famille', email: 'landing.famille@example.fr' });
    await aUser(handle.db, { role: 'agent', login: 'landing-agent' });
    await aUser(handle.db, { role: 'admin', login: 'landing-admin' });
    expect(await landingPath(handle.db, ' landing-famille ')).toBe('/accueil');
    expect(await landingPath(handle.db, 'LANDING.FAMILLE@example.fr')).toBe('/accueil');
    expect(await landingPath(handle.db, 'landing-agent')).toBe('/admin');
    expect(await landingPath(handle.db, 'landing-admin')).toBe('/admin');
  });

  it('is / for an identifier that names no active account', async () => {
    await aGuardian(handle.db, { login: 'landing-inactive', active: false });
    expect(await landingPath(handle.db, 'landing-personne')).toBe('/');
    expect(await landingPath(handle.db, 'landing-inactive')).toBe('/');
  });
});

describe('logIn', () => {
  it('accepts the login name or the e-mail, in any case, and carries the role', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const guardian = await aGuardian(handle.db, { login: 'Martin', email: 'paul.martin@example.fr', password });
    const byLogin = await logIn(handle.db, clock, { identifier: ' martin ', password, ip: '10.0.0.1' });
    const byEmail = await logIn(handle.db, clock, { identifier: 'PAUL.MARTIN@example.fr', password, ip: '10.0.0.1' });
    expect(byLogin).toEqual({ ok: true, value: { id: guardian.id, role: 'family', familyId: guardian.familyId, sessionVersion: 0 } });
    expect(byEmail.ok).toBe(true);
  });

  it('gives the same message for a wrong password and an unknown identifier', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    await aGuardian(handle.db, { login: 'bernard', password });
    const wrongPassword = await logIn(handle.db, clock, { identifier: 'bernard', password: 'nope', ip: '10.0.0.2' });
    const unknown = await logIn(handle.db, clock, { identifier: 'personne', password, ip: '10.0.0.2' });
    expect(wrongPassword).toEqual({ ok: false, code: 'invalid', message: INVALID_CREDENTIALS_MESSAGE });
    expect(unknown).toEqual(wrongPassword);
  });

  it('refuses a deactivated account', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const user = await aGuardian(handle.db, { login: 'parti', password });
    await handle.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect((await logIn(handle.db, clock, { identifier: 'parti', password, ip: '10.0.0.3' })).ok).toBe(false);
  });

  it('throttles repeated wrong passwords, and the right password works after the wait', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    await aGuardian(handle.db, { login: 'durand', password });
    for (let i = 0; i < 5; i++) {
      const result = await logIn(handle.db, clock, { identifier: 'durand', password: `essai-${i}`, ip: '10.0.1.1' });
      expect(result.ok ? 'ok' : result.code).toBe('invalid');
      clock.advance(1_000);
    }
    // Blocked now, even with the right password and from another address.
    const blocked = await logIn(handle.db, clock, { identifier: 'durand', password, ip: '10.0.9.9' });
    expect(blocked).toMatchObject({ ok: false, code: 'throttled', message: expect.stringMatching(/^Trop de tentatives/) });

    clock.advance(31_000);
    const after = await logIn(handle.db, clock, { identifier: 'durand', password, ip: '10.0.1.1' });
    expect(after.ok).toBe(true);

    // A success wipes the slate: a single new mistake is not throttled.
    const oneMistake = await logIn(handle.db, clock, { identifier: 'durand', password: 'faux', ip: '10.0.1.1' });
    expect(oneMistake.ok ? 'ok' : oneMistake.code).toBe('invalid');
  });

  it('slows a guesser more with each failure, but never for more than 15 minutes', async () => {
    const clock = fixedClock('2026-11-26T12:00:00Z');
    await aGuardian(handle.db, { login: 'petit', password });
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const result = await logIn(handle.db, clock, { identifier: 'petit', password: 'faux', ip: `10.0.2.${i}` });
      if (!result.ok && result.code === 'throttled') {
        waits.push(result.retryAfterMs!);
        clock.advance(result.retryAfterMs!);
      } else {
        clock.advance(100);
      }
    }
    expect(waits.length).toBeGreaterThan(2);
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
    expect(Math.max(...waits)).toBeLessThanOrEqual(15 * 60_000);
  });

  it('throttles one address spraying many identifiers, without blocking others', async () => {
    const clock = fixedClock('2026-11-26T14:00:00Z');
    await aUser(handle.db, { role: 'agent', login: 'agent-x', password });
    for (let i = 0; i < 20; i++) {
      await logIn(handle.db, clock, { identifier: `inconnu-${i}`, password: 'x', ip: '203.0.113.7' });
    }
    const fromSprayer = await logIn(handle.db, clock, { identifier: 'agent-x', password, ip: '203.0.113.7' });
    const fromElsewhere = await logIn(handle.db, clock, { identifier: 'agent-x', password, ip: '198.51.100.1' });
    expect(fromSprayer).toMatchObject({ ok: false, code: 'throttled' });
    expect(fromElsewhere.ok).toBe(true);
  });

  it('throttles the login name and the e-mail address of one account together', async () => {
    const clock = fixedClock('2026-11-26T15:00:00Z');
    await aGuardian(handle.db, { login: 'fabre', email: 'claire.fabre@example.fr', password });
    for (let i = 0; i < 3; i++) await logIn(handle.db, clock, { identifier: 'fabre', password: 'faux', ip: '10.0.3.1' });
    for (let i = 0; i < 2; i++) await logIn(handle.db, clock, { identifier: 'Claire.Fabre@example.fr', password: 'faux', ip: '10.0.3.2' });
    expect(await logIn(handle.db, clock, { identifier: 'claire.fabre@example.fr', password, ip: '10.0.3.3' })).toMatchObject({ code: 'throttled' });
    expect(await logIn(handle.db, clock, { identifier: 'fabre', password, ip: '10.0.3.3' })).toMatchObject({ code: 'throttled' });
  });

  it('does not count an identifier that names no account against the account it looks like', async () => {
    const clock = fixedClock('2026-11-26T15:30:00Z');
    const user = await aGuardian(handle.db, { login: 'garnier', password });
    for (let i = 0; i < 6; i++) await logIn(handle.db, clock, { identifier: accountThrottleKey(user.id), password: 'faux', ip: `10.0.4.${i}` });
    expect((await logIn(handle.db, clock, { identifier: 'garnier', password, ip: '10.0.4.9' })).ok).toBe(true);
  });
});

/** A login as auth.ts makes it: the address comes from the request's headers. */
function logInFrom(clock: Clock, forwardedFor: string, identifier: string, secret: string, trustedProxies = '') {
  const ip = requestIp(new Headers({ 'x-forwarded-for': forwardedFor }), parseTrustedProxies(trustedProxies));
  return logIn(handle.db, clock, { identifier, password: secret, ip });
}

describe('the address a login counts against', () => {
  it('with no trusted proxy, ignores a forged X-Forwarded-For, and strangers’ failures never lock another family out', async () => {
    const clock = fixedClock('2026-11-27T08:00:00Z');
    await aGuardian(handle.db, { login: 'morel', password });
    for (let i = 0; i < 25; i++) await logInFrom(clock, `198.18.0.${i}`, `inconnu-a-${i}`, 'x');
    const recorded = await handle.db.select({ ip: loginAttempts.ip }).from(loginAttempts).where(like(loginAttempts.identifier, 'name:inconnu-a-%'));
    expect(new Set(recorded.map((row) => row.ip))).toEqual(new Set([UNKNOWN_ADDRESS]));
    expect((await logInFrom(clock, '198.18.1.1', 'morel', password)).ok).toBe(true);
  });

  it('with one trusted proxy, the right-most X-Forwarded-For hop is the address, whatever the client put before it', async () => {
    const clock = fixedClock('2026-11-27T09:00:00Z');
    await aGuardian(handle.db, { login: 'girard', password });
    for (let i = 0; i < 20; i++) await logInFrom(clock, `198.18.0.${i}, 203.0.113.50`, `inconnu-b-${i}`, 'x', '1');
    expect(await logInFrom(clock, '198.18.9.9, 203.0.113.50', 'girard', password, '1')).toMatchObject({ ok: false, code: 'throttled' });
    expect((await logInFrom(clock, '203.0.113.50, 198.51.100.4', 'girard', password, '1')).ok).toBe(true);
  });
});

describe.skipIf(!onPostgres)('login throttling under concurrent tries (PostgreSQL)', () => {
  /** 30 wrong passwords for one account at the same instant, each claiming another address. */
  async function thirtyWrongPasswordsAtOnce(login: string, clock: Clock, unsafeWithoutLocking: boolean) {
    const user = await aGuardian(handle.db, { login, password });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const ip = requestIp(new Headers({ 'x-forwarded-for': `198.19.${i}.1` }), parseTrustedProxies(''));
        return logIn(handle.db, clock, { identifier: login, password: `essai-${i}`, ip }, { unsafeWithoutLocking });
      }),
    );
    const checked = results.filter((result) => !result.ok && result.code === 'invalid').length;
    const recorded = await handle.db.select().from(loginAttempts).where(eq(loginAttempts.identifier, accountThrottleKey(user.id)));
    return { results, checked, recorded: recorded.length };
  }

  it('checks at most 5 of 30 simultaneous wrong passwords, refuses the rest, and makes the right one wait', async () => {
    const clock = fixedClock('2026-11-28T08:00:00Z');
    const { results, checked, recorded } = await thirtyWrongPasswordsAtOnce('rapide', clock, false);
    expect(checked).toBe(5);
    expect(recorded).toBe(5);
    expect(results.filter((result) => !result.ok && result.code === 'throttled')).toHaveLength(25);
    expect(results.find((result) => !result.ok && result.code === 'throttled')).toMatchObject({ message: expect.stringMatching(/^Trop de tentatives/) });
    clock.advance(1_000);
    expect(await logIn(handle.db, clock, { identifier: 'rapide', password, ip: '198.51.100.20' })).toMatchObject({ ok: false, code: 'throttled' });
  });

  it('control: without the lock, the same race checks more than 5', async () => {
    const { checked } = await thirtyWrongPasswordsAtOnce('rapide-sans-verrou', fixedClock('2026-11-28T10:00:00Z'), true);
    expect(checked).toBeGreaterThan(5);
  });
});
