import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, demo, expectAccessible, expectNoHorizontalScroll, logIn, sharedBrowser } from './browser';

const browser = sharedBrowser();

// This year in Paris: the demo's consumptions are of the current school year.
const thisYear = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date()).slice(0, 4);

async function loggedInAsDupont(width?: number) {
  const context = await browser.newContext({ width, acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, demo.family.identifier, demo.family.password);
  await page.waitForURL('**/accueil');
  return { context, page };
}

/** The attestations page of this year, reached from Historiques as a parent does. */
async function openAttestations(page: Page) {
  await page.goto('/historiques');
  await page.getByRole('link', { name: 'Attestations de frais de garde (enfants de moins de 6 ans)' }).click();
  await page.waitForURL('**/historiques/attestations');
  await page.getByRole('heading', { level: 1, name: 'Attestations de frais de garde' }).waitFor();
  await page.getByLabel('Année', { exact: true }).selectOption(thisYear());
  await page.getByRole('button', { name: 'Afficher' }).click();
  await page.getByRole('heading', { level: 2, name: `Année ${thisYear()}` }).waitFor();
}

/** Clicks Antoine's link and checks the file the browser downloads and what the server answered. */
async function downloadAntoine(context: BrowserContext, page: Page) {
  const link = page.getByRole('link', { name: `Télécharger l’attestation (PDF) de DUPONT Antoine pour ${thisYear()}` });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^attestation-garde-${thisYear()}-DUPONT-Antoine-\\d+\\.pdf$`));
  const file = fs.readFileSync((await download.path())!);
  expect(file.length).toBeGreaterThan(1000);
  expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // The same address, fetched with the browser's session: the server says it is a PDF.
  const response = await context.request.get((await link.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
}

describe.skipIf(!browserAvailable())('the attestation de frais de garde, as DUPONT downloads it', () => {
  it('downloads Antoine’s PDF of this year from Historiques, on an accessible page', async () => {
    const { context, page } = await loggedInAsDupont();
    await openAttestations(page);
    // Antoine is under 6; Liou is older and has no attestation.
    const rows = page.locator('main table tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('th').textContent()).toContain('DUPONT Antoine');
    await expectAccessible(page);
    await downloadAntoine(context, page);
    await context.close();
  });

  it('works on a 360 px phone: nothing sticks out sideways and the download still works', async () => {
    const { context, page } = await loggedInAsDupont(360);
    await openAttestations(page);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await downloadAntoine(context, page);
    await context.close();
  });

  it('gives staff the year’s attestations in one ZIP from the Exports page', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await logIn(page, demo.admin.identifier, demo.admin.password);
    await page.waitForURL('**/admin');
    await page.goto('/admin/exports');
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Attestations de frais de garde d’une année' }) });
    await form.getByLabel('Année', { exact: true }).selectOption(thisYear());
    const [download] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: 'Télécharger' }).click()]);
    expect(download.suggestedFilename()).toBe(`attestations-garde-${thisYear()}.zip`);
    const file = fs.readFileSync((await download.path())!);
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
    await context.close();
  });
});
