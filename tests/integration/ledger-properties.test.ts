import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import { databaseErrorCode } from '@/db/errors';
import { auditLog, paymentAllocations, payments, walletEntries, wallets as walletsTable } from '@/db/schema';
import { fixedClock, parisToday } from '@/lib/clock';
import { startCardPayment } from '@/lib/payments/checkout';
import type { NotificationRequest, PaymentGateway } from '@/lib/payments/gateway';
import { receiveNotification } from '@/lib/payments/notifications';
import { reconcilePayments } from '@/lib/payments/reconcile';
import { reversePayment } from '@/lib/payments/reverse';
import { SANDBOX_PAYMENT_LIFETIME_MS, SANDBOX_SIGNATURE_HEADER, type SandboxResult, sandboxGateway, sandboxSecret, signSandboxNotification } from '@/lib/payments/sandbox';
import { decideSandboxOperation } from '@/lib/payments/sandbox-bank';
import { walletBalances } from '@/lib/wallets/balances';
import { appendLedgerEntries } from '@/lib/wallets/ledger';
import { postConsumptions } from '@/lib/wallets/post-consumptions';
import { createTestDatabase, onPostgres } from '../support/db';
import { aBookingPeriod, aChild, aGuardian, anActivity, anActivityDay, aReservation, aUser, aWallet } from '../support/factories';

// Random sequences of everything that moves money (card payments and their notifications, the
// reconciliation, consumptions, desk payments, reversals) against an independent model of what
// each wallet should hold. One database for the file, a fresh set of families per run.

let handle: DbHandle;
let db: Db;
let gateway: PaymentGateway;
let staff: { id: number; role: string };
const clock = fixedClock('2026-12-10T09:00:00Z');
const minutes = (n: number) => n * 60_000;
const IP = '203.0.113.9';

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  gateway = sandboxGateway({ db: async () => db, clock, secret: sandboxSecret(), portalUrl: 'https://famille.example.fr' });
  const agent = await aUser(db, { role: 'agent' });
  staff = { id: agent.id, role: 'agent' };
  // The bank's lost notifications and the rejected forgeries are logged loudly: not the point here.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(async () => {
  vi.restoreAllMocks();
  await handle?.close();
});

const urls = (reference: string) => ({ notifyUrl: `https://famille.example.fr/api/paiements/notification/sandbox?ref=${reference}`, returnUrl: `https://famille.example.fr/paiement/retour?ref=${reference}` });

// ---------------------------------------------------------------- operations

/** Indices (`pick`) are taken modulo what exists when the step runs. */
type Operation =
  | { op: 'startCard'; family: number; amounts: number[] }
  | { op: 'bankDecides'; pick: number; result: SandboxResult; delivered: boolean }
  | { op: 'notify'; pick: number; result: SandboxResult; copies: number }
  | { op: 'replay'; pick: number }
  | { op: 'forged'; pick: number; kind: 'amount' | 'unknown' | 'signature' }
  | { op: 'wait'; minutes: number }
  | { op: 'reconcile' }
  | { op: 'consume'; family: number; wallet: number; unitPriceCents: number; quantity: number }
  | { op: 'desk'; family: number; amounts: number[] }
  | { op: 'reverse'; pick: number; among: 'paid' | 'all'; reason: string };

