// The town of the opening-day rush: its own database on the bench server (bench/support/database.ts),
// then families, children and a booking period opening now, seeded with set-based SQL.
import postgres from 'postgres';
import { connectPostgres, type DbHandle } from '../../db/client';
import { hashPassword } from '../../lib/auth/password';
import { addDays, isoWeekday, parisToday, systemClock } from '../../lib/clock';
import { createScratchDatabase } from '../support/database';

/** Every guardian of the bench town logs in with this password (hashed once, stored for all). */
export const RUSH_PASSWORD = 'Rentree-du-matin-2026!';

export interface BenchDatabase {
  name: string;
  url: string;
  /** The app's database handle (Drizzle over postgres.js) and a raw client, both on the bench database. */
  handle: DbHandle;
  sql: postgres.Sql;
  drop(): Promise<void>;
}

/**
 * Creates and migrates `cf_rush_<random>` on the server `adminUrl` names, with a handle and a raw
 * client on it. `drop` ends the connections of this process, then drops the database with force
 * (the app's servers may still be connected); it runs once, however often it is called, and on
 * Ctrl-C too.
 */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const database = await createScratchDatabase(adminUrl, 'rush');
  const handle = connectPostgres(database.url, { max: 4 });
  const sql = postgres(database.url, { max: 2, onnotice: () => {}, backoff: () => 0.5, connection: { application_name: 'rush-bench' } });
  let dropped: Promise<void> | undefined;
  const drop = () =>
    (dropped ??= (async () => {
      await Promise.allSettled([handle.close(), sql.end({ timeout: 2 })]);
      await database.drop();
    })());
  return { name: database.name, url: database.url, handle, sql, drop };
}

export interface RushFamily {
  familyId: number;
  login: string;
  childIds: number[];
}

export interface RushDay {
  id: number;
  activityId: number;
  date: string;
  /** 'YYYY-MM': the calendar month that shows the day. */
  month: string;
  /** Oversubscribed: most parents click it. */
  popular: boolean;
}

export interface Town {
  families: RushFamily[];
  days: RushDay[];
  /** Each popular day: places and waiting-list places. */
  popularCapacity: number;
  popularWaitlist: number;
  bookingOpensAt: Date;
}

export interface TownSettings {
  families: number;
  /** The families of the default morning, which size the popular days (more may be seeded for the ramp). */
  sizingFamilies?: number;
  /** Oversubscribed days of the day-camp activity (the others have room). */
  popularDays?: number;
  ordinaryDays?: number;
}

/** Share of the clicks that go to the popular days, and the clicks each parent makes on average. */
const POPULAR_SHARE = 0.65;
const MEAN_CLICKS = 7.5;

/**
 * A popular day's places: about one in six of the clicks it gets (several times oversubscribed
 * with its waiting list), at most 60 places and 20 waiting (a real day camp's size).
 */
export function popularDaySize(families: number, popularDays: number) {
  const demand = (families * MEAN_CLICKS * POPULAR_SHARE) / popularDays;
  const capacity = Math.max(4, Math.min(60, Math.round(demand / 6)));
  return { capacity, waitlist: Math.max(2, Math.min(20, Math.round(capacity / 3))), demand };
}

/** The next `count` weekdays from `first` (Paris dates), skipping weekends. */
function weekdaysFrom(first: string, count: number): string[] {
  const dates: string[] = [];
  for (let date = first; dates.length < count; date = addDays(date, 1)) if (isoWeekday(date) <= 5) dates.push(date);
  return dates;
}

/**
 * Seeds the town: two activities (a day camp 09:00–17:00 whose popular days are oversubscribed,
 * an after-school slot 17:15–18:30 with room), a booking period that opened a minute ago on the real
 * clock (the production server reads it) over weekdays starting in two weeks (no modification
 * deadline near), and `families` families with one guardian each (login R000001…, nine in ten with an
 * e-mail address) and 1 to 3 children aged 4 to 10 (named « Enfant 1 », « Enfant 2 »… so that a
 * validation's outcomes, which name the child, resolve to one child of the family).
 */
