import { addMonths, format, parseISO } from 'date-fns';
import { fr } from 'date-fns/locale';
import { hashPassword } from '../lib/auth/password';
import { addDays, ageOn, isoWeekday, parisInstant, parisToday, type Clock, type IsoDate } from '../lib/clock';
import { isPublicHoliday } from '../lib/calendar/public-holidays';
import { multiplyCents } from '../lib/money';
import type { Db } from './client';
import * as t from './schema';

// The demo data of an empty database: the guide's DUPONT family, the town's staff, about forty
// other families, a past period with consumptions and payments, an open period with
// reservations (including a full day and a day whose waiting list is full), a future period,
// news and menus. Every date is relative to today in Paris, and the only randomness is a
// seeded PRNG: two runs on the same day give the same data (password hashes aside).

export const DEMO_FAMILY_PASSWORD = 'compte-famille-demo';
export const DEMO_ADMIN_PASSWORD = 'compte-famille-admin';
export const DEMO_AGENT_PASSWORD = 'compte-famille-agent';

type ReservationStatus = (typeof t.reservationStatus.enumValues)[number];

export interface SeedSummary {
  families: number;
  guardians: number;
  staff: number;
  children: number;
  wallets: number;
  activities: number;
  bookingPeriods: number;
  activityDays: number;
  reservations: Partial<Record<ReservationStatus, number>>;
  consumptions: number;
  payments: number;
  walletEntries: number;
  newsItems: number;
  menus: number;
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const rows = await db.select({ id: t.families.id }).from(t.families).limit(1);
  return rows.length === 0;
}

const WALLET_TYPES = [
  { code: 'RESTAURATION', label: 'RESTAURATION', position: 1 },
  { code: 'PERISCOLAIRE', label: 'PERISCOLAIRE', position: 2 },
  { code: 'CDC PE2M - APS ET CLSH', label: 'CDC PE2M - APS ET CLSH', position: 3 },
] as const;
type WalletCode = (typeof WALLET_TYPES)[number]['code'];
const CDC: WalletCode = 'CDC PE2M - APS ET CLSH';

interface ActivitySpec {
  code: string;
  name: string;
  wallet: WalletCode;
  unitPriceCents: number;
  quantity: number;
  arrivalTime: string;
  departureTime: string;
  minAgeYears: number;
  maxAgeYears: number;
  defaultCapacity: number;
  defaultWaitlistCapacity: number;
  deadlineDays: number;
  deadlineTime: string;
  deadlineCountsWorkingDays: boolean;
}

const alsh = (
  code: string,
  name: string,
  unitPriceCents: number,
  quantity: number,
  [arrivalTime, departureTime]: [string, string],
  [minAgeYears, maxAgeYears]: [number, number],
  defaultCapacity: number,
  deadline: { days: number; workingDays: boolean } = { days: 2, workingDays: false },
): ActivitySpec => ({
  code,
  name,
  wallet: CDC,
  unitPriceCents,
  quantity,
  arrivalTime,
  departureTime,
  minAgeYears,
  maxAgeYears,
  defaultCapacity,
  defaultWaitlistCapacity: 5,
  deadlineDays: deadline.days,
  deadlineTime: '12:00',
  deadlineCountsWorkingDays: deadline.workingDays,
});

const ALSH_ACTIVITIES: ActivitySpec[] = [
  alsh('ALSH36-MATIN', 'CDC - ALSH 3-6 Matin', 475, 1, ['09:00', '13:30'], [3, 6], 24),
  alsh('ALSH36-APM', 'ALSH 3-6 ans Après Midi', 475, 1, ['12:00', '17:30'], [3, 6], 20),
  alsh('ALSH36-JOURNEE', 'CDC - ALSH 3-6 Journée', 665, 2, ['09:00', '17:30'], [3, 6], 24),
  alsh('ALSH612-MATIN', 'CDC - ALSH 6-12 Matin', 1035, 1, ['09:00', '13:30'], [6, 12], 24),
  alsh('ALSH612-JOURNEE', 'CDC - ALSH 6-12 Journée', 1485, 1, ['09:00', '17:30'], [6, 12], 22, {
    days: 3,
    workingDays: true,
  }),
];

// Consumed, not reserved: they have no opening days, only consumptions.
const CONSUMED_ACTIVITIES: ActivitySpec[] = [
  {
    ...alsh('RESTAURATION', 'Restauration scolaire', 345, 1, ['11:30', '13:30'], [3, 12], 250),
    wallet: 'RESTAURATION',
    defaultWaitlistCapacity: 0,
  },
  {
    ...alsh('PERI-MATIN', 'Accueil périscolaire matin', 120, 1, ['07:30', '08:30'], [3, 12], 60),
    wallet: 'PERISCOLAIRE',
    defaultWaitlistCapacity: 0,
  },
];

