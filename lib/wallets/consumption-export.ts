import { asc, between, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, children, consumptions, families } from '@/db/schema';
import { firstDayOf, lastDayOf, type YearMonth } from '@/lib/calendar/months';
import { csvAmount, csvDate, toCsv } from '@/lib/csv';

/** Every family's consumptions of one month, by date, family and child: the consumptions export. */
export async function consumptionsOfMonth(db: Db, month: YearMonth) {
  return db
    .select({
      date: consumptions.date,
      family: families.name,
      identifier: families.identifier,
      childLastName: children.lastName,
      childFirstName: children.firstName,
      activity: activities.name,
      unitPriceCents: consumptions.unitPriceCents,
      quantity: consumptions.quantity,
      totalCents: consumptions.totalCents,
    })
    .from(consumptions)
    .innerJoin(families, eq(families.id, consumptions.familyId))
    .innerJoin(children, eq(children.id, consumptions.childId))
    .innerJoin(activities, eq(activities.id, consumptions.activityId))
    .where(between(consumptions.date, firstDayOf(month), lastDayOf(month)))
    .orderBy(asc(consumptions.date), asc(families.name), asc(children.lastName), asc(children.firstName), asc(activities.name), asc(consumptions.id));
}

/** The consumptions export, as the CSV staff open in Excel. */
export async function consumptionsCsv(db: Db, month: YearMonth): Promise<string> {
  const rows = await consumptionsOfMonth(db, month);
  return toCsv(
    ['Date', 'Famille', 'Identifiant famille', 'Enfant', 'Activité', 'Prix unitaire', 'Quantité', 'Total'],
    rows.map((row) => [
      csvDate(row.date),
      row.family,
      row.identifier,
      `${row.childLastName} ${row.childFirstName}`,
      row.activity,
      csvAmount(row.unitPriceCents),
      row.quantity,
      csvAmount(row.totalCents),
    ]),
  );
}
