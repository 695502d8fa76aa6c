// First: it stands in for what a request gives the app, before the app is imported.
import { formatEuros } from '@/lib/format';
import { state } from '../support/next-mocks';
import { count, eq } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, basketItems, baskets, basketValidations, reservations } from '@/db/schema';
import type { CalendarBoard } from '@/components/reservations/calendar-board';
import { expandLook } from '@/components/reservations/day-look';
import type { ActionState } from '@/lib/action-state';
import { REASONS } from '@/lib/reservations/rules';
import { createTestDatabase } from '../support/db';
import { aBookingPeriod, aChild, aGuardian, anActivity, anActivityDay, aReservation } from '../support/factories';
import { sessionOf } from '../support/session';

// The after-response mail delivery is stood in for too: the tests only check that it is asked for.
vi.mock('@/lib/mail/after-commit', () => ({ deliverAfterResponse: vi.fn() }));

const { toggleDayAction, abandonBasketAction, validateBasketAction } = await import('@/app/(famille)/reservations/actions');
const { default: ReservationsPage } = await import('@/app/(famille)/reservations/page');
const { default: RecapPage } = await import('@/app/(famille)/reservations/recapitulatif/page');
const { default: ResultPage } = await import('@/app/(famille)/reservations/resultat/[id]/page');
const { default: SuiviPage } = await import('@/app/(famille)/suivi/page');
const { deliverAfterResponse } = await import('@/lib/mail/after-commit');
const { revalidatePath } = await import('next/cache');

let handle: DbHandle;
type Guardian = Awaited<ReturnType<typeof aGuardian>>;
let familyA: { guardian: Guardian; child: Awaited<ReturnType<typeof aChild>> };
let familyB: { guardian: Guardian; child: Awaited<ReturnType<typeof aChild>> };
let activity: Awaited<ReturnType<typeof anActivity>>;
const days = {} as Record<'open' | 'second' | 'full' | 'notOpenYet' | 'past', Awaited<ReturnType<typeof anActivityDay>>>;

const actAs = (family: { guardian: Guardian }) => {
  state.session = sessionOf(family.guardian);
};

function formOf(fields: Record<string, string | number>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, String(value));
  return form;
}

async function outcomeOf(promise: Promise<unknown>): Promise<{ redirect?: string; notFound?: boolean; value?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (digest.startsWith('NEXT_REDIRECT')) return { redirect: digest.split(';')[2]! };
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return { notFound: true };
    throw error;
  }
}

const rows = async (table: typeof basketItems | typeof reservations | typeof baskets | typeof basketValidations | typeof auditLog) =>
  (await handle.db.select({ n: count() }).from(table))[0]!.n;
