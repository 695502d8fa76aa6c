import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, demo, expectAccessible, expectNoHorizontalScroll, logIn, sharedBrowser } from './browser';

const browser = sharedBrowser();

// What the tests expect is computed here, apart from the app's own code: today in Paris, month
// names in French from Intl, amounts read back from the page.
const todayInParis = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

function monthLabel(offset: number): string {
  const [year, month] = todayInParis().split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1 + offset, 15)),
  );
}

/** 'YYYY-MM' of this month (offset 0) or another. */
function monthParam(offset: number): string {
  const [year, month] = todayInParis().split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1 + offset, 15)).toISOString().slice(0, 7);
}

/** "octobre et novembre 2026", or "décembre 2026 et janvier 2027" across a new year. */
function lastTwoMonthsLabel(): string {
  const [previous, current] = [monthLabel(-1), monthLabel(0)];
  const sameYear = previous.split(' ')[1] === current.split(' ')[1];
  return `${sameYear ? previous.split(' ')[0] : previous} et ${current}`;
}

function lastDayOfNextMonth(): string {
  const [year, month] = todayInParis().split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month + 1, 0)).toISOString().slice(0, 10);
}

/** "1 234,56", "-48,35 €", "-73,80 à régulariser" → cents. */
function cents(text: string | null): number {
  const match = /([-−]?)(\d{1,3}(?:[\s\u00a0\u202f]\d{3})*|\d+),(\d{2})/.exec(text ?? '');
  if (!match) throw new Error(`No amount in "${text}".`);
  const value = Number(match[2]!.replace(/\D/g, '')) * 100 + Number(match[3]);
  return match[1] ? -value : value;
}

const cellText = (row: Locator, n: number) => row.locator(`td:nth-child(${n})`).textContent();

async function loggedInAsDupont(width?: number) {
  const context = await browser.newContext({ width });
  const page = await context.newPage();
  await logIn(page, demo.family.identifier, demo.family.password);
  await page.waitForURL('**/accueil');
  return { context, page };
}

/** The consumption rows and the TOTAL (€) of the history shown; each row's Total is Prix × Qté. */
async function readConsumptionHistory(page: Page) {
  const rows = await page.locator('main table tbody tr').all();
  const totals: number[] = [];
  for (const row of rows) {
    const [price, quantity, total] = [cents(await cellText(row, 4)), Number(await cellText(row, 5)), cents(await cellText(row, 6))];
    expect(total).toBe(price * quantity);
    totals.push(total);
  }
  const totalRow = page.getByRole('row', { name: /TOTAL \(€\)/ });
  const total = (await totalRow.count()) > 0 ? cents(await totalRow.locator('td').last().textContent()) : null;
  return { totals, total };
}

