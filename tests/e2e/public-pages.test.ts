import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { browserAvailable, demo, expectAccessible, logIn, sharedBrowser } from './browser';

const browser = sharedBrowser();

const footerPages = [
  { link: 'Accessibilité : partiellement conforme', heading: 'Déclaration d’accessibilité', says: 'partiellement conforme' },
  { link: 'Mentions légales', heading: 'Mentions légales', says: 'Directeur de la publication' },
  { link: 'Données personnelles', heading: 'Données personnelles', says: 'aucun bandeau' },
];

const familyPages = [
  '/accueil',
  '/historiques',
  '/historiques/reglements',
  '/soldes',
  '/reservations',
  '/suivi',
  '/profil',
  '/profil/modifier',
  '/profil/securite',
];

describe.skipIf(!browserAvailable())('what a French public portal shows', () => {
  it('opens the accessibility statement, the legal notice and the personal data page from the login page, in French', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const { link, heading, says } of footerPages) {
      await page.goto('/connexion');
      await page.getByRole('contentinfo').getByRole('link', { name: link }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await page.locator('main').textContent()).toContain(says);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await expectAccessible(page);
    }
    await context.close();
  });

  it('puts the three links in the footer of every family page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await logIn(page, demo.family.identifier, demo.family.password);
    await page.waitForURL('**/accueil');
    for (const path of familyPages) {
      await page.goto(path);
      const footer = page.getByRole('contentinfo');
      for (const { link } of footerPages) expect(await footer.getByRole('link', { name: link }).isVisible(), `${path}: ${link}`).toBe(true);
    }
    await context.close();
  });

  it('answers an unknown address with a French page in the family’s own frame, with a way back to Accueil', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await logIn(page, demo.family.identifier, demo.family.password);
    await page.waitForURL('**/accueil');
    const response = await page.goto('/cette-page-n-existe-pas');
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Compte famille' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByRole('main').getByRole('link', { name: 'Retour à l’accueil' }).click();
    await page.waitForURL('**/accueil');
    await context.close();
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!browserAvailable())('a server error', () => {
  it('shows the parent a reference number that the server log carries', async () => {
    // The built app, started straight on a database that does not answer: every logged-in page fails.
    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    const secret = 'e2e-server-error-secret-0123456789abcdef';
    const child = spawn(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
      env: { ...process.env, NODE_ENV: 'production', AUTH_SECRET: secret, AUTH_TRUST_HOST: 'true', PORTAL_URL: baseURL, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/personne' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout!.on('data', (chunk: Buffer) => (log += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk));
    const context = await browser.newContext({ baseURL });
    try {
      await expect.poll(() => fetch(`${baseURL}/connexion`).then((r) => r.status, () => 0), { timeout: 60_000 }).toBe(200);
      const token = await encode({ token: { sub: '1', uid: 1, role: 'family', familyId: 1, sessionId: 'session', sessionVersion: 0 }, secret, salt: 'authjs.session-token' });
      await context.addCookies([{ name: 'authjs.session-token', value: token, url: baseURL }]);
      const page = await context.newPage();
      await page.goto('/soldes');
      await page.getByRole('heading', { level: 1, name: 'Une erreur est survenue' }).waitFor();
      const reference = await page.locator('main strong').textContent();
      expect(reference).toMatch(/^\w+$/);
      await expect.poll(() => log).toContain(`[erreur] référence ${reference} — GET /soldes`);
      expect(await page.getByRole('link', { name: 'Retour à l’accueil' }).isVisible()).toBe(true);
      await expectAccessible(page);
    } finally {
      await context.close();
      child.kill('SIGTERM');
    }
  });
});
