import { and, eq, inArray } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { activities, activityDays, children, families, reservations } from '@/db/schema';
import { appClock } from '@/lib/clock';
import { FULL_ACTIVITY } from '@/scripts/demo-data/activities';
import { loadDemoData } from '@/scripts/demo-data';
import { createTestDatabase } from '../support/db';
import { browserAvailable, logIn, mailsTo, sharedBrowser } from './browser';

const browser = sharedBrowser();
const AFTERNOON = 'ALSH 3-6 ans Après-midi';
const PASSWORD = 'compte-famille-demo';

interface Holder {
  identifier: string;
  child: string;
  status: 'confirmed' | 'waitlisted';
  rank: number | null;
}

/**
 * Who holds and who waits on the demo's afternoon whose waiting list is full. The server's embedded
 * database has one connection, its own; the demo data is the same for everyone on the same day
 * (a seeded generator), so a copy loaded here names the same families.
 */
async function theFullAfternoon(): Promise<{ date: string; holders: Holder[] }> {
  let handle: DbHandle | undefined;
  try {
    handle = await createTestDatabase();
    await loadDemoData(handle.db, appClock());
    const rows = await handle.db
      .select({
        dayId: activityDays.id,
        date: activityDays.date,
        waitlistCapacity: activityDays.waitlistCapacity,
        identifier: families.identifier,
        child: children.firstName,
        lastName: children.lastName,
        status: reservations.status,
        rank: reservations.waitlistRank,
      })
      .from(reservations)
      .innerJoin(activityDays, eq(activityDays.id, reservations.activityDayId))
      .innerJoin(activities, eq(activities.id, activityDays.activityId))
      .innerJoin(children, eq(children.id, reservations.childId))
      .innerJoin(families, eq(families.id, reservations.familyId))
      .where(and(eq(activities.code, FULL_ACTIVITY), inArray(reservations.status, ['confirmed', 'waitlisted'])))
      .orderBy(reservations.id);
    const waitingOn = (dayId: number) => rows.filter((row) => row.dayId === dayId && row.status === 'waitlisted').length;
    const full = rows.find((row) => row.status === 'waitlisted' && waitingOn(row.dayId) === row.waitlistCapacity)!;
    return {
      date: full.date,
      holders: rows
        .filter((row) => row.dayId === full.dayId)
        .map((row) => ({ identifier: row.identifier, child: `${row.lastName} ${row.child}`, status: row.status as Holder['status'], rank: row.rank })),
    };
  } finally {
    await handle?.close();
  }
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
/** '2026-12-16' → 'mercredi 16 décembre 2026' as the calendar names it (a 1st may read « 1er »). */
const longDatePattern = (date: string) => {
  const [year, month, day] = date.split('-').map(Number);
  return `mercredi ${day}(?:er)? ${MONTHS[month! - 1]} ${year}`;
};
const shortDate = (date: string) => date.split('-').reverse().join('/');

async function loggedInAs(identifier: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await logIn(page, identifier, PASSWORD);
  await page.waitForURL('**/accueil');
  return { context, page };
}

async function openCalendarOn(page: Page, child: string, date: string) {
  await page.getByRole('navigation', { name: 'Compte famille' }).getByRole('link', { name: 'Réservations' }).click();
  await page.getByRole('list', { name: 'Personne concernée' }).getByRole('link', { name: child }).click();
  await page.getByRole('list', { name: 'Activité concernée' }).getByRole('link', { name: AFTERNOON, exact: true }).click();
  await page.locator('#calendrier table').waitFor();
  // The calendar opens on the first bookable month: turn until the day shows.
  const day = page.getByRole('button', { name: new RegExp(`^${longDatePattern(date)},`) });
  while ((await day.count()) === 0) {
    const title = await page.locator('#calendrier-titre').textContent();
    await page.getByRole('link', { name: /^Mois suivant/ }).click();
    await expect.poll(() => page.locator('#calendrier-titre').textContent()).not.toBe(title);
  }
}

/** The statuses Suivi shows for a child's afternoon on that date, read again until one is `wanted`. */
async function suiviStatusBecomes(page: Page, child: string, date: string, wanted: string) {
  await page.goto('/suivi');
  // A day cancelled then asked for again has two rows: « Annulée » and the new request.
  const rows = () =>
    page
      .getByRole('table', { name: /^Réservations à venir/ })
      .locator('tbody tr')
      .filter({ hasText: shortDate(date) })
      .filter({ hasText: child })
      .filter({ hasText: AFTERNOON });
  await expect
    .poll(async () => {
      await page.reload();
      return Promise.all((await rows().all()).map((row) => row.locator('td').last().textContent()));
    }, { timeout: 20_000 })
    .toContain(wanted);
}

/** « Valider » on the recap, then its result page. */
async function validate(page: Page) {
  await page.getByRole('link', { name: 'Valider' }).click();
  await page.waitForURL('**/reservations/recapitulatif**');
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.waitForURL('**/reservations/resultat/**');
}

describe.skipIf(!browserAvailable())('a place freed on a full afternoon', () => {
  let date: string;
  let holder: Holder;
  let first: Holder;
  let second: Holder;
  let third: Holder;

  beforeAll(async () => {
    const full = await theFullAfternoon();
    date = full.date;
    const waiting = full.holders.filter((h) => h.status === 'waitlisted').sort((a, b) => a.rank! - b.rank!);
    [first, second, third] = waiting as [Holder, Holder, Holder];
    // A holder with no child waiting that day, so that each family's Suivi says one thing.
    holder = full.holders.find((h) => h.status === 'confirmed' && !waiting.some((w) => w.identifier === h.identifier))!;
  }, 300_000);

  it('gives it to rank 1 at once, whose family sees « Réservée » and gets the e-mail, and the ranks behind move up', async () => {
    expect(third.rank).toBe(3);
    const parent = await loggedInAs(holder.identifier);
    await openCalendarOn(parent.page, holder.child, date);
    await parent.page.getByRole('button', { name: new RegExp(`^${longDatePattern(date)}, réservé, cliquer pour annuler la réservation$`) }).click();
    await parent.page.getByRole('button', { name: new RegExp(`^${longDatePattern(date)}, annulation demandée,`) }).waitFor();
    await validate(parent.page);
    await parent.page.getByRole('heading', { name: 'Annulations enregistrées (1)' }).waitFor();
    await parent.context.close();

    const promoted = await loggedInAs(first.identifier);
    await suiviStatusBecomes(promoted.page, first.child, date, 'Réservée');
    await promoted.context.close();

    await expect
      .poll(async () => (await mailsTo(`${first.identifier}@example.fr`)).filter((mail) => mail.subject.includes('Une place s’est libérée')).map((mail) => mail.text.replace(/\s+/g, ' ')), { timeout: 30_000 })
      .toEqual([expect.stringContaining(`${first.child} pour ${AFTERNOON} le ${shortDate(date)}`)]);

    const next = await loggedInAs(second.identifier);
    await suiviStatusBecomes(next.page, second.child, date, 'En liste d’attente (rang 1)');
    await next.context.close();
    const last = await loggedInAs(third.identifier);
    await suiviStatusBecomes(last.page, third.child, date, 'En liste d’attente (rang 2)');
    await last.context.close();
  }, 180_000);

  // Last, as it leaves the afternoon the way the other files find it: full, with a full waiting list.
  it('lets the parent who cancelled ask again, behind the families already waiting', async () => {
    const { context, page } = await loggedInAs(holder.identifier);
    await openCalendarOn(page, holder.child, date);
    await page.getByRole('button', { name: new RegExp(`^${longDatePattern(date)}, complet, liste d’attente possible,`) }).click();
    await page.getByRole('button', { name: new RegExp(`^${longDatePattern(date)}, liste d’attente demandée,`) }).waitFor();
    await validate(page);
    await suiviStatusBecomes(page, holder.child, date, 'En liste d’attente (rang 3)');
    await context.close();
  }, 120_000);
});