const SURNAMES = [
  'LEFEBVRE', 'MOREAU', 'LAURENT', 'SIMON', 'MICHEL', 'GARCIA', 'DAVID', 'BERTRAND',
  'ROUX', 'VINCENT', 'FOURNIER', 'MOREL', 'GIRARD', 'ANDRÉ', 'MERCIER', 'BLANC',
  'GUÉRIN', 'BOYER', 'GARNIER', 'CHEVALIER', 'FRANÇOIS', 'LEGRAND', 'GAUTHIER', 'PERRIN',
  'ROBIN', 'CLÉMENT', 'MORIN', 'NICOLAS', 'HENRY', 'ROUSSEL', 'MATHIEU', 'LE GALL',
  'MASSON', 'MARCHAND', 'DUVAL', 'DENIS', 'LEMAIRE', 'FAURE', 'ROUSSEAU', 'LAMBERT',
];

const GUARDIAN_FIRST_NAMES = [
  'Isabelle', 'Nicolas', 'Sandrine', 'Stéphane', 'Nathalie', 'Christophe', 'Céline', 'Sébastien',
  'Aurélie', 'Julien', 'Émilie', 'Frédéric', 'Caroline', 'Laurent', 'Virginie', 'Olivier',
  'Delphine', 'Thomas', 'Marion', 'Guillaume', 'Sophie', 'Mathieu', 'Élodie', 'Jérôme',
];

const CHILD_FIRST_NAMES = [
  'Léa', 'Hugo', 'Chloé', 'Lucas', 'Emma', 'Louis', 'Manon', 'Gabriel', 'Jade', 'Arthur',
  'Inès', 'Jules', 'Louise', 'Raphaël', 'Camille', 'Adam', 'Zoé', 'Nathan', 'Alice', 'Paul',
  'Lina', 'Tom', 'Rose', 'Noah', 'Mila', 'Sacha', 'Anna', 'Léo', 'Juliette', 'Ethan',
  'Romane', 'Maël', 'Eva', 'Timéo', 'Clara', 'Nino', 'Lou', 'Victor', 'Ambre', 'Mathis',
];

const STREETS = [
  'allée des Pins', 'chemin de Jarry', 'rue du Stade', 'route de Toctoucau', 'allée des Chênes',
  'rue des Écoles', 'avenue de Verdun', 'chemin de la Pinède', 'rue des Bruyères', 'allée des Arbousiers',
  'avenue du Baron Haussmann', 'chemin de Choisy', 'rue de Gazinet', 'allée des Mimosas',
];

const BANKS = ['Crédit Agricole', 'Banque Populaire', 'LCL', 'Société Générale', 'La Banque Postale', 'CIC'];

const MENUS: Array<Omit<typeof t.menus.$inferInsert, 'date'>> = [
  { starter: 'Carottes râpées vinaigrette', mainCourse: 'Sauté de dinde au curry', side: 'Riz pilaf', dessert: 'Yaourt aux fruits' },
  { starter: 'Salade de tomates', mainCourse: 'Hachis parmentier', side: 'Salade verte', dessert: 'Compote de pommes' },
  { starter: 'Potage de légumes', mainCourse: 'Filet de colin sauce citron', side: 'Haricots verts', dessert: 'Fromage blanc au coulis de fruits rouges' },
  { starter: 'Taboulé', mainCourse: 'Poulet rôti', side: 'Petits pois carottes', dessert: 'Fruit de saison' },
  { starter: 'Concombres à la crème', mainCourse: 'Lasagnes à la bolognaise', side: 'Salade verte', dessert: 'Mousse au chocolat' },
  { starter: 'Betteraves vinaigrette', mainCourse: 'Bœuf bourguignon', side: 'Pommes vapeur', dessert: 'Clémentines' },
  { starter: 'Céleri rémoulade', mainCourse: 'Omelette aux fines herbes', side: 'Ratatouille', dessert: 'Gâteau au yaourt' },
  { starter: 'Pamplemousse', mainCourse: 'Rôti de porc (ou de volaille) au jus', side: 'Purée de potiron', dessert: 'Camembert et poire' },
  { starter: 'Salade de lentilles', mainCourse: 'Poisson pané et citron', side: 'Épinards à la crème', dessert: 'Flan à la vanille' },
  { starter: 'Œuf dur mayonnaise', mainCourse: 'Spaghetti bolognaise', side: 'Emmental râpé', dessert: 'Fruit de saison' },
];

/** mulberry32: small, fast and good enough for demo data. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    shuffle: <T>(items: readonly T[]): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
    /** An instant between two instants, to the minute. */
    between: (from: Date, to: Date) =>
      new Date(from.getTime() + Math.floor((next() * (to.getTime() - from.getTime())) / 60_000) * 60_000),
  };
}

const firstOfMonth = (date: IsoDate): IsoDate => `${date.slice(0, 8)}01`;
const shiftMonths = (date: IsoDate, months: number): IsoDate =>
  format(addMonths(parseISO(date), months), 'yyyy-MM-dd');
