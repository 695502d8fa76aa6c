import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatEuros } from '@/lib/format';
import { accessibleName, browserAvailable, demo, expectAccessible, expectNoHorizontalScroll, logIn, mailTo, renderedBackground, sharedBrowser } from './browser';

const browser = sharedBrowser();

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "mercredi 9 décembre 2026, disponible, …" → "09/12/2026", as the recap and Suivi show it. */
function shortDate(label: string): string {
  const [, day, month, year] = /^\S+ (\d{1,2})(?:er)? (\S+) (\d{4})/.exec(label)!;
  return `${day!.padStart(2, '0')}/${String(MONTHS.indexOf(month!) + 1).padStart(2, '0')}/${year}`;
}
const longDate = (label: string) => label.split(',')[0]!;

const isOrange = ([red, green, blue]: [number, number, number]) => red > 200 && green > 100 && green < red - 40 && blue < 120;
const isGreen = ([red, green, blue]: [number, number, number]) => green > red + 40 && green > blue + 40;

const cents = (text: string) => Number(text.replace(/[^\d,-]/g, '').replace(',', ''));

async function loggedInAsDupont(width?: number, javaScriptEnabled = true) {
  const context = await browser.newContext({ width });
  if (!javaScriptEnabled) await context.route('**/*.js', (route) => route.abort());
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await logIn(page, demo.family.identifier, demo.family.password);
  await page.waitForURL('**/accueil');
  return { context, page };
}

/** The guide's Sélection: the child, then the activity; the calendar of its first month shows. */
async function openCalendar(page: Page, child: string, activity: string) {
  await page.getByRole('navigation', { name: 'Compte famille' }).getByRole('link', { name: 'Réservations' }).click();
  await page.getByRole('list', { name: 'Personne concernée' }).getByRole('link', { name: child }).click();
  await page.getByRole('list', { name: 'Activité concernée' }).getByRole('link', { name: activity, exact: true }).click();
  await page.locator('#calendrier table').waitFor();
}

/** The first element the locator finds, turning the calendar's months with "Mois suivant" if needed. */
async function turnMonthsUntil(page: Page, wanted: Locator): Promise<Locator> {
  for (;;) {
    if ((await wanted.count()) > 0) return wanted.first();
    const next = page.getByRole('link', { name: /^Mois suivant/ });
    if ((await next.count()) === 0) throw new Error(`Nothing matches ${wanted} in any month.`);
    const title = await page.locator('#calendrier-titre').textContent();
    await next.click();
    await expect.poll(() => page.locator('#calendrier-titre').textContent()).not.toBe(title);
  }
}
const findDay = (page: Page, name: RegExp) => turnMonthsUntil(page, page.getByRole('button', { name }));

/** Clicks `count` free days; each turns orange and says « demandé ». Returns their labels. */
async function requestFreeDays(page: Page, count: number): Promise<string[]> {
  const chosen: string[] = [];
  while (chosen.length < count) {
    const day = await findDay(page, /, disponible, cliquer pour réserver$/);
    const label = await accessibleName(day);
    await day.click();
    const requested = page.getByRole('button', { name: `${longDate(label)}, demandé, pas encore validé, cliquer pour retirer la demande` });
    await requested.waitFor();
    expect(isOrange(await requested.evaluate(renderedBackground)), label).toBe(true);
    chosen.push(label);
  }
  return chosen;
}

interface RecapLine {
  date: string;
  activity: string;
  cost: string;
  total: string | null;
}

async function readRequests(page: Page, title: string): Promise<RecapLine[]> {
  const table = page.getByRole('table', { name: title });
  expect(await table.locator('thead th').allTextContents()).toEqual(['Date', 'Activité', 'Arrivée', 'Départ', 'Coût', 'Total']);
  const lines: RecapLine[] = [];
  for (const row of await table.locator('tbody tr').all()) {
    const cells = await row.locator('td').allTextContents();
    lines.push({ date: cells[0]!, activity: cells[1]!, cost: cells[4]!, total: cells[5] ?? null });
  }
  return lines;
}

