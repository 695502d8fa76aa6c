import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, children, families, reservations } from '@/db/schema';
import type { IsoDate } from '@/lib/clock';
import { csvDate, csvDateTime, toCsv } from '@/lib/csv';
import { statusLabel } from './labels';

/** The reservations of one day (of one activity, or all), by activity, then child: the reservations export. */
export async function reservationsOfDay(db: Db, date: IsoDate, activityId?: number) {
  return db
    .select({
      date: activityDays.date,
      activity: activities.name,
      childLastName: children.lastName,
      childFirstName: children.firstName,
      family: families.name,
      identifier: families.identifier,
      status: reservations.status,
      waitlistRank: reservations.waitlistRank,
      requestedAt: reservations.requestedAt,
    })
    .from(reservations)
    .innerJoin(activityDays, eq(activityDays.id, reservations.activityDayId))
    .innerJoin(activities, eq(activities.id, activityDays.activityId))
    .innerJoin(children, eq(children.id, reservations.childId))
    .innerJoin(families, eq(families.id, reservations.familyId))
    .where(and(eq(activityDays.date, date), activityId === undefined ? undefined : eq(activities.id, activityId)))
    .orderBy(asc(activities.name), asc(children.lastName), asc(children.firstName), asc(reservations.requestedAt), asc(reservations.id));
}

/** The activities, by name, for the export form. */
export async function activityChoices(db: Db) {
  return db.select({ id: activities.id, name: activities.name }).from(activities).orderBy(asc(activities.name));
}

/** The reservations export, as the CSV staff open in Excel. */
export async function reservationsCsv(db: Db, date: IsoDate, activityId?: number): Promise<string> {
  const rows = await reservationsOfDay(db, date, activityId);
  return toCsv(
    ['Date', 'Activité', 'Enfant', 'Famille', 'Identifiant famille', 'Statut', 'Date de la demande'],
    rows.map((row) => [
      csvDate(row.date),
      row.activity,
      `${row.childLastName} ${row.childFirstName}`,
      row.family,
      row.identifier,
      statusLabel(row.status, row.waitlistRank),
      csvDateTime(row.requestedAt),
    ]),
  );
}
