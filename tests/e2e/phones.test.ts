import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accessibleName, browserAvailable, demo, expectAccessible, expectNoHorizontalScroll, logIn, sharedBrowser } from './browser';

const browser = sharedBrowser();
const PHONE = 360;

async function loggedInAsDupontOnAPhone() {
  const context = await browser.newContext({ width: PHONE });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await logIn(page, demo.family.identifier, demo.family.password);
  await page.waitForURL('**/accueil');
  return { context, page };
}

/** Each element is on screen as the page first shows it: not cut, not past the right edge, not behind a sideways scroll. */
async function expectInsideViewport(elements: Locator[], what: string) {
  expect(elements.length, what).toBeGreaterThan(0);
  for (const element of elements) {
    const box = await element.boundingBox();
    const text = await element.textContent();
    expect(box, `${what}: ${text}`).not.toBeNull();
    expect(box!.x, `${what}: ${text}`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${what}: ${text}`).toBeLessThanOrEqual(PHONE);
  }
}

const bodyRows = (page: Page) => page.locator('main table tbody tr').all();

describe.skipIf(!browserAvailable())('On a 360 px phone, what matters in each table is in sight without scrolling sideways', () => {
  it('shows each consumption’s total and the TOTAL amount in Historiques, and each payment’s amount', async () => {
    const { context, page } = await loggedInAsDupontOnAPhone();
    await page.goto('/historiques');
    const totals = [];
    for (const row of await bodyRows(page)) totals.push(row.locator('td').last().locator('span').first());
    await expectInsideViewport(totals, 'Total of a consumption');
    await expectInsideViewport([page.getByRole('row', { name: /TOTAL \(€\)/ }).locator('td').last()], 'TOTAL (€)');
    // Each value comes after its column's name, drawn beside it.
    const label = await page.locator('main table tbody td[data-label="Total"]').first().evaluate((cell) => getComputedStyle(cell, '::before').content);
    expect(label).toContain('Total');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    await page.goto('/historiques/reglements');
    const amounts = [];
    for (const row of await bodyRows(page)) amounts.push(row.locator('td').last().locator('span').first());
    await expectInsideViewport(amounts, 'Montant of a payment');
    await expectAccessible(page);
    await context.close();
  });

  it('shows each wallet’s « Nouveau solde » in Soldes et paiements', async () => {
    const { context, page } = await loggedInAsDupontOnAPhone();
    await page.goto('/soldes');
    const balances = [];
    for (const row of await bodyRows(page)) balances.push(row.locator('td[data-label="Nouveau solde"] span').first());
    await expectInsideViewport(balances, 'Nouveau solde');
    // Still a table with its headings for a screen reader.
    expect(await page.getByRole('columnheader', { name: 'Nouveau solde' }).count()).toBe(1);
    expect(await page.getByRole('rowheader').count()).toBe(balances.length);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await context.close();
  });

  it('shows each reservation’s status in Suivi', async () => {
    const { context, page } = await loggedInAsDupontOnAPhone();
    await page.goto('/suivi');
    const statuses = [];
    for (const row of await bodyRows(page)) statuses.push(row.locator('td').last().locator('span').first());
    await expectInsideViewport(statuses, 'Statut');
    expect(await page.getByRole('table').getByRole('cell').count()).toBe(statuses.length * 6);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await context.close();
  });

  it('keeps « Valider » and « Abandonner » right under the calendar, shows each cost on the recap, and abandons back to the same calendar', async () => {
    const { context, page } = await loggedInAsDupontOnAPhone();
    await page.goto('/reservations');
    expect(await page.getByText('Choisissez d’abord la personne concernée').isVisible()).toBe(true);
    await page.getByRole('list', { name: 'Personne concernée' }).getByRole('link', { name: 'DUPONT Liou' }).click();
    await page.getByRole('list', { name: 'Activité concernée' }).getByRole('link', { name: 'ALSH 6-12 ans Matin', exact: true }).click();
    await page.locator('#calendrier table').waitFor();
    const day = page.getByRole('button', { name: /, disponible, cliquer pour réserver$/ }).first();
    const label = await accessibleName(day);
    await day.click();
    await page.getByRole('button', { name: new RegExp(`^${label.split(',')[0]}, demandé`) }).waitFor();
    const calendarUrl = new URL(page.url());
    const month = await page.locator('#calendrier-titre').textContent();

    const validate = page.getByRole('link', { name: 'Valider' });
    const legend = page.getByRole('heading', { name: 'Code couleur :' });
    const [validateBox, abandonBox, legendBox] = [await validate.boundingBox(), await page.getByRole('button', { name: 'Abandonner' }).boundingBox(), await legend.boundingBox()];
    expect(validateBox!.y).toBeLessThan(legendBox!.y);
    expect(abandonBox!.y).toBeLessThan(legendBox!.y);
    await expectInsideViewport([validate, page.getByRole('button', { name: 'Abandonner' })], 'calendar buttons');

    await validate.click();
    await page.waitForURL('**/reservations/recapitulatif**');
    const costs = [];
    for (const row of await page.getByRole('table', { name: 'Récapitulatif des réservations' }).locator('tbody tr').all()) {
      costs.push(row.locator('td[data-label="Coût"] span').first());
    }
    await expectInsideViewport(costs, 'Coût');
    await expectInsideViewport([page.getByText(/^Total :/).first()], 'Total');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Abandonner' }).click();
    await page.getByText('Vos demandes non validées ont été effacées.').waitFor();
    const back = new URL(page.url());
    for (const name of ['enfant', 'activite']) expect(back.searchParams.get(name), name).toBe(calendarUrl.searchParams.get(name));
    await page.locator('#calendrier table').waitFor();
    expect(await page.locator('#calendrier-titre').textContent()).toBe(month);
    await context.close();
  });
});