const longDate = (date: IsoDate) => format(parseISO(date), 'EEEE d MMMM yyyy', { locale: fr });

function datesBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** The first date on or after `from` that falls on `weekday` (1 = Monday). */
function nextWeekday(from: IsoDate, weekday: number): IsoDate {
  let date = from;
  while (isoWeekday(date) !== weekday) date = addDays(date, 1);
  return date;
}

const weekdaysOfFortnight = (monday: IsoDate) =>
  datesBetween(monday, addDays(monday, 11)).filter((date) => isoWeekday(date) <= 5 && !isPublicHoliday(date));

const wednesdaysBetween = (from: IsoDate, to: IsoDate) =>
  datesBetween(from, to).filter((date) => isoWeekday(date) === 3 && !isPublicHoliday(date));

const sortedUnique = (dates: IsoDate[]) => [...new Set(dates)].sort();

function holidayLabel(start: IsoDate): string {
  const month = Number(start.slice(5, 7));
  if (month <= 3) return "Vacances d'hiver";
  if (month <= 5) return 'Vacances de printemps';
  if (month <= 8) return "Vacances d'été";
  if (month <= 11) return 'Vacances de la Toussaint';
  return 'Vacances de Noël';
}

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

async function inChunks<R, X>(rows: R[], insert: (chunk: R[]) => Promise<X[]>, size = 500): Promise<X[]> {
  const inserted: X[] = [];
  for (let i = 0; i < rows.length; i += size) inserted.push(...(await insert(rows.slice(i, i + size))));
  return inserted;
}

interface SeedChild {
  id: number;
  familyId: number;
  guardianId: number;
  birthDate: IsoDate;
  /** The ALSH activity the family usually books, and how often. */
  habit: string;
  assiduity: number;
}

