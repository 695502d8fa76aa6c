import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, demo, expectAccessible, expectNoHorizontalScroll, logIn, mailsTo, sharedBrowser } from './browser';

const browser = sharedBrowser();
const CDC = 'CDC PE2M - APS ET CLSH';

/** "1 234,56", "-48,35 à régulariser" → cents (read back from the page, apart from the app's code). */
function cents(text: string | null): number {
  const match = /([-−]?)(\d{1,3}(?:[\s\u00a0\u202f]\d{3})*|\d+),(\d{2})/.exec(text ?? '');
  if (!match) throw new Error(`No amount in "${text}".`);
  const value = Number(match[2]!.replace(/\D/g, '')) * 100 + Number(match[3]);
  return match[1] ? -value : value;
}

async function loggedInAsDupont(width?: number) {
  const context = await browser.newContext({ width });
  const page = await context.newPage();
  await logIn(page, demo.family.identifier, demo.family.password);
  await page.waitForURL('**/accueil');
  return { context, page };
}

/** The « Solde » of a wallet on Soldes et paiements. */
async function soldeOf(page: Page, wallet: string): Promise<number> {
  await page.goto('/soldes');
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: wallet, exact: true }) });
  return cents(await row.getByRole('cell').first().textContent());
}

/** From Soldes, « Paiement CB », an amount on CDC only, then the test bank's page. */
async function payOnCdc(page: Page, { amount, email }: { amount: string; email: string }) {
  await page.goto('/soldes');
  await page.getByRole('link', { name: 'Paiement CB' }).click();
  await page.waitForURL('**/soldes/paiement**');
  const amounts = page.getByLabel(/^Montant à créditer sur /);
  for (let i = 0; i < (await amounts.count()); i++) await amounts.nth(i).fill('0');
  await page.getByLabel(`Montant à créditer sur ${CDC}, en euros`).fill(amount);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Paiement CB' }).click();
  await page.waitForURL('**/banque-test/**');
}

async function payWithCard(page: Page, number: string) {
  await page.getByLabel('Numéro de carte').fill(number);
  await page.getByLabel('Date d’expiration (MM/AA)').fill('12/39');
  await page.getByLabel('Cryptogramme (CVV)').fill('123');
  await page.getByRole('button', { name: 'Payer' }).click();
  await page.waitForURL('**/soldes/paiement/retour/**');
}

