import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jobRuns, paymentAllocations, payments } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { jobs, runJob } from '@/lib/jobs/registry';
import { reconcilePayments } from '@/lib/payments/reconcile';
import { aFamilyPayingByCard, moneyOf, payfipTestWorld, paymentRow } from '../support/card-payments';

const START = '2026-11-26T09:00:00Z';
const clock = fixedClock(START);
const minutes = (n: number) => n * 60_000;
const nothing = { entries: 0, creditedCents: 0, confirmations: 0 };
const paidOnce = { entries: 2, creditedCents: 7900, confirmations: 1 };
const none = { checked: 0, paid: 0, refused: 0, abandoned: 0, expired: 0, stillPending: 0, failed: 0 };
const world = payfipTestWorld(clock);
const db = world.db;
// Each test starts with no card payment in progress, at the same hour.
beforeEach(async () => {
  clock.set(START);
  await db().update(payments).set({ status: 'abandoned', settledAt: clock.now() }).where(eq(payments.status, 'initiated'));
});
afterEach(() => vi.restoreAllMocks());

describe('reconcilePayments', () => {
  it('recovers a lost notification: the payment PayFiP took is credited once, and neither a second run nor the late notification changes anything', async () => {
    const { family, payment, idOp } = await world.aStartedPayment();
    world.fake.decide(idOp, 'P'); // paid at PayFiP, never notified

    clock.advance(minutes(10));
    expect(await reconcilePayments(db(), world.gateway, clock)).toEqual(none);
    expect(await moneyOf(db(), family.familyId)).toEqual(nothing);

    clock.advance(minutes(11));
    expect(await reconcilePayments(db(), world.gateway, clock)).toEqual({ ...none, checked: 1, paid: 1 });
    expect(await paymentRow(db(), payment.id)).toMatchObject({ status: 'paid', receivedOn: '2026-11-26' });
    expect(await moneyOf(db(), family.familyId)).toEqual(paidOnce);

    expect(await reconcilePayments(db(), world.gateway, clock)).toEqual(none);
    expect(await world.fake.notify(idOp)).toBe(200);
    expect(await moneyOf(db(), family.familyId)).toEqual(paidOnce);
  });

  it('expires a payment PayFiP still answers P5 for after 20 minutes; a late payment is still credited, once', async () => {
    const { family, payment, idOp } = await world.aStartedPayment();
    clock.advance(minutes(21));
    expect(await reconcilePayments(db(), world.gateway, clock)).toEqual({ ...none, checked: 1, expired: 1 });
    expect(await paymentRow(db(), payment.id)).toMatchObject({ status: 'expired', gatewayResult: expect.objectContaining({ code: 'P5' }) });
    expect(await moneyOf(db(), family.familyId)).toEqual(nothing);

    world.fake.decide(idOp, 'P');
    expect(await world.fake.notify(idOp)).toBe(200);
    expect(await world.fake.notify(idOp)).toBe(200);
    expect(await paymentRow(db(), payment.id)).toMatchObject({ status: 'paid' });
    expect(await moneyOf(db(), family.familyId)).toEqual(paidOnce);
  });

  it('leaves a P5 payment younger than 20 minutes pending when asked earlier', async () => {
    const { payment } = await world.aStartedPayment();
    clock.advance(minutes(10));
    expect(await reconcilePayments(db(), world.gateway, clock, { olderThanMinutes: 5 })).toEqual({ ...none, checked: 1, stillPending: 1 });
    expect(await paymentRow(db(), payment.id)).toMatchObject({ status: 'initiated' });
  });

  it('settles refused and abandoned payments, and expires one PayFiP no longer knows (P1)', async () => {
    const refused = await world.aStartedPayment();
    const abandoned = await world.aStartedPayment();
    const forgotten = await world.aStartedPayment();
    world.fake.decide(refused.idOp, 'R');
    world.fake.decide(abandoned.idOp, 'A');
    world.fake.operations.delete(forgotten.idOp);
    clock.advance(minutes(25));
    expect(await reconcilePayments(db(), world.gateway, clock)).toEqual({ ...none, checked: 3, refused: 1, abandoned: 1, expired: 1 });
    expect(await paymentRow(db(), refused.payment.id)).toMatchObject({ status: 'refused' });
    expect(await paymentRow(db(), abandoned.payment.id)).toMatchObject({ status: 'abandoned' });
    expect(await paymentRow(db(), forgotten.payment.id)).toMatchObject({ status: 'expired', gatewayResult: expect.objectContaining({ code: 'P1' }) });
    for (const { family } of [refused, abandoned, forgotten]) expect(await moneyOf(db(), family.familyId)).toEqual(nothing);
  });

  it('expires a payment that never reached the gateway (the server stopped while starting it)', async () => {
    const family = await aFamilyPayingByCard(db());
    const [payment] = await db()
      .insert(payments)
      .values({ familyId: family.familyId, mode: 'CB', status: 'initiated', amountCents: 1000, payerName: 'X', gateway: 'payfip', reference: 'CFNEVERSTARTED01', createdAt: clock.now() })
      .returning();
    await db().insert(paymentAllocations).values({ paymentId: payment!.id, walletId: family.wallets[0].id, amountCents: 1000 });
    const calls = world.fake.requests.length;
    clock.advance(minutes(21));
    expect(await reconcilePayments(db(), world.gateway, clock)).toEqual({ ...none, checked: 1, expired: 1 });
    expect(await paymentRow(db(), payment!.id)).toMatchObject({ status: 'expired' });
    expect(world.fake.requests).toHaveLength(calls);
  });

  it('goes on after one payment fails (PayFiP down for a moment, or an answer that does not match), and retries them at the next run', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const unlucky = await world.aStartedPayment();
    clock.advance(minutes(1));
    const mismatched = await world.aStartedPayment();
    clock.advance(minutes(1));
    const lucky = await world.aStartedPayment();
    for (const { idOp } of [unlucky, mismatched, lucky]) world.fake.decide(idOp, 'P');
    world.fake.decide(mismatched.idOp, 'P', { montant: '1' });
    world.fake.failNextCall();
    clock.advance(minutes(25));

    expect(await reconcilePayments(db(), world.gateway, clock)).toEqual({ ...none, checked: 3, paid: 1, failed: 2 });
    expect(await paymentRow(db(), unlucky.payment.id)).toMatchObject({ status: 'initiated' });
    expect(await paymentRow(db(), mismatched.payment.id)).toMatchObject({ status: 'initiated' });
    expect(await moneyOf(db(), lucky.family.familyId)).toEqual(paidOnce);
    expect(console.error).toHaveBeenCalledTimes(2);

    expect(await reconcilePayments(db(), world.gateway, clock)).toEqual({ ...none, checked: 2, paid: 1, failed: 1 });
    expect(await moneyOf(db(), unlucky.family.familyId)).toEqual(paidOnce);
    expect(await moneyOf(db(), mismatched.family.familyId)).toEqual(nothing);
  });

  it('asks only about its own gateway’s payments', async () => {
    const family = await aFamilyPayingByCard(db());
    await db()
      .insert(payments)
      .values({ familyId: family.familyId, mode: 'CB', status: 'initiated', amountCents: 1000, payerName: 'X', gateway: 'sandbox', reference: 'CFSANDBOXPAYMENT', gatewayReference: 'sb-1', createdAt: clock.now() });
    clock.advance(minutes(30));
    expect(await reconcilePayments(db(), world.gateway, clock)).toEqual(none);
  });

  it('credits once when runs and notifications race for the same lost payment', async () => {
    const { family, payment, idOp } = await world.aStartedPayment();
    world.fake.decide(idOp, 'P');
    clock.advance(minutes(21));
    const runs = await Promise.all([
      reconcilePayments(db(), world.gateway, clock),
      ...Array.from({ length: 5 }, () => world.fake.notify(idOp)),
      reconcilePayments(db(), world.gateway, clock),
    ]);
    const reports = runs.filter((run) => typeof run === 'object');
    const statuses = runs.filter((run) => typeof run === 'number');
    // Every copy but one finds the payment already settled: none fails, none settles it again.
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(reports.map((report) => report.failed)).toEqual([0, 0]);
    expect(reports.reduce((paid, report) => paid + report.paid, 0)).toBeLessThanOrEqual(1);
    expect(await paymentRow(db(), payment.id)).toMatchObject({ status: 'paid' });
    expect(await moneyOf(db(), family.familyId)).toEqual(paidOnce);
  });
});

describe('the reconcilePayments job', () => {
  it('runs every 10 minutes on the configured PayFiP gateway and records its report', async () => {
    expect(jobs.reconcilePayments.schedule).toBe('*/10 * * * *');
    const { family, idOp } = await world.aStartedPayment();
    world.fake.decide(idOp, 'V');
    clock.advance(minutes(21));
    vi.stubEnv('PAYMENT_GATEWAY', 'payfip');
    vi.stubEnv('PAYFIP_NUMCLI', '123456');
    vi.stubEnv('PAYFIP_SAISIE', 'T');
    vi.stubEnv('PAYFIP_URL', world.fake.serviceUrl);
    try {
      const report = await runJob(db(), clock, 'reconcilePayments', { trigger: 'test' });
      expect(report).toEqual({ ...none, checked: 1, paid: 1 });
    } finally {
      vi.unstubAllEnvs();
    }
    expect(await moneyOf(db(), family.familyId)).toEqual(paidOnce);
    const [run] = await db().select().from(jobRuns).where(eq(jobRuns.job, 'reconcilePayments'));
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'test', report: { checked: 1, paid: 1 } });
  });
});
