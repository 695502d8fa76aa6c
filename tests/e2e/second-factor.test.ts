import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, demo, expectAccessible, expectNoHorizontalScroll, logIn, sharedBrowser } from './browser';
import { startServer } from './server';

const browser = sharedBrowser();

// The staff member enrols for good: a server of its own, so the other files keep the demo admin as it is.
let server: Awaited<ReturnType<typeof startServer>> | undefined;
let workDir = '';
beforeAll(async () => {
  if (!browserAvailable()) return;
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-e2e-totp-'));
  server = await startServer({
    PGLITE_DIR: path.join(workDir, 'pglite'),
    MAIL_DIR: path.join(workDir, 'mail'),
    DATABASE_URL: '',
    DEMO_DATA: '1',
    AUTH_SECRET: 'e2e-totp-secret-not-for-production-0123456789',
  });
});
afterAll(async () => {
  await server?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

// What the authenticator app shows `stepsLater` steps of 30 s from now.
const appCode = (secret: string, stepsLater = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: Date.now() + stepsLater * 30_000 });
const pathOf = (page: Page) => new URL(page.url()).pathname;

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL('**/connexion');
}

async function passwordStep(page: Page) {
  await logIn(page, demo.admin.identifier, demo.admin.password);
  await page.getByRole('heading', { name: 'Code de vérification' }).waitFor();
}

async function submitCode(page: Page, code: string) {
  await page.getByLabel('Code de vérification').fill(code);
  await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
}

async function submitRecoveryCode(page: Page, code: string) {
  const summary = page.getByText('Utiliser un code de secours');
  if (!(await page.getByLabel('Code de secours').isVisible())) await summary.click();
  await page.getByLabel('Code de secours').fill(code);
  await page.getByRole('button', { name: 'Vérifier le code de secours' }).click();
}

describe.skipIf(!browserAvailable())('a staff member’s second factor', () => {
  it('enrols an authenticator app, then logs in with password and code; wrong, reused and spent codes are refused', async () => {
    const context = await browser.newContext({ width: 360, baseURL: server!.baseURL });
    const page = await context.newPage();

    // Enrol from the staff Profil page.
    await logIn(page, demo.admin.identifier, demo.admin.password);
    await page.waitForURL('**/admin');
    await page.getByRole('link', { name: 'Profil' }).click();
    await page.getByRole('link', { name: 'Activer la vérification en deux étapes' }).click();
    await page.waitForURL('**/admin/securite');
    await page.getByRole('button', { name: 'Configurer l’application d’authentification' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    const secret = (await page.locator('#cle-secrete').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    await page.getByLabel('Code à 6 chiffres affiché par l’application').fill('000000' === appCode(secret) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Activer' }).click();
    await page.getByText('Ce code ne correspond pas.').first().waitFor();
    await page.getByLabel('Code à 6 chiffres affiché par l’application').fill(appCode(secret));
    await page.getByRole('button', { name: 'Activer' }).click();
    const codesList = page.getByRole('list', { name: 'Codes de secours' });
    await codesList.waitFor();
    const recoveryCodes = (await codesList.getByRole('listitem').allInnerTexts()).map((code) => code.trim());
    expect(recoveryCodes).toHaveLength(10);
    expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(true);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await logOut(page);

    // The password alone no longer opens a session: the code step comes.
    await passwordStep(page);
    expect(pathOf(page)).toBe('/connexion');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    const window = [-1, 0, 1, 2].map((steps) => appCode(secret, steps));
    await submitCode(page, ['123456', '654321'].find((code) => !window.includes(code))!);
    await page.getByText('Code incorrect ou déjà utilisé.').first().waitFor();
    // The enrolment spent this step's code; the next step's is within the allowed drift.
    const code = appCode(secret, 1);
    await submitCode(page, code);
    await page.waitForURL('**/admin');
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await logOut(page);

    // The same code again, within its window: refused.
    await passwordStep(page);
    await submitCode(page, code);
    await page.getByText('Code incorrect ou déjà utilisé.').first().waitFor();
    expect(pathOf(page)).toBe('/connexion');

    // A recovery code works once.
    await submitRecoveryCode(page, recoveryCodes[0]!);
    await page.waitForURL('**/admin');
    await logOut(page);
    await passwordStep(page);
    await submitRecoveryCode(page, recoveryCodes[0]!);
    await page.getByText('Code de secours incorrect ou déjà utilisé.').first().waitFor();
    expect(pathOf(page)).toBe('/connexion');
    await submitRecoveryCode(page, recoveryCodes[1]!);
    await page.waitForURL('**/admin');

    // The security page counts what is left.
    await page.goto('/admin/securite');
    await page.getByText('Codes de secours restants : 8 sur 10.').waitFor();
    await context.close();
  });
});
