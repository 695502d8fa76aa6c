import { and, asc, eq, gt, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, basketItems, baskets, bookingPeriods, children, reservations } from '@/db/schema';
import { recordAudit, type Actor } from '@/lib/audit/record';
import { addDays, isoWeekday, parisToday, type Clock, type IsoDate } from '@/lib/clock';
import { formatDate } from '@/lib/format';
import { lockingTransaction } from '@/lib/locks';
import { ok, refused, Refusal, refusalAsResult, type Result } from '@/lib/result';
import { bumpBasket, openBasket } from './basket';
import { childBookings, dayCounts, LIVE_STATUSES, timeFacts } from './facts';
import { dayVerdict, findOverlap, REASONS } from './rules';

/*
 * « Semaine type »: a parent picks weekdays for one child and one activity and a date range inside
 * the open booking period, sees what each of those dates would give, and puts the requestable ones
 * in the basket at once. Each date is judged by the calendar's own rules (dayVerdict), and the
 * addition re-judges every date under the basket's lock, as a click does: nothing here decides
 * anything the calendar would not.
 */

/** ISO weekdays, 1 = Lundi … 7 = Dimanche. */
export const WEEKDAY_NAMES: Record<number, string> = { 1: 'Lundi', 2: 'Mardi', 3: 'Mercredi', 4: 'Jeudi', 5: 'Vendredi', 6: 'Samedi', 7: 'Dimanche' };

export const TYPICAL_WEEK_REASONS = {
  alreadyRequested: 'Déjà demandé',
  alreadyReserved: 'Déjà réservé',
  alreadyWaitlisted: 'Déjà en liste d’attente',
  cancellationRequested: 'Annulation demandée dans vos demandes en cours',
} as const;

export interface TypicalWeekQuery {
  childId: number;
  activityId: number;
}

export interface TypicalWeekInput extends TypicalWeekQuery {
  /** ISO weekdays chosen. */
  weekdays: number[];
  from: IsoDate;
  to: IsoDate;
}

/** What the form offers: the child, the activity, the dates it may cover and the weekdays to tick. */
export interface TypicalWeekForm {
  child: { id: number; firstName: string; lastName: string };
  activity: { id: number; name: string };
  /** The open booking period's dates still to come: the range allowed, and the form's default. */
  firstDate: IsoDate;
  lastDate: IsoDate;
  /** Lundi … Vendredi, and Samedi or Dimanche when the activity opens on one of them. */
  weekdays: number[];
}

/** One date of the pattern: asked for when the basket takes it, else skipped with the reason. */
export interface TypicalWeekDay {
  date: IsoDate;
  activityDayId: number | null;
  requested: boolean;
  /** Asked for, on the waiting list: the day is full but its list has room. */
  waitlist: boolean;
  reason: string | null;
}

export interface TypicalWeekPlan {
  form: TypicalWeekForm;
  from: IsoDate;
  to: IsoDate;
  weekdays: number[];
  days: TypicalWeekDay[];
}

const chosenWeekdays = (input: { weekdays: number[] }) => [...new Set(input.weekdays)].sort((a, b) => a - b);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isIsoDate = (value: string) => ISO_DATE.test(value) && addDays(value, 0) === value;

/**
 * The form of a child and an activity: refused when the child is not the family's, or when no
 * booking period open now has a day of the activity still to come.
 */
export async function typicalWeekForm(db: Db, clock: Clock, familyId: number, query: TypicalWeekQuery): Promise<Result<TypicalWeekForm>> {
  const [child] = await db
    .select({ id: children.id, firstName: children.firstName, lastName: children.lastName })
    .from(children)
    .where(and(eq(children.id, query.childId), eq(children.familyId, familyId)));
  if (!child) return refused('Cet enfant ne fait pas partie de votre famille.');
  const [activity] = await db.select({ id: activities.id, name: activities.name, active: activities.active }).from(activities).where(eq(activities.id, query.activityId));
  if (!activity?.active) return refused('Cette activité n’existe pas.');

  const now = clock.now();
  const tomorrow = addDays(parisToday(clock), 1);
  const days = await db
    .select({ date: activityDays.date, startsOn: bookingPeriods.startsOn, endsOn: bookingPeriods.endsOn })
    .from(activityDays)
    .innerJoin(bookingPeriods, eq(bookingPeriods.id, activityDays.bookingPeriodId))
    .where(
      and(
        eq(activityDays.activityId, activity.id),
        eq(activityDays.closed, false),
        gte(activityDays.date, tomorrow),
        lte(bookingPeriods.opensAt, now),
        gt(bookingPeriods.closesAt, now),
      ),
    )
    .orderBy(asc(activityDays.date));
  if (days.length === 0) return refused('Aucune période de réservation n’est ouverte pour cette activité.');
  const firstDate = days.map((day) => day.startsOn).reduce((a, b) => (a < b ? a : b));
  const lastDate = days.map((day) => day.endsOn).reduce((a, b) => (a > b ? a : b));
  const weekends = [...new Set(days.map((day) => isoWeekday(day.date)).filter((weekday) => weekday > 5))].sort((a, b) => a - b);
  return ok({
    child,
    activity: { id: activity.id, name: activity.name },
    firstDate: firstDate > tomorrow ? firstDate : tomorrow,
    lastDate,
    weekdays: [1, 2, 3, 4, 5, ...weekends],
  });
}

