import { and, asc, gte, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { menus } from '@/db/schema';
import { addDays, isoWeekday, parisToday, type Clock } from '@/lib/clock';

/** Monday to Friday of this week; at the weekend, of the coming week. */
export function menuWeek(today: string): { from: string; to: string } {
  const weekday = isoWeekday(today);
  const monday = weekday >= 6 ? addDays(today, 8 - weekday) : addDays(today, 1 - weekday);
  return { from: monday, to: addDays(monday, 4) };
}

export async function menusOfTheWeek(db: Db, clock: Clock) {
  const { from, to } = menuWeek(parisToday(clock));
  const rows = await db.select().from(menus).where(and(gte(menus.date, from), lte(menus.date, to))).orderBy(asc(menus.date));
  return { from, to, menus: rows };
}
