import type { Db } from '../../db/client';
import * as t from '../../db/schema';
import { parisInstant, type IsoDate } from '../../lib/clock';
import { multiplyCents, sumCents } from '../../lib/money';
import { isEligible, type Activity, type DemoActivities, type DemoOpeningDays } from './activities';
import { notAfterNow, type DemoCalendar } from './calendar';
import { inChunks } from './in-chunks';
import { CDC, type DemoWallets, type WalletCode } from './ledger';
import type { DemoPeople } from './people';
import type { DemoRandom } from './random';
import type { Reservation } from './reservations';

// What the families consumed and paid before today: the attended ALSH days, the school restaurant
// and morning care (consumed without a reservation), DUPONT's two cheques and desk payments of
// half the other families.

export type Consumption = typeof t.consumptions.$inferSelect;
type Payment = typeof t.payments.$inferSelect;
type PaymentAllocation = typeof t.paymentAllocations.$inferSelect;

export interface PaymentWithAllocations {
  payments: Payment[];
  allocations: PaymentAllocation[];
}

const BANKS = ['Crédit Agricole', 'Banque Populaire', 'LCL', 'Société Générale', 'La Banque Postale', 'CIC'];

interface ConsumptionFacts {
  calendar: DemoCalendar;
  random: DemoRandom;
  activities: DemoActivities;
  days: DemoOpeningDays;
  people: DemoPeople;
  wallets: DemoWallets;
  reservations: Reservation[];
}

export async function insertConsumptions(db: Db, facts: ConsumptionFacts): Promise<Consumption[]> {
  const { calendar, random, activities, days, people, wallets, reservations } = facts;
  const rows: Array<typeof t.consumptions.$inferInsert> = [];
  const consume = (
    familyId: number,
    childId: number,
    activity: Activity,
    wallet: WalletCode,
    date: IsoDate,
    reservationId: number | null,
  ) =>
    rows.push({
      familyId,
      childId,
      activityId: activity.id,
      walletId: wallets.of(familyId, wallet).id,
      reservationId,
      date,
      unitPriceCents: activity.unitPriceCents,
      quantity: activity.quantity,
      totalCents: multiplyCents(activity.unitPriceCents, activity.quantity),
      createdAt: parisInstant(date, '19:00'),
    });

  for (const reservation of reservations) {
    if (reservation.status !== 'attended') continue;
    const day = days.byId(reservation.activityDayId);
    consume(reservation.familyId, reservation.childId, activities.byId(day.activityId), CDC, day.date, reservation.id);
  }

  const restaurant = activities.byCode('RESTAURATION');
  const morningCare = activities.byCode('PERI-MATIN');
  const isCanteenFamily = familiesWhere(people, (i) => i % 4 === 1 || i % 4 === 2);
  const isMorningCareFamily = familiesWhere(people, (i) => i % 5 === 2);
  for (const date of calendar.schoolDays) {
    for (const child of people.otherChildren) {
      if (!isEligible(child, restaurant, date)) continue;
      if (isCanteenFamily(child.familyId) && random.chance(0.85)) {
        consume(child.familyId, child.id, restaurant, 'RESTAURATION', date, null);
      }
      if (isMorningCareFamily(child.familyId) && random.chance(0.55)) {
        consume(child.familyId, child.id, morningCare, 'PERISCOLAIRE', date, null);
      }
    }
  }
  return inChunks(rows, (chunk) => db.insert(t.consumptions).values(chunk).returning());
}

/** Whether a family is one of the other families whose position passes `test`. */
function familiesWhere(people: DemoPeople, test: (index: number) => boolean) {
  const ids = new Set(people.otherFamilies.filter((_, i) => test(i)).map((family) => family.id));
  return (familyId: number) => ids.has(familyId);
}

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

interface PaymentFacts {
  calendar: DemoCalendar;
  random: DemoRandom;
  people: DemoPeople;
  wallets: DemoWallets;
  consumptions: Consumption[];
}

