import { spawn } from 'node:child_process';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { UNPOSTED_DAY_FAMILY } from '@/scripts/demo-data/reservations';
import { accessibleName, browserAvailable, demo, logIn, mailsTo, sharedBrowser } from './browser';

// The overnight jobs run by hand (`npm run job`) while the production build serves the embedded
// database, as the acceptance asks: the job goes through that server, and the parent sees
// its effect in the portal. FAURE is a demo family no other e2e file uses; its last day of the past
// period is reserved and not yet posted (scripts/demo-data/reservations.ts).

const browser = sharedBrowser();

const FAMILY = UNPOSTED_DAY_FAMILY;
const ADDRESS = `${FAMILY}@example.fr`;
const CHILD = 'FAURE Maël';
const ACTIVITY = 'ALSH 6-12 ans Matin';
const REPORT = 'Compte-rendu de vos réservations';

/** `npm run job -- <name>`, on the server's embedded database: its exit code, output and report. */
function runJob(name: string): Promise<{ code: number | null; output: string; report: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'job', '--', name], {
      env: { ...process.env, PGLITE_DIR: inject('pgliteDir'), DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const json = /terminée : (\{.*\})/.exec(output)?.[1];
      resolve({ code, output, report: json ? (JSON.parse(json) as Record<string, number>) : {} });
    });
  });
}

/** Runs a job and checks it ran in the server that holds the database, not beside it. */
async function runJobThroughServer(name: string) {
  const run = await runJob(name);
  expect(run.code, run.output).toBe(0);
  expect(run.output).toMatch(/Embedded database held by the server \(process \d+\): the job runs there\./);
  expect(run.output).toContain(`✔ Tâche ${name} terminée`);
  return run.report;
}

/** The daily reports are queued in the outbox; this sends them now instead of at the next minute. */
async function reportAndDeliver() {
  const report = await runJobThroughServer('sendDailyReports');
  await runJobThroughServer('deliverEmails');
  return report;
}

async function loggedInAsFaure() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await logIn(page, FAMILY, demo.family.password);
  await page.waitForURL('**/accueil');
  return { context, page };
}

interface SuiviRow {
  date: string;
  child: string;
  activity: string;
  status: string;
}

