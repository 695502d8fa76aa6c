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
