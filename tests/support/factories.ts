import type { Db } from '@/db/client';
import {
  activities,
  activityDays,
  bookingPeriods,
  children,
  consumptions,
  families,
  paymentAllocations,
  payments,
  reservations,
  sessions,
  users,
  walletEntries,
  walletTypes,
  wallets,
} from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { multiplyCents } from '@/lib/money';

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
  // A session that `sessionOf(user)` names: dated in the future, so no idle or absolute limit ends it
  // whatever the clock of the test (the session tests make their own).
  const far = new Date('2099-01-01T00:00:00Z');
  await db.insert(sessions).values({ id: testSessionId(user!.id), userId: user!.id, createdAt: far, lastSeenAt: far });
  return user!;
}

export const testSessionId = (userId: number) => `test-session-${userId}`;

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

export async function aReservation(
  db: Db,
  values: { familyId: number; childId: number; activityDayId: number } & Partial<typeof reservations.$inferInsert>,
) {
  const status = values.status ?? 'confirmed';
  const [reservation] = await db
    .insert(reservations)
    .values({
      status,
      waitlistRank: status === 'waitlisted' ? 1 : null,
      requestedAt: new Date('2026-11-20T18:00:00Z'),
      ...values,
    })
    .returning();
  return reservation!;
}

/**
 * A consumption of `quantity` units of an activity on `date`, debiting `walletId`. With
 * `posted`, its ledger entry is written too, as the posting job does.
 */
export async function aConsumption(
  db: Db,
  values: {
    familyId: number;
    childId: number;
    walletId: number;
    activityId: number;
    date: string;
    unitPriceCents?: number;
    quantity?: number;
    reservationId?: number | null;
    posted?: boolean;
  },
) {
  const { posted = false, unitPriceCents = 475, quantity = 1, ...rest } = values;
  const [consumption] = await db
    .insert(consumptions)
    .values({ ...rest, unitPriceCents, quantity, totalCents: multiplyCents(unitPriceCents, quantity) })
    .returning();
  if (posted) {
    await db.insert(walletEntries).values({
      walletId: consumption!.walletId,
      kind: 'consumption',
      amountCents: -consumption!.totalCents,
      occurredOn: consumption!.date,
      label: 'Consommation',
      consumptionId: consumption!.id,
    });
  }
  return consumption!;
}

/**
 * A payment of a family. A paid one given a `walletId` is allocated to that wallet and
 * credits it in the ledger, as a payment recorded at the desk does.
 */
export async function aPayment(
  db: Db,
  values: { familyId: number; walletId?: number } & Partial<typeof payments.$inferInsert>,
) {
  const n = next();
  const { walletId, ...rest } = values;
  const [payment] = await db
    .insert(payments)
    .values({
      mode: 'CH',
      status: 'paid',
      amountCents: 5000,
      receivedOn: '2026-11-03',
      pieceNumber: String(100000 + n),
      payerName: `PAYEUR${n} Camille`,
      bankName: 'LEP',
      ...rest,
    })
    .returning();
  if (walletId !== undefined && payment!.status === 'paid') {
    const [allocation] = await db
      .insert(paymentAllocations)
      .values({ paymentId: payment!.id, walletId, amountCents: payment!.amountCents })
      .returning();
    await db.insert(walletEntries).values({
      walletId,
      kind: 'payment',
      amountCents: payment!.amountCents,
      occurredOn: payment!.receivedOn!,
      label: `Règlement ${payment!.mode}`,
      paymentAllocationId: allocation!.id,
    });
  }
  return payment!;
}

/** A correction in a wallet's ledger (a signed, non-zero amount). */
export async function aCorrection(db: Db, walletId: number, amountCents: number, occurredOn = '2026-11-10') {
  const [entry] = await db
    .insert(walletEntries)
    .values({ walletId, kind: 'correction', amountCents, occurredOn, label: 'Correction' })
    .returning();
  return entry!;
}