async function readSuivi(page: Page) {
  const table = page.getByRole('table', { name: /^Réservations à venir/ });
  expect(await table.locator('thead th').allTextContents()).toEqual(['Date', 'Consommateur', 'Activité', 'Arrivée', 'Départ', 'Statut']);
  const rows = [];
  for (const row of await table.locator('tbody tr').all()) {
    const [date, child, activity, , , status] = await row.locator('td').allTextContents();
    rows.push({ date: date!, child: child!, activity: activity!, status: status! });
  }
  return rows;
}
const suiviStatus = (rows: Awaited<ReturnType<typeof readSuivi>>, date: string, child: string, activity: string) =>
  rows.filter((row) => row.date.endsWith(date) && row.child === child && row.activity === activity).map((row) => row.status);

const AFTERNOON = 'ALSH 3-6 ans Après-midi';
const LIOU_MORNING = 'ALSH 6-12 ans Matin';

describe.skipIf(!browserAvailable())('Réservations and Suivi, as DUPONT follows the guide', () => {
  const booked: { afternoon: string[]; morning: string[] } = { afternoon: [], morning: [] };

  it('books three afternoons for Antoine and two mornings for Liou, checks the recap and its total, and finds them « Non transmis » in Suivi', async () => {
    const { context, page } = await loggedInAsDupont();
    await openCalendar(page, 'DUPONT Antoine', AFTERNOON);
    expect(await page.getByText("Tarif de l'activité :").locator('..').textContent()).toContain(formatEuros(475));
    expect(await page.locator('#calendrier thead th').allTextContents()).toEqual(['Lun', 'Mar', 'Mer', 'Jeu', 'Ven', 'Sam', 'Dim']);
    await expectAccessible(page);
    booked.afternoon = await requestFreeDays(page, 3);

    await page.getByRole('link', { name: 'Valider' }).click();
    await page.waitForURL('**/reservations/recapitulatif**');
    expect((await readRequests(page, 'Récapitulatif des réservations')).map((line) => line.date)).toEqual(booked.afternoon.map(shortDate).sort(byDay));
    await page.getByRole('link', { name: 'Retour' }).click();
    await page.waitForURL('**/reservations?**');

    await openCalendar(page, 'DUPONT Liou', LIOU_MORNING);
    expect(await page.getByText("Tarif de l'activité :").locator('..').textContent()).toContain(formatEuros(1035));
    booked.morning = await requestFreeDays(page, 2);
    // The basket spans both children and both activities.
    expect(await page.getByRole('region', { name: 'Vos demandes en cours' }).locator('li').count()).toBe(5);
    await page.getByRole('link', { name: 'Valider' }).click();
    await page.waitForURL('**/reservations/recapitulatif**');

    const lines = await readRequests(page, 'Récapitulatif des réservations');
    const expected = [
      ...booked.afternoon.map((label) => ({ date: shortDate(label), activity: `${AFTERNOON}DUPONT Antoine`, cost: formatEuros(475) })),
      ...booked.morning.map((label) => ({ date: shortDate(label), activity: `${LIOU_MORNING}DUPONT Liou`, cost: formatEuros(1035) })),
    ];
    expect(lines.map(({ date, activity, cost }) => ({ date, activity, cost })).sort(byLine)).toEqual(expected.sort(byLine));
    expect(lines.map((line) => line.total).filter(Boolean)).toEqual([formatEuros(3 * 475 + 2 * 1035)]);
    expect(await page.getByText('Aucune annulation demandée.').isVisible()).toBe(true);
    expect(await page.getByText("IMPORTANT : tant que vous n'avez pas cliqué sur le bouton « Valider », vos réservations ne sont pas prises en compte.").isVisible()).toBe(true);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL('**/reservations/resultat/**');
    await page.getByRole('heading', { name: 'Réservations acceptées (5)' }).waitFor();
    expect(await page.getByRole('table', { name: 'Réservations acceptées (5)' }).getByText('Acceptée (Non transmis)').count()).toBe(5);
    expect(await page.getByRole('region', { name: 'Paiement' }).textContent()).toContain(formatEuros(3 * 475 + 2 * 1035));
    expect(await page.getByRole('button', { name: /pai/i }).count()).toBe(0);

    const mail = await mailTo('jean-paul.dupont@example.fr', 'Vos demandes de réservation sont enregistrées');
    for (const label of [...booked.afternoon, ...booked.morning]) expect(mail.text).toContain(shortDate(label));

    await page.getByRole('link', { name: 'Voir le Suivi' }).click();
    await page.waitForURL('**/suivi');
    const suivi = await readSuivi(page);
    for (const label of booked.afternoon) expect(suiviStatus(suivi, shortDate(label), 'DUPONT Antoine', AFTERNOON)).toEqual(['Non transmis']);
    for (const label of booked.morning) expect(suiviStatus(suivi, shortDate(label), 'DUPONT Liou', LIOU_MORNING)).toEqual(['Non transmis']);
    await expectAccessible(page);
    await context.close();
  });

  it('cancels one of those days the same way: the orange day turns green, the recap lists it under annulations, Suivi says « Annulée »', async () => {
    const { context, page } = await loggedInAsDupont();
    const label = booked.afternoon[0]!;
    await openCalendar(page, 'DUPONT Antoine', AFTERNOON);
    const day = await findDay(page, new RegExp(`^${longDate(label)}, réservé, cliquer pour annuler la réservation$`));
    expect(isOrange(await day.evaluate(renderedBackground))).toBe(true);
    await day.click();
    const cancelling = page.getByRole('button', { name: `${longDate(label)}, annulation demandée, pas encore validée, cliquer pour garder la réservation` });
    await cancelling.waitFor();
    expect(isGreen(await cancelling.evaluate(renderedBackground))).toBe(true);

    await page.getByRole('link', { name: 'Valider' }).click();
    await page.waitForURL('**/reservations/recapitulatif**');
    expect(await readRequests(page, 'Récapitulatif des annulations')).toEqual([
      { date: shortDate(label), activity: `${AFTERNOON}DUPONT Antoine`, cost: formatEuros(475), total: formatEuros(475) },
    ]);
    expect(await page.getByText('Aucune nouvelle réservation demandée.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL('**/reservations/resultat/**');
    await page.getByRole('heading', { name: 'Annulations enregistrées (1)' }).waitFor();

    await page.getByRole('link', { name: 'Voir le Suivi' }).click();
    await page.waitForURL('**/suivi');
    expect(suiviStatus(await readSuivi(page), shortDate(label), 'DUPONT Antoine', AFTERNOON)).toEqual(['Annulée']);
    await context.close();
  });

  it('shows a request on a full afternoon with room on its waiting list as a waiting-list request, lists it apart on the recap with its rank and out of the total, and the result agrees line for line and to the cent', async () => {
    const { context, page } = await loggedInAsDupont();
    await openCalendar(page, 'DUPONT Antoine', AFTERNOON);
    const day = await findDay(page, /, complet, liste d’attente possible, cliquer pour demander une place en liste d’attente$/);
    const label = await accessibleName(day);
    await day.click();
    const requested = page.getByRole('button', { name: `${longDate(label)}, liste d’attente demandée, pas encore validée, cliquer pour retirer la demande` });
    await requested.waitFor();
    expect(await requested.textContent()).toContain('liste d’attente demandée');
    await openCalendar(page, 'DUPONT Antoine', AFTERNOON);
    const [free] = await requestFreeDays(page, 1);
    await page.getByRole('link', { name: 'Valider' }).click();
    await page.waitForURL('**/reservations/recapitulatif**');

    // The recap: the free day in the reservations and their total, the full day apart with its rank.
    expect(await readRequests(page, 'Récapitulatif des réservations')).toEqual([
      { date: shortDate(free!), activity: `${AFTERNOON}DUPONT Antoine`, cost: formatEuros(475), total: formatEuros(475) },
    ]);
    const waitingOnRecap = page.getByRole('table', { name: 'Demandes en liste d’attente (1)' });
    // The demo data holds two children on that waiting list already.
    expect(await waitingOnRecap.locator('tbody tr td').allTextContents()).toEqual([shortDate(label), `${AFTERNOON}DUPONT Antoine`, '12:00', '17:30', '3e sur la liste d’attente']);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL('**/reservations/resultat/**');

    const accepted = page.getByRole('table', { name: 'Réservations acceptées (1)' });
    expect((await accepted.locator('tbody tr td').allTextContents()).slice(0, 2)).toEqual([shortDate(free!), `${AFTERNOON}DUPONT Antoine`]);
    const waiting = page.getByRole('table', { name: 'Mises en liste d’attente (1)' });
    expect((await waiting.locator('tbody tr td').allTextContents()).slice(0, 2)).toEqual([shortDate(label), `${AFTERNOON}DUPONT Antoine`]);
    expect(await waiting.locator('tbody tr td').last().textContent()).toBe('Mise en liste d’attente : 3e sur la liste d’attente');
    expect(await page.getByRole('region', { name: 'Paiement' }).textContent()).toContain(`Montant de vos réservations acceptées : ${formatEuros(475)}`);

    await page.getByRole('link', { name: 'Voir le Suivi' }).click();
    await page.waitForURL('**/suivi');
    expect(suiviStatus(await readSuivi(page), shortDate(label), 'DUPONT Antoine', AFTERNOON)).toEqual(['En liste d’attente (rang 3)']);

    await openCalendar(page, 'DUPONT Antoine', AFTERNOON);
    const place = await findDay(page, new RegExp(`^${longDate(label)}, en liste d’attente, rang 3, cliquer pour annuler la demande$`));
    expect(await place.textContent()).toContain('rang 3');
    await context.close();
  });

  it('does not let the afternoon whose waiting list is full be clicked, and says why', async () => {
    const { context, page } = await loggedInAsDupont();
    await openCalendar(page, 'DUPONT Antoine', AFTERNOON);
    const full = await turnMonthsUntil(page, page.getByRole('cell', { name: /, complet\. Activité complète et liste d’attente complète\.$/ }));
    expect(await full.getAttribute('title')).toBe('Activité complète et liste d’attente complète.');
    expect(await full.locator('button').count()).toBe(0);
    expect(await full.textContent()).toContain('complet');
    const date = longDate((await full.locator('.sr-only').textContent())!);
    expect(await page.getByRole('button', { name: new RegExp(`^${date},`) }).count()).toBe(0);
    await context.close();
  });

  it('fits a 360 px phone, works with the keyboard alone, and passes axe on the calendar', async () => {
    const { context, page } = await loggedInAsDupont(360);
    await openCalendar(page, 'DUPONT Liou', LIOU_MORNING);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    const day = await findDay(page, /, disponible, cliquer pour réserver$/);
    const label = await accessibleName(day);
    await day.focus();
    await page.keyboard.press('Enter');
    const requested = `${longDate(label)}, demandé, pas encore validé, cliquer pour retirer la demande`;
    await page.getByRole('button', { name: requested }).waitFor();
    expect(await accessibleName(page.locator(':focus'))).toBe(requested);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: label }).waitFor();
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: 'test-results/reservations-360.png', fullPage: true });

    await page.goto('/suivi');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await context.close();
  });

  it('still books and abandons without JavaScript: each day is a form button', async () => {
    const { context, page } = await loggedInAsDupont(undefined, false);
    await page.goto('/reservations');
    await page.getByRole('list', { name: 'Personne concernée' }).getByRole('link', { name: 'DUPONT Liou' }).click();
    await page.getByRole('list', { name: 'Activité concernée' }).getByRole('link', { name: LIOU_MORNING }).click();
    await page.locator('#calendrier table').waitFor();
    // React never ran: the calendar did not add the field that asks for an update in place.
    expect(await page.locator('#calendrier input[type="hidden"]').count()).toBeGreaterThan(0);
    expect(await page.locator('input[name="affichage"]').count()).toBe(0);
    const day = await findDay(page, /, disponible, cliquer pour réserver$/);
    const label = await accessibleName(day);
    await day.click();
    await page.getByRole('button', { name: `${longDate(label)}, demandé, pas encore validé, cliquer pour retirer la demande` }).waitFor();
    await page.getByRole('button', { name: 'Abandonner' }).click();
    await page.getByText('Vos demandes non validées ont été effacées.').waitFor();
    expect(await page.getByText('Aucune demande en cours').isVisible()).toBe(true);
    await context.close();
  });

  it('updates the calendar and « Vos demandes en cours » from the click’s answer alone, and keeps them on the browser’s Back from the recap', async () => {
    const { context, page } = await loggedInAsDupont();
    await openCalendar(page, 'DUPONT Liou', LIOU_MORNING);
    const answers: Array<string | undefined> = [];
    page.on('response', (response) => {
      if (response.request().method() === 'POST') answers.push(response.headers()['x-action-revalidated']);
    });
    const [label] = await requestFreeDays(page, 1);
    // No page rendered again in the answer: the server said it revalidated nothing.
    expect(answers).toEqual([undefined]);
    expect(await page.getByRole('region', { name: 'Vos demandes en cours' }).locator('li').count()).toBe(1);
    await page.getByRole('link', { name: 'Valider' }).click();
    await page.waitForURL('**/reservations/recapitulatif**');
    await page.goBack();
    await page.getByRole('button', { name: `${longDate(label!)}, demandé, pas encore validé, cliquer pour retirer la demande` }).waitFor();
    expect(await page.getByRole('region', { name: 'Vos demandes en cours' }).locator('li').count()).toBe(1);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Abandonner' }).click();
    await page.getByText('Vos demandes non validées ont été effacées.').waitFor();
    await context.close();
  });

  it('prints Suivi without the navigation, the filters or the buttons', async () => {
    const { context, page } = await loggedInAsDupont();
    await page.goto('/suivi');
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'oui');
    });
    await page.getByRole('button', { name: 'Imprimer' }).click();
    expect(await page.locator('body').getAttribute('data-printed')).toBe('oui');
    await page.emulateMedia({ media: 'print' });
    for (const hidden of [page.getByRole('navigation', { name: 'Compte famille' }), page.getByRole('button', { name: 'Filtrer' }), page.getByRole('button', { name: 'Imprimer' })]) {
      expect(await hidden.isVisible()).toBe(false);
    }
    expect(await page.getByRole('table').isVisible()).toBe(true);
    await context.close();
  });

  it('raises Soldes et paiements’ « Coût estimé » by exactly the cost of the five days validated', async () => {
    const { context, page } = await loggedInAsDupont();
    const estimatedCost = async () => {
      await page.goto('/soldes?jusquau=2099-12-31');
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'CDC PE2M - APS ET CLSH' }) });
      return cents((await row.locator('td').nth(1).textContent())!);
    };
    const before = await estimatedCost();
    await openCalendar(page, 'DUPONT Antoine', AFTERNOON);
    await requestFreeDays(page, 3);
    await openCalendar(page, 'DUPONT Liou', LIOU_MORNING);
    await requestFreeDays(page, 2);
    await page.getByRole('link', { name: 'Valider' }).click();
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL('**/reservations/resultat/**');
    await page.getByRole('heading', { name: 'Réservations acceptées (5)' }).waitFor();
    expect(await estimatedCost()).toBe(before + 3 * 475 + 2 * 1035);
    await context.close();
  });
});

function byDay(a: string, b: string) {
  return a.split('/').reverse().join('').localeCompare(b.split('/').reverse().join(''));
}
function byLine(a: { date: string; activity: string }, b: { date: string; activity: string }) {
  return byDay(a.date, b.date) || a.activity.localeCompare(b.activity);
}