/** Suivi's upcoming or past reservations; the date as « 09/12/2026 ». */
async function readSuivi(page: Page, scope: 'upcoming' | 'past'): Promise<SuiviRow[]> {
  await page.goto(scope === 'past' ? '/suivi?periode=passees' : '/suivi');
  await page.getByRole('heading', { level: 1, name: 'Suivi' }).waitFor();
  const table = page.getByRole('table', { name: scope === 'past' ? /^Réservations passées/ : /^Réservations à venir/ });
  if ((await table.count()) === 0) return [];
  const rows: SuiviRow[] = [];
  for (const row of await table.locator('tbody tr').all()) {
    const [date, child, activity, , , status] = await row.locator('td').allTextContents();
    rows.push({ date: /\d{2}\/\d{2}\/\d{4}/.exec(date!)![0], child: child!, activity: activity!, status: status! });
  }
  return rows;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "mercredi 9 décembre 2026, disponible, …" → "09/12/2026", as Suivi and the report show it. */
function shortDate(label: string): string {
  const [, day, month, year] = /^\S+ (\d{1,2})(?:er)? (\S+) (\d{4})/.exec(label)!;
  return `${day!.padStart(2, '0')}/${String(MONTHS.indexOf(month!) + 1).padStart(2, '0')}/${year}`;
}

const line = (row: { date: string; child: string; activity: string }) => `${row.date} · ${row.child} · ${row.activity}`;

/** The reservations a report tells about, one `date · child · activity → status` each. */
function reportedLines(text: string): string[] {
  const found = [...text.matchAll(/(\d{2}\/\d{2}\/\d{4} · [^·\n]+ · [^\n]+?)\s*\n+\s*\**([^\n*]+?)\**\s*(?:\n|$)/g)];
  return found.map(([, what, status]) => `${what!.trim()} → ${status!.trim()}`).sort();
}

async function reportsToFaure() {
  return (await mailsTo(ADDRESS, 0)).filter((mail) => mail.subject === REPORT);
}

/** "1 234,56", "-48,35 €", "-73,80 à régulariser" → cents. */
function cents(text: string | null): number {
  const match = /([-−]?)(\d{1,3}(?:[\s\u00a0\u202f]\d{3})*|\d+),(\d{2})/.exec(text ?? '');
  if (!match) throw new Error(`No amount in "${text}".`);
  const value = Number(match[2]!.replace(/\D/g, '')) * 100 + Number(match[3]);
  return match[1] ? -value : value;
}

const cellText = (row: Locator, n: number) => row.locator(`td:nth-child(${n})`).textContent();

interface ConsumptionLine {
  date: string;
  consumer: string;
  activity: string;
  price: number;
  quantity: number;
  total: number;
}

/** Historiques' consumptions of a month ('YYYY-MM'); the date as the page speaks it. */
async function readConsumptions(page: Page, month: string): Promise<ConsumptionLine[]> {
  await page.goto(`/historiques?mois=${month}`);
  await page.getByRole('heading', { level: 1, name: 'Historiques' }).waitFor();
  const lines: ConsumptionLine[] = [];
  for (const row of await page.locator('main table tbody tr').all()) {
    lines.push({
      date: (await row.locator('td:nth-child(1) .sr-only').textContent())!,
      consumer: (await cellText(row, 2))!,
      activity: (await cellText(row, 3))!,
      price: cents(await cellText(row, 4)),
      quantity: Number(await cellText(row, 5)),
      total: cents(await cellText(row, 6)),
    });
  }
  return lines;
}

interface Wallet {
  balance: number;
  cost: number;
  next: number;
}

/** Soldes et paiements, up to its default date: each wallet's Solde, Coût estimé and Nouveau solde. */
async function readSoldes(page: Page): Promise<Map<string, Wallet>> {
  await page.goto('/soldes');
  expect(await page.locator('main table thead th').allTextContents()).toEqual(['Porte-monnaie', 'Solde', 'Coût estimé', 'Nouveau solde']);
  const wallets = new Map<string, Wallet>();
  for (const row of await page.locator('main table tbody tr').all()) {
    wallets.set((await row.locator('th').textContent())!, {
      balance: cents(await cellText(row, 2)),
      cost: cents(await cellText(row, 3)),
      next: cents(await cellText(row, 4)),
    });
  }
  return wallets;
}

/** « 25/11/2026 » → « novembre 2026 », as the page's long date ends. */
const monthAndYear = (date: string) => {
  const [, month, year] = date.split('/').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 15)));
};