export async function insertPayments(db: Db, facts: PaymentFacts): Promise<PaymentWithAllocations> {
  const { calendar, people, wallets } = facts;
  const specs = [...dupontCheques(calendar, people), ...deskPayments(facts)];
  const payments = await db
    .insert(t.payments)
    .values(
      specs.map((spec) => ({
        familyId: spec.familyId,
        mode: spec.mode,
        status: 'paid' as const,
        amountCents: spec.amountCents,
        receivedOn: spec.receivedOn,
        pieceNumber: spec.pieceNumber,
        payerName: spec.payerName,
        bankName: spec.bankName,
        recordedBy: people.agent.id,
        createdAt: notAfterNow(calendar, parisInstant(spec.receivedOn, '10:00')),
      })),
    )
    .returning();
  const allocations = await db
    .insert(t.paymentAllocations)
    .values(
      payments.flatMap((payment, i) =>
        specs[i]!.allocations.map((allocation) => ({
          paymentId: payment.id,
          walletId: wallets.of(payment.familyId, allocation.wallet).id,
          amountCents: allocation.amountCents,
        })),
      ),
    )
    .returning();
  return { payments, allocations };
}

/** The guide's two cheques: one in the middle of last month, one early this month. */
function dupontCheques(calendar: DemoCalendar, people: DemoPeople): PaymentSpec[] {
  const cheque = (amountCents: number, receivedOn: IsoDate, pieceNumber: string): PaymentSpec => ({
    familyId: people.dupont.id,
    mode: 'CH',
    amountCents,
    receivedOn,
    pieceNumber,
    payerName: 'DUPONT Jean-Paul',
    bankName: 'LEP',
    allocations: [{ wallet: CDC, amountCents }],
  });
  const thirdOfMonth = `${calendar.month}-03`;
  return [
    cheque(9000, `${calendar.previousMonth}-15`, '795466'),
    cheque(5000, thirdOfMonth <= calendar.today ? thirdOfMonth : `${calendar.previousMonth}-28`, '924466'),
  ];
}

/** Every other family pays at the desk part of what it owes on each wallet, or a little ahead. */
function deskPayments({ calendar, random, people, wallets, consumptions }: PaymentFacts): PaymentSpec[] {
  const owed = new Map<string, number>();
  for (const c of consumptions) {
    const key = `${c.familyId}:${c.walletId}`;
    owed.set(key, (owed.get(key) ?? 0) + c.totalCents);
  }
  const owedOn = (familyId: number, wallet: WalletCode) => owed.get(`${familyId}:${wallets.of(familyId, wallet).id}`) ?? 0;
  const roundUpToTenEuros = (cents: number) => Math.ceil(cents / 1000) * 1000;
  const modes = ['CH', 'ESP', 'CESU'] as const;
  const specs: PaymentSpec[] = [];
  people.otherFamilies.forEach((family, i) => {
    if (i % 2 === 1) return;
    const guardian = people.guardianOf.get(family.id)!;
    const allocations = ([CDC, 'RESTAURATION', 'PERISCOLAIRE'] as const)
      .map((wallet) => {
        const share = 0.5 + random.next() * 0.6;
        return { wallet, amountCents: roundUpToTenEuros(owedOn(family.id, wallet) * share) };
      })
      .filter((allocation) => allocation.amountCents > 0);
    if (allocations.length === 0) return;
    const mode = modes[(i / 2) % modes.length]!;
    specs.push({
      familyId: family.id,
      mode,
      amountCents: sumCents(allocations.map((allocation) => allocation.amountCents)),
      receivedOn: random.pick(calendar.schoolDays.length > 0 ? calendar.schoolDays : [calendar.yesterday]),
      pieceNumber: mode === 'ESP' ? null : String(random.int(100_000, 9_999_999)),
      payerName: `${family.name} ${guardian.firstName}`,
      bankName: mode === 'CH' ? random.pick(BANKS) : null,
      allocations,
    });
  });
  return specs;
}