export async function seedDemoData(db: Db, clock: Clock): Promise<SeedSummary> {
  const now = clock.now();
  const notAfterNow = (instant: Date) => (instant.getTime() < now.getTime() ? instant : new Date(now.getTime() - 1000));
  const random = prng(0x5eed_2012);

  // Each distinct password is hashed once (argon2 is slow by design).
  const [familyHash, adminHash, agentHash] = await Promise.all([
    hashPassword(DEMO_FAMILY_PASSWORD),
    hashPassword(DEMO_ADMIN_PASSWORD),
    hashPassword(DEMO_AGENT_PASSWORD),
  ]);

  const today = parisToday(clock);
  const yesterday = addDays(today, -1);
  const tomorrow = addDays(today, 1);
  const monthStart = firstOfMonth(today);
  const previousMonthStart = firstOfMonth(addDays(monthStart, -1));
  const accountsCreatedAt = parisInstant(addDays(previousMonthStart, -90), '09:00');

  // Past period: the Wednesdays since the start of the previous month, and a holiday-like week
  // (the third full week of the previous month).
  const holidayWeekMonday = addDays(nextWeekday(previousMonthStart, 1), 14);
  const holidayWeek = datesBetween(holidayWeekMonday, addDays(holidayWeekMonday, 4)).filter(
    (date) => !isPublicHoliday(date),
  );
  const pastWednesdays = wednesdaysBetween(previousMonthStart, yesterday);
  const pastDates = sortedUnique([...pastWednesdays, ...holidayWeek]);

  // Open period: every Wednesday of the next two months and a holiday fortnight.
  const openWednesdays = wednesdaysBetween(tomorrow, shiftMonths(today, 2));
  const fortnight = weekdaysOfFortnight(nextWeekday(addDays(today, 21), 1));
  const openDates = sortedUnique([...openWednesdays, ...fortnight]);
  const openOpensAt = parisInstant(addDays(today, -7), '08:00');

  // Future period: a fortnight about three months ahead, not yet open.
  const futureDates = weekdaysOfFortnight(nextWeekday(addDays(today, 90), 1));
  const futureLabel = holidayLabel(futureDates[0]!);
  const futureOpensOn = addDays(today, 10);

  return db.transaction(async (tx) => {
    const walletTypes = await tx.insert(t.walletTypes).values([...WALLET_TYPES]).returning();
    const walletTypeId = (code: WalletCode) => walletTypes.find((w) => w.code === code)!.id;

    const activities = await tx
      .insert(t.activities)
      .values(
        [...ALSH_ACTIVITIES, ...CONSUMED_ACTIVITIES].map(({ wallet, ...spec }) => ({
          ...spec,
          walletTypeId: walletTypeId(wallet),
          approval: 'automatic' as const,
        })),
      )
      .returning();
    const activity = (code: string) => activities.find((a) => a.code === code)!;
    const alshActivities = ALSH_ACTIVITIES.map((spec) => activity(spec.code));

    // Families: DUPONT first, then the others.
    const familySpecs = [
      { identifier: 'dupont', name: 'DUPONT', address: '12 allée des Pins, 33610 Cestas', createdAt: accountsCreatedAt },
      ...SURNAMES.map((name, i) => ({
        identifier: slug(name),
        name,
        address: `${random.int(1, 48)} ${STREETS[i % STREETS.length]}, 33610 Cestas`,
        createdAt: accountsCreatedAt,
      })),
    ];
    const families = await tx.insert(t.families).values(familySpecs).returning();
    const dupont = families[0]!;
    const otherFamilies = families.slice(1);

    const pair = (n: number) => String(n % 100).padStart(2, '0');
    const phone = (i: number) => `06 ${pair(12 + i * 7)} ${pair(i * 37)} ${pair(i * 53 + 11)} ${pair(i * 19 + 40)}`;
    const users = await tx
      .insert(t.users)
      .values([
        {
          role: 'admin' as const,
          familyId: null,
          login: 'admin',
          email: 'admin@mairie-cestas.example.fr',
          firstName: 'Claire',
          lastName: 'MARTIN',
          phone: '05 56 78 13 00',
          passwordHash: adminHash,
          createdAt: accountsCreatedAt,
        },
        {
          role: 'agent' as const,
          familyId: null,
          login: 'agent',
          email: 'agent@mairie-cestas.example.fr',
          firstName: 'Sophie',
          lastName: 'BERNARD',
          phone: '05 56 78 13 01',
          passwordHash: agentHash,
          createdAt: accountsCreatedAt,
        },
        {
          role: 'family' as const,
          familyId: dupont.id,
          login: 'dupont',
          email: 'jean-paul.dupont@example.fr',
          firstName: 'Jean-Paul',
          lastName: 'DUPONT',
          phone: '06 12 34 56 78',
          passwordHash: familyHash,
          isPayer: true,
          createdAt: accountsCreatedAt,
        },
        ...otherFamilies.map((family, i) => ({
          role: 'family' as const,
          familyId: family.id,
          login: family.identifier,
          email: `${family.identifier}@example.fr`,
          firstName: GUARDIAN_FIRST_NAMES[i % GUARDIAN_FIRST_NAMES.length]!,
          lastName: family.name,
          phone: phone(i + 1),
          passwordHash: familyHash,
          isPayer: true,
          createdAt: accountsCreatedAt,
        })),
      ])
      .returning();
    const admin = users.find((u) => u.login === 'admin')!;
    const agent = users.find((u) => u.login === 'agent')!;
    const guardianOf = new Map(users.filter((u) => u.familyId !== null).map((u) => [u.familyId!, u]));

    // Children. DUPONT's are the guide's; the others alternate 3-5 and 6-11 year-olds so that both
    // age groups are well filled (1 to 3 children a family: 79 children, 40 of them 3-5).
    const bornMonthsAgo = (months: number, extraDays: number) =>
      addDays(shiftMonths(today, -months), -extraDays);
    const childSpecs: Array<{ row: typeof t.children.$inferInsert; habit: string; assiduity: number }> = [
      {
        // 8 years and 3 months old today.
        row: { familyId: dupont.id, firstName: 'Liou', lastName: 'DUPONT', birthDate: bornMonthsAgo(99, 10) },
        habit: '',
        assiduity: 0,
      },
      {
        // 4 years and 5 months old today.
        row: { familyId: dupont.id, firstName: 'Antoine', lastName: 'DUPONT', birthDate: bornMonthsAgo(53, 12) },
        habit: '',
        assiduity: 0,
      },
    ];
    let childIndex = 0;
    otherFamilies.forEach((family, f) => {
      const count = 1 + (f % 3);
      for (let c = 0; c < count; c++, childIndex++) {
        const young = childIndex % 2 === 0;
        const months = young ? random.int(37, 70) : random.int(74, 137);
        childSpecs.push({
          row: {
            familyId: family.id,
            firstName: CHILD_FIRST_NAMES[(f * 3 + c * 17) % CHILD_FIRST_NAMES.length]!,
            lastName: family.name,
            birthDate: bornMonthsAgo(months, random.int(0, 27)),
          },
          habit: young
            ? random.pick(['ALSH36-MATIN', 'ALSH36-APM', 'ALSH36-JOURNEE'])
            : random.pick(['ALSH612-MATIN', 'ALSH612-MATIN', 'ALSH612-JOURNEE']),
          assiduity: 0.25 + random.next() * 0.45,
        });
      }
    });
    const insertedChildren = await tx
      .insert(t.children)
      .values(childSpecs.map((spec) => ({ ...spec.row, createdAt: accountsCreatedAt })))
      .returning();
    const children: SeedChild[] = insertedChildren.map((child, i) => ({
      id: child.id,
      familyId: child.familyId,
      guardianId: guardianOf.get(child.familyId)!.id,
      birthDate: child.birthDate,
      habit: childSpecs[i]!.habit,
      assiduity: childSpecs[i]!.assiduity,
    }));
    const liou = children[0]!;
    const antoine = children[1]!;
    const otherChildren = children.slice(2);
    const familyIndex = new Map(otherFamilies.map((family, i) => [family.id, i]));

    const wallets = await tx
      .insert(t.wallets)
      .values(
        families.flatMap((family) =>
          walletTypes.map((type) => ({ familyId: family.id, walletTypeId: type.id, createdAt: accountsCreatedAt })),
        ),
      )
      .returning();
    const walletOf = (familyId: number, code: WalletCode) =>
      wallets.find((w) => w.familyId === familyId && w.walletTypeId === walletTypeId(code))!;

    const [pastPeriod, openPeriod, futurePeriod] = await tx
      .insert(t.bookingPeriods)
      .values([
        {
          label: 'Période passée',
          startsOn: previousMonthStart,
          endsOn: yesterday,
          opensAt: parisInstant(addDays(previousMonthStart, -21), '08:00'),
          closesAt: parisInstant(yesterday, '23:59'),
        },
        {
          label: 'Mercredis et vacances',
          startsOn: openDates[0]!,
          endsOn: openDates.at(-1)!,
          opensAt: openOpensAt,
          closesAt: parisInstant(openDates.at(-1)!, '23:59'),
        },
        {
          label: futureLabel,
          startsOn: futureDates[0]!,
          endsOn: futureDates.at(-1)!,
          opensAt: parisInstant(futureOpensOn, '08:00'),
          closesAt: parisInstant(futureDates.at(-1)!, '23:59'),
        },
      ])
      .returning();

    // The afternoon 3-6 of the open period's 2nd Wednesday is full with room on the waiting list;
    // on the 3rd Wednesday both are full.
    const afternoon = activity('ALSH36-APM');
    const fullDays = [
      { date: openWednesdays[1]!, capacity: 8, waitlistCapacity: 4, waitlisted: 2 },
      { date: openWednesdays[2]!, capacity: 8, waitlistCapacity: 3, waitlisted: 3 },
    ];
    const daysFor = (periodId: number, dates: IsoDate[]) =>
      dates.flatMap((date) =>
        alshActivities.map((a) => {
          const full = periodId === openPeriod!.id && a.id === afternoon.id && fullDays.find((d) => d.date === date);
          return {
            activityId: a.id,
            bookingPeriodId: periodId,
            date,
            capacity: full ? full.capacity : a.defaultCapacity,
            waitlistCapacity: full ? full.waitlistCapacity : a.defaultWaitlistCapacity,
          };
        }),
      );
    const activityDays = await inChunks(
      [
        ...daysFor(pastPeriod!.id, pastDates),
        ...daysFor(openPeriod!.id, openDates),
        ...daysFor(futurePeriod!.id, futureDates),
      ],
      (chunk) => tx.insert(t.activityDays).values(chunk).returning(),
    );
    const dayOf = (code: string, date: IsoDate) => {
      const activityId = activity(code).id;
      return activityDays.find((d) => d.activityId === activityId && d.date === date)!;
    };
    const activityById = new Map(activities.map((a) => [a.id, a]));
    const dayById = new Map(activityDays.map((d) => [d.id, d]));

    // Reservations. A child goes to at most one ALSH activity a day.
    const reservationRows: Array<typeof t.reservations.$inferInsert> = [];
    const busy = new Set<string>();
    const live = new Map<number, number>();
    const reserve = (
      child: SeedChild,
      day: (typeof activityDays)[number],
      status: ReservationStatus,
      requestedAt: Date,
      extra: { waitlistRank?: number; updatedAt?: Date } = {},
    ) => {
      if (status !== 'cancelled' && status !== 'refused') {
        busy.add(`${child.id}:${day.date}`);
        if (status !== 'waitlisted') live.set(day.id, (live.get(day.id) ?? 0) + 1);
      }
      reservationRows.push({
        familyId: child.familyId,
        childId: child.id,
        activityDayId: day.id,
        status,
        waitlistRank: extra.waitlistRank ?? null,
        requestedAt,
        requestedBy: child.guardianId,
        updatedAt: extra.updatedAt ?? requestedAt,
      });
    };
    const isFree = (child: SeedChild, date: IsoDate) => !busy.has(`${child.id}:${date}`);
    const eligible = (child: SeedChild, a: (typeof activities)[number], date: IsoDate) => {
      const age = ageOn(child.birthDate, date);
      return age >= a.minAgeYears && age < a.maxAgeYears;
    };

    // Past period: DUPONT's history as in the guide, and a few other families.
    const attend = (child: SeedChild, code: string, date: IsoDate) => {
      const requestedOn = addDays(previousMonthStart, date < monthStart ? -20 : -13);
      reserve(child, dayOf(code, date), 'attended', parisInstant(requestedOn, '20:30'), {
        updatedAt: parisInstant(date, '18:00'),
      });
    };
    for (const date of pastWednesdays) {
      if (holidayWeek.includes(date)) continue;
      attend(liou, 'ALSH612-MATIN', date);
      attend(antoine, 'ALSH36-MATIN', date);
    }
    holidayWeek.slice(0, 4).forEach((date, i) => {
      attend(antoine, 'ALSH36-JOURNEE', date);
      if (i < 3) attend(liou, 'ALSH612-JOURNEE', date);
    });
    const pastOpensAt = pastPeriod!.opensAt;
    const habitualFill = (
      dates: IsoDate[],
      pool: SeedChild[],
      assiduityFactor: number,
      book: (child: SeedChild, day: (typeof activityDays)[number]) => void,
      skip: (child: SeedChild, day: (typeof activityDays)[number]) => void = () => {},
    ) => {
      for (const date of dates) {
        for (const a of alshActivities) {
          const day = dayOf(a.code, date);
          if (a.id === afternoon.id && day.bookingPeriodId === openPeriod!.id && fullDays.some((d) => d.date === date)) {
            continue;
          }
          // Leave free places everywhere else.
          const limit = Math.max(0, day.capacity - 3 - (live.get(day.id) ?? 0));
          let booked = 0;
          for (const child of pool) {
            if (child.habit !== a.code || !eligible(child, a, date) || !isFree(child, date)) continue;
            if (booked < limit && random.chance(child.assiduity * assiduityFactor)) {
              book(child, day);
              booked++;
            } else {
              skip(child, day);
            }
          }
        }
      }
    };
    const pastPool = otherChildren.filter((child) => familyIndex.get(child.familyId)! % 3 === 0);
    habitualFill(pastDates, pastPool, 0.8, (child, day) =>
      reserve(child, day, 'attended', random.between(pastOpensAt, parisInstant(addDays(day.date, -3), '20:00')), {
        updatedAt: parisInstant(day.date, '18:00'),
      }),
    );

    // Open period. DUPONT: Liou on the first two Wednesday mornings, Antoine waiting for the
    // overnight transmission on the 4th Wednesday; never Antoine on the afternoon 3-6.
    let pendingCount = 0;
    const requestedToday = () => {
      const k = pendingCount++;
      const wanted = new Date(parisInstant(today, '07:00').getTime() + k * 4 * 60_000);
      return notAfterNow(wanted);
    };
    const requestedLastWeek = () => random.between(openOpensAt, parisInstant(yesterday, '22:00'));
    const minutesAfterOpening = (minutes: number) => new Date(openOpensAt.getTime() + minutes * 60_000);
    reserve(liou, dayOf('ALSH612-MATIN', openWednesdays[0]!), 'confirmed', minutesAfterOpening(47));
    reserve(liou, dayOf('ALSH612-MATIN', openWednesdays[1]!), 'confirmed', minutesAfterOpening(48));
    reserve(antoine, dayOf('ALSH36-MATIN', openWednesdays[3]!), 'pending', requestedToday());

    fullDays.forEach((full, f) => {
      const day = dayOf(afternoon.code, full.date);
      const takers = random
        .shuffle(otherChildren.filter((child) => eligible(child, afternoon, full.date) && isFree(child, full.date)))
        .slice(0, full.capacity + full.waitlisted);
      if (takers.length < full.capacity + full.waitlisted) throw new Error('Not enough 3-6 year-olds to fill a day.');
      takers.forEach((child, i) => {
        if (i < full.capacity) {
          reserve(child, day, 'confirmed', minutesAfterOpening(5 + i * 23 + f * 11));
        } else {
          const rank = i - full.capacity + 1;
          const requestedAt = new Date(parisInstant(addDays(today, -3), '19:00').getTime() + rank * 17 * 60_000);
          reserve(child, day, 'waitlisted', requestedAt, { waitlistRank: rank });
        }
      });
    });

    const openPool = otherChildren;
    habitualFill(
      openDates,
      openPool,
      1,
      (child, day) => {
        if (random.chance(0.05)) reserve(child, day, 'pending', requestedToday());
        else reserve(child, day, 'confirmed', requestedLastWeek());
      },
      (child, day) => {
        if (random.chance(0.03)) {
          const requestedAt = requestedLastWeek();
          const cancelledAt = new Date(
            Math.min(requestedAt.getTime() + random.int(2, 30) * 60 * 60_000, parisInstant(yesterday, '23:30').getTime()),
          );
          reserve(child, day, 'cancelled', requestedAt, { updatedAt: cancelledAt });
        }
      },
    );

    const reservations = await inChunks(reservationRows, (chunk) =>
      tx.insert(t.reservations).values(chunk).returning(),
    );

    // Consumptions: the attended ALSH days, and school restaurant and morning care (no reservation).
    const consumptionRows: Array<typeof t.consumptions.$inferInsert> = [];
    const consume = (
      familyId: number,
      childId: number,
      a: (typeof activities)[number],
      wallet: WalletCode,
      date: IsoDate,
      reservationId: number | null,
    ) =>
      consumptionRows.push({
        familyId,
        childId,
        activityId: a.id,
        walletId: walletOf(familyId, wallet).id,
        reservationId,
        date,
        unitPriceCents: a.unitPriceCents,
        quantity: a.quantity,
        totalCents: multiplyCents(a.unitPriceCents, a.quantity),
        createdAt: parisInstant(date, '19:00'),
      });
    for (const reservation of reservations) {
      if (reservation.status !== 'attended') continue;
      const day = dayById.get(reservation.activityDayId)!;
      const attended = activityById.get(day.activityId)!;
      consume(reservation.familyId, reservation.childId, attended, CDC, day.date, reservation.id);
    }
    const schoolDays = datesBetween(previousMonthStart, yesterday).filter((date) => {
      const monthDay = date.slice(5);
      const summer = monthDay >= '07-06' && monthDay <= '08-31';
      const weekday = isoWeekday(date);
      return weekday !== 3 && weekday <= 5 && !holidayWeek.includes(date) && !isPublicHoliday(date) && !summer;
    });
    const restaurant = activity('RESTAURATION');
    const morningCare = activity('PERI-MATIN');
    const canteenFamilies = otherFamilies.filter((_, i) => i % 4 === 1 || i % 4 === 2);
    const morningCareFamilies = otherFamilies.filter((_, i) => i % 5 === 2);
    for (const date of schoolDays) {
      for (const child of otherChildren) {
        if (!eligible(child, restaurant, date)) continue;
        if (canteenFamilies.some((f) => f.id === child.familyId) && random.chance(0.85)) {
          consume(child.familyId, child.id, restaurant, 'RESTAURATION', date, null);
        }
        if (morningCareFamilies.some((f) => f.id === child.familyId) && random.chance(0.55)) {
          consume(child.familyId, child.id, morningCare, 'PERISCOLAIRE', date, null);
        }
      }
    }
    const consumptions = await inChunks(consumptionRows, (chunk) =>
      tx.insert(t.consumptions).values(chunk).returning(),
    );

    // Payments: DUPONT's two cheques, and desk payments of some other families.
    interface PaymentSpec {
      familyId: number;
      mode: 'CH' | 'ESP' | 'CESU';
      amountCents: number;
      receivedOn: IsoDate;
      pieceNumber: string | null;
      payerName: string;
      bankName: string | null;
      allocations: Array<{ wallet: WalletCode; amountCents: number }>;
    }
    const thirdOfMonth = `${monthStart.slice(0, 8)}03`;
    const paymentSpecs: PaymentSpec[] = [
      {
        familyId: dupont.id,
        mode: 'CH',
        amountCents: 9000,
        receivedOn: `${previousMonthStart.slice(0, 8)}15`,
        pieceNumber: '795466',
        payerName: 'DUPONT Jean-Paul',
        bankName: 'LEP',
        allocations: [{ wallet: CDC, amountCents: 9000 }],
      },
      {
        familyId: dupont.id,
        mode: 'CH',
        amountCents: 5000,
        receivedOn: thirdOfMonth <= today ? thirdOfMonth : `${previousMonthStart.slice(0, 8)}28`,
        pieceNumber: '924466',
        payerName: 'DUPONT Jean-Paul',
        bankName: 'LEP',
        allocations: [{ wallet: CDC, amountCents: 5000 }],
      },
    ];
    const owed = new Map<string, number>();
    for (const c of consumptionRows) {
      const key = `${c.familyId}:${c.walletId}`;
      owed.set(key, (owed.get(key) ?? 0) + c.totalCents);
    }
    const owedOn = (familyId: number, wallet: WalletCode) =>
      owed.get(`${familyId}:${walletOf(familyId, wallet).id}`) ?? 0;
    const roundUpToTenEuros = (cents: number) => Math.ceil(cents / 1000) * 1000;
    const modes = ['CH', 'ESP', 'CESU'] as const;
    otherFamilies.forEach((family, i) => {
      if (i % 2 === 1) return;
      const guardian = guardianOf.get(family.id)!;
      const allocations = ([CDC, 'RESTAURATION', 'PERISCOLAIRE'] as const)
        .map((wallet) => {
          // Families pay part of what they owe, or a little ahead.
          const share = 0.5 + random.next() * 0.6;
          return { wallet, amountCents: roundUpToTenEuros(owedOn(family.id, wallet) * share) };
        })
        .filter((allocation) => allocation.amountCents > 0);
      if (allocations.length === 0) return;
      const mode = modes[(i / 2) % modes.length]!;
      paymentSpecs.push({
        familyId: family.id,
        mode,
        amountCents: allocations.reduce((sum, allocation) => sum + allocation.amountCents, 0),
        receivedOn: random.pick(schoolDays.length > 0 ? schoolDays : [yesterday]),
        pieceNumber: mode === 'ESP' ? null : String(random.int(100_000, 9_999_999)),
        payerName: `${family.name} ${guardian.firstName}`,
        bankName: mode === 'CH' ? random.pick(BANKS) : null,
        allocations,
      });
    });
    const payments = await tx
      .insert(t.payments)
      .values(
        paymentSpecs.map((spec) => ({
          familyId: spec.familyId,
          mode: spec.mode,
          status: 'succeeded' as const,
          amountCents: spec.amountCents,
          receivedOn: spec.receivedOn,
          pieceNumber: spec.pieceNumber,
          payerName: spec.payerName,
          bankName: spec.bankName,
          recordedBy: agent.id,
          createdAt: notAfterNow(parisInstant(spec.receivedOn, '10:00')),
        })),
      )
      .returning();
    const allocations = await tx
      .insert(t.paymentAllocations)
      .values(
        payments.flatMap((payment, i) =>
          paymentSpecs[i]!.allocations.map((allocation) => ({
            paymentId: payment.id,
            walletId: walletOf(payment.familyId, allocation.wallet).id,
            amountCents: allocation.amountCents,
          })),
        ),
      )
      .returning();

    // The ledger: every wallet balance is the sum of these entries.
    const paymentById = new Map(payments.map((p) => [p.id, p]));
    const walletEntries = await inChunks(
      [
        ...consumptions.map((c) => ({
          walletId: c.walletId,
          kind: 'consumption' as const,
          amountCents: -c.totalCents,
          occurredOn: c.date,
          label: activityById.get(c.activityId)!.name,
          consumptionId: c.id,
          createdAt: c.createdAt,
        })),
        ...allocations.map((allocation) => {
          const payment = paymentById.get(allocation.paymentId)!;
          return {
            walletId: allocation.walletId,
            kind: 'payment' as const,
            amountCents: allocation.amountCents,
            occurredOn: payment.receivedOn!,
            label: `Règlement ${payment.mode}${payment.pieceNumber ? ` ${payment.pieceNumber}` : ''}`,
            paymentAllocationId: allocation.id,
            createdBy: agent.id,
            createdAt: payment.createdAt,
          };
        }),
      ],
      (chunk) => tx.insert(t.walletEntries).values(chunk).returning({ id: t.walletEntries.id }),
    );

    const newsItems = await tx
      .insert(t.newsItems)
      .values([
        {
          title: 'Réservations des mercredis et des vacances',
          body:
            `Les réservations de la période « Mercredis et vacances » (du ${longDate(openDates[0]!)} au ` +
            `${longDate(openDates.at(-1)!)}) sont ouvertes depuis le ${longDate(addDays(today, -7))}. ` +
            'Vos demandes sont transmises chaque nuit : un compte-rendu vous est envoyé par mail le lendemain. ' +
            'Pensez à annuler au plus tôt les journées dont vous n’avez plus besoin.',
          visibleFrom: addDays(today, -7),
          visibleUntil: openDates.at(-1)!,
          createdBy: admin.id,
          createdAt: parisInstant(addDays(today, -7), '08:00'),
        },
        {
          title: `${futureLabel} : ouverture des réservations`,
          body:
            `Les réservations des centres de loisirs pour les ${futureLabel.toLowerCase()} ` +
            `(du ${longDate(futureDates[0]!)} au ${longDate(futureDates.at(-1)!)}) ouvriront le ` +
            `${longDate(futureOpensOn)} à 8 h.`,
          visibleFrom: addDays(today, -3),
          visibleUntil: futureDates[0]!,
          createdBy: admin.id,
          createdAt: parisInstant(addDays(today, -3), '09:00'),
        },
        {
          title: 'Menus de la restauration scolaire',
          body:
            'Retrouvez chaque semaine sur cette page les menus de la restauration scolaire. Les repas sont ' +
            'préparés par la cuisine centrale avec des produits locaux et de saison.',
          visibleFrom: addDays(today, -5),
          visibleUntil: null,
          createdBy: admin.id,
          createdAt: parisInstant(addDays(today, -5), '09:00'),
        },
      ])
      .returning({ id: t.newsItems.id });

    const thisMonday = addDays(today, 1 - isoWeekday(today));
    const menuDates = weekdaysOfFortnight(thisMonday);
    const menus = await tx
      .insert(t.menus)
      .values(menuDates.map((date, i) => ({ date, ...MENUS[i % MENUS.length]! })))
      .returning({ id: t.menus.id });

    const reservationCounts: Partial<Record<ReservationStatus, number>> = {};
    for (const r of reservations) reservationCounts[r.status] = (reservationCounts[r.status] ?? 0) + 1;

    return {
      families: families.length,
      guardians: users.filter((u) => u.role === 'family').length,
      staff: users.filter((u) => u.role !== 'family').length,
      children: children.length,
      wallets: wallets.length,
      activities: activities.length,
      bookingPeriods: 3,
      activityDays: activityDays.length,
      reservations: reservationCounts,
      consumptions: consumptions.length,
      payments: payments.length,
      walletEntries: walletEntries.length,
      newsItems: newsItems.length,
      menus: menus.length,
    };
  });
}
