import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, bookingPeriods } from '@/db/schema';
import type { IsoDate } from '@/lib/clock';

export type CatalogActivity = typeof activities.$inferSelect;

/** An opening day the town has not closed, with its booking period's window. */
export interface CatalogDay {
  id: number;
  activityId: number;
  date: IsoDate;
  capacity: number;
  waitlistCapacity: number;
  opensAt: Date;
  closesAt: Date;
}

/** What the town offers, the same for every family: its activities and their open days, by date. */
export interface Catalog {
  activities: ReadonlyMap<number, CatalogActivity>;
  days: readonly CatalogDay[];
}

async function loadCatalog(db: Db): Promise<Catalog> {
  const [activityRows, days] = await Promise.all([
    db.select().from(activities),
    db
      .select({
        id: activityDays.id,
        activityId: activityDays.activityId,
        date: activityDays.date,
        capacity: activityDays.capacity,
        waitlistCapacity: activityDays.waitlistCapacity,
        opensAt: bookingPeriods.opensAt,
        closesAt: bookingPeriods.closesAt,
      })
      .from(activityDays)
      .innerJoin(bookingPeriods, eq(bookingPeriods.id, activityDays.bookingPeriodId))
      .where(eq(activityDays.closed, false))
      .orderBy(asc(activityDays.date), asc(activityDays.id)),
  ]);
  return { activities: new Map(activityRows.map((activity) => [activity.id, activity])), days };
}

/** Bumped by every staff change to the catalog: a copy read before it is no longer served. */
let generation = 0;

/**
 * To call once a change to activities, opening days or booking periods is committed: this process
 * reads the catalog afresh on its next request.
 */
export function invalidateCatalog(): void {
  generation += 1;
}

interface Entry {
  catalog: Promise<Catalog>;
  loadedAt: number;
  generation: number;
}

/**
 * A per-process copy of the catalog, kept `ttlMs` (wall-clock milliseconds) and dropped at once
 * when this process changes the catalog (`invalidateCatalog`). With several instances, a change
 * made on another one is seen here at most `ttlMs` later. That is safe because the catalog only
 * decides what the calendar shows: a click re-reads the day (lib/reservations/basket.ts) and
 * « Valider » decides on the day's capacities under its lock (lib/reservations/validate.ts and the
 * validate_basket database function); the counts and the family's own reservations are never
 * cached. A `ttlMs` of 0 reads the database every time.
 */
export function catalogCache({ ttlMs, now = Date.now }: { ttlMs: number; now?: () => number }) {
  const entries = new WeakMap<Db, Entry>();
  return {
    read(db: Db): Promise<Catalog> {
      if (ttlMs <= 0) return loadCatalog(db);
      const at = now();
      const entry = entries.get(db);
      if (entry && entry.generation === generation && at - entry.loadedAt < ttlMs) return entry.catalog;
      const catalog = loadCatalog(db);
      const fresh = { catalog, loadedAt: at, generation };
      entries.set(db, fresh);
      // A failed read is not kept: the next request tries again.
      catalog.catch(() => {
        if (entries.get(db) === fresh) entries.delete(db);
      });
      return catalog;
    },
  };
}

/**
 * The app's catalog: 15 seconds per process. Off under Vitest, whose tests insert activities and
 * days with factories (not through the staff services) and read them at once.
 */
const shared = catalogCache({ ttlMs: process.env.VITEST ? 0 : 15_000 });

export function readCatalog(db: Db): Promise<Catalog> {
  return shared.read(db);
}
