import { and, asc, desc, eq, gt, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { activityDays, bookingPeriods } from '@/db/schema';
import { recordAudit, type Actor } from '@/lib/audit/record';
import { parisDate, parisInstant, TOWN_TIME_ZONE, type Clock } from '@/lib/clock';
import { formatDate } from '@/lib/format';
import { ok, refused, type Result } from '@/lib/result';
import { clockTime, isoDate } from './form-fields';
import { invalidateCatalog } from './catalog';

export const bookingPeriodSchema = z
  .object({
    label: z.string({ error: 'Le libellé est obligatoire.' }).trim().min(1, 'Le libellé est obligatoire.').max(80, 'Le libellé ne doit pas dépasser 80 caractères.'),
    startsOn: isoDate('Début'),
    endsOn: isoDate('Fin'),
    opensOn: isoDate('Ouverture des réservations'),
    opensAtTime: clockTime('L’heure d’ouverture'),
    closesOn: isoDate('Fermeture des réservations'),
    closesAtTime: clockTime('L’heure de fermeture'),
  })
  .refine((input) => input.startsOn <= input.endsOn, { path: ['endsOn'], message: 'La fin de la période doit suivre son début.' })
  .refine((input) => `${input.opensOn} ${input.opensAtTime}` < `${input.closesOn} ${input.closesAtTime}`, {
    path: ['closesOn'],
    message: 'La fermeture des réservations doit suivre leur ouverture.',
  });
export type BookingPeriodInput = z.infer<typeof bookingPeriodSchema>;

export const BOOKING_PERIOD_FIELDS = Object.keys(bookingPeriodSchema.shape) as (keyof BookingPeriodInput)[];

const columns = (input: BookingPeriodInput) => ({
  label: input.label,
  startsOn: input.startsOn,
  endsOn: input.endsOn,
  opensAt: parisInstant(input.opensOn, input.opensAtTime),
  closesAt: parisInstant(input.closesOn, input.closesAtTime),
});

export async function createBookingPeriod(db: Db, clock: Clock, actor: Actor, input: BookingPeriodInput): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const values = columns(input);
    const [created] = await tx.insert(bookingPeriods).values(values).returning({ id: bookingPeriods.id });
    await recordAudit(tx, clock, actor, { action: 'booking_period.create', entityType: 'booking_period', entityId: created!.id, details: values });
    return ok({ id: created!.id });
  }).finally(invalidateCatalog);
}

/** The days already opened in the period must stay inside the dates it covers. */
export async function updateBookingPeriod(db: Db, clock: Clock, actor: Actor, periodId: number, input: BookingPeriodInput): Promise<Result<void>> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(bookingPeriods).where(eq(bookingPeriods.id, periodId)).for('update');
    if (!before) return refused('Cette période de réservation est introuvable.');
    const [outside] = await tx
      .select({ date: activityDays.date })
      .from(activityDays)
      .where(and(eq(activityDays.bookingPeriodId, periodId), or(lt(activityDays.date, input.startsOn), gt(activityDays.date, input.endsOn))))
      .orderBy(asc(activityDays.date))
      .limit(1);
    if (outside) {
      return refused(`Le jour d’ouverture du ${formatDate(outside.date)} de cette période tomberait en dehors de ses dates.`, { field: 'startsOn' });
    }
    const values = columns(input);
    await tx.update(bookingPeriods).set(values).where(eq(bookingPeriods.id, periodId));
    await recordAudit(tx, clock, actor, {
      action: 'booking_period.update',
      entityType: 'booking_period',
      entityId: periodId,
      details: { from: { ...before, id: undefined }, to: values },
    });
    return ok();
  }).finally(invalidateCatalog);
}

export async function listBookingPeriods(db: Db) {
  return db.select().from(bookingPeriods).orderBy(desc(bookingPeriods.startsOn), desc(bookingPeriods.id));
}

export async function findBookingPeriod(db: Db, periodId: number) {
  const [period] = await db.select().from(bookingPeriods).where(eq(bookingPeriods.id, periodId));
  return period ?? null;
}

/** A period as its form shows it: the opening and closing instants as Paris dates and times. */
export function bookingPeriodFormValues(period: typeof bookingPeriods.$inferSelect | null): Record<string, string> {
  if (!period) return { opensAtTime: '08:00', closesAtTime: '23:59' };
  const opens = parisDateTime(period.opensAt);
  const closes = parisDateTime(period.closesAt);
  return { label: period.label, startsOn: period.startsOn, endsOn: period.endsOn, opensOn: opens.date, opensAtTime: opens.time, closesOn: closes.date, closesAtTime: closes.time };
}

function parisDateTime(instant: Date) {
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone: TOWN_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
  return { date: parisDate(instant), time };
}
