import type { Db } from '../../db/client';
import * as t from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { insertActivities, insertBookingPeriods, insertOpeningDays } from './activities';
import { demoCalendar } from './calendar';
import { insertConsumptions, insertPayments } from './history';
import { insertWalletEntries, insertWallets, insertWalletTypes } from './ledger';
import { insertMenus, insertNews } from './news-and-menus';
import { hashDemoPasswords, insertPeople } from './people';
import { insertPriceGrid, insertQuotients } from './quotients';
import { demoRandom } from './random';
import { insertReservations, type Reservation } from './reservations';

// The demo data of an empty database: the guide's DUPONT family, the town's staff, about forty
// other families, a past period with consumptions and payments, an open period with
// reservations (including a full day and a day whose waiting list is full), a future period,
// news and menus. Every date is relative to today in Paris, and the only randomness is a
// seeded PRNG: two runs on the same day give the same data (password hashes aside).

export { DEMO_ADMIN_PASSWORD, DEMO_AGENT_PASSWORD, DEMO_FAMILY_PASSWORD } from './people';

export interface DemoDataSummary {
  families: number;
  guardians: number;
  staff: number;
  children: number;
  wallets: number;
  activities: number;
  bookingPeriods: number;
  activityDays: number;
  reservations: Partial<Record<Reservation['status'], number>>;
  consumptions: number;
  priceBrackets: number;
  familyQuotients: number;
  payments: number;
  walletEntries: number;
  newsItems: number;
  menus: number;
}

/** Whether anyone can log in yet: a database without accounts needs its first administrator. */
export async function hasAccounts(db: Db): Promise<boolean> {
  const rows = await db.select({ id: t.users.id }).from(t.users).limit(1);
  return rows.length > 0;
}

/**
 * Demo data (accounts with the passwords the README publishes) goes only into a database nobody
 * uses yet: not one account, not one family.
 */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const families = await db.select({ id: t.families.id }).from(t.families).limit(1);
  return families.length === 0 && !(await hasAccounts(db));
}

export async function loadDemoData(db: Db, clock: Clock): Promise<DemoDataSummary> {
  const calendar = demoCalendar(clock);
  const random = demoRandom(0x5eed_2012);
  // Hashed before the transaction, which would otherwise wait for argon2.
  const hashes = await hashDemoPasswords();

  // The inserts draw from `random` in this order: changing it changes the data.
  return db.transaction(async (tx) => {
    const walletTypes = await insertWalletTypes(tx);
    const activities = await insertActivities(tx, walletTypes);
    const people = await insertPeople(tx, calendar, random, hashes);
    const wallets = await insertWallets(tx, people.families, walletTypes, calendar);
    const periods = await insertBookingPeriods(tx, calendar);
    const days = await insertOpeningDays(tx, activities, periods, calendar);
    const reservations = await insertReservations(tx, { calendar, random, activities, days, periods, people });
    const consumptions = await insertConsumptions(tx, { calendar, random, activities, days, people, wallets, reservations });
    const payments = await insertPayments(tx, { calendar, random, people, wallets, consumptions });
    const walletEntries = await insertWalletEntries(
      tx,
      consumptions,
      payments,
      (activityId) => activities.byId(activityId).name,
      people.agent.id,
    );
    const priceBrackets = await insertPriceGrid(tx, activities);
    const familyQuotients = await insertQuotients(tx, calendar, people);
    const newsItems = await insertNews(tx, calendar, people.admin.id);
    const menus = await insertMenus(tx, calendar);

    const reservationCounts: DemoDataSummary['reservations'] = {};
    for (const r of reservations) reservationCounts[r.status] = (reservationCounts[r.status] ?? 0) + 1;
    return {
      families: people.families.length,
      guardians: people.guardianCount,
      staff: people.staffCount,
      children: people.children.length,
      wallets: wallets.rows.length,
      activities: activities.rows.length,
      bookingPeriods: 3,
      activityDays: days.rows.length,
      reservations: reservationCounts,
      consumptions: consumptions.length,
      priceBrackets,
      familyQuotients,
      payments: payments.payments.length,
      walletEntries,
      newsItems,
      menus,
    };
  });
}
