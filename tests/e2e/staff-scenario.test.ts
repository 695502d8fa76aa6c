import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appClock } from '@/lib/clock';
import { demoCalendar } from '@/scripts/demo-data/calendar';
import { browserAvailable, demo, logIn, mailsTo, sharedBrowser } from './browser';

// Issue 12's acceptance scenario, end to end on the demo server: an administrator creates an
// activity with one day of 1 place and a waiting list of 2; family A books it, family B waits at
// rank 1; the agent cancels A's reservation, B is promoted (« Réservée », e-mail); the agent then
// records a cheque for A, which A finds in its payment history and its balance.

const browser = sharedBrowser();
const ACTIVITY = 'Stage e2e scénario mairie';
const CDC = 'CDC PE2M - APS ET CLSH';
// Families no other e2e file logs in as (they only ever touch this file's own activity).
const FAMILY_A = { identifier: 'lambert', name: 'LAMBERT' };
const FAMILY_B = { identifier: 'rousseau', name: 'ROUSSEAU' };
const PIECE = '5120417';

const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
/** '2026-12-16' → 'mercredi 16 décembre 2026' as the calendar names it (a 1st may read « 1er »). */
function longDatePattern(date: string) {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  return `${weekday} ${day}(?:er)? ${MONTHS[month - 1]} ${year}`;
}
const shortDate = (date: string) => date.split('-').reverse().join('/');

function cents(text: string | null): number {
  const match = /([-−]?)(\d{1,3}(?:[\s\u00a0\u202f]\d{3})*|\d+),(\d{2})/.exec(text ?? '');
  if (!match) throw new Error(`No amount in "${text}".`);
  const value = Number(match[2]!.replace(/\D/g, '')) * 100 + Number(match[3]);
  return match[1] ? -value : value;
}

async function loggedInAs(identifier: string, password: string, landing: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await logIn(page, identifier, password);
  await page.waitForURL(landing);
  return { context, page };
}
const family = (identifier: string) => loggedInAs(identifier, 'compte-famille-demo', '**/accueil');

/** Réservations: the family's first child, this file's activity, then the month showing `date`. */
async function openCalendarOn(page: Page, date: string, state: string): Promise<{ child: string; day: Locator }> {
  await page.getByRole('navigation', { name: 'Compte famille' }).getByRole('link', { name: 'Réservations' }).click();
  const child = page.getByRole('list', { name: 'Personne concernée' }).getByRole('link').first();
  const childName = (await child.textContent())!.trim();
  await child.click();
  await page.getByRole('list', { name: 'Activité concernée' }).getByRole('link', { name: ACTIVITY, exact: true }).click();
  await page.locator('#calendrier table').waitFor();
  const day = page.getByRole('button', { name: new RegExp(`^${longDatePattern(date)}, ${state}`) });
  while ((await day.count()) === 0) {
    const title = await page.locator('#calendrier-titre').textContent();
    await page.getByRole('link', { name: /^Mois suivant/ }).click();
    await expect.poll(() => page.locator('#calendrier-titre').textContent()).not.toBe(title);
  }
  return { child: childName, day };
}

/** « Valider » on the calendar, then on the recap; returns once the result page shows. */
async function validate(page: Page, onRecap: (page: Page) => Promise<void> = async () => {}) {
  await page.getByRole('link', { name: 'Valider' }).click();
  await page.waitForURL('**/reservations/recapitulatif**');
  await onRecap(page);
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.waitForURL('**/reservations/resultat/**');
}

/** The CDC wallet's « Solde » on the family's Soldes page, in cents. */
async function cdcBalance(page: Page): Promise<number> {
  await page.goto('/soldes');
  const row = page.locator('main table tbody tr').filter({ has: page.locator('th', { hasText: CDC }) });
  return cents(await row.locator('td:nth-child(2)').textContent());
}

