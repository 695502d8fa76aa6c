import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, emailPreviewPolicy, securityHeaders, staticHeaderRules } from '@/lib/security/headers';

const directives = (policy: string) =>
  new Map(
    policy.split(';').map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

describe('the security headers policy', () => {
  it('allows scripts only from the site, by nonce, and lets them load the bundles they need', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'abc123', mode: 'production' }));
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });

  it('forbids framing, plugins, foreign forms, a foreign base and foreign connections', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'n', mode: 'production' }));
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    // A form may lead to the portal itself and to PayFiP's payment page (« Paiement CB » without JavaScript), nowhere else.
    expect(policy.get('form-action')).toEqual(["'self'", 'https://www.payfip.gouv.fr']);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('font-src')).toEqual(["'self'"]);
  });

  it('accepts data: images (QR codes) and the stylesheet, style attributes and nonced style elements', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'n', mode: 'production' }));
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    expect(policy.get('style-src')).toEqual(["'self'", "'nonce-n'"]);
    expect(policy.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
  });

  it('gives eval and inline styles to the development server only', () => {
    const development = directives(contentSecurityPolicy({ nonce: 'n', mode: 'development' }));
    expect(development.get('script-src')).toContain("'unsafe-eval'");
    expect(development.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    for (const mode of ['production', 'test', undefined]) {
      const policy = contentSecurityPolicy({ nonce: 'n', mode });
      expect(policy).not.toContain('unsafe-eval');
      expect(directives(policy).get('style-src')).not.toContain("'unsafe-inline'");
    }
  });

  it('runs no inline script at all where there is no nonce', () => {
    expect(directives(contentSecurityPolicy({ mode: 'production' })).get('script-src')).toEqual(["'self'"]);
  });

  it('makes a fresh, unguessable nonce for every request', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it('sends no referrer from the pages reached by an e-mailed token, and only the origin elsewhere', () => {
    for (const pathname of ['/mot-de-passe-oublie/nouveau', '/confirmer-email', '/confirmer-email/']) {
      expect(securityHeaders({ pathname, nonce: 'n', mode: 'production' })['referrer-policy'], pathname).toBe('no-referrer');
    }
    for (const pathname of ['/', '/connexion', '/mot-de-passe-oublie', '/accueil', '/api/auth/session']) {
      expect(securityHeaders({ pathname, nonce: 'n', mode: 'production' })['referrer-policy'], pathname).toBe('strict-origin-when-cross-origin');
    }
  });

  it('asks for HTTPS for two years in production only', () => {
    expect(securityHeaders({ pathname: '/', nonce: 'n', mode: 'production' })['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(securityHeaders({ pathname: '/', nonce: 'n', mode: 'development' })).not.toHaveProperty('strict-transport-security');
    expect(securityHeaders({ pathname: '/', nonce: 'n', mode: 'test' })).not.toHaveProperty('strict-transport-security');
  });

  it('denies the browser features the portal does not use', () => {
    const policy = securityHeaders({ pathname: '/', nonce: 'n', mode: 'production' })['permissions-policy'];
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(policy).toContain(`${feature}=()`);
    expect(policy).toMatch(/^([a-z-]+=\(\))(, [a-z-]+=\(\))*$/);
  });

  it('always forbids content sniffing', () => {
    expect(securityHeaders({ pathname: '/accueil', nonce: 'n', mode: 'test' })['x-content-type-options']).toBe('nosniff');
  });

  it('keeps the staff e-mail preview in a sandbox with no script and no request elsewhere', () => {
    const headers = securityHeaders({ pathname: '/admin/emails/12/apercu', nonce: 'n', mode: 'production' });
    expect(headers['content-security-policy']).toBe(emailPreviewPolicy);
    expect(directives(emailPreviewPolicy).get('sandbox')).toEqual([]);
    expect(directives(emailPreviewPolicy).get('default-src')).toEqual(["'none'"]);
    expect(securityHeaders({ pathname: '/admin/emails/12', nonce: 'n', mode: 'production' })['content-security-policy']).toContain("'nonce-n'");
  });

  it('gives the static files the same headers without a nonce, and keeps token pages referrer-free there too', () => {
    const [everything, ...tokenRules] = staticHeaderRules('production');
    if (!everything) throw new Error('no catch-all rule');
    expect(everything.source).toBe('/:path*');
    const values = Object.fromEntries(everything.headers.map(({ key, value }) => [key, value]));
    expect(values['content-security-policy']).toBe(contentSecurityPolicy({ mode: 'production' }));
    expect(values['x-content-type-options']).toBe('nosniff');
    expect(values['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(values['permissions-policy']).toContain('camera=()');
    expect(tokenRules).toEqual([
      { source: '/mot-de-passe-oublie/nouveau', headers: [{ key: 'referrer-policy', value: 'no-referrer' }] },
      { source: '/confirmer-email', headers: [{ key: 'referrer-policy', value: 'no-referrer' }] },
    ]);
  });
});
