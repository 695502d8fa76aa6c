import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import proxy from '@/proxy';

const secret = 'proxy-test-secret-0123456789abcdef';
const cookieName = 'authjs.session-token';
const saved = process.env.AUTH_SECRET;
beforeAll(() => {
  process.env.AUTH_SECRET = secret;
});
afterAll(() => {
  process.env.AUTH_SECRET = saved;
});

async function requestAs(path: string, role?: string) {
  const headers = new Headers();
  if (role) headers.set('cookie', `${cookieName}=${await encode({ token: { sub: '1', role }, secret, salt: cookieName })}`);
  return new NextRequest(`http://localhost${path}`, { headers });
}

const nonceOf = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1];

describe('the proxy', () => {
  it('sends an anonymous visitor to the login page with the security headers on the redirect', async () => {
    const response = await proxy(await requestAs('/accueil'));
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('http://localhost/connexion?callbackUrl=%2Faccueil');
    expect(nonceOf(response.headers.get('content-security-policy'))).toBeTruthy();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('permissions-policy')).toContain('camera=()');
  });

  it('hands the page the policy with its nonce on the request, and the browser the same one', async () => {
    const response = await proxy(await requestAs('/accueil', 'family'));
    expect(response.headers.get('x-middleware-next')).toBe('1');
    const sent = response.headers.get('content-security-policy');
    expect(nonceOf(sent)).toBeTruthy();
    expect(response.headers.get('x-middleware-request-content-security-policy')).toBe(sent);
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('lets Inngest reach /api/inngest without a session: it authenticates with its signing key', async () => {
    const response = await proxy(await requestAs('/api/inngest'));
    expect(response.headers.get('x-middleware-next')).toBe('1');
  });

  it('lets a gateway’s notification and the test card page through without a session: they have their own checks', async () => {
    for (const path of ['/api/paiements/notification/sandbox', '/banque-test/0123456789abcdef0123456789abcdef']) {
      expect((await proxy(await requestAs(path))).headers.get('x-middleware-next'), path).toBe('1');
    }
    expect((await proxy(await requestAs('/soldes/paiement/retour/CFABCDEFGHJKLMNP'))).status).toBe(307);
  });

  it('lets a phone’s calendar app fetch a private calendar feed without a session, and nothing else under /api', async () => {
    const feed = await proxy(await requestAs('/api/agenda/3q2-7wEj5l6Dy0cvYd6rV_ZxL8mXk1aNbPq4sTuVwXy'));
    expect(feed.headers.get('x-middleware-next')).toBe('1');
    for (const path of ['/api/agendas', '/api/agenda-prive/x', '/profil', '/api/reservations']) {
      const response = await proxy(await requestAs(path));
      expect(response.status, path).toBe(307);
      expect(response.headers.get('location'), path).toContain('/connexion');
    }
  });

  it('makes a new nonce for every request', async () => {
    const [first, second] = await Promise.all([proxy(await requestAs('/connexion')), proxy(await requestAs('/connexion'))]);
    expect(nonceOf(first.headers.get('content-security-policy'))).not.toBe(nonceOf(second.headers.get('content-security-policy')));
  });

  it('sends no referrer from a token page, and puts the headers on the API routes', async () => {
    expect((await proxy(await requestAs('/mot-de-passe-oublie/nouveau?jeton=x'))).headers.get('referrer-policy')).toBe('no-referrer');
    expect((await proxy(await requestAs('/api/auth/session'))).headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('keeps the staff e-mail preview sandboxed', async () => {
    expect((await proxy(await requestAs('/admin/emails/3/apercu', 'admin'))).headers.get('content-security-policy')).toMatch(/^sandbox;/);
  });

  it('never sets a cookie, so a request in flight cannot undo a logout', async () => {
    for (const response of [await proxy(await requestAs('/accueil', 'family')), await proxy(await requestAs('/admin', 'family')), await proxy(await requestAs('/accueil'))]) {
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(response.headers.get('x-middleware-set-cookie')).toBeNull();
    }
  });

  it('lets an anonymous visitor read the accessibility statement, the legal notice and the personal data page', async () => {
    for (const path of ['/accessibilite', '/mentions-legales', '/donnees-personnelles']) {
      const response = await proxy(await requestAs(path));
      expect(response.headers.get('x-middleware-next'), path).toBe('1');
      expect(response.headers.get('location'), path).toBeNull();
    }
  });
});
