import type { Db } from '../../db/client';
import * as t from '../../db/schema';
import { addDays } from '../../lib/clock';
import type { DemoActivities } from './activities';
import type { DemoCalendar } from './calendar';
import type { DemoPeople } from './people';

// Prices by quotient familial: a grid on « ALSH 3-6 ans Matin » (its own 4,75 € stays the price
// of an unknown QF), and QFs for DUPONT (Antoine sees « Tarif de l'activité : 3,20 € ») and a few
// other families, one with an expired QF in its history. Past consumptions keep their price.

export const GRID_ACTIVITY = 'ALSH36-MATIN';

const GRID = [
  { qfMin: 0, qfMax: 450, unitPriceCents: 210 },
  { qfMin: 451, qfMax: 700, unitPriceCents: 320 },
  { qfMin: 701, qfMax: 1000, unitPriceCents: 410 },
  { qfMin: 1001, qfMax: null, unitPriceCents: 475 },
];

export async function insertPriceGrid(db: Db, activities: DemoActivities): Promise<number> {
  const activityId = activities.byCode(GRID_ACTIVITY).id;
  const rows = await db
    .insert(t.activityPriceBrackets)
    .values(GRID.map((bracket) => ({ activityId, ...bracket })))
    .returning({ id: t.activityPriceBrackets.id });
  return rows.length;
}

export async function insertQuotients(db: Db, calendar: DemoCalendar, people: DemoPeople): Promise<number> {
  // Valid from the first of this month for a year: the past period's consumptions came before.
  const from = `${calendar.month}-01`;
  const to = addDays(addDays(from, 365), -1);
  const [second, third, fourth] = people.otherFamilies;
  const recordedAt = calendar.now;
  const recordedBy = people.agent.id;
  const rows = await db
    .insert(t.familyQuotients)
    .values([
      { familyId: people.dupont.id, quotient: 620, validFrom: from, validTo: to, source: 'caf' as const, recordedBy, recordedAt },
      { familyId: second!.id, quotient: 380, validFrom: from, validTo: to, source: 'avis_imposition' as const, recordedBy, recordedAt },
      { familyId: third!.id, quotient: 1100, validFrom: addDays(from, -365), validTo: addDays(from, -1), source: 'caf' as const, recordedBy, recordedAt },
      { familyId: third!.id, quotient: 950, validFrom: from, validTo: to, source: 'caf' as const, recordedBy, recordedAt },
      { familyId: fourth!.id, quotient: 720, validFrom: from, validTo: to, source: 'autre' as const, recordedBy, recordedAt },
    ])
    .returning({ id: t.familyQuotients.id });
  return rows.length;
}
