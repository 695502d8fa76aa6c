import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { walletEntries } from '@/db/schema';
import { consumptionHistory, paymentHistory } from '@/lib/history/month-lines';
import { unpostedReservationCosts, walletEstimates } from '@/lib/wallets/estimate';
import { createTestDatabase } from '../support/db';
import {
  aBookingPeriod,
  aChild,
  aConsumption,
  aCorrection,
  aFamily,
  anActivity,
  anActivityDay,
  aPayment,
  aReservation,
  aWallet,
  aWalletType,
} from '../support/factories';

let handle: DbHandle;
const db = () => handle.db;

// Two families with the same kinds of wallets and activities, so that only scoping tells them apart.
let cdc: { id: number };
let restauration: { id: number };
let matin: Awaited<ReturnType<typeof anActivity>>;
let journee: Awaited<ReturnType<typeof anActivity>>;
let cantine: Awaited<ReturnType<typeof anActivity>>;
let period: Awaited<ReturnType<typeof aBookingPeriod>>;

async function aHousehold(name: string, childNames: string[]) {
  const family = await aFamily(db(), { name });
  const kids = [];
  for (const firstName of childNames) kids.push(await aChild(db(), family.id, { firstName, lastName: name }));
  const cdcWallet = await aWallet(db(), family.id, cdc.id);
  const restaurationWallet = await aWallet(db(), family.id, restauration.id);
  return { family, kids, cdcWallet, restaurationWallet };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  restauration = await aWalletType(db(), { code: 'RESTAURATION', label: 'RESTAURATION', position: 1 });
  cdc = await aWalletType(db(), { code: 'CDC', label: 'CDC PE2M - APS ET CLSH', position: 3 });
  matin = await anActivity(db(), { name: 'ALSH 6-12 ans Matin', walletTypeId: cdc.id, unitPriceCents: 1035, quantity: 1 });
  journee = await anActivity(db(), { name: 'ALSH 3-6 ans Journée', walletTypeId: cdc.id, unitPriceCents: 665, quantity: 2 });
  cantine = await anActivity(db(), { name: 'Restauration scolaire', walletTypeId: restauration.id, unitPriceCents: 345 });
  period = await aBookingPeriod(db(), { startsOn: '2026-09-01', endsOn: '2027-02-28' });
});
afterAll(() => handle.close());