describe.skipIf(!browserAvailable())('Paiement CB with the sandbox bank, as DUPONT pays', () => {
  it('pays 79,00 € on « CDC PE2M - APS ET CLSH »: the Solde rises by exactly 79,00, the règlement is CB, the confirmation is sent', { timeout: 150_000 }, async () => {
    const { context, page } = await loggedInAsDupont();
    const before = await soldeOf(page, CDC);

    await page.getByRole('link', { name: 'Paiement CB' }).click();
    await page.waitForURL('**/soldes/paiement**');
    expect(await page.locator('main table thead th').allTextContents()).toEqual(['Porte-monnaie', 'Solde', 'Coût estimé', 'Montant à créditer', 'Nouveau solde']);
    // The e-mail comes from the profile; « Nouveau solde » and the total follow what is typed.
    expect(await page.getByLabel('Email', { exact: true }).inputValue()).toMatch(/@/);
    const cdcRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: CDC, exact: true }) });
    const [solde, cost] = [cents(await cdcRow.getByRole('cell').nth(0).textContent()), cents(await cdcRow.getByRole('cell').nth(1).textContent())];
    expect(cents(await cdcRow.getByRole('cell').nth(3).textContent())).toBe(solde - cost + cents(await page.getByLabel(`Montant à créditer sur ${CDC}, en euros`).inputValue()));
    await expectAccessible(page);
    const amounts = page.getByLabel(/^Montant à créditer sur /);
    for (let i = 0; i < (await amounts.count()); i++) await amounts.nth(i).fill('0');
    await page.getByLabel(`Montant à créditer sur ${CDC}, en euros`).fill('79,00');
    expect(cents(await cdcRow.getByRole('cell').nth(3).textContent())).toBe(solde - cost + 7900);
    expect(await page.getByText(/^TOTAL Paiement \(€\) :/).textContent()).toBe('TOTAL Paiement (€) : 79,00');

    // Limits: refused with French messages, nothing leaves for the bank.
    await page.getByLabel(`Montant à créditer sur ${CDC}, en euros`).fill('12,345');
    await page.getByRole('button', { name: 'Paiement CB' }).click();
    await page.getByText('Le paiement n’a pas été lancé : corrigez les champs signalés.').waitFor();
    expect(page.url()).toContain('/soldes/paiement');
    expect(await page.getByLabel(`Montant à créditer sur ${CDC}, en euros`).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);

    await page.getByLabel(`Montant à créditer sur ${CDC}, en euros`).fill('79,00');
    await page.getByLabel('Email', { exact: true }).fill('paiement-cb-e2e@example.fr');
    await page.getByRole('button', { name: 'Paiement CB' }).click();
    await page.waitForURL('**/banque-test/**');
    await payWithCard(page, '4242 4242 4242 4242');

    // The return page may first say that the bank's answer is awaited; it refreshes itself.
    await page.getByText('Paiement accepté : 79,00 €').waitFor({ timeout: 20_000 });
    const main = ((await page.locator('main').textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');
    const reference = /\b(CF[A-Z0-9]{14})\b/.exec(main)?.[1];
    expect(reference).toBeDefined();
    expect(main).toContain(`${CDC} : 79,00 €`);
    expect(main).toContain('Un e-mail de confirmation vous a été envoyé à paiement-cb-e2e@example.fr.');
    await expectAccessible(page);

    expect(await soldeOf(page, CDC)).toBe(before + 7900);

    await page.goto('/historiques/reglements');
    const reglement = page.getByRole('row').filter({ hasText: reference! });
    expect(await reglement.getByRole('cell').nth(1).textContent()).toContain('CB');
    expect(cents(await reglement.getByRole('cell').last().textContent())).toBe(7900);

    // Queued in the outbox by the settlement; the notification is a server-to-server call, so the
    // minute's delivery run (in-process cron) hands it to Resend: wait up to one run and a half.
    let [mail] = await mailsTo('paiement-cb-e2e@example.fr');
    for (let tries = 0; !mail && tries < 5; tries++) [mail] = await mailsTo('paiement-cb-e2e@example.fr');
    expect(mail?.text).toContain(reference);
    expect(mail?.text).toMatch(/79,00/);
    await context.close();
  });

  it('a refused card and « Abandonner » change no balance', async () => {
    const { context, page } = await loggedInAsDupont();
    const before = await soldeOf(page, CDC);

    await payOnCdc(page, { amount: '25,00', email: 'refus-e2e@example.fr' });
    await payWithCard(page, '4000 0000 0000 0002');
    await page.getByText('Paiement refusé par la banque : aucun montant n’a été débité.').waitFor({ timeout: 20_000 });
    await expectAccessible(page);
    expect(await soldeOf(page, CDC)).toBe(before);

    await payOnCdc(page, { amount: '25,00', email: 'abandon-e2e@example.fr' });
    await page.getByRole('button', { name: 'Abandonner' }).click();
    await page.waitForURL('**/soldes/paiement/retour/**');
    await page.getByText('Paiement abandonné : aucun montant n’a été débité.').waitFor({ timeout: 20_000 });
    expect(await soldeOf(page, CDC)).toBe(before);
    await context.close();
  });

  it('works without JavaScript: the form posts, the server checks, the bank page and the return page follow', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, demo.family.identifier, demo.family.password);
    await page.waitForURL('**/accueil');
    await page.goto('/soldes/paiement');
    await page.getByLabel(`Montant à créditer sur ${CDC}, en euros`).fill('-3');
    await page.getByRole('button', { name: 'Paiement CB' }).click();
    await page.getByText('Le montant à créditer ne peut pas être négatif.').first().waitFor();
    const amounts = page.getByLabel(/^Montant à créditer sur /);
    for (let i = 0; i < (await amounts.count()); i++) await amounts.nth(i).fill('0');
    await page.getByLabel(`Montant à créditer sur ${CDC}, en euros`).fill('1,00');
    await page.getByLabel('Email', { exact: true }).fill('sans-js-e2e@example.fr');
    await page.getByRole('button', { name: 'Paiement CB' }).click();
    await page.waitForURL('**/banque-test/**');
    await page.getByRole('button', { name: 'Abandonner' }).click();
    await page.waitForURL('**/soldes/paiement/retour/**');
    await page.getByText('Paiement abandonné : aucun montant n’a été débité.').waitFor();
    await context.close();
  });

  it('is usable on a 360 px phone', async () => {
    const { context, page } = await loggedInAsDupont(360);
    await page.goto('/soldes/paiement');
    await page.getByRole('button', { name: 'Paiement CB' }).waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    const field = page.getByLabel(`Montant à créditer sur ${CDC}, en euros`);
    await field.fill('10,00');
    expect(await field.isVisible()).toBe(true);
    if (process.env.CARD_PAYMENT_SCREENSHOT) await page.screenshot({ path: process.env.CARD_PAYMENT_SCREENSHOT, fullPage: true });
    await context.close();
  });
});
