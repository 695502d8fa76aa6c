import { asc, gt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bookingPeriods } from '@/db/schema';
import type { Clock } from '@/lib/clock';

export interface AnnouncedPeriod {
  id: number;
  label: string;
  startsOn: string;
  endsOn: string;
  opensAt: Date;
  closesAt: Date;
  isOpen: boolean;
}

/** Booking periods still to come or open now: Accueil tells when each opens ("date d'ouverture des réservations"). */
export async function announcedBookingPeriods(db: Db, clock: Clock): Promise<AnnouncedPeriod[]> {
  const now = clock.now();
  const rows = await db.select().from(bookingPeriods).where(gt(bookingPeriods.closesAt, now)).orderBy(asc(bookingPeriods.opensAt));
  return rows.map((period) => ({ ...period, isOpen: period.opensAt <= now }));
}