describe.skipIf(!browserAvailable())('Historiques and Soldes et paiements, as DUPONT uses them', () => {
  it('shows this month’s consumptions with a TOTAL equal to the sum of the rows, and the previous month with the arrow', async () => {
    const { context, page } = await loggedInAsDupont();
    await page.getByRole('navigation', { name: 'Compte famille' }).getByRole('link', { name: 'Historiques' }).click();
    await page.waitForURL('**/historiques');
    await page.getByRole('heading', { level: 2, name: monthLabel(0) }).waitFor();
    expect(await page.getByRole('link', { name: /^Mois suivant/ }).count()).toBe(0);
    const headings = await page.locator('main table thead th').allTextContents();
    const current = await readConsumptionHistory(page);
    if (current.totals.length > 0) {
      expect(headings).toEqual(['Date', 'Consommateur', 'Activité', 'Prix (€)', 'Qté', 'Total']);
      expect(current.total).toBe(current.totals.reduce((sum, total) => sum + total, 0));
    } else {
      // Early in a month DUPONT may have consumed nothing yet.
      expect(await page.getByText(`Aucune consommation en ${monthLabel(0)}.`).isVisible()).toBe(true);
    }
    await expectAccessible(page);

    await page.getByRole('link', { name: `Mois précédent : ${monthLabel(-1)}` }).click();
    await page.getByRole('heading', { level: 2, name: monthLabel(-1) }).waitFor();
    const previous = await readConsumptionHistory(page);
    expect(await page.locator('main table thead th').allTextContents()).toEqual(['Date', 'Consommateur', 'Activité', 'Prix (€)', 'Qté', 'Total']);
    expect(previous.totals.length).toBeGreaterThan(0);
    expect(previous.total).toBe(previous.totals.reduce((sum, total) => sum + total, 0));
    // The guide's dates: a weekday and the day of the month.
    expect(await page.locator('main table tbody tr td:first-child [aria-hidden="true"]').first().textContent()).toMatch(
      /^(Lun|Mar|Mer|Jeu|Ven|Sam|Dim) \d{1,2}$/,
    );
    expect(await page.getByRole('link', { name: `Mois suivant : ${monthLabel(0)}` }).isVisible()).toBe(true);
    await expectAccessible(page);
    await context.close();
  });

  it('falls back to this month, politely, for a month in the future', async () => {
    const { context, page } = await loggedInAsDupont();
    const response = await page.goto('/historiques?mois=2999-01');
    expect(response?.status()).toBe(200);
    expect(await page.getByText('Ce mois n’est pas encore commencé : voici le mois en cours.').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 2, name: monthLabel(0) }).isVisible()).toBe(true);
    await context.close();
  });

  it('shows the two cheques of the guide, 90,00 and 50,00, with a TOTAL of 140,00', async () => {
    const { context, page } = await loggedInAsDupont();
    await page.goto('/historiques');
    await page.getByRole('link', { name: 'Historiques des règlements' }).click();
    await page.waitForURL('**/historiques/reglements**');
    await page.getByRole('heading', { level: 2, name: lastTwoMonthsLabel() }).waitFor();
    expect(await page.locator('main table thead th').allTextContents()).toEqual([
      'Date reçu',
      'Mode règlement',
      'N° pièce',
      'Nom Payeur',
      'Nom Banque',
      'Montant',
    ]);
    const rows = page.locator('main table tbody tr');
    expect(await rows.count()).toBe(2);
    for (const [i, piece, amount] of [[0, '795466', 9000], [1, '924466', 5000]] as const) {
      const row = rows.nth(i);
      expect(await cellText(row, 1)).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(await row.locator('td:nth-child(2) abbr').textContent()).toBe('CH');
      expect(await row.locator('td:nth-child(2) abbr').getAttribute('title')).toBe('Chèque');
      expect(await cellText(row, 3)).toBe(piece);
      expect(await cellText(row, 4)).toBe('DUPONT Jean-Paul');
      expect(await cellText(row, 5)).toBe('LEP');
      expect(cents(await cellText(row, 6))).toBe(amount);
    }
    expect(await page.getByRole('row', { name: /TOTAL \(€\)/ }).locator('td').last().textContent()).toBe('140,00');
    await expectAccessible(page);
    await context.close();
  });

  it('shows each wallet’s balance, and a later "jusqu’au" date raises the estimated cost', async () => {
    const { context, page } = await loggedInAsDupont();
    const accueil = new Map<string, number>();
    for (const row of await page.locator('main table tbody tr').all()) {
      accueil.set((await row.locator('th').textContent())!, cents(await row.locator('td').textContent()));
    }
    expect(accueil.size).toBe(3);

    await page.getByRole('link', { name: 'Soldes et paiements' }).click();
    await page.waitForURL('**/soldes');
    const date = page.getByLabel("Calculez vos réservations jusqu'au");
    expect(await date.inputValue()).toBe(lastDayOfNextMonth());
    expect(await page.locator('main table thead th').allTextContents()).toEqual(['Porte-monnaie', 'Solde', 'Coût estimé', 'Nouveau solde']);

    const summary = page.locator('main p[role="status"]').filter({ hasText: 'Votre crédit:' });
    const readWallets = async () => {
      const wallets = new Map<string, { balance: number; cost: number; next: number }>();
      for (const row of await page.locator('main table tbody tr').all()) {
        const wallet = { balance: cents(await cellText(row, 2)), cost: cents(await cellText(row, 3)), next: cents(await cellText(row, 4)) };
        expect(wallet.balance - wallet.cost).toBe(wallet.next);
        wallets.set((await row.locator('th').textContent())!, wallet);
      }
      const line = (await summary.textContent())!;
      const [credit, reservations, estimated] = line.split(/Montant des réservations:|Solde estimé:/).map(cents) as [number, number, number];
      const sum = (pick: (w: { balance: number; cost: number; next: number }) => number) =>
        [...wallets.values()].reduce((total, wallet) => total + pick(wallet), 0);
      expect([credit, reservations, estimated]).toEqual([sum((w) => w.balance), sum((w) => w.cost), sum((w) => w.next)]);
      return { wallets, reservations };
    };

    const later = await readWallets();
    for (const [wallet, balance] of accueil) expect(later.wallets.get(wallet)?.balance, wallet).toBe(balance);
    await expectAccessible(page);

    // Today: DUPONT's reservations still to come are all after it.
    const before = await summary.textContent();
    await date.fill(todayInParis());
    await page.waitForURL(`**/soldes?jusquau=${todayInParis()}`);
    await expect.poll(() => summary.textContent()).not.toBe(before);
    const today = await readWallets();
    expect(today.reservations).toBeLessThan(later.reservations);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('jusquau');
    const cdc = 'CDC PE2M - APS ET CLSH';
    expect(later.wallets.get(cdc)!.cost).toBeGreaterThan(today.wallets.get(cdc)!.cost);
    for (const [wallet, { balance }] of today.wallets) expect(balance, wallet).toBe(accueil.get(wallet));
    await context.close();
  });

  it('computes the estimate with the Calculer button when JavaScript is off, and explains an invalid date', async () => {
    const { context } = await loggedInAsDupont();
    const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
    const page = await noScript.newPage();
    await page.goto('/soldes');
    const date = page.getByLabel("Calculez vos réservations jusqu'au");
    await date.fill(todayInParis());
    await page.getByRole('button', { name: 'Calculer' }).click();
    await page.waitForURL(`**/soldes?jusquau=${todayInParis()}`);
    expect(await date.inputValue()).toBe(todayInParis());

    await page.goto('/soldes?jusquau=2026-02-30');
    expect(await page.getByText('La date saisie n’est pas valide').isVisible()).toBe(true);
    expect(await date.inputValue()).toBe(lastDayOfNextMonth());
    await noScript.close();
    await context.close();
  });

  it('fits a 360 px phone: the tables scroll inside their box, never the page', async () => {
    const { context, page } = await loggedInAsDupont(360);
    for (const path of ['/historiques', `/historiques?mois=${monthParam(-1)}`, '/historiques/reglements', '/soldes']) {
      await page.goto(path);
      await page.locator('main h1').waitFor();
      await expectNoHorizontalScroll(page);
      await expectAccessible(page);
    }
    await page.screenshot({ path: 'test-results/soldes-360.png', fullPage: true });
    await context.close();
  });

  it('prints the history alone: no header, navigation or buttons, the whole table on the page', async () => {
    const { context, page } = await loggedInAsDupont();
    await page.goto('/historiques/reglements');
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'oui');
    });
    await page.getByRole('button', { name: 'Imprimer' }).click();
    expect(await page.locator('body').getAttribute('data-printed')).toBe('oui');

    await page.emulateMedia({ media: 'print' });
    // Role queries skip what is hidden: look the elements up by markup instead.
    expect(await page.locator('header').isVisible()).toBe(false);
    // The tabs, the history's own tabs, and the footer's legal links.
    expect(await page.locator('nav').count()).toBe(3);
    expect(await page.locator('footer').isVisible()).toBe(false);
    for (const navigation of await page.locator('nav').all()) expect(await navigation.isVisible()).toBe(false);
    expect(await page.locator('button', { hasText: 'Imprimer' }).isVisible()).toBe(false);
    expect(await page.locator('a[aria-label^="Mois précédent"]').isVisible()).toBe(false);
    expect(await page.getByText('Compte Famille · Famille DUPONT').isVisible()).toBe(true);
    const table = page.locator('main table');
    expect(await table.isVisible()).toBe(true);
    const [box, width] = [await table.boundingBox(), await page.evaluate(() => document.documentElement.clientWidth)];
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    expect(await table.evaluate((element) => getComputedStyle(element.closest('[role="region"]')!).overflowX)).toBe('visible');
    expect(await page.locator('main').evaluate((element) => getComputedStyle(element).color)).toBe('rgb(0, 0, 0)');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });
});