describe('the consumption history', () => {
  it('never includes another family’s consumptions, in any month', async () => {
    const a = await aHousehold('ALPHA', ['Zélie']);
    const b = await aHousehold('BRAVO', ['Basile']);
    for (const date of ['2026-10-14', '2026-11-04']) {
      await aConsumption(db(), { familyId: a.family.id, childId: a.kids[0]!.id, walletId: a.cdcWallet.id, activityId: matin.id, date, unitPriceCents: 1035 });
      await aConsumption(db(), { familyId: b.family.id, childId: b.kids[0]!.id, walletId: b.cdcWallet.id, activityId: journee.id, date, unitPriceCents: 665, quantity: 2 });
    }
    for (const month of ['2026-10', '2026-11']) {
      const ofA = await consumptionHistory(db(), a.family.id, month);
      const ofB = await consumptionHistory(db(), b.family.id, month);
      expect(ofA.lines.map((line) => line.consumer)).toEqual(['ALPHA Zélie']);
      expect(ofB.lines.map((line) => line.consumer)).toEqual(['BRAVO Basile']);
      expect(ofA.totalCents).toBe(1035);
      expect(ofB.totalCents).toBe(1330);
    }
  });

  it('puts a consumption of the 31st in its month and one of the 1st in the next', async () => {
    const a = await aHousehold('CHARLIE', ['Chloé']);
    const consume = (date: string) =>
      aConsumption(db(), { familyId: a.family.id, childId: a.kids[0]!.id, walletId: a.cdcWallet.id, activityId: matin.id, date, unitPriceCents: 1035 });
    await consume('2026-10-31');
    await consume('2026-11-01');
    await consume('2026-11-30');
    await consume('2026-12-01');
    const dates = async (month: string) => (await consumptionHistory(db(), a.family.id, month)).lines.map((line) => line.date);
    expect(await dates('2026-10')).toEqual(['2026-10-31']);
    expect(await dates('2026-11')).toEqual(['2026-11-01', '2026-11-30']);
    expect(await dates('2026-12')).toEqual(['2026-12-01']);
    expect(await dates('2026-09')).toEqual([]);
  });

  it('lists by date then consumer, with the guide’s columns, and totals the rows to the cent', async () => {
    const a = await aHousehold('DUPONT', ['Liou', 'Antoine']);
    const [liou, antoine] = a.kids as [(typeof a.kids)[number], (typeof a.kids)[number]];
    const consume = (childId: number, activity: typeof matin, date: string) =>
      aConsumption(db(), {
        familyId: a.family.id,
        childId,
        walletId: a.cdcWallet.id,
        activityId: activity.id,
        date,
        unitPriceCents: activity.unitPriceCents,
        quantity: activity.quantity,
      });
    await consume(liou.id, matin, '2026-11-18');
    await consume(antoine.id, journee, '2026-11-04');
    await consume(liou.id, matin, '2026-11-04');
    const { lines, totalCents } = await consumptionHistory(db(), a.family.id, '2026-11');
    expect(lines.map(({ date, consumer, activity, unitPriceCents, quantity, totalCents }) => [date, consumer, activity, unitPriceCents, quantity, totalCents])).toEqual([
      ['2026-11-04', 'DUPONT Antoine', 'ALSH 3-6 ans Journée', 665, 2, 1330],
      ['2026-11-04', 'DUPONT Liou', 'ALSH 6-12 ans Matin', 1035, 1, 1035],
      ['2026-11-18', 'DUPONT Liou', 'ALSH 6-12 ans Matin', 1035, 1, 1035],
    ]);
    expect(totalCents).toBe(3400);
  });

  it('totals 17 consumptions at 4,15 € to exactly 70,55 €', async () => {
    const a = await aHousehold('ECHO', ['Emma']);
    for (let day = 1; day <= 17; day++) {
      await aConsumption(db(), {
        familyId: a.family.id,
        childId: a.kids[0]!.id,
        walletId: a.restaurationWallet.id,
        activityId: cantine.id,
        date: `2026-11-${String(day).padStart(2, '0')}`,
        unitPriceCents: 415,
      });
    }
    const { lines, totalCents } = await consumptionHistory(db(), a.family.id, '2026-11');
    expect(lines).toHaveLength(17);
    expect(totalCents).toBe(7055);
  });
});

describe('the payment history', () => {
  it('shows the received payments of the chosen month and the month before, and nothing of another family', async () => {
    const a = await aHousehold('FOXTROT', ['Félix']);
    const b = await aHousehold('GOLF', ['Gaby']);
    const pay = (familyId: number, receivedOn: string, extra: Partial<Parameters<typeof aPayment>[1]> = {}) =>
      aPayment(db(), { familyId, receivedOn, ...extra });
    await pay(a.family.id, '2026-09-30', { pieceNumber: 'A-SEPT' });
    const first = await pay(a.family.id, '2026-10-01', { pieceNumber: 'A-OCT', amountCents: 9000 });
    const last = await pay(a.family.id, '2026-11-30', { pieceNumber: 'A-NOV', amountCents: 5000, mode: 'ESP', bankName: null });
    await pay(a.family.id, '2026-12-01', { pieceNumber: 'A-DEC' });
    await pay(a.family.id, '2026-11-15', { pieceNumber: 'A-CB-EN-COURS', mode: 'CB', status: 'initiated', receivedOn: null });
    await pay(a.family.id, '2026-11-16', { pieceNumber: 'A-CB-REFUSE', mode: 'CB', status: 'refused' });
    await pay(b.family.id, '2026-11-10', { pieceNumber: 'B-NOV', amountCents: 12345 });

    const history = await paymentHistory(db(), a.family.id, '2026-11');
    expect(history.months).toEqual(['2026-10', '2026-11']);
    expect(history.lines.map((line) => line.id)).toEqual([first.id, last.id]);
    expect(history.lines[1]).toMatchObject({ receivedOn: '2026-11-30', mode: 'ESP', bankName: null, amountCents: 5000 });
    expect(history.totalCents).toBe(14000);

    expect((await paymentHistory(db(), a.family.id, '2026-12')).lines.map((line) => line.pieceNumber)).toEqual(['A-NOV', 'A-DEC']);
    expect((await paymentHistory(db(), a.family.id, '2026-10')).lines.map((line) => line.pieceNumber)).toEqual(['A-SEPT', 'A-OCT']);
    expect((await paymentHistory(db(), b.family.id, '2026-11')).lines.map((line) => line.pieceNumber)).toEqual(['B-NOV']);
  });
});

