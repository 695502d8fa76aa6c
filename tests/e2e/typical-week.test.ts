import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, demo, expectAccessible, expectNoHorizontalScroll, logIn, sharedBrowser } from './browser';

const browser = sharedBrowser();

const AFTERNOON = 'ALSH 3-6 ans Après-midi';
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "Mercredi 16 décembre 2026" → "16/12/2026", as « Vos demandes en cours » and the recap show it. */
function shortDate(long: string): string {
  const [, day, month, year] = /^\S+ (\d{1,2})(?:er)? (\S+) (\d{4})$/.exec(long)!;
  return `${day!.padStart(2, '0')}/${String(MONTHS.indexOf(month!) + 1).padStart(2, '0')}/${year}`;
}

async function openCalendar(page: Page, child: string, activity: string) {
  await page.getByRole('navigation', { name: 'Compte famille' }).getByRole('link', { name: 'Réservations' }).click();
  await page.getByRole('list', { name: 'Personne concernée' }).getByRole('link', { name: child }).click();
  await page.getByRole('list', { name: 'Activité concernée' }).getByRole('link', { name: activity, exact: true }).click();
  await page.locator('#calendrier table').waitFor();
}

describe.skipIf(!browserAvailable())('Semaine type, on a 360 px phone', () => {
  it('asks for every Wednesday of the afternoons in one step: the preview gives each reason, the basket and the recap hold the days', async () => {
    const context = await browser.newContext({ width: 360 });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await logIn(page, demo.family.identifier, demo.family.password);
    await page.waitForURL('**/accueil');
    await openCalendar(page, 'DUPONT Antoine', AFTERNOON);

    await page.getByRole('link', { name: 'Semaine type' }).click();
    await page.waitForURL('**/reservations/semaine-type?**');
    await page.getByRole('heading', { name: 'Semaine type', level: 1 }).waitFor();
    const weekdays = page.getByRole('group', { name: 'Jours de la semaine' });
    expect(await weekdays.getByRole('checkbox').count()).toBeGreaterThanOrEqual(5);
    expect(await page.getByLabel('Du', { exact: true }).inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.getByLabel('Au', { exact: true }).inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    await weekdays.getByRole('checkbox', { name: 'Mercredi' }).check();
    await page.getByRole('button', { name: 'Voir les jours' }).click();
    const preview = page.getByRole('table', { name: /^Jours de votre semaine type/ });
    await preview.waitFor();
    const rows: { date: string; outcome: string }[] = [];
    for (const row of await preview.locator('tbody tr').all()) {
      const [date, outcome] = await row.locator('td').allTextContents();
      rows.push({ date: date!, outcome: outcome!.replace(/^[✓✗] /, '') });
    }
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) expect(row.date).toMatch(/^Mercredi /);
    // The demo data fills the afternoon of the period's third Wednesday, waiting list included.
    expect(rows.map((row) => row.outcome)).toContain('Activité complète et liste d’attente complète.');
    const requested = rows.filter((row) => row.outcome.startsWith('Sera demandé'));
    expect(requested.length).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: `Jours de votre semaine type (${requested.length} sur ${rows.length} seront demandés)` }).isVisible()).toBe(true);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: 'test-results/semaine-type-360.png', fullPage: true });

    await page.getByRole('button', { name: 'Ajouter au panier' }).click();
    await page.waitForURL('**/reservations?**ajoutes=**');
    expect(await page.getByRole('status').filter({ hasText: 'ajouté' }).textContent()).toContain(
      `${requested.length === 1 ? '1 jour ajouté' : `${requested.length} jours ajoutés`} à vos demandes en cours.`,
    );
    const basket = page.getByRole('region', { name: 'Vos demandes en cours' });
    const lines = await basket.locator('li').allTextContents();
    for (const { date } of requested) expect(lines.filter((line) => line.includes(shortDate(date)) && line.includes('DUPONT Antoine') && line.includes(AFTERNOON)), date).toHaveLength(1);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    await page.getByRole('link', { name: 'Valider' }).click();
    await page.waitForURL('**/reservations/recapitulatif**');
    const recap = await page.locator('main table tbody tr td:first-child').allTextContents();
    for (const { date } of requested) expect(recap, date).toContain(shortDate(date));

    // Leaves the demo family's basket empty for the other browser tests.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Abandonner' }).click();
    await page.waitForURL('**/reservations?**abandon=1**');
    await context.close();
  });

  it('works without JavaScript: the preview is a plain GET form and « Ajouter au panier » a plain form post', async () => {
    const context = await browser.newContext({ width: 360 });
    await context.route('**/*.js', (route) => route.abort());
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await logIn(page, demo.family.identifier, demo.family.password);
    await page.waitForURL('**/accueil');
    await openCalendar(page, 'DUPONT Antoine', AFTERNOON);
    await page.getByRole('link', { name: 'Semaine type' }).click();
    await page.getByRole('group', { name: 'Jours de la semaine' }).getByRole('checkbox', { name: 'Mercredi' }).check();
    await page.getByRole('button', { name: 'Voir les jours' }).click();
    await page.waitForURL('**/reservations/semaine-type?**jours=3**');
    const preview = page.url();
    const heading = await page.getByRole('heading', { name: /^Jours de votre semaine type/ }).textContent();
    const [, count] = /\((\d+) sur \d+ seront demandés\)/.exec(heading!)!;
    await page.getByRole('button', { name: 'Ajouter au panier' }).click();
    await page.waitForURL(`**/reservations?**ajoutes=${count}**`);
    const calendar = page.url();
    expect(await page.getByRole('region', { name: 'Vos demandes en cours' }).locator('li').count()).toBe(Number(count));

    // The same preview again: the days are now in the basket, « Déjà demandé », and nothing is left to add.
    await page.goto(preview);
    const outcomes = await page.getByRole('table', { name: /^Jours de votre semaine type/ }).locator('tbody tr td:nth-child(2)').allTextContents();
    expect(outcomes.filter((outcome) => outcome.endsWith('Déjà demandé'))).toHaveLength(Number(count));
    expect(await page.getByRole('button', { name: 'Ajouter au panier' }).count()).toBe(0);
    await page.goto(calendar);
    await page.getByRole('button', { name: 'Abandonner' }).click();
    await page.waitForURL('**/reservations?**abandon=1**');
    await context.close();
  });
});
