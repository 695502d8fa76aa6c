import { encode } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeSessionToken } from '@/lib/auth/session-token';

const decrypt = vi.hoisted(() => ({ calls: 0 }));
vi.mock('next-auth/jwt', async (importOriginal) => {
  const original = await importOriginal<typeof import('next-auth/jwt')>();
  return {
    ...original,
    decode: (params: Parameters<typeof original.decode>[0]) => {
      decrypt.calls++;
      return original.decode(params);
    },
  };
});

const secret = 'session-token-test-secret-0123456789abcdef';
const salt = 'authjs.session-token';
const claims = { uid: 42, role: 'family', familyId: 7, sessionVersion: 3, sessionId: 'session-42' } as const;
// Each test its own token: what one test remembered must not answer another.
const tokenFor = (sessionId: string, options: { maxAge?: number; salt?: string; secret?: string } = {}) =>
  encode({ token: { ...claims, sessionId }, secret: options.secret ?? secret, salt: options.salt ?? salt, maxAge: options.maxAge ?? 60 });

afterEach(() => {
  vi.useRealTimers();
  decrypt.calls = 0;
});

describe('the session cookie, decrypted once per process', () => {
  it('decrypts a cookie on its first request and answers the next ones from memory, with the same claims', async () => {
    const token = await tokenFor('first');
    const first = await decodeSessionToken({ token, secret, salt });
    const second = await decodeSessionToken({ token, secret, salt });
    expect(first).toMatchObject({ ...claims, sessionId: 'first' });
    expect(second).toEqual(first);
    expect(decrypt.calls).toBe(1);
  });

  it('refuses a remembered cookie once it has expired, as a decryption would', async () => {
    const token = await tokenFor('expiring', { maxAge: 60 });
    expect(await decodeSessionToken({ token, secret, salt })).not.toBeNull();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 60_000 + 16_000);
    expect(await decodeSessionToken({ token, secret, salt })).toBeNull();
  });

  it('never remembers a cookie that does not decrypt: under another name or another secret it is refused every time', async () => {
    const token = await tokenFor('elsewhere', { salt: 'another-salt' });
    await expect(decodeSessionToken({ token, secret, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token, secret, salt })).rejects.toThrow();
    expect(decrypt.calls).toBe(2);
  });

  it('forgets what it remembered when the secret changes: a cookie of the old secret no longer opens anything', async () => {
    const token = await tokenFor('rotated');
    expect(await decodeSessionToken({ token, secret, salt })).not.toBeNull();
    await expect(decodeSessionToken({ token, secret: 'the-new-secret-0123456789abcdef0123456789', salt })).rejects.toThrow();
  });

  it('hands each caller its own copy of the claims', async () => {
    const token = await tokenFor('copied');
    const first = await decodeSessionToken({ token, secret, salt });
    first!.role = 'admin';
    expect((await decodeSessionToken({ token, secret, salt }))!.role).toBe('family');
  });
});
