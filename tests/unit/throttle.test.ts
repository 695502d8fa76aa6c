import { describe, expect, it } from 'vitest';
import { MAX_WAIT_MS, throttleMessage, waitBeforeNextTry } from '@/lib/auth/throttle';

const now = new Date('2026-11-26T10:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('login throttling rules', () => {
  it('lets the first failures through', () => {
    expect(waitBeforeNextTry([ago(10), ago(20), ago(30), ago(40)], 5, now)).toBe(0);
  });

  it('makes the sixth try wait 30 seconds after the fifth failure', () => {
    expect(waitBeforeNextTry([ago(0), ago(1), ago(2), ago(3), ago(4)], 5, now)).toBe(30_000);
    expect(waitBeforeNextTry([ago(10), ago(11), ago(12), ago(13), ago(14)], 5, now)).toBe(20_000);
  });

  it('doubles the wait with each failure, up to the cap', () => {
    const failures = (n: number) => Array.from({ length: n }, () => ago(0));
    expect(waitBeforeNextTry(failures(6), 5, now)).toBe(60_000);
    expect(waitBeforeNextTry(failures(7), 5, now)).toBe(120_000);
    expect(waitBeforeNextTry(failures(40), 5, now)).toBe(MAX_WAIT_MS);
  });

  it('forgets failures older than the window', () => {
    expect(waitBeforeNextTry([ago(901), ago(902), ago(903), ago(904), ago(905)], 5, now)).toBe(0);
  });

  it('says how long to wait in French', () => {
    expect(throttleMessage(30_000)).toBe('Trop de tentatives de connexion. Réessayez dans 1 minute.');
    expect(throttleMessage(150_000)).toBe('Trop de tentatives de connexion. Réessayez dans 3 minutes.');
  });
});
