import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, demo, expectAccessible, expectNoHorizontalScroll, logIn, renderedBackground, sharedBrowser } from './browser';

const browser = sharedBrowser();


describe.skipIf(!browserAvailable())('the portal, as a person uses it', () => {
  it('sends an anonymous visitor of a family page to the login page, in French', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/accueil');
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await expect.poll(() => page.getByRole('button', { name: 'Se connecter' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Identifiant').isVisible()).toBe(true);
    expect(await page.getByLabel('Mot de passe').isVisible()).toBe(true);
    await expectAccessible(page);
    await context.close();
  });

  it('gives one message for a wrong password and for an unknown identifier', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await logIn(page, 'dupont', 'pas-le-bon-mot-de-passe');
    // Next.js has a route announcer with role="alert" too: take the form's own.
    const alert = page.locator('form [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Identifiant ou mot de passe incorrect.');
    await logIn(page, 'personne-de-ce-nom', 'pas-le-bon-mot-de-passe');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Identifiant ou mot de passe incorrect.');
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await context.close();
  });

  it('shows DUPONT its children and its three wallets, on a 360 px phone', async () => {
    const context = await browser.newContext({ width: 360 });
    const page = await context.newPage();
    await logIn(page, demo.family.identifier, demo.family.password);
    await page.waitForURL('**/accueil');
    const main = page.locator('main');
    await main.getByText('DUPONT Liou').waitFor();
    expect(await main.getByText('DUPONT Antoine').isVisible()).toBe(true);
    for (const wallet of ['RESTAURATION', 'PERISCOLAIRE', 'CDC PE2M - APS ET CLSH']) {
      expect(await main.getByRole('rowheader', { name: wallet }).isVisible()).toBe(true);
    }
    // The guide's red logout button sits left of the person's name.
    const logout = page.getByRole('button', { name: 'Se déconnecter' });
    const name = page.getByText('DUPONT Jean-Paul');
    const [logoutBox, nameBox] = [await logout.boundingBox(), await name.boundingBox()];
    expect(logoutBox!.x).toBeLessThan(nameBox!.x);
    const [red, green, blue] = await logout.evaluate(renderedBackground);
    expect(red).toBeGreaterThan(150);
    expect(green + blue).toBeLessThan(100);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/accueil-360.png', fullPage: true });

    // A family never gets a staff page.
    await page.goto('/admin');
    expect(new URL(page.url()).pathname).toBe('/accueil');
    await page.goto('/admin/familles?q=DUPONT');
    expect(new URL(page.url()).pathname).toBe('/accueil');

    await logout.click();
    await page.waitForURL('**/connexion');
    await page.goto('/accueil');
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await context.close();
  });

  it('opens nothing with a cookie copied before the logout', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await logIn(page, demo.family.identifier, demo.family.password);
    await page.waitForURL('**/accueil');
    const copied = await context.cookies();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL('**/connexion');

    // Someone who copied the cookie before the logout (a shared computer, a stolen backup).
    const thief = await browser.newContext();
    await thief.addCookies(copied);
    const stolen = await thief.newPage();
    await stolen.goto('/accueil');
    expect(new URL(stolen.url()).pathname).toBe('/connexion');
    await stolen.goto('/suivi');
    expect(new URL(stolen.url()).pathname).toBe('/connexion');
    await thief.close();
    await context.close();
  });

  it('lets staff into the staff area, which lists the families', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await logIn(page, demo.agent.identifier, demo.agent.password);
    await page.waitForURL('**/admin');
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('navigation', { name: 'Espace mairie' }).getByRole('link', { name: 'Familles', exact: true }).click();
    await page.getByLabel('Nom, identifiant, enfant ou e-mail').fill('dupont');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('rowheader', { name: 'DUPONT' }).waitFor();
    expect(await page.getByText('1 famille').isVisible()).toBe(true);
    // Staff have no family pages.
    await page.goto('/accueil');
    expect(new URL(page.url()).pathname).toBe('/admin');
    await context.close();
  });
});

describe('the embedded database has one owner', () => {
  it('refuses a second server on the same .data directory, and the first keeps serving its data', async () => {
    const second = spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/serve.ts', 'dev'], {
      env: { ...process.env, PGLITE_DIR: inject('pgliteDir'), DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/The embedded database .* is already in use by process \d+/);

    const response = await fetch(`${inject('baseURL')}/connexion`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Se connecter');
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL || !browserAvailable())('the production build on PostgreSQL', () => {
  it('migrates, seeds and serves DUPONT from a PostgreSQL database', async () => {
    const { startServer } = await import('./server');
    const { createTestDatabase } = await import('../support/db');
    const database = await createTestDatabase();
    const seed = spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/db.ts', 'seed'], {
      env: { ...process.env, DATABASE_URL: database.url },
      encoding: 'utf8',
    });
    expect(seed.status, seed.stderr).toBe(0);
    const server = await startServer({ DATABASE_URL: database.url!, AUTH_SECRET: 'e2e-postgres-secret-0123456789abcdef' });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.baseURL}/connexion`);
      await page.getByLabel('Identifiant').fill(demo.family.identifier);
      await page.getByLabel('Mot de passe').fill(demo.family.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL('**/accueil');
      await page.locator('main').getByText('DUPONT Liou').waitFor();
      await context.close();
    } finally {
      await server.stop();
      await database.close();
    }
  });
});