export async function seedTown(sql: postgres.Sql, settings: TownSettings): Promise<Town> {
  const popularDays = settings.popularDays ?? 10;
  const ordinaryDays = settings.ordinaryDays ?? 10;
  const { capacity, waitlist } = popularDaySize(settings.sizingFamilies ?? settings.families, popularDays);
  const now = systemClock.now();
  const bookingOpensAt = new Date(now.getTime() - 60_000);
  const closesAt = new Date(now.getTime() + 60 * 86_400_000);
  const dates = weekdaysFrom(addDays(parisToday(systemClock), 14), popularDays + ordinaryDays);
  const passwordHash = await hashPassword(RUSH_PASSWORD);
  const roomy = settings.families * 4;

  await sql.begin(async (tx) => {
    await tx.unsafe(`
      insert into wallet_types (code, label, position) values ('PERISCOLAIRE', 'PERISCOLAIRE', 1), ('CDC', 'CDC PE2M - APS ET CLSH', 2);
      insert into activities (code, name, wallet_type_id, unit_price_cents, quantity, arrival_time, departure_time, min_age_years, max_age_years, default_capacity, default_waitlist_capacity)
      values ('ALSH', 'ALSH vacances journée', (select id from wallet_types where code = 'CDC'), 665, 2, '09:00', '17:00', 3, 12, ${capacity}, ${waitlist}),
             ('APSS', 'Périscolaire soir', (select id from wallet_types where code = 'PERISCOLAIRE'), 210, 1, '17:15', '18:30', 3, 12, ${roomy}, 0);`);
    const [period] = await tx<{ id: number }[]>`
      insert into booking_periods (label, starts_on, ends_on, opens_at, closes_at)
      values ('Vacances d’hiver (banc d’essai)', ${dates[0]!}, ${dates.at(-1)!}, ${bookingOpensAt}, ${closesAt}) returning id`;
    // Day camp: every other date is popular (tight), the others roomy; after school: every date, roomy.
    const rows = dates.flatMap((date, i) => {
      const popular = i % 2 === 0 && Math.floor(i / 2) < popularDays;
      return [
        { code: 'ALSH', date, capacity: popular ? capacity : roomy, waitlist: popular ? waitlist : 0 },
        { code: 'APSS', date, capacity: roomy, waitlist: 0 },
      ];
    });
    await tx`
      insert into activity_days (activity_id, booking_period_id, date, capacity, waitlist_capacity)
      select (select id from activities where code = r.code), ${period!.id}, r.date::date, r.capacity, r.waitlist
      from jsonb_to_recordset(${tx.json(rows)}) as r(code text, date text, capacity int, waitlist int)`;
  });
  await addFamilies(sql, settings.families, passwordHash);
  await sql`analyze`;

  const days = await sql<{ id: number; activityId: number; date: string; popular: boolean }[]>`
    select d.id, d.activity_id as "activityId", d.date::text as date, (d.capacity = ${capacity} and a.code = 'ALSH') as popular
    from activity_days d join activities a on a.id = d.activity_id order by d.date, a.code`;
  const families = await sql<RushFamily[]>`
    select f.id as "familyId", u.login, array_agg(c.id order by c.id) as "childIds"
    from families f join users u on u.family_id = f.id join children c on c.family_id = f.id
    group by f.id, u.login order by f.id`;
  return {
    families: [...families],
    days: days.map((day) => ({ ...day, month: day.date.slice(0, 7) })),
    popularCapacity: capacity,
    popularWaitlist: waitlist,
    bookingOpensAt,
  };
}

async function addFamilies(sql: postgres.Sql, count: number, passwordHash: string) {
  await sql.begin(async (tx) => {
    await tx`
      insert into families (identifier, name)
      select 'R' || lpad(n::text, 6, '0'), 'FAMILLE ' || n from generate_series(1, ${count}::int) n`;
    await tx`
      insert into users (role, family_id, login, email, first_name, last_name, password_hash, is_payer)
      select 'family', f.id, f.identifier, case when f.id % 10 <> 0 then lower(f.identifier) || '@example.test' end, 'Parent', f.name, ${passwordHash}, true
      from families f`;
    // 1 to 3 children (about 40 %, 40 %, 20 %), born 4 to 10 years ago.
    await tx`
      insert into children (family_id, first_name, last_name, birth_date)
      select f.id, 'Enfant ' || k, f.name, current_date - (4 * 365 + ((f.id * 7919 + k * 104729) % (6 * 365)))
      from families f cross join generate_series(1, 3) k
      where k <= case when f.id % 5 < 2 then 1 when f.id % 5 < 4 then 2 else 3 end`;
  });
}

/**
 * Forgets the morning's requests, so that the next step of the ramp starts from the same town:
 * the baskets, the validations, the reservations they made and their e-mails (the audit log is
 * append-only: its lines stay).
 * The days' capacities are read from the reservations themselves, so nothing else needs resetting.
 */
export async function resetBookings(sql: postgres.Sql) {
  await sql.unsafe(`
    delete from basket_items; delete from baskets; delete from basket_validations; delete from reservations;
    delete from outbound_emails;`);
}
