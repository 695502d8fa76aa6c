import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatEuros } from '@/lib/format';
import { browserAvailable, demo, expectAccessible, expectNoHorizontalScroll, logIn, sharedBrowser } from './browser';

const browser = sharedBrowser();
const PHONE = 360;

async function loggedIn(login: { identifier: string; password: string }, landing: string) {
  const context = await browser.newContext({ width: PHONE });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await logIn(page, login.identifier, login.password);
  await page.waitForURL(`**${landing}`);
  return { context, page };
}

/** The demo's « ALSH 3-6 ans Matin », the activity with a price grid by QF. */
async function openMorningActivity(page: Page) {
  await page.goto('/admin/activites');
  await page.getByRole('link', { name: 'ALSH 3-6 ans Matin', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'ALSH 3-6 ans Matin' }).waitFor();
}

describe.skipIf(!browserAvailable())('Prices by quotient familial', () => {
  it('An admin edits the « Tarifs par quotient familial » grid on a 360 px phone: refused overlap in French, a bracket added and removed', async () => {
    const { context, page } = await loggedIn(demo.admin, '/admin');
    await openMorningActivity(page);
    await page.getByRole('link', { name: 'Tarifs par quotient familial' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tarifs par quotient familial : ALSH 3-6 ans Matin' }).waitFor();
    const grid = page.getByRole('table', { name: 'Tranches de quotient familial et leurs tarifs' });
    // Thousands are set apart by a narrow no-break space, as French writes them.
    const brackets = async () => (await grid.getByRole('rowheader').allTextContents()).map((text) => text.replace(/\s/g, ' '));
    expect(await brackets()).toEqual(['0 – 450', '451 – 700', '701 – 1 000', '1 001 et plus']);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    await page.getByLabel('Quotient familial de').fill('600');
    await page.getByLabel('à (facultatif)').fill('800');
    await page.getByLabel('Tarif unitaire (€)').fill('3,00');
    await page.getByRole('button', { name: 'Ajouter la tranche' }).click();
    await page.getByText('Cette tranche chevauche la tranche 451 – 700 : un quotient ne peut relever que d’une tranche.').first().waitFor();
    await page.getByLabel('Tarif unitaire (€)').fill('trois');
    await page.getByRole('button', { name: 'Ajouter la tranche' }).click();
    await page.getByText('Le tarif doit être un montant en euros, par exemple 6,65.').waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    expect(await brackets()).toHaveLength(4);

    // The grid's last bracket, removed and added again: the demo's grid is left as it was.
    await page.getByRole('button', { name: /^Supprimer la tranche 1\s001 et plus$/ }).click();
    await grid.getByRole('rowheader', { name: /^1\s001 et plus$/ }).waitFor({ state: 'detached' });
    await page.getByLabel('Quotient familial de').fill('1001');
    await page.getByLabel('à (facultatif)').fill('');
    await page.getByLabel('Tarif unitaire (€)').fill('4,75');
    await page.getByRole('button', { name: 'Ajouter la tranche' }).click();
    await page.getByText('La tranche est ajoutée.').waitFor();
    await grid.getByRole('rowheader', { name: /^1\s001 et plus$/ }).waitFor();
    expect(await grid.getByRole('row', { name: /1\s001 et plus/ }).textContent()).toContain(formatEuros(475));
    expect(await brackets()).toEqual(['0 – 450', '451 – 700', '701 – 1 000', '1 001 et plus']);
    await context.close();
  });

  it('An agent records a family’s « Quotient familial » on a 360 px phone: an overlapping validity refused, a later one listed, then deleted', async () => {
    const { context, page } = await loggedIn(demo.agent, '/admin');
    await page.goto('/admin/familles?q=dupont');
    await page.getByRole('link', { name: /DUPONT/ }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Quotient familial' }).waitFor();
    await page.getByText(/En vigueur aujourd’hui : 620 \(Attestation CAF/).waitFor();
    const history = page.getByRole('table', { name: 'Quotients familiaux enregistrés' });
    expect(await history.getByRole('rowheader').allTextContents()).toEqual(['620']);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    const year = Number(today.slice(0, 4));
    await page.getByLabel('Quotient familial (€)').fill('480');
    await page.getByLabel('Justificatif').selectOption({ label: 'Avis d’imposition' });
    await page.getByLabel('Valable du').fill(today);
    await page.getByLabel('Valable au').fill(`${year + 1}-12-31`);
    await page.getByRole('button', { name: 'Enregistrer le quotient' }).click();
    await page.getByText(/Cette période chevauche le quotient 620 valable du/).first().waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // A validity after the one in force: recorded and listed, with its justificatif.
    await page.getByLabel('Valable du').fill(`${year + 3}-01-01`);
    await page.getByLabel('Valable au').fill(`${year + 3}-12-31`);
    await page.getByRole('button', { name: 'Enregistrer le quotient' }).click();
    await page.getByText('Le quotient familial est enregistré.').waitFor();
    await history.getByRole('row', { name: /480/ }).waitFor();
    expect(await history.getByRole('row', { name: /480/ }).textContent()).toContain('Avis d’imposition');
    await expectAccessible(page);

    await page.getByRole('button', { name: `Supprimer le quotient 480 du 01/01/${year + 3} au 31/12/${year + 3}` }).click();
    await history.getByRole('row', { name: /480/ }).waitFor({ state: 'detached' });
    expect(await history.getByRole('rowheader').allTextContents()).toEqual(['620']);
    await context.close();
  });

  it('DUPONT sees its bracket as « Tarif de l’activité » for Antoine’s mornings, and the activity’s own price elsewhere', async () => {
    const { context, page } = await loggedIn(demo.family, '/accueil');
    await page.getByRole('navigation', { name: 'Compte famille' }).getByRole('link', { name: 'Réservations' }).click();
    await page.getByRole('list', { name: 'Personne concernée' }).getByRole('link', { name: 'DUPONT Antoine' }).click();
    await page.getByRole('list', { name: 'Activité concernée' }).getByRole('link', { name: 'ALSH 3-6 ans Matin', exact: true }).click();
    await page.getByText('DUPONT Antoine · ALSH 3-6 ans Matin').waitFor();
    expect(await page.getByText("Tarif de l'activité :").locator('..').textContent()).toContain(formatEuros(320));
    await page.getByRole('list', { name: 'Activité concernée' }).getByRole('link', { name: 'ALSH 3-6 ans Après-midi', exact: true }).click();
    await page.getByText('DUPONT Antoine · ALSH 3-6 ans Après-midi').waitFor();
    expect(await page.getByText("Tarif de l'activité :").locator('..').textContent()).toContain(formatEuros(475));
    await context.close();
  });
});