const snapshot = async () => ({
  baskets: await rows(baskets),
  basketItems: await rows(basketItems),
  reservations: await rows(reservations),
  validations: await rows(basketValidations),
  audit: await rows(auditLog),
});
const search = (params: Record<string, string | string[]>) => ({ searchParams: Promise.resolve(params) });
const html = async (page: Promise<React.ReactNode>) => renderToStaticMarkup(await page);
/** Each button's name as a screen reader reads it: its text, less what is aria-hidden. */
const buttonNames = (markup: string) =>
  [...markup.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)].map(([, inside]) =>
    inside!.replace(/<(span|svg)\b[^>]*aria-hidden="true"[^>]*>[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ''),
  );
const click = (childId: number, activityDayId: number | string) =>
  toggleDayAction({}, formOf({ childId, activityDayId, activite: activity.id, mois: '2026-12', affichage: 'dynamique' }));

beforeAll(async () => {
  vi.stubEnv('COMPTE_FAMILLE_NOW', '2026-11-26T10:00:00Z');
  handle = await createTestDatabase();
  state.db = handle.db;
  const a = await aGuardian(handle.db);
  const b = await aGuardian(handle.db);
  familyA = { guardian: a, child: await aChild(handle.db, a.familyId!, { firstName: 'Azélie', lastName: 'ALPHA', birthDate: '2022-06-15' }) };
  familyB = { guardian: b, child: await aChild(handle.db, b.familyId!, { firstName: 'Bastien', lastName: 'BRAVO', birthDate: '2022-03-01' }) };
  activity = await anActivity(handle.db, { name: 'ALSH 3-6 ans Après-midi', unitPriceCents: 475, arrivalTime: '12:00', departureTime: '17:30' });
  const open = await aBookingPeriod(handle.db);
  const later = await aBookingPeriod(handle.db, {
    startsOn: '2027-01-04',
    endsOn: '2027-01-29',
    opensAt: new Date('2026-12-15T07:00:00Z'),
    closesAt: new Date('2027-01-29T22:00:00Z'),
  });
  const past = await aBookingPeriod(handle.db, {
    startsOn: '2026-11-01',
    endsOn: '2026-11-20',
    opensAt: new Date('2026-10-01T07:00:00Z'),
    closesAt: new Date('2026-11-20T22:00:00Z'),
  });
  const day = (date: string, periodId: number, capacity = 10, waitlistCapacity = 5) =>
    anActivityDay(handle.db, { activityId: activity.id, bookingPeriodId: periodId, date, capacity, waitlistCapacity });
  days.open = await day('2026-12-09', open.id);
  days.second = await day('2026-12-16', open.id);
  days.full = await day('2026-12-23', open.id, 0, 0);
  days.notOpenYet = await day('2027-01-06', later.id);
  days.past = await day('2026-11-18', past.id);
  // Family A's history: a day attended last week and a place to come.
  await aReservation(handle.db, { familyId: a.familyId!, childId: familyA.child.id, activityDayId: days.past.id, status: 'attended', requestedAt: new Date('2026-11-01T10:00:00Z') });
  await aReservation(handle.db, { familyId: a.familyId!, childId: familyA.child.id, activityDayId: days.second.id, status: 'confirmed', requestedAt: new Date('2026-11-20T10:00:00Z') });
});
afterAll(() => handle.close());
beforeEach(async () => {
  state.session = null;
  await handle.db.delete(baskets);
});

describe('Réservations: a click on a day, checked on the server', () => {
  it('asks for a free day of the family’s own child, shows it as « demandé », and takes it back on a second click', async () => {
    actAs(familyA);
    expect(await click(familyA.child.id, days.open.id)).toMatchObject({ ok: true });
    const page = await html(ReservationsPage(search({ enfant: String(familyA.child.id), activite: String(activity.id), mois: '2026-12' })));
    expect(buttonNames(page)).toContain('mercredi 9 décembre 2026, demandé, pas encore validé, cliquer pour retirer la demande');
    expect(buttonNames(page)).toContain('mercredi 16 décembre 2026, réservé, cliquer pour annuler la réservation');
    expect(page).toContain('Tarif de l&#x27;activité :');
    expect(await rows(basketItems)).toBe(1);

    expect(await click(familyA.child.id, days.open.id)).toMatchObject({ ok: true });
    expect(await rows(basketItems)).toBe(0);
  });

  it('redirects a plain form post back to the calendar, so that reloading the page never clicks twice', async () => {
    actAs(familyA);
    const form = formOf({ childId: familyA.child.id, activityDayId: days.open.id, activite: activity.id, mois: '2026-12' });
    vi.mocked(revalidatePath).mockClear();
    expect(await outcomeOf(toggleDayAction({}, form))).toEqual({ redirect: `/reservations?enfant=${familyA.child.id}&activite=${activity.id}&mois=2026-12` });
    expect(await rows(basketItems)).toBe(1);
    // The page it comes back to is rendered again.
    expect(revalidatePath).toHaveBeenCalledWith('/reservations');
  });

  it('refuses a day for another family’s child with a French message, and changes nothing', async () => {
    actAs(familyB);
    const before = await snapshot();
    expect(await click(familyA.child.id, days.open.id)).toEqual({ error: 'Ce jour ou cet enfant est introuvable.' });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a closed day, a full day and a date in the past, with the reason, and leaves no basket behind', async () => {
    actAs(familyB);
    const before = await snapshot();
    expect(await click(familyB.child.id, days.notOpenYet.id)).toMatchObject({ error: REASONS.notOpenYet });
    expect(await click(familyB.child.id, days.full.id)).toMatchObject({ error: REASONS.full });
    expect(await click(familyB.child.id, days.past.id)).toMatchObject({ error: REASONS.windowClosed });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an unknown opening day and ids that are not numbers', async () => {
    actAs(familyB);
    const before = await snapshot();
    expect(await click(familyB.child.id, 987_654)).toMatchObject({ error: 'Ce jour ou cet enfant est introuvable.' });
    expect(await click(familyB.child.id, 'mercredi')).toEqual({ error: 'Choisissez un jour du calendrier.' });
    expect(await toggleDayAction({}, formOf({ childId: '1 or 1=1', activityDayId: days.open.id }))).toEqual({ error: 'Choisissez un de vos enfants.' });
    expect(await snapshot()).toEqual(before);
  });

  it('sends an anonymous click to the login page and writes nothing', async () => {
    const before = await snapshot();
    expect(await outcomeOf(click(familyA.child.id, days.open.id))).toEqual({ redirect: '/connexion' });
    expect(await snapshot()).toEqual(before);
  });

  it('shows no calendar for another family’s child or for an activity the child cannot book, only a French message', async () => {
    actAs(familyB);
    const foreign = await html(ReservationsPage(search({ enfant: String(familyA.child.id), activite: String(activity.id) })));
    expect(foreign).toContain('Cet enfant ne fait pas partie de votre famille');
    expect(foreign).not.toContain('Azélie');
    expect(foreign).not.toContain('<table');

    const unknown = await html(ReservationsPage(search({ enfant: String(familyB.child.id), activite: '987654' })));
    expect(unknown).toContain('Cette activité n’est pas proposée à la réservation pour cet enfant');
    expect(unknown).not.toContain('<table');
  });

  it('lets a family abandon its own requests only', async () => {
    actAs(familyA);
    await click(familyA.child.id, days.open.id);
    actAs(familyB);
    await click(familyB.child.id, days.open.id);
    expect(await outcomeOf(abandonBasketAction({}, formOf({ enfant: familyB.child.id })))).toEqual({ redirect: `/reservations?enfant=${familyB.child.id}&abandon=1` });
    const left = await handle.db.select({ childId: basketItems.childId }).from(basketItems);
    expect(left).toEqual([{ childId: familyA.child.id }]);
  });
});

describe('Réservations: the answer to a click with JavaScript', () => {
  const lookOf = (answer: ActionState<CalendarBoard>, date: string) => answer.view!.weeks.flat().find((look) => look?.date === date);

  it('brings the month’s days as the page shows them, « Vos demandes en cours » and the buttons, and does not render the page again', async () => {
    actAs(familyA);
    vi.mocked(revalidatePath).mockClear();
    const answer = await click(familyA.child.id, days.open.id);
    expect(revalidatePath).not.toHaveBeenCalled();
    expect(answer).toMatchObject({ ok: true });
    // Only the month shown: its dates, and null for the dates of the months around it.
    const looks = answer.view!.weeks.flat();
    expect(looks.filter(Boolean).map((look) => look!.date)).toEqual(Array.from({ length: 31 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`));
    expect(lookOf(answer, '2026-12-09')).toMatchObject({ tone: 'requestedAdd', activityDayId: days.open.id });
    expect(lookOf(answer, '2026-12-16')).toMatchObject({ tone: 'booked', activityDayId: days.second.id });
    expect(answer.view!.requests).toEqual({
      additions: 1,
      removals: 0,
      lines: [
        {
          itemId: expect.any(Number),
          kind: 'reservation',
          date: '2026-12-09',
          childName: 'ALPHA Azélie',
          activityName: 'ALSH 3-6 ans Après-midi',
          href: `/reservations?enfant=${familyA.child.id}&activite=${activity.id}&mois=2026-12`,
          costCents: 475,
        },
      ],
    });
    // The same days as the page rendered now: each button reads as the answer's look does.
    const page = await html(ReservationsPage(search({ enfant: String(familyA.child.id), activite: String(activity.id), mois: '2026-12' })));
    const clickable = looks.filter((look) => look?.activityDayId !== undefined).map((look) => expandLook(look!).label);
    expect(buttonNames(page).filter((name) => /^\w+ \d+(er)? décembre 2026, /.test(name))).toEqual(clickable);

    const back = await click(familyA.child.id, days.open.id);
    expect(revalidatePath).not.toHaveBeenCalled();
    expect(lookOf(back, '2026-12-09')).toMatchObject({ tone: 'available' });
    // No request left: « Abandonner » and « Valider » go with the list.
    expect(back.view!.requests).toEqual({ additions: 0, removals: 0, lines: [] });
  });

  it('brings the days with a refusal too, so that a day that filled up shows it', async () => {
    actAs(familyB);
    const answer = await click(familyB.child.id, days.full.id);
    expect(answer).toMatchObject({ error: REASONS.full });
    expect(lookOf(answer, '2026-12-23')).toMatchObject({ tone: 'full' });
    expect(lookOf(answer, '2026-12-23')!.activityDayId).toBeUndefined();
  });

  it('answers with no calendar but the family’s own one, for the month and activity the page would show', async () => {
    actAs(familyB);
    // Another family's child: refused, and nothing of that family in the answer.
    expect(await click(familyA.child.id, days.open.id)).toEqual({ error: 'Ce jour ou cet enfant est introuvable.' });
    // A place the page would not show as it was (an unknown activity, a month without days to book,
    // a month whose booking is not open yet): the click counts, and the page is rendered again.
    const places: Array<Record<string, string | number>> = [
      { activite: 987_654, mois: '2026-12' },
      { activite: activity.id, mois: '2026-10' },
      { activite: activity.id, mois: '2027-01' },
      { activite: activity.id },
    ];
    for (const place of places) {
      vi.mocked(revalidatePath).mockClear();
      expect(await toggleDayAction({}, formOf({ childId: familyB.child.id, activityDayId: days.open.id, affichage: 'dynamique', ...place }))).toEqual({ ok: true });
      expect(revalidatePath).toHaveBeenCalledWith('/reservations');
    }
  });
});

describe('Récapitulatif and Valider', () => {
  const recapForm = async (familyId: number, remarks = '') => {
    const [basket] = await handle.db.select().from(baskets).where(eq(baskets.familyId, familyId));
    return formOf({ basketId: basket!.id, version: basket!.version, remarks });
  };

  it('lists the requests with their cost and total, and another family sees none of them', async () => {
    actAs(familyA);
    await click(familyA.child.id, days.open.id);
    await click(familyA.child.id, days.second.id);
    const recap = await html(RecapPage(search({})));
    expect(recap).toContain('Récapitulatif des réservations');
    expect(recap).toContain('Récapitulatif des annulations');
    expect(recap).toContain('09/12/2026');
    expect(recap).toContain('16/12/2026');
    expect(recap).toContain('4,75');
    actAs(familyB);
    const other = await html(RecapPage(search({})));
    expect(other).toContain('Vous n’avez aucune demande en cours');
    expect(other).not.toContain('09/12/2026');
  });

  it('refuses a remark longer than 1000 characters with a French message, and validates nothing', async () => {
    actAs(familyA);
    await click(familyA.child.id, days.open.id);
    const before = await snapshot();
    const result = await validateBasketAction({}, await recapForm(familyA.guardian.familyId!, 'é'.repeat(1001)));
    expect(result.fieldErrors).toEqual({ remarks: 'Vos remarques ne doivent pas dépasser 1000 caractères.' });
    expect(result.error).toBe('Vos demandes ne sont pas validées : raccourcissez vos remarques.');
    expect(await snapshot()).toEqual(before);
    expect(deliverAfterResponse).not.toHaveBeenCalled();
  });

  it('refuses to validate another family’s basket, and changes nothing', async () => {
    actAs(familyA);
    await click(familyA.child.id, days.open.id);
    const form = await recapForm(familyA.guardian.familyId!);
    actAs(familyB);
    const before = await snapshot();
    const result = await validateBasketAction({}, form);
    expect(result.error).toBe('Ces demandes ont déjà été validées ou abandonnées. Consultez l’onglet Suivi.');
    expect(await snapshot()).toEqual(before);
  });

  it('validates once however often the same recap is sent, and sends the confirmation e-mail', async () => {
    actAs(familyB);
    await click(familyB.child.id, days.open.id);
    const form = await recapForm(familyB.guardian.familyId!, 'Il arrivera à 13 h.');
    const first = await outcomeOf(validateBasketAction({}, form));
    const second = await outcomeOf(validateBasketAction({}, form));
    expect(first.redirect).toMatch(/^\/reservations\/resultat\/\d+$/);
    expect(second).toEqual(first);
    const made = await handle.db.select().from(reservations).where(eq(reservations.childId, familyB.child.id));
    expect(made.map((r) => [r.status, r.remarks])).toEqual([['pending', 'Il arrivera à 13 h.']]);
    expect(deliverAfterResponse).toHaveBeenCalled();

    const id = first.redirect!.split('/').pop()!;
    const result = await html(ResultPage({ params: Promise.resolve({ id }) }));
    expect(result).toContain('Acceptée (Non transmis)');
    expect(result).toContain(`Montant de vos réservations acceptées : <strong class="tabular-nums">${formatEuros(475)}</strong>`);
    // The payment offer: what the family owes (no wallet yet, so the new day's 4,75 €), prefilled on « Paiement CB ».
    expect(result).not.toContain('dès qu’il sera ouvert');
    expect(result).toContain(`vous devez <strong class="tabular-nums">${formatEuros(475)}</strong>`);
    expect(result).toContain(`href="/soldes/paiement?jusquau=2026-12-31&amp;montant=${activity.walletTypeId}%3A475"`);
    expect(result).toMatch(/<a [^>]*href="\/soldes\/paiement[^"]*"[^>]*>Payer par carte bancaire<\/a>/);
    expect(result).not.toMatch(/<button/);

    // Family A may not read it, nor anything that is not an id.
    actAs(familyA);
    expect(await outcomeOf(ResultPage({ params: Promise.resolve({ id }) }))).toEqual({ notFound: true });
    expect(await outcomeOf(ResultPage({ params: Promise.resolve({ id: `${id} or 1=1` }) }))).toEqual({ notFound: true });
  });
});

describe('Suivi', () => {
  const queries: Array<Record<string, string | string[]>> = [
    {},
    { periode: 'passees' },
    { enfant: '' },
    { enfant: 'tous' },
    { enfant: ['1', '2'] },
    { periode: 'passees', enfant: '999999', activite: '-1' },
  ];

  it('never shows family A’s rows to family B, whatever the query', async () => {
    await aReservation(handle.db, {
      familyId: familyB.guardian.familyId!,
      childId: familyB.child.id,
      activityDayId: days.notOpenYet.id,
      status: 'waitlisted',
      waitlistRank: 2,
      requestedAt: new Date('2026-11-25T10:00:00Z'),
    });
    actAs(familyB);
    const mine = await html(SuiviPage(search({})));
    expect(mine).toContain('BRAVO Bastien');
    expect(mine).toContain('En liste d’attente (rang 2)');
    const attempts = [
      ...queries,
      { enfant: String(familyA.child.id) },
      { enfant: String(familyA.child.id), periode: 'passees' },
      { activite: String(activity.id), enfant: String(familyA.child.id) },
      { activite: String(activity.id), periode: 'passees' },
    ];
    for (const query of attempts) {
      const page = await html(SuiviPage(search(query)));
      expect(page, JSON.stringify(query)).not.toContain('ALPHA');
      expect(page, JSON.stringify(query)).not.toContain('Azélie');
    }
    expect(await html(SuiviPage(search({ enfant: String(familyA.child.id) })))).toContain('Aucune réservation ne correspond à ces critères.');
  });

  it('shows family A its upcoming reservations by default and its past ones on request', async () => {
    actAs(familyA);
    const upcoming = await html(SuiviPage(search({})));
    expect(upcoming).toContain('16/12/2026');
    expect(upcoming).toContain('Réservée');
    expect(upcoming).not.toContain('18/11/2026');
    const past = await html(SuiviPage(search({ periode: 'passees' })));
    expect(past).toContain('18/11/2026');
    expect(past).not.toContain('16/12/2026');
  });
});
