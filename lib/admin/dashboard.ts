import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bookingPeriods, children, families, outboundEmails, reservations } from '@/db/schema';

/** The counts on the staff home page. */
export async function dashboardCounts(db: Db, now: Date) {
  const at = now.toISOString();
  const [row] = await db
    .select({
      families: sql<number>`(select count(*)::int from ${families})`,
      children: sql<number>`(select count(*)::int from ${children})`,
      pending: sql<number>`(select count(*)::int from ${reservations} where ${reservations.status} = 'pending')`,
      waitlisted: sql<number>`(select count(*)::int from ${reservations} where ${reservations.status} = 'waitlisted')`,
      openPeriods: sql<number>`(select count(*)::int from ${bookingPeriods} where ${bookingPeriods.opensAt} <= ${at}::timestamptz and ${bookingPeriods.closesAt} > ${at}::timestamptz)`,
      emailsPending: sql<number>`(select count(*)::int from ${outboundEmails} where ${outboundEmails.status} = 'pending')`,
    })
    .from(sql`(select 1) as one`);
  return row!;
}
