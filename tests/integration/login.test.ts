import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { users } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { logIn } from '@/lib/auth/login';
import { INVALID_CREDENTIALS_MESSAGE } from '@/lib/auth/throttle';
import { fixedClock } from '@/lib/clock';
import { createTestDatabase } from '../support/db';
import { aGuardian, aUser } from '../support/factories';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const password = 'le-bon-mot-de-passe';

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
});