/** The input checked against the form: a French message on the field at fault, else the dates of the pattern. */
function patternDates(form: TypicalWeekForm, input: TypicalWeekInput): Result<IsoDate[]> {
  const weekdays = new Set(input.weekdays);
  if (weekdays.size === 0) return refused('Choisissez au moins un jour de la semaine.', { field: 'jours' });
  if ([...weekdays].some((weekday) => !form.weekdays.includes(weekday))) return refused('Choisissez les jours de la semaine parmi ceux proposés.', { field: 'jours' });
  if (!isIsoDate(input.from)) return refused('Saisissez une date de début valide.', { field: 'du' });
  if (!isIsoDate(input.to)) return refused('Saisissez une date de fin valide.', { field: 'au' });
  if (input.to < input.from) return refused('La date de fin doit être après la date de début.', { field: 'au' });
  if (input.from < form.firstDate || input.to > form.lastDate) {
    return refused(`Choisissez des dates comprises dans la période de réservation ouverte, du ${formatDate(form.firstDate)} au ${formatDate(form.lastDate)}.`, {
      field: input.from < form.firstDate ? 'du' : 'au',
    });
  }
  const dates: IsoDate[] = [];
  for (let date = input.from; date <= input.to; date = addDays(date, 1)) if (weekdays.has(isoWeekday(date))) dates.push(date);
  return ok(dates);
}

/**
 * What each date would give, read with `db` (a transaction holding the basket's lock when adding):
 * the calendar's verdict on the day, or why it is skipped.
 */
async function judgeDates(db: Db, clock: Clock, familyId: number, form: TypicalWeekForm, dates: IsoDate[]): Promise<TypicalWeekDay[]> {
  if (dates.length === 0) return [];
  const [childRow] = await db.select().from(children).where(and(eq(children.id, form.child.id), eq(children.familyId, familyId)));
  const [activity] = await db.select().from(activities).where(eq(activities.id, form.activity.id));
  // Read again with the days (under the basket's lock when adding): a child or activity gone since the form was read refuses.
  if (!childRow) throw new Refusal('Cet enfant ne fait pas partie de votre famille.');
  if (!activity) throw new Refusal('Cette activité n’existe pas.');
  const days = await db
    .select({ day: activityDays, opensAt: bookingPeriods.opensAt, closesAt: bookingPeriods.closesAt })
    .from(activityDays)
    .innerJoin(bookingPeriods, eq(bookingPeriods.id, activityDays.bookingPeriodId))
    .where(and(eq(activityDays.activityId, form.activity.id), eq(activityDays.closed, false), inArray(activityDays.date, dates)));
  const ids = days.map(({ day }) => day.id);
  const [counts, own, requests, elsewhere] = await Promise.all([
    dayCounts(db, ids),
    ids.length
      ? db
          .select({ activityDayId: reservations.activityDayId, status: reservations.status })
          .from(reservations)
          .where(and(eq(reservations.childId, form.child.id), inArray(reservations.activityDayId, ids), inArray(reservations.status, [...LIVE_STATUSES])))
      : [],
    ids.length
      ? db
          .select({ activityDayId: basketItems.activityDayId, action: basketItems.action })
          .from(basketItems)
          .innerJoin(baskets, and(eq(baskets.id, basketItems.basketId), eq(baskets.familyId, familyId)))
          .where(and(eq(basketItems.childId, form.child.id), inArray(basketItems.activityDayId, ids)))
      : [],
    childBookings(db, familyId, form.child.id, dates),
  ]);
  const byDate = new Map(days.map((row) => [row.day.date, row]));
  const ownByDay = new Map(own.map((row) => [row.activityDayId, row.status]));
  const requestByDay = new Map(requests.map((row) => [row.activityDayId, row.action]));
  const childName = `${childRow.lastName} ${childRow.firstName}`;

  return dates.map((date): TypicalWeekDay => {
    const row = byDate.get(date);
    const skipped = (reason: string, activityDayId: number | null = row?.day.id ?? null): TypicalWeekDay => ({ date, activityDayId, requested: false, waitlist: false, reason });
    if (!row) return skipped(REASONS.notOpeningDay, null);
    const request = requestByDay.get(row.day.id);
    if (request) return skipped(request === 'add' ? TYPICAL_WEEK_REASONS.alreadyRequested : TYPICAL_WEEK_REASONS.cancellationRequested);
    const status = ownByDay.get(row.day.id);
    if (status) return skipped(status === 'waitlisted' ? TYPICAL_WEEK_REASONS.alreadyWaitlisted : TYPICAL_WEEK_REASONS.alreadyReserved);
    const verdict = dayVerdict({
      ...timeFacts(clock, { ...row.day, opensAt: row.opensAt, closesAt: row.closesAt }, activity, childRow),
      ...counts.get(row.day.id)!,
      own: null,
      overlap: findOverlap(childName, { activityId: activity.id, activityName: activity.name, date, arrivalTime: activity.arrivalTime, departureTime: activity.departureTime }, elsewhere),
    });
    if (!verdict.clickable) return skipped(verdict.reason ?? REASONS.notOpeningDay);
    return { date, activityDayId: row.day.id, requested: true, waitlist: verdict.state === 'waitlistOpen', reason: null };
  });
}

