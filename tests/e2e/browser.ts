import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
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

/**
 * axe: no serious or critical violation, with the rules axe runs by default plus
 * `label-content-name-mismatch` (WCAG 2.5.3, RGAA 6.1), which axe ships as experimental and off.
 */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } }).analyze();
  const grave = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(grave.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** An element's accessible name, as getByRole matches it (read from Playwright's ARIA snapshot). */
export async function accessibleName(locator: Locator): Promise<string> {
  const snapshot = await locator.ariaSnapshot();
  const quoted = /^- [\w-]+ ("(?:[^"\\]|\\.)*")/.exec(snapshot)?.[1];
  if (quoted === undefined) throw new Error(`No accessible name in the ARIA snapshot: ${snapshot}`);
  return JSON.parse(quoted) as string;
}

/** Nothing sticks out sideways on a narrow phone. */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

interface SentMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The messages the app sent to an address, as sent, newest first (waits for delivery). */
export async function mailsTo(address: string, atLeast = 1): Promise<SentMail[]> {
  const dir = inject('sentMailDir');
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mails = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((file) => file.endsWith('.json'))
          .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as SentMail)
          .filter((mail) => mail.to === address)
          .sort((a, b) => b.id - a.id)
      : [];
    if (mails.length >= atLeast || Date.now() > deadline) return mails;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The newest message with this subject sent to an address, once delivered. Other messages may
 * reach the same address in between (the daily report other files' jobs send, for one).
 */
export async function mailTo(address: string, subject: string): Promise<SentMail> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mail = (await mailsTo(address, 0)).find((sent) => sent.subject === subject);
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`No "${subject}" e-mail to ${address}.`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The path and query of the first link to this site in a message. */
export function linkIn(mail: SentMail): string {
  const match = /https?:\/\/[^\s)"]+jeton=[A-Za-z0-9_-]+/.exec(mail.text);
  if (!match) throw new Error(`No link in "${mail.subject}"`);
  const url = new URL(match[0]);
  return `${url.pathname}${url.search}`;
}

/** The background as sRGB bytes, whatever colour syntax the stylesheet used (Tailwind 4 uses oklch). */
export function renderedBackground(element: Element): [number, number, number] {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d')!;
  context.fillStyle = getComputedStyle(element).backgroundColor;
  context.fillRect(0, 0, 1, 1);
  const [red = 0, green = 0, blue = 0] = context.getImageData(0, 0, 1, 1).data;
  return [red, green, blue];
}
