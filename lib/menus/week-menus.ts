import { and, asc, gte, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { menus } from '@/db/schema';
import { recordAudit, type Actor } from '@/lib/audit/record';
import { addDays, isoWeekday, parisToday, type Clock } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';

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

const optionalDish = z
  .string()
  .trim()
  .max(200, 'Ce plat ne doit pas dépasser 200 caractères.')
  .transform((dish) => dish || null);

export const menuSchema = z.object({
  date: z.iso.date({ error: 'Saisissez une date valide.' }),
  starter: optionalDish,
  mainCourse: z.string().trim().min(1, 'Le plat principal est obligatoire.').max(200, 'Ce plat ne doit pas dépasser 200 caractères.'),
  side: optionalDish,
  dessert: optionalDish,
});
export type MenuInput = z.output<typeof menuSchema>;

/** Staff write a day's menu (Restauration); a second one for the same day replaces it. Audited. */
export async function saveMenu(db: Db, clock: Clock, actor: Actor, input: MenuInput): Promise<Result> {
  if (isoWeekday(input.date) >= 6) return refused('La restauration scolaire n’a lieu qu’en semaine : choisissez un jour du lundi au vendredi.', { field: 'date' });
  return db.transaction(async (tx) => {
    const [menu] = await tx
      .insert(menus)
      .values(input)
      .onConflictDoUpdate({ target: menus.date, set: { starter: input.starter, mainCourse: input.mainCourse, side: input.side, dessert: input.dessert } })
      .returning({ id: menus.id });
    await recordAudit(tx, clock, actor, { action: 'menu.save', entityType: 'menu', entityId: menu!.id, details: { date: input.date } });
    return ok();
  });
}

/** The menus from this week's Monday on, for the staff page. */
export async function upcomingMenus(db: Db, clock: Clock, limit = 30) {
  const { from } = menuWeek(parisToday(clock));
  return db.select().from(menus).where(gte(menus.date, from)).orderBy(asc(menus.date)).limit(limit);
}