/** « Voir les jours »: the dates of the pattern and what each would give, nothing written. */
export async function typicalWeekPlan(db: Db, clock: Clock, familyId: number, input: TypicalWeekInput): Promise<Result<TypicalWeekPlan>> {
  const form = await typicalWeekForm(db, clock, familyId, input);
  if (!form.ok) return form;
  const dates = patternDates(form.value, input);
  if (!dates.ok) return dates;
  return refusalAsResult(async () => {
    const days = await judgeDates(db, clock, familyId, form.value, dates.value);
    return ok({ form: form.value, from: input.from, to: input.to, weekdays: chosenWeekdays(input), days });
  });
}

/**
 * « Ajouter au panier »: every date of the pattern the basket may take goes in, in one transaction
 * under the basket's lock, each judged again there (lock order of lib/locks.ts: level 1 only, no
 * place is taken before « Valider »). Refused, and nothing written, when no date may be asked for.
 */
export async function addTypicalWeek(
  db: Db,
  clock: Clock,
  familyId: number,
  actor: Actor,
  input: TypicalWeekInput,
): Promise<Result<{ added: number; plan: TypicalWeekPlan }>> {
  const form = await typicalWeekForm(db, clock, familyId, input);
  if (!form.ok) return form;
  const dates = patternDates(form.value, input);
  if (!dates.ok) return dates;
  return refusalAsResult(() =>
    lockingTransaction(db, async (tx) => {
      const basket = await openBasket(tx, familyId);
      const days = await judgeDates(tx, clock, familyId, form.value, dates.value);
      const requested = days.filter((day) => day.requested);
      // Thrown, not returned: the transaction rolls back and leaves no empty basket behind.
      if (requested.length === 0) throw new Refusal('Aucun de ces jours ne peut être demandé : voyez la raison de chacun ci-dessous.');
      const addedAt = clock.now();
      await tx
        .insert(basketItems)
        .values(requested.map((day) => ({ basketId: basket.id, childId: form.value.child.id, activityDayId: day.activityDayId!, action: 'add' as const, addedAt })));
      await bumpBasket(tx, basket.id, clock);
      await recordAudit(tx, clock, actor, {
        action: 'basket.typical-week',
        entityType: 'basket',
        entityId: basket.id,
        familyId,
        details: { childId: form.value.child.id, activityId: form.value.activity.id, weekdays: chosenWeekdays(input), from: input.from, to: input.to, added: requested.length },
      });
      return ok({ added: requested.length, plan: { form: form.value, from: input.from, to: input.to, weekdays: chosenWeekdays(input), days } });
    }),
  );
}
