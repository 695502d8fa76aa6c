import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));

const secret = 'request-session-test-secret-0123456789abcdef';
const claims = { uid: 42, role: 'family', familyId: 7, sessionVersion: 3, sessionId: 'session-42' };
const tokenFor = (salt: string, maxAge = 60) => encode({ token: claims, secret, salt, maxAge });

let requestSession: typeof import('@/lib/auth/request-session').requestSession;
beforeAll(async () => {
  process.env.AUTH_SECRET = secret;
  ({ requestSession } = await import('@/lib/auth/request-session'));
});

describe('the session of a request, read from its cookie', () => {
  it('gives the user the session callback gives, from the plain or the __Secure- cookie', async () => {
    const user = { id: '42', role: 'family', familyId: 7, sessionVersion: 3, sessionId: 'session-42' };
    request.headers = new Headers({ cookie: `authjs.session-token=${await tokenFor('authjs.session-token')}` });
    expect(await requestSession()).toEqual({ user });
    request.headers = new Headers({ cookie: `__Secure-authjs.session-token=${await tokenFor('__Secure-authjs.session-token')}` });
    expect(await requestSession()).toEqual({ user });
  });

  it('refuses an expired token, a token under the wrong name, and a token sent in an Authorization header', async () => {
    request.headers = new Headers({ cookie: `authjs.session-token=${await tokenFor('authjs.session-token', -60)}` });
    expect(await requestSession()).toBeNull();
    request.headers = new Headers({ cookie: `authjs.session-token=${await tokenFor('another-salt')}` });
    expect(await requestSession()).toBeNull();
    request.headers = new Headers({ authorization: `Bearer ${await tokenFor('authjs.session-token')}` });
    expect(await requestSession()).toBeNull();
    request.headers = new Headers();
    expect(await requestSession()).toBeNull();
  });
});
