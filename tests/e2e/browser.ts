import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { chromiumPath } from './browser-path';

export const baseURL = () => inject('baseURL');
export const browserAvailable = () => inject('browserAvailable');

/** One Chromium per test file (Debian's, never a downloaded one). */
export function sharedBrowser() {
  const holder: { browser?: Browser } = {};
  beforeAll(async () => {
    if (!browserAvailable()) return;
    holder.browser = await chromium.launch({
      executablePath: chromiumPath()!,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await holder.browser?.close();
  });
  return {
    /** A French, Paris-time browser context, 1280 px wide unless `width` says otherwise. */
    async newContext({ width = 1280, ...options }: BrowserContextOptions & { width?: number } = {}): Promise<BrowserContext> {
      return holder.browser!.newContext({
        baseURL: baseURL(),
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
        viewport: { width, height: 900 },
        ...options,
      });
    },
  };
}

export async function logIn(page: Page, identifier: string, password: string) {
  await page.goto('/connexion');
  await page.getByLabel('Identifiant').fill(identifier);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

export const demo = {
  family: { identifier: 'dupont', password: 'compte-famille-demo' },
  admin: { identifier: 'admin', password: 'compte-famille-admin' },
  agent: { identifier: 'agent', password: 'compte-famille-agent' },
};

/** axe: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const grave = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(grave.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Nothing sticks out sideways on a narrow phone. */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}