describe.skipIf(!browserAvailable())('the overnight jobs, run by hand while the portal serves the demo', () => {
  /** The day FAURE asks for in the browser. */
  const requested: SuiviRow[] = [];
  let transmittedToFaure: SuiviRow[] = [];

  it('npm run job -- transmitRequests goes through the running server, exits 0, and the request FAURE made turns « Réservée » in Suivi', async () => {
    // Whatever other files changed is reported first, so that the next report holds only what follows.
    await reportAndDeliver();

    const { context, page } = await loggedInAsFaure();
    await page.getByRole('navigation', { name: 'Compte famille' }).getByRole('link', { name: 'Réservations' }).click();
    await page.getByRole('list', { name: 'Personne concernée' }).getByRole('link', { name: CHILD }).click();
    await page.getByRole('list', { name: 'Activité concernée' }).getByRole('link', { name: ACTIVITY, exact: true }).click();
    await page.locator('#calendrier table').waitFor();
    const free = page.getByRole('button', { name: /, disponible, cliquer pour réserver$/ });
    while ((await free.count()) === 0) {
      const title = await page.locator('#calendrier-titre').textContent();
      await page.getByRole('link', { name: /^Mois suivant/ }).click();
      await expect.poll(() => page.locator('#calendrier-titre').textContent()).not.toBe(title);
    }
    const label = await accessibleName(free.first());
    await free.first().click();
    await page.getByRole('button', { name: `${label.split(',')[0]}, demandé, pas encore validé, cliquer pour retirer la demande` }).waitFor();
    const date = shortDate(label);
    await page.getByRole('link', { name: 'Valider' }).click();
    await page.waitForURL('**/reservations/recapitulatif**');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL('**/reservations/resultat/**');
    await page.getByRole('heading', { name: 'Réservations acceptées (1)' }).waitFor();

    const before = await readSuivi(page, 'upcoming');
    const mine = before.filter((row) => row.date === date && row.child === CHILD && row.activity === ACTIVITY && row.status === 'Non transmis');
    expect(mine).toHaveLength(1);
    requested.push(...mine);
    // The demo may hold other requests of FAURE still waiting for the night: they go too.
    transmittedToFaure = before.filter((row) => row.status === 'Non transmis');

    const report = await runJobThroughServer('transmitRequests');
    expect(report.transmitted).toBeGreaterThanOrEqual(transmittedToFaure.length);

    // Every « Non transmis » is now « Réservée », and nothing else changed (a day may also show an
    // earlier request, cancelled).
    const after = await readSuivi(page, 'upcoming');
    const asShown = (rows: SuiviRow[]) => rows.map((row) => `${line(row)} → ${row.status}`).sort();
    expect(asShown(after)).toEqual(asShown(before.map((row) => (row.status === 'Non transmis' ? { ...row, status: 'Réservée' } : row))));

    // Run again, it has nothing left to transmit of FAURE's, and Suivi says the same.
    await runJobThroughServer('transmitRequests');
    expect(await readSuivi(page, 'upcoming')).toEqual(after);
    await context.close();
  }, 180_000);

  it('sends FAURE one « Compte-rendu de vos réservations » listing exactly the requests transmitted, and nothing more when run again', async () => {
    expect(transmittedToFaure.length).toBeGreaterThan(0);
    const earlier = await reportsToFaure();

    const report = await reportAndDeliver();
    expect(report.emails).toBeGreaterThanOrEqual(1);
    const reports = await reportsToFaure();
    expect(reports.length).toBe(earlier.length + 1);
    const [mail] = reports;
    expect(mail!.text).toContain('Bonjour');
    expect(reportedLines(mail!.text)).toEqual(transmittedToFaure.map((row) => `${line(row)} → Réservée`).sort());
    for (const row of requested) expect(mail!.text).toContain(line(row));

    const again = await reportAndDeliver();
    expect(again).toEqual({ families: 0, emails: 0 });
    expect((await reportsToFaure()).length).toBe(earlier.length + 1);
  }, 180_000);

  it('postConsumptions posts FAURE’s past day once: its line shows in Historiques at price × quantity, and Soldes’ balance and estimate drop by that amount', async () => {
    const { context, page } = await loggedInAsFaure();
    const [day] = (await readSuivi(page, 'past')).filter((row) => row.status === 'Réservée');
    expect(day, 'FAURE’s reserved day of the past period').toBeDefined();
    const [dd, mm, yyyy] = day!.date.split('/') as [string, string, string];
    const month = `${yyyy}-${mm}`;
    const spoken = (date: string) => date.includes(String(Number(dd))) && date.endsWith(monthAndYear(day!.date));
    const isTheDay = (entry: ConsumptionLine) => entry.consumer === day!.child && entry.activity === day!.activity && spoken(entry.date);

    const historyBefore = await readConsumptions(page, month);
    expect(historyBefore.filter(isTheDay)).toEqual([]);
    const soldesBefore = await readSoldes(page);

    const first = await runJobThroughServer('postConsumptions');
    const second = await runJobThroughServer('postConsumptions');
    expect(second).toEqual({ posted: 0, amountCents: 0 });

    const historyAfter = await readConsumptions(page, month);
    const posted = historyAfter.filter(isTheDay);
    expect(posted).toHaveLength(1);
    const [entry] = posted;
    expect(entry!.price).toBeGreaterThan(0);
    expect(entry!.total).toBe(entry!.price * entry!.quantity);
    expect(historyAfter.length).toBe(historyBefore.length + 1);
    expect(first).toEqual({ posted: 1, amountCents: entry!.total });

    const soldesAfter = await readSoldes(page);
    expect([...soldesAfter.keys()]).toEqual([...soldesBefore.keys()]);
    const dropped = [...soldesAfter].filter(([wallet, after]) => after.balance !== soldesBefore.get(wallet)!.balance);
    expect(dropped).toHaveLength(1);
    for (const [wallet, after] of soldesAfter) {
      const before = soldesBefore.get(wallet)!;
      const charged = dropped[0]![0] === wallet ? entry!.total : 0;
      expect(before.balance - after.balance, wallet).toBe(charged);
      expect(before.cost - after.cost, wallet).toBe(charged);
      expect(after.next, wallet).toBe(before.next);
    }
    expect(dropped[0]![0]).toBe('CDC PE2M - APS ET CLSH');
    await context.close();
  }, 180_000);
});
