import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffGroups } from '@/components/portal-tabs';
import { browserAvailable, demo, expectAccessible, expectNoHorizontalScroll, logIn, sharedBrowser } from './browser';

const browser = sharedBrowser();

/** Every staff page's route, from the files under app/admin: a new page is checked without a line here. */
function staffRoutes(directory = path.resolve('app/admin')): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return staffRoutes(full);
    return entry.name === 'page.tsx' ? [`/${path.relative(path.resolve('app'), directory).split(path.sep).join('/')}`] : [];
  });
}

/**
 * Pages whose page above does not list them: reached by following, from a page, the first link
 * matching each pattern in turn.
 */
const trails: Record<string, { from: string; follow: RegExp[] }> = {
  '/admin/activites/[id]/jours/[jourId]': { from: '/admin/activites', follow: [/^\/admin\/activites\/\d+$/, /^\/admin\/activites\/\d+\/jours\/\d+$/] },
  '/admin/activites/[id]/tarifs': { from: '/admin/activites', follow: [/^\/admin\/activites\/\d+$/, /^\/admin\/activites\/\d+\/tarifs$/] },
  '/admin/activites/periodes/[id]': { from: '/admin/activites', follow: [/^\/admin\/activites\/periodes\/\d+$/] },
  '/admin/reglements/famille/[id]': { from: '/admin/reglements?q=dupont', follow: [/^\/admin\/reglements\/famille\/\d+$/] },
  '/admin/reglements/famille/[id]/releve': {
    from: '/admin/reglements?q=dupont',
    follow: [/^\/admin\/reglements\/famille\/\d+$/, /^\/admin\/reglements\/famille\/\d+\/releve$/],
  },
  '/admin/reservations/impression': { from: '/admin/reservations', follow: [/^\/admin\/reservations\?activite=\d+&date=[\d-]+$/, /^\/admin\/reservations\/impression\?/] },
};

async function followTrail(page: Page, { from, follow }: { from: string; follow: RegExp[] }): Promise<string> {
  let address = from;
  for (const pattern of follow) {
    await page.goto(address);
    const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    const found = hrefs.find((href) => pattern.test(href));
    expect(found, `a link from ${address} matching ${pattern}`).toBeDefined();
    address = found!;
  }
  return address;
}

/** A page's address: a dynamic segment takes the first matching link of the page above it. */
async function addressOf(page: Page, route: string): Promise<string> {
  if (trails[route]) return followTrail(page, trails[route]);
  const dynamic = route.indexOf('/[');
  if (dynamic === -1) return route;
  const parent = route.slice(0, dynamic);
  const rest = route.slice(route.indexOf(']', dynamic) + 1);
  let found: string | undefined;
  // What the page above lists may be written just after a response (an e-mail): look again for a few seconds.
  for (let attempt = 0; attempt < 10 && !found; attempt++) {
    if (attempt > 0) await page.waitForTimeout(500);
    await page.goto(parent);
    const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    found = hrefs.find((href) => new RegExp(`^${parent}/[^/?#]+$`).test(href));
  }
  expect(found, `a link from ${parent} to ${route}`).toBeDefined();
  return `${found}${rest}`;
}

async function checkPage(page: Page, route: string) {
  const address = await addressOf(page, route);
  const response = await page.goto(address);
  expect(response?.status(), address).toBe(200);
  await page.locator('main h1').first().waitFor();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
}

const pageRoutes = staffRoutes();
const adminOnly = staffGroups.flatMap((group) => group.links.filter((link) => link.adminOnly).map((link) => link.href));

/** One logged-in page per actor, kept for all its pages' checks. */
function loggedIn(login: { identifier: string; password: string }, width: number) {
  const holder: { context?: BrowserContext; page?: Page } = {};
  beforeAll(async () => {
    if (!browserAvailable()) return;
    holder.context = await browser.newContext({ width });
    holder.page = await holder.context.newPage();
    await logIn(holder.page, login.identifier, login.password);
    await holder.page.waitForURL('**/admin');
  });
  afterAll(async () => {
    await holder.context?.close();
  });
  return holder;
}

describe.skipIf(!browserAvailable())('the staff pages, for an admin on a tablet', () => {
  const admin = loggedIn(demo.admin, 768);

  beforeAll(async () => {
    if (!browserAvailable()) return;
    // An e-mail in the outbox, so that an e-mail's page has one to show.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/mot-de-passe-oublie');
    await page.getByLabel('Identifiant ou adresse e-mail').fill(demo.family.identifier);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.getByText(/Si ce compte existe/).waitFor();
    await context.close();
  });

  it('shows every group of the navigation, Personnel included', async () => {
    const nav = admin.page!.getByRole('navigation', { name: 'Espace mairie' });
    for (const name of ['Tableau de bord', 'Familles', 'E-mails', 'Tâches planifiées', 'Journal', 'Personnel']) {
      expect(await nav.getByRole('link', { name, exact: true }).isVisible(), name).toBe(true);
    }
  });

  it.each(pageRoutes)('%s passes axe', async (route) => {
    await checkPage(admin.page!, route);
  });
});

describe.skipIf(!browserAvailable())('the staff pages, for an agent', () => {
  const agent = loggedIn(demo.agent, 1280);

  it('leaves the admins’ pages out of the menu, and answers them 404', async () => {
    const nav = agent.page!.getByRole('navigation', { name: 'Espace mairie' });
    const links = await nav.getByRole('link').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
    expect(links.filter((href) => adminOnly.includes(href))).toEqual([]);
    for (const href of adminOnly) expect((await agent.page!.goto(href))?.status(), href).toBe(404);
  });

  // Besides the menu's admin pages, a period's edit page: agents are sent back to Activités, where
  // no period links to it (the authorization matrix pins both).
  const agentRoutes = pageRoutes.filter((route) => !adminOnly.includes(route) && route !== '/admin/activites/periodes/[id]');
  it.each(agentRoutes)('%s passes axe', async (route) => {
    await checkPage(agent.page!, route);
  });

  it('runs a job from « Tâches planifiées » and shows its report', async () => {
    const page = agent.page!;
    await page.goto('/admin/taches');
    await page.getByRole('button', { name: 'Lancer maintenant : deliverEmails' }).click();
    await page.getByText(/Tâche terminée\. Compte rendu :/).waitFor();
    expect(await page.getByRole('region', { name: 'deliverEmails' }).getByRole('cell', { name: 'staff' }).first().isVisible()).toBe(true);
    await expectAccessible(page);
  });
});