const amounts = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6000 })), { minLength: 3, maxLength: 3 });
const result = fc.constantFrom<SandboxResult>('P', 'R', 'A');
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('startCard' as const), family: fc.nat(), amounts }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('bankDecides' as const), pick: fc.nat(), result, delivered: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('notify' as const), pick: fc.nat(), result, copies: fc.integer({ min: 1, max: 3 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('replay' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('forged' as const), pick: fc.nat(), kind: fc.constantFrom('amount' as const, 'unknown' as const, 'signature' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 12 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('reconcile' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('consume' as const), family: fc.nat(), wallet: fc.nat(), unitPriceCents: fc.integer({ min: 0, max: 2000 }), quantity: fc.integer({ min: 1, max: 2 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('desk' as const), family: fc.nat(), amounts }), weight: 1 },
  {
    arbitrary: fc.record({ op: fc.constant('reverse' as const), pick: fc.nat(), among: fc.constantFrom('paid' as const, 'all' as const), reason: fc.constantFrom('Chèque impayé', 'Opposition bancaire', 'Erreur de saisie', '', '   ') }),
    weight: 3,
  },
);

// ---------------------------------------------------------------- the model

type Status = 'initiated' | 'paid' | 'refused' | 'abandoned' | 'expired';

interface ModelPayment {
  id: number;
  familyIndex: number;
  card: { transactionId: string; reference: string; createdAt: number; bank: SandboxResult | null } | null;
  amountCents: number;
  allocations: { walletId: number; amountCents: number }[];
  status: Status;
  reversed: boolean;
}

interface ModelFamily {
  familyId: number;
  actor: { id: number; role: string };
  payer: string;
  email: string;
  childId: number;
  wallets: { id: number; walletTypeId: number }[];
}

const statusOf = { P: 'paid', R: 'refused', A: 'abandoned' } as const;

/** What a verified answer does to a payment, as the issue says: final once, except that money the bank took is credited even after the portal gave up waiting. */
function afterAnswer(status: Status, answer: 'paid' | 'refused' | 'abandoned' | 'expired'): Status {
  if (status === 'initiated') return answer;
  if (status === 'expired' && answer === 'paid') return 'paid';
  return status;
}

class World {
  payments: ModelPayment[] = [];
  /** Every genuine notification sent so far, to replay. */
  sent: { body: string; paymentId: number; result: SandboxResult }[] = [];
  consumedCents = new Map<number, number>();

  constructor(
    readonly families: ModelFamily[],
    readonly bookingPeriodId: number,
  ) {}

  cardPayments = () => this.payments.filter((payment) => payment.card);

  expectedBalance(walletId: number): number {
    let cents = 0 - (this.consumedCents.get(walletId) ?? 0);
    for (const payment of this.payments) {
      if (payment.status !== 'paid' || payment.reversed) continue;
      for (const allocation of payment.allocations) if (allocation.walletId === walletId) cents += allocation.amountCents;
    }
    return cents;
  }
}

function signed(body: string, signature: string | null = signSandboxNotification(body, sandboxSecret())): NotificationRequest {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (signature) headers.set(SANDBOX_SIGNATURE_HEADER, signature);
  return { body, contentType: 'application/json', headers, query: new URLSearchParams() };
}

const notificationBody = (payment: ModelPayment, result: SandboxResult, changes: Record<string, unknown> = {}) =>
  JSON.stringify({ transactionId: payment.card!.transactionId, reference: payment.card!.reference, amountCents: payment.amountCents, result, at: clock.now().toISOString(), ...changes });

async function deliver(world: World, body: string, paymentId: number, result: SandboxResult) {
  world.sent.push({ body, paymentId, result });
  const answer = await receiveNotification(db, clock, gateway, signed(body), IP);
  expect(answer.httpStatus, answer.message).toBe(200);
  const payment = world.payments.find((one) => one.id === paymentId)!;
  payment.status = afterAnswer(payment.status, statusOf[result]);
}

// ---------------------------------------------------------------- the steps

async function run(world: World, step: Operation): Promise<void> {
  const card = world.cardPayments();
  switch (step.op) {
    case 'startCard': {
      const family = world.families[step.family % world.families.length]!;
      const allocations = family.wallets.map((wallet, i) => ({ walletId: wallet.id, amountCents: step.amounts[i]! }));
      const started = await startCardPayment(db, clock, gateway, family.actor, { familyId: family.familyId, payerName: family.payer, email: family.email, allocations }, urls);
      const kept = allocations.filter((allocation) => allocation.amountCents > 0);
      const total = kept.reduce((sum, allocation) => sum + allocation.amountCents, 0);
      expect(started.ok).toBe(total >= 100);
      if (!started.ok) return;
      const [row] = await db.select().from(payments).where(eq(payments.id, started.value.paymentId));
      world.payments.push({
        id: row!.id,
        familyIndex: world.families.indexOf(family),
        card: { transactionId: row!.gatewayReference!, reference: row!.reference!, createdAt: clock.now().getTime(), bank: null },
        amountCents: total,
        allocations: kept,
        status: 'initiated',
        reversed: false,
      });
      return;
    }
    case 'bankDecides': {
      if (card.length === 0) return;
      const payment = card[step.pick % card.length]!;
      const decision =
        step.result === 'A'
          ? { transaction: payment.card!.transactionId, choix: 'abandonner' as const }
          : { transaction: payment.card!.transactionId, choix: 'payer' as const, numero: step.result === 'P' ? '4242424242424242' : '4000000000000002', expiration: '12/30', cryptogramme: '123' };
      const decidable = payment.card!.bank === null && clock.now().getTime() - payment.card!.createdAt < SANDBOX_PAYMENT_LIFETIME_MS;
      // The bank's notification is carried here rather than over HTTP, or lost on the way.
      let notified: string | null = null;
      const decided = await decideSandboxOperation(db, clock, decision, async (_url, body) => {
        if (!step.delivered) throw new Error('lost on the way');
        notified = body;
      });
      expect(decided.ok).toBe(decidable);
      if (decided.ok) payment.card!.bank = step.result;
      if (notified) await deliver(world, notified, payment.id, step.result);
      return;
    }
    case 'notify': {
      if (card.length === 0) return;
      const payment = card[step.pick % card.length]!;
      const body = notificationBody(payment, step.result);
      for (let copy = 0; copy < step.copies; copy++) await deliver(world, body, payment.id, step.result);
      return;
    }
    case 'replay': {
      if (world.sent.length === 0) return;
      const { body, paymentId, result } = world.sent[step.pick % world.sent.length]!;
      await deliver(world, body, paymentId, result);
      return;
    }
    case 'forged': {
      if (card.length === 0) return;
      const payment = card[step.pick % card.length]!;
      const request =
        step.kind === 'amount'
          ? signed(notificationBody(payment, 'P', { amountCents: payment.amountCents + 1 }))
          : step.kind === 'unknown'
            ? signed(notificationBody(payment, 'P', { transactionId: randomBytes(16).toString('hex') }))
            : signed(notificationBody(payment, 'P'), signSandboxNotification(notificationBody(payment, 'P'), 'a guess'));
      const answer = await receiveNotification(db, clock, gateway, request, IP);
      expect(answer.httpStatus).toBe({ amount: 409, unknown: 404, signature: 400 }[step.kind]);
      return;
    }
    case 'wait':
      clock.advance(minutes(step.minutes));
      return;
    case 'reconcile': {
      clock.advance(minutes(21));
      await reconcilePayments(db, gateway, clock);
      const cutoff = clock.now().getTime() - minutes(20);
      for (const payment of card) {
        if (payment.status !== 'initiated' || payment.card!.createdAt >= cutoff) continue;
        // Past 20 minutes the sandbox operation is past its 15-minute lifetime: undecided, it expired.
        payment.status = afterAnswer(payment.status, payment.card!.bank ? statusOf[payment.card!.bank] : 'expired');
      }
      return;
    }
    case 'consume': {
      const family = world.families[step.family % world.families.length]!;
      const wallet = family.wallets[step.wallet % family.wallets.length]!;
      const activity = await anActivity(db, { walletTypeId: wallet.walletTypeId, unitPriceCents: step.unitPriceCents, quantity: step.quantity });
      const day = await anActivityDay(db, { activityId: activity.id, bookingPeriodId: world.bookingPeriodId, date: '2026-12-02' });
      await aReservation(db, { familyId: family.familyId, childId: family.childId, activityDayId: day.id });
      await postConsumptions(db, clock);
      world.consumedCents.set(wallet.id, (world.consumedCents.get(wallet.id) ?? 0) + step.unitPriceCents * step.quantity);
      return;
    }
    case 'desk': {
      const family = world.families[step.family % world.families.length]!;
      const allocations = family.wallets.map((wallet, i) => ({ walletId: wallet.id, amountCents: step.amounts[i]! })).filter((allocation) => allocation.amountCents > 0);
      if (allocations.length === 0) return;
      const id = await aDeskPayment(family.familyId, allocations);
      world.payments.push({ id, familyIndex: world.families.indexOf(family), card: null, amountCents: allocations.reduce((sum, a) => sum + a.amountCents, 0), allocations, status: 'paid', reversed: false });
      return;
    }
    case 'reverse': {
      // Among the paid ones (reversed or not), a payment is often reversed twice.
      const candidates = step.among === 'paid' ? world.payments.filter((payment) => payment.status === 'paid') : world.payments;
      if (candidates.length === 0) return;
      const payment = candidates[step.pick % candidates.length]!;
      const reversed = await reversePayment(db, clock, staff, { paymentId: payment.id, reason: step.reason });
      const expected = step.reason.trim() !== '' && payment.status === 'paid' && !payment.reversed;
      expect(reversed.ok, reversed.ok ? '' : reversed.message).toBe(expected);
      if (reversed.ok) payment.reversed = true;
      return;
    }
  }
}

/** A payment recorded at the desk (espèces), crediting its wallets through the ledger as staff's page will. */
async function aDeskPayment(familyId: number, allocations: { walletId: number; amountCents: number }[]) {
  return db.transaction(async (tx) => {
    const receivedOn = parisToday(clock);
    const amountCents = allocations.reduce((sum, allocation) => sum + allocation.amountCents, 0);
    const [payment] = await tx
      .insert(payments)
      .values({ familyId, mode: 'ESP', status: 'paid', amountCents, receivedOn, payerName: 'PAYEUR Guichet', recordedBy: staff.id })
      .returning({ id: payments.id });
    const rows = await tx
      .insert(paymentAllocations)
      .values(allocations.map((allocation) => ({ paymentId: payment!.id, ...allocation })))
      .returning();
    await appendLedgerEntries(
      tx,
      rows.map((row) => ({ walletId: row.walletId, kind: 'payment' as const, amountCents: row.amountCents, occurredOn: receivedOn, label: 'Règlement ESP', paymentAllocationId: row.id, createdBy: staff.id })),
    );
    return payment!.id;
  });
}

async function someFamilies(walletCounts: number[], bookingPeriodId: number): Promise<World> {
  const families: ModelFamily[] = [];
  for (const walletCount of walletCounts) {
    const guardian = await aGuardian(db);
    const familyId = guardian.familyId!;
    const child = await aChild(db, familyId);
    const wallets = [];
    for (let i = 0; i < walletCount; i++) wallets.push(await aWallet(db, familyId));
    families.push({
      familyId,
      actor: { id: guardian.id, role: 'family' },
      payer: `${guardian.lastName} ${guardian.firstName}`,
      email: guardian.email!,
      childId: child.id,
      wallets: wallets.map((wallet) => ({ id: wallet.id, walletTypeId: wallet.walletTypeId })),
    });
  }
  return new World(families, bookingPeriodId);
}

// ---------------------------------------------------------------- what must hold

async function expectLedgerMatches(world: World) {
  for (const family of world.families) {
    const balances = await walletBalances(db, family.familyId);
    const sums = await db
      .select({ walletId: walletEntries.walletId, cents: sql<number>`sum(${walletEntries.amountCents})::int` })
      .from(walletEntries)
      .innerJoin(walletsTable, eq(walletsTable.id, walletEntries.walletId))
      .where(eq(walletsTable.familyId, family.familyId))
      .groupBy(walletEntries.walletId);
    const sumOf = new Map(sums.map((row) => [row.walletId, row.cents]));
    expect(balances.map((wallet) => wallet.walletId).sort()).toEqual(family.wallets.map((wallet) => wallet.id).sort());
    for (const wallet of balances) {
      expect(wallet.balanceCents, `wallet ${wallet.walletId}: balance = sum of its entries`).toBe(sumOf.get(wallet.walletId) ?? 0);
      expect(wallet.balanceCents, `wallet ${wallet.walletId}: balance = the model's`).toBe(world.expectedBalance(wallet.walletId));
    }
  }

  for (const payment of world.payments) {
    const [row] = await db.select({ status: payments.status }).from(payments).where(eq(payments.id, payment.id));
    expect(row!.status, `payment ${payment.id}`).toBe(payment.status);
    const credits = await db
      .select({ id: walletEntries.id, walletId: walletEntries.walletId, amountCents: walletEntries.amountCents })
      .from(walletEntries)
      .innerJoin(paymentAllocations, eq(paymentAllocations.id, walletEntries.paymentAllocationId))
      .where(eq(paymentAllocations.paymentId, payment.id))
      .orderBy(walletEntries.walletId);
    const byWallet = (lines: { walletId: number; amountCents: number }[]) => [...lines].sort((a, b) => a.walletId - b.walletId).map(({ walletId, amountCents }) => ({ walletId, amountCents }));
    // Paid: one credit per allocation, of its amount. Refused, abandoned, expired, initiated: none.
    expect(byWallet(credits), `credits of payment ${payment.id} (${payment.status})`).toEqual(payment.status === 'paid' ? byWallet(payment.allocations) : []);
    const reversals = credits.length === 0 ? [] : await db
      .select({ reverses: walletEntries.reversesEntryId, walletId: walletEntries.walletId, amountCents: walletEntries.amountCents })
      .from(walletEntries)
      .where(and(eq(walletEntries.kind, 'correction'), inArray(walletEntries.reversesEntryId, credits.map((credit) => credit.id))));
    // Reversed: exactly one reversing entry per credit, of the opposite amount, in the same wallet.
    const expected = payment.reversed ? credits.map((credit) => ({ reverses: credit.id, walletId: credit.walletId, amountCents: -credit.amountCents })) : [];
    expect(reversals.sort((a, b) => a.reverses! - b.reverses!), `reversals of payment ${payment.id}`).toEqual(expected.sort((a, b) => a.reverses - b.reverses));
  }
}

describe('the wallets ledger, over random sequences of payments, notifications, reconciliations, consumptions and reversals', () => {
  it('keeps every balance the sum of its entries and the model’s, credits each paid payment once and reverses it once', async () => {
    const bookingPeriod = await aBookingPeriod(db);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }), fc.array(operation, { minLength: 10, maxLength: 30 }), async (walletCounts, steps) => {
        // Earlier runs' card payments are no concern of this one: the reconciliation of this run
        // should ask only about its own.
        await db.update(payments).set({ status: 'abandoned', settledAt: clock.now() }).where(eq(payments.status, 'initiated'));
        const world = await someFamilies(walletCounts, bookingPeriod.id);
        for (const step of steps) await run(world, step);
        await expectLedgerMatches(world);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('reversePayment', () => {
  async function aPaidCardPayment() {
    const world = await someFamilies([2], (await aBookingPeriod(db)).id);
    await run(world, { op: 'startCard', family: 0, amounts: [4500, 3400, 0] });
    await run(world, { op: 'bankDecides', pick: 0, result: 'P', delivered: true });
    return world;
  }

  it('reverses each credit of a paid payment with the opposite amount, and says who and why in the audit log', async () => {
    const world = await aPaidCardPayment();
    const payment = world.payments[0]!;
    expect(await reversePayment(db, clock, staff, { paymentId: payment.id, reason: '  Opposition bancaire ' })).toEqual({ ok: true, value: { entries: 2, amountCents: 7900 } });
    payment.reversed = true;
    await expectLedgerMatches(world);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'payment.reverse'), eq(auditLog.entityId, String(payment.id))));
    expect(audit).toMatchObject({ actorUserId: staff.id, actorRole: 'agent', familyId: world.families[0]!.familyId, details: expect.objectContaining({ reason: 'Opposition bancaire', amountCents: 7900 }) });
  });

  it('refuses without a reason, a payment not paid, and a second reversal, in French, changing nothing', async () => {
    const world = await aPaidCardPayment();
    const payment = world.payments[0]!;
    expect(await reversePayment(db, clock, staff, { paymentId: payment.id, reason: ' ' })).toMatchObject({ ok: false, field: 'reason', message: 'Indiquez le motif de l’annulation du règlement.' });
    await run(world, { op: 'startCard', family: 0, amounts: [1000, 0, 0] });
    const pending = world.payments[1]!;
    expect(await reversePayment(db, clock, staff, { paymentId: pending.id, reason: 'Erreur' })).toMatchObject({ ok: false, code: 'not-paid' });
    expect((await reversePayment(db, clock, staff, { paymentId: payment.id, reason: 'Erreur' })).ok).toBe(true);
    payment.reversed = true;
    expect(await reversePayment(db, clock, staff, { paymentId: payment.id, reason: 'Erreur' })).toMatchObject({ ok: false, code: 'already-reversed', message: 'Ce règlement a déjà été annulé.' });
    await expectLedgerMatches(world);
  });

  it.runIf(onPostgres)('reverses once when ten reversals of the same payment arrive together (PostgreSQL)', async () => {
    const world = await aPaidCardPayment();
    const payment = world.payments[0]!;
    // The ledger is held (reads allowed, appends wait) while the ten reversals start: each gets
    // as far as its first append before any commits, so all of them race through their checks.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`lock table wallet_entries in share mode`);
      holding();
      await released;
    });
    await held;
    const racing = Promise.all(Array.from({ length: 10 }, () => reversePayment(db, clock, staff, { paymentId: payment.id, reason: 'Opposition bancaire' })));
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await holder;
    const answers = await racing;
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    payment.reversed = true;
    await expectLedgerMatches(world);
  });

  it.runIf(onPostgres)('control: without the payment row lock, several of ten racing reversals pass the check, and only the database’s one-reversal-per-entry index stops them', async () => {
    const world = await aPaidCardPayment();
    const payment = world.payments[0]!;
    // What the reversal would be with its check but without its lock: each one that found no
    // correction yet would go on to write its own.
    let passedTheCheck = 0;
    const reversedBy = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        db.transaction(async (tx) => {
          const credits = await tx
            .select({ id: walletEntries.id, walletId: walletEntries.walletId, amountCents: walletEntries.amountCents })
            .from(walletEntries)
            .innerJoin(paymentAllocations, eq(paymentAllocations.id, walletEntries.paymentAllocationId))
            .where(eq(paymentAllocations.paymentId, payment.id));
          const [already] = await tx.select({ id: walletEntries.id }).from(walletEntries).where(inArray(walletEntries.reversesEntryId, credits.map((credit) => credit.id)));
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (already) return false;
          passedTheCheck += 1;
          await appendLedgerEntries(
            tx,
            credits.map((credit) => ({ walletId: credit.walletId, kind: 'correction' as const, amountCents: -credit.amountCents, occurredOn: parisToday(clock), label: 'Annulation', reversesEntryId: credit.id })),
          );
          return true;
        }),
      ),
    );
    expect(passedTheCheck).toBeGreaterThan(1);
    const refused = reversedBy.filter((outcome) => outcome.status === 'rejected');
    expect(refused.length).toBe(passedTheCheck - 1);
    for (const outcome of refused) expect(databaseErrorCode((outcome as PromiseRejectedResult).reason)).toBe('23505');
    expect(reversedBy.filter((outcome) => outcome.status === 'fulfilled' && outcome.value)).toHaveLength(1);
  });
});