describe('the estimated cost of reservations', () => {
  async function aDay(activity: typeof matin, date: string) {
    return anActivityDay(db(), { activityId: activity.id, bookingPeriodId: period.id, date });
  }

  it('counts pending, confirmed, attended and unjustified-absent reservations not yet posted, up to the date, per wallet', async () => {
    const a = await aHousehold('HOTEL', ['Hugo', 'Inès']);
    const [hugo, ines] = a.kids as [(typeof a.kids)[number], (typeof a.kids)[number]];
    const reserve = async (childId: number, activity: typeof matin, date: string, status: Parameters<typeof aReservation>[1]['status'], absenceJustified?: boolean) =>
      aReservation(db(), { familyId: a.family.id, childId, activityDayId: (await aDay(activity, date)).id, status, absenceJustified });

    await reserve(hugo.id, matin, '2026-12-02', 'confirmed'); // 10,35
    await reserve(ines.id, journee, '2026-12-02', 'pending'); // 2 × 6,65
    await reserve(hugo.id, matin, '2026-11-18', 'attended'); // past, not posted yet: 10,35
    await reserve(hugo.id, matin, '2026-11-20', 'absent', false); // missed without justification: 10,35
    // Cost nothing: not held, or an absence justified.
    await reserve(ines.id, journee, '2026-12-09', 'waitlisted');
    await reserve(ines.id, journee, '2026-12-16', 'refused');
    await reserve(ines.id, journee, '2026-12-23', 'cancelled');
    await reserve(ines.id, journee, '2026-11-18', 'absent', true);
    // After the date.
    await reserve(hugo.id, matin, '2027-01-06', 'confirmed');

    const costs = await unpostedReservationCosts(db(), a.family.id, '2026-12-31');
    expect(costs).toEqual([{ walletTypeId: cdc.id, walletType: 'CDC PE2M - APS ET CLSH', costCents: 1035 + 1330 + 1035 + 1035 }]);

    const { wallets, totals } = await walletEstimates(db(), a.family.id, '2026-12-31');
    expect(wallets.map((w) => [w.walletType, w.balanceCents, w.estimatedCostCents, w.newBalanceCents])).toEqual([
      ['RESTAURATION', 0, 0, 0],
      ['CDC PE2M - APS ET CLSH', 0, 4435, -4435],
    ]);
    expect(totals).toEqual({ creditCents: 0, reservationsCents: 4435, estimatedBalanceCents: -4435 });
  });

  it('rises by exactly a reservation’s cost when the date moves past its day', async () => {
    const a = await aHousehold('INDIA', ['Jade']);
    const day = await aDay(journee, '2027-01-13');
    await aReservation(db(), { familyId: a.family.id, childId: a.kids[0]!.id, activityDayId: day.id, status: 'confirmed' });
    const cost = async (until: string) =>
      (await walletEstimates(db(), a.family.id, until)).wallets.find((w) => w.walletTypeId === cdc.id)!.estimatedCostCents;
    expect(await cost('2027-01-12')).toBe(0);
    expect(await cost('2027-01-13')).toBe(1330);
    expect((await cost('2027-01-13')) - (await cost('2027-01-12'))).toBe(journee.unitPriceCents * journee.quantity);
  });

  it('does not count a reservation already posted as a consumption', async () => {
    const a = await aHousehold('JULIETT', ['Jules']);
    const day = await aDay(matin, '2026-11-25');
    const reservation = await aReservation(db(), { familyId: a.family.id, childId: a.kids[0]!.id, activityDayId: day.id, status: 'attended' });
    const cost = async () => (await unpostedReservationCosts(db(), a.family.id, '2026-12-31')).reduce((sum, c) => sum + c.costCents, 0);
    expect(await cost()).toBe(1035);
    await aConsumption(db(), {
      familyId: a.family.id,
      childId: a.kids[0]!.id,
      walletId: a.cdcWallet.id,
      activityId: matin.id,
      date: day.date,
      unitPriceCents: 1035,
      reservationId: reservation.id,
      posted: true,
    });
    expect(await cost()).toBe(0);
    const cdcRow = (await walletEstimates(db(), a.family.id, '2026-12-31')).wallets.find((w) => w.walletTypeId === cdc.id)!;
    expect(cdcRow).toMatchObject({ balanceCents: -1035, estimatedCostCents: 0, newBalanceCents: -1035 });
  });

  it('never counts another family’s reservations', async () => {
    const a = await aHousehold('KILO', ['Lina']);
    const b = await aHousehold('LIMA', ['Léo']);
    const day = await aDay(matin, '2026-12-09');
    await aReservation(db(), { familyId: b.family.id, childId: b.kids[0]!.id, activityDayId: day.id, status: 'confirmed' });
    expect(await unpostedReservationCosts(db(), a.family.id, '2099-12-31')).toEqual([]);
    expect((await walletEstimates(db(), b.family.id, '2099-12-31')).totals.reservationsCents).toBe(1035);
  });

  it('gives each wallet a Solde equal to the sum of its ledger entries', async () => {
    const a = await aHousehold('MIKE', ['Mila']);
    const b = await aHousehold('NOVEMBER', ['Nino']);
    await aPayment(db(), { familyId: a.family.id, walletId: a.cdcWallet.id, amountCents: 9000 });
    await aPayment(db(), { familyId: a.family.id, walletId: a.cdcWallet.id, amountCents: 5000 });
    await aPayment(db(), { familyId: a.family.id, walletId: a.cdcWallet.id, amountCents: 7777, status: 'refused' });
    await aConsumption(db(), { familyId: a.family.id, childId: a.kids[0]!.id, walletId: a.cdcWallet.id, activityId: matin.id, date: '2026-11-04', unitPriceCents: 1035, posted: true });
    await aConsumption(db(), { familyId: a.family.id, childId: a.kids[0]!.id, walletId: a.restaurationWallet.id, activityId: cantine.id, date: '2026-11-05', unitPriceCents: 345, posted: true });
    await aCorrection(db(), a.restaurationWallet.id, -100);
    await aPayment(db(), { familyId: b.family.id, walletId: b.cdcWallet.id, amountCents: 100000 });

    const ledgerSum = async (walletId: number) =>
      (await db().select({ cents: sql<number>`coalesce(sum(${walletEntries.amountCents}), 0)::int` }).from(walletEntries).where(eq(walletEntries.walletId, walletId)))[0]!.cents;
    const { wallets, totals } = await walletEstimates(db(), a.family.id, '2026-12-31');
    for (const wallet of wallets) expect(wallet.balanceCents).toBe(await ledgerSum(wallet.walletId!));
    expect(wallets.map((w) => [w.walletType, w.balanceCents])).toEqual([
      ['RESTAURATION', -445],
      ['CDC PE2M - APS ET CLSH', 12965],
    ]);
    expect(totals.creditCents).toBe(12520);
  });
});
