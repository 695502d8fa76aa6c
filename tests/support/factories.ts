import type { Db } from '@/db/client';
import {
  activities,
  activityDays,
  bookingPeriods,
  children,
  families,
  users,
  walletTypes,
  wallets,
} from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';

let sequence = 0;
const next = () => ++sequence;

export async function aFamily(db: Db, overrides: Partial<typeof families.$inferInsert> = {}) {
  const n = next();
  const [family] = await db
    .insert(families)
    .values({ identifier: `famille-${n}`, name: `FAMILLE${n}`, ...overrides })
    .returning();
  return family!;
}

const hashes = new Map<string, Promise<string>>();
function cachedHash(password: string) {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
}

export async function aUser(
  db: Db,
  overrides: Partial<typeof users.$inferInsert> & { password?: string } = {},
) {
  const n = next();
  const { password = 'mot-de-passe-de-test', ...values } = overrides;
  const [user] = await db
    .insert(users)
    .values({
      role: 'family',
      login: `utilisateur-${n}`,
      email: `utilisateur-${n}@example.fr`,
      firstName: 'Camille',
      lastName: `NOM${n}`,
      passwordHash: await cachedHash(password),
      ...values,
    })
    .returning();
  return user!;
}

export async function aGuardian(db: Db, overrides: Partial<typeof users.$inferInsert> & { password?: string } = {}) {
  const family = overrides.familyId ? { id: overrides.familyId } : await aFamily(db);
  return aUser(db, { role: 'family', familyId: family.id, isPayer: true, ...overrides });
}

export async function aChild(db: Db, familyId: number, overrides: Partial<typeof children.$inferInsert> = {}) {
  const [child] = await db
    .insert(children)
    .values({ familyId, firstName: 'Léa', lastName: 'TEST', birthDate: '2020-06-15', ...overrides })
    .returning();
  return child!;
}

export async function aWalletType(db: Db, overrides: Partial<typeof walletTypes.$inferInsert> = {}) {
  const n = next();
  const [type] = await db.insert(walletTypes).values({ code: `TYPE${n}`, label: `TYPE ${n}`, ...overrides }).returning();
  return type!;
}

export async function aWallet(db: Db, familyId: number, walletTypeId?: number) {
  const typeId = walletTypeId ?? (await aWalletType(db)).id;
  const [wallet] = await db.insert(wallets).values({ familyId, walletTypeId: typeId }).returning();
  return wallet!;
}

export async function anActivity(db: Db, overrides: Partial<typeof activities.$inferInsert> = {}) {
  const n = next();
  const walletTypeId = overrides.walletTypeId ?? (await aWalletType(db)).id;
  const [activity] = await db
    .insert(activities)
    .values({
      code: `ACT${n}`,
      name: `Activité ${n}`,
      walletTypeId,
      unitPriceCents: 475,
      arrivalTime: '09:00',
      departureTime: '13:30',
      minAgeYears: 3,
      maxAgeYears: 6,
      defaultCapacity: 10,
      defaultWaitlistCapacity: 5,
      ...overrides,
    })
    .returning();
  return activity!;
}

export async function aBookingPeriod(db: Db, overrides: Partial<typeof bookingPeriods.$inferInsert> = {}) {
  const [period] = await db
    .insert(bookingPeriods)
    .values({
      label: 'Période de test',
      startsOn: '2026-12-01',
      endsOn: '2026-12-31',
      opensAt: new Date('2026-11-01T07:00:00Z'),
      closesAt: new Date('2026-12-31T22:59:00Z'),
      ...overrides,
    })
    .returning();
  return period!;
}

export async function anActivityDay(
  db: Db,
  overrides: Partial<typeof activityDays.$inferInsert> & { capacity?: number; waitlistCapacity?: number } = {},
) {
  const activityId = overrides.activityId ?? (await anActivity(db)).id;
  const bookingPeriodId = overrides.bookingPeriodId ?? (await aBookingPeriod(db)).id;
  const [day] = await db
    .insert(activityDays)
    .values({ date: '2026-12-02', capacity: 10, waitlistCapacity: 5, ...overrides, activityId, bookingPeriodId })
    .returning();
  return day!;
}