describe.skipIf(!browserAvailable())('the town’s scenario: an activity, a booking, a waiting list, a cancellation, a cheque', () => {
  it('promotes family B when the agent cancels A’s place, and credits A with the cheque the agent records', async () => {
    // The last Wednesday of the demo's open booking period: far beyond every deadline. The evening
    // hours overlap none of the demo's activities, which the children may be booked on that day.
    const date = demoCalendar(appClock()).open.wednesdays.at(-1)!;

    // 1. The administrator creates the activity, then its one opening day.
    const admin = await loggedInAs(demo.admin.identifier, demo.admin.password, '**/admin');
    await admin.page.goto('/admin/activites');
    await admin.page.getByRole('link', { name: 'Créer une activité' }).click();
    await admin.page.waitForURL('**/admin/activites/nouvelle');
    await admin.page.getByLabel('Nom', { exact: true }).fill(ACTIVITY);
    await admin.page.getByLabel('Code', { exact: true }).fill('E2E_SCENARIO');
    await admin.page.getByLabel('Porte-monnaie').selectOption({ label: CDC });
    await admin.page.getByLabel('Prix unitaire (€)').fill('5,00');
    await admin.page.getByLabel('Quantité par jour').fill('1');
    await admin.page.getByLabel('Heure d’arrivée').fill('18:45');
    await admin.page.getByLabel('Heure de départ').fill('19:45');
    await admin.page.getByLabel('Âge minimum (ans, inclus)').fill('3');
    await admin.page.getByLabel('Âge maximum (ans, exclu)').fill('12');
    await admin.page.getByLabel('Capacité par défaut').fill('1');
    await admin.page.getByLabel('Liste d’attente par défaut').fill('2');
    await admin.page.getByLabel('Validation des demandes').selectOption('automatic');
    expect(await admin.page.getByLabel('Active (proposée à la réservation)').isChecked()).toBe(true);
    await admin.page.getByRole('button', { name: 'Créer l’activité' }).click();
    await admin.page.waitForURL(/\/admin\/activites\/\d+\?creee=1$/);
    const activityId = Number(/\/admin\/activites\/(\d+)/.exec(admin.page.url())![1]);
    await admin.page.getByText('L’activité est créée.').waitFor();

    await admin.page.getByLabel('Période de réservation').selectOption({ label: 'Mercredis et vacances' });
    await admin.page.getByLabel('Du', { exact: true }).fill(date);
    await admin.page.getByLabel('Au', { exact: true }).fill(date);
    await admin.page.getByRole('button', { name: 'Créer les jours' }).click();
    await admin.page.getByText('✓ 1 jour d’ouverture créé.').waitFor();
    await admin.page.reload();
    const days = admin.page.getByRole('region', { name: 'Jours d’ouverture' }).locator('tbody tr');
    await days.first().waitFor();
    expect(await days.count()).toBe(1);
    // Date, Période, Places prises, Capacité, En liste d’attente, Liste d’attente, État.
    expect((await days.first().locator('th, td').allTextContents()).slice(1)).toEqual(['Mercredis et vacances', '0', '1', '0', '2', 'Ouvert']);
    await admin.context.close();

    // 2. Family A books the day: accepted at once (automatic approval).
    const a = await family(FAMILY_A.identifier);
    const booking = await openCalendarOn(a.page, date, 'disponible, cliquer pour réserver$');
    await booking.day.click();
    await a.page.getByRole('button', { name: new RegExp(`^${longDatePattern(date)}, demandé,`) }).waitFor();
    await validate(a.page);
    const accepted = a.page.getByRole('table', { name: 'Réservations acceptées (1)' });
    expect((await accepted.locator('tbody tr td').allTextContents()).slice(0, 2)).toEqual([shortDate(date), `${ACTIVITY}${booking.child}`]);
    await a.context.close();

    // 3. Family B asks for it too: the day is full, B waits at rank 1.
    const b = await family(FAMILY_B.identifier);
    const waiting = await openCalendarOn(b.page, date, 'complet, liste d’attente possible, cliquer pour demander une place en liste d’attente$');
    await waiting.day.click();
    await b.page.getByRole('button', { name: new RegExp(`^${longDatePattern(date)}, liste d’attente demandée,`) }).waitFor();
    await validate(b.page, async (recap) => {
      const rows = recap.getByRole('table', { name: 'Demandes en liste d’attente (1)' }).locator('tbody tr td');
      expect(await rows.last().textContent()).toBe('1re sur la liste d’attente');
    });
    const waitlisted = b.page.getByRole('table', { name: 'Mises en liste d’attente (1)' }).locator('tbody tr td');
    expect((await waitlisted.allTextContents()).slice(0, 2)).toEqual([shortDate(date), `${ACTIVITY}${waiting.child}`]);
    expect(await waitlisted.last().textContent()).toBe('Mise en liste d’attente : 1re sur la liste d’attente');
    await b.context.close();
    const mailsBefore = (await mailsTo(`${FAMILY_B.identifier}@example.fr`, 0)).filter((mail) => mail.subject.includes('Une place s’est libérée')).length;

    // 4. The agent opens the day's list and cancels A's reservation; B takes the place.
    const agent = await loggedInAs(demo.agent.identifier, demo.agent.password, '**/admin');
    agent.page.on('dialog', (dialog) => void dialog.accept());
    await agent.page.goto(`/admin/reservations?activite=${activityId}&date=${date}`);
    await agent.page.getByRole('heading', { name: 'Liste d’attente (1)' }).waitFor();
    const enrolled = agent.page.getByRole('region', { name: 'Enfants inscrits' }).locator('tbody tr');
    expect(await enrolled.count()).toBe(1);
    expect(await enrolled.first().textContent()).toContain(FAMILY_A.name);
    await agent.page.getByRole('button', { name: `Annuler la réservation de ${booking.child}` }).click();
    await expect
      .poll(async () => {
        await agent.page.reload();
        return agent.page.getByRole('heading', { name: 'Liste d’attente (0)' }).count();
      }, { timeout: 20_000 })
      .toBe(1);
    expect(await enrolled.count()).toBe(1);
    expect(await enrolled.first().textContent()).toContain(FAMILY_B.name);
    expect(await enrolled.first().locator('td').nth(1).textContent()).toBe('Réservée');

    // 5. B sees « Réservée » in Suivi, and got the « Une place s’est libérée » e-mail.
    const b2 = await family(FAMILY_B.identifier);
    await expect
      .poll(async () => {
        await b2.page.goto('/suivi');
        const rows = b2.page.getByRole('table', { name: /^Réservations à venir/ }).locator('tbody tr').filter({ hasText: ACTIVITY }).filter({ hasText: shortDate(date) });
        return Promise.all((await rows.all()).map((row) => row.locator('td').last().textContent()));
      }, { timeout: 20_000 })
      .toEqual(['Réservée']);
    await b2.context.close();
    await expect
      .poll(async () => (await mailsTo(`${FAMILY_B.identifier}@example.fr`, 0)).filter((mail) => mail.subject.includes('Une place s’est libérée')).map((mail) => mail.text.replace(/\s+/g, ' ')), { timeout: 30_000 })
      .toHaveLength(mailsBefore + 1);
    const [promotionMail] = (await mailsTo(`${FAMILY_B.identifier}@example.fr`)).filter((mail) => mail.subject.includes('Une place s’est libérée'));
    expect(promotionMail!.text.replace(/\s+/g, ' ')).toContain(`${waiting.child} pour ${ACTIVITY} le ${shortDate(date)}`);

    // 6. A's CDC balance before the cheque.
    const a2 = await family(FAMILY_A.identifier);
    const before = await cdcBalance(a2.page);

    // 7. The agent records A's cheque of 25,00 €, all on the CDC wallet.
    await agent.page.goto(`/admin/reglements?q=${FAMILY_A.identifier}`);
    await agent.page.getByRole('table').getByRole('link', { name: FAMILY_A.name, exact: true }).click();
    await agent.page.waitForURL(/\/admin\/reglements\/famille\/\d+$/);
    const desk = agent.page.locator('form').filter({ has: agent.page.getByRole('heading', { name: 'Saisir un règlement' }) });
    await desk.getByLabel('Mode règlement').selectOption('CH');
    await desk.getByLabel('N° pièce').fill(PIECE);
    await desk.getByLabel('Nom Payeur').fill(`${FAMILY_A.name} Payeur`);
    await desk.getByLabel('Nom Banque').fill('LBP');
    await desk.getByLabel('Montant (€)').fill('25,00');
    await desk.getByLabel(CDC, { exact: true }).fill('25,00');
    await desk.getByRole('button', { name: 'Enregistrer le règlement' }).click();
    await agent.page.getByText(/Le règlement de 25,00\s€ est enregistré\./).waitFor();
    await agent.context.close();

    // 8. A finds it in Historiques des règlements, and the CDC « Solde » rose by exactly 25,00.
    await a2.page.goto('/historiques');
    await a2.page.getByRole('link', { name: 'Historiques des règlements' }).click();
    await a2.page.waitForURL('**/historiques/reglements**');
    const cheque = a2.page.locator('main table tbody tr').filter({ hasText: PIECE });
    expect(await cheque.count()).toBe(1);
    expect(await cheque.locator('td:nth-child(2) abbr').textContent()).toBe('CH');
    expect(await cheque.locator('td:nth-child(4)').textContent()).toBe(`${FAMILY_A.name} Payeur`);
    expect(await cheque.locator('td:nth-child(5)').textContent()).toBe('LBP');
    expect(cents(await cheque.locator('td:nth-child(6)').textContent())).toBe(2500);
    expect(await cdcBalance(a2.page)).toBe(before + 2500);
    await a2.context.close();
  }, 240_000);
});
