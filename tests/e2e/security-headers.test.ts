import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accessibleName, baseURL, browserAvailable, demo, logIn, sharedBrowser } from './browser';

const browser = sharedBrowser();

type Headers = Record<string, string>;

const fetchHeaders = async (path: string): Promise<{ status: number; headers: Headers }> => {
  const response = await fetch(`${baseURL()}${path}`, { redirect: 'manual' });
  return { status: response.status, headers: Object.fromEntries(response.headers) };
};

function expectSecurityHeaders(headers: Headers, { referrer = 'strict-origin-when-cross-origin', nonce = true } = {}) {
  const policy = headers['content-security-policy'] ?? '';
  for (const directive of [
    "default-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'self'",
  ]) {
    expect(policy).toContain(directive);
  }
  if (nonce) expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+=*' 'strict-dynamic'(;|$)/);
  expect(policy).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe(referrer);
  expect(headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(headers['permissions-policy']).toContain(`${feature}=()`);
}

/** Console messages about a refused script, style or resource, or a malformed Permissions-Policy. */
function collectPolicyComplaints(page: Page): string[] {
  const complaints: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Permissions-Policy|Permissions Policy/i.test(message.text())) complaints.push(message.text());
  });
  return complaints;
}

describe.skipIf(!browserAvailable())('the security headers, on every kind of response', () => {
  it('puts them on the login page, with a nonce that changes on every request and is on its scripts', async () => {
    const first = await fetchHeaders('/connexion');
    expect(first.status).toBe(200);
    expectSecurityHeaders(first.headers);
    const nonceOf = (headers: Headers) => /'nonce-([^']+)'/.exec(headers['content-security-policy']!)![1]!;
    expect(nonceOf((await fetchHeaders('/connexion')).headers)).not.toBe(nonceOf(first.headers));

  });

  it('stamps the scripts of every page with the nonce of its own request, static-looking pages and 404 too', async () => {
    for (const path of ['/connexion', '/mot-de-passe-oublie', '/page-qui-n-existe-pas']) {
      const response = await fetch(`${baseURL()}${path}`);
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy')!)![1]!;
      const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
  });

  it('puts them on the redirects the proxy issues, and on an API route', async () => {
    const redirect = await fetchHeaders('/accueil');
    expect(redirect.status).toBe(307);
    expect(redirect.headers.location).toContain('/connexion');
    expectSecurityHeaders(redirect.headers);

    const session = await fetchHeaders('/api/auth/session');
    expect(session.status).toBe(200);
    expect(session.headers['content-type']).toContain('application/json');
    expectSecurityHeaders(session.headers);
  });

  it('sends no referrer from the pages opened by an e-mailed link', async () => {
    for (const path of ['/mot-de-passe-oublie/nouveau?jeton=x', '/confirmer-email?jeton=x']) {
      const { status, headers } = await fetchHeaders(path);
      expect(status, path).toBe(200);
      expectSecurityHeaders(headers, { referrer: 'no-referrer' });
    }
    expectSecurityHeaders((await fetchHeaders('/mot-de-passe-oublie')).headers);
  });

  it('puts them, without a nonce, on the static files the proxy never sees', async () => {
    const html = await (await fetch(`${baseURL()}/connexion`)).text();
    const stylesheet = /href="(\/_next\/static\/[^"]+\.css)"/.exec(html)![1]!;
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!;
    for (const path of [stylesheet, script, '/icon.svg']) {
      const { status, headers } = await fetchHeaders(path);
      expect(status, path).toBe(200);
      expectSecurityHeaders(headers, { nonce: false });
      expect(headers['content-security-policy'], path).not.toContain('nonce-');
    }
  });

  it('puts them on a logged-in page and on the server action that logs in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const complaints = collectPolicyComplaints(page);
    const action = page.waitForResponse((response) => response.request().method() === 'POST' && Boolean(response.request().headers()['next-action']));
    await logIn(page, demo.family.identifier, demo.family.password);
    expectSecurityHeaders(await (await action).allHeaders());
    await page.waitForURL('**/accueil');
    const accueil = await page.reload();
    expectSecurityHeaders(await accueil!.allHeaders());
    expect(complaints).toEqual([]);
    await context.close();
  });

  it('lets a 404, Mot de passe oublié, the login page, Accueil and Réservations run their scripts without a single policy violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const complaints = collectPolicyComplaints(page);
    await page.goto('/page-qui-n-existe-pas');
    await page.waitForLoadState('networkidle');
    await page.goto('/mot-de-passe-oublie');
    await page.waitForLoadState('networkidle');
    await logIn(page, demo.family.identifier, demo.family.password);
    await page.waitForURL('**/accueil');
    await page.getByRole('navigation', { name: 'Compte famille' }).getByRole('link', { name: 'Réservations' }).click();
    await page.getByRole('list', { name: 'Personne concernée' }).getByRole('link', { name: 'DUPONT Liou' }).click();
    await page.getByRole('list', { name: 'Activité concernée' }).getByRole('link', { name: 'ALSH 6-12 ans Matin', exact: true }).click();
    await page.locator('#calendrier table').waitFor();
    // React ran: the calendar added the field that asks for an update in place.
    await page.locator('input[name="affichage"]').first().waitFor({ state: 'attached' });

    const day = page.getByRole('button', { name: /, disponible, cliquer pour réserver$/ });
    while ((await day.count()) === 0) {
      const title = await page.locator('#calendrier-titre').textContent();
      await page.getByRole('link', { name: /^Mois suivant/ }).click();
      await expect.poll(() => page.locator('#calendrier-titre').textContent()).not.toBe(title);
    }
    // The day buttons have no aria-label: their name is built on the date they show.
    const label = await accessibleName(day.first());
    const action = page.waitForResponse((response) => response.request().method() === 'POST' && Boolean(response.request().headers()['next-action']));
    await day.first().click();
    expectSecurityHeaders(await (await action).allHeaders());
    const requested = page.getByRole('button', { name: `${label.split(',')[0]}, demandé, pas encore validé, cliquer pour retirer la demande` });
    await requested.click();
    await page.getByRole('button', { name: label }).waitFor();
    expect(complaints).toEqual([]);
    await context.close();
  });
});
