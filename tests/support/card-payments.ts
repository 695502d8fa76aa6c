import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import { outboundEmails, paymentNotifications, payments, walletEntries, wallets } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import { startCardPayment } from '@/lib/payments/checkout';
import type { PaymentGateway } from '@/lib/payments/gateway';
import { payfipGateway } from '@/lib/payments/payfip';
import { createTestDatabase } from './db';
import { aGuardian, aWallet } from './factories';
import { type FakePayfip, startFakePayfip } from './fake-payfip';
import { startNotificationEndpoint } from './notification-endpoint';

type NotificationEndpoint = Awaited<ReturnType<typeof startNotificationEndpoint>>;

/** A family with a payer and two wallets, ready to pay by card. */
export async function aFamilyPayingByCard(db: Db) {
  const guardian = await aGuardian(db);
  const familyId = guardian.familyId!;
  const restauration = await aWallet(db, familyId);
  const periscolaire = await aWallet(db, familyId);
  return {
    familyId,
    actor: { id: guardian.id, role: 'family' },
    guardian,
    wallets: [restauration, periscolaire] as const,
    request: (amounts: [number, number]) => ({
      familyId,
      payerName: `${guardian.lastName} ${guardian.firstName}`,
      email: guardian.email!,
      allocations: [
        { walletId: restauration.id, amountCents: amounts[0] },
        { walletId: periscolaire.id, amountCents: amounts[1] },
      ],
    }),
  };
}

export const paymentRow = async (db: Db, id: number) => (await db.select().from(payments).where(eq(payments.id, id)))[0]!;

/** What a family's card payments moved: its ledger lines, their total, the confirmations queued. */
export async function moneyOf(db: Db, familyId: number) {
  const [row] = await db
    .select({
      entries: sql<number>`count(*)::int`,
      creditedCents: sql<number>`coalesce(sum(${walletEntries.amountCents}), 0)::int`,
    })
    .from(walletEntries)
    .innerJoin(wallets, eq(wallets.id, walletEntries.walletId))
    .where(eq(wallets.familyId, familyId));
  const [mail] = await db
    .select({ confirmations: sql<number>`count(*)::int` })
    .from(outboundEmails)
    .where(and(eq(outboundEmails.familyId, familyId), eq(outboundEmails.template, 'payment-confirmation')));
  return { ...row!, confirmations: mail!.confirmations };
}

export const notificationsOf = (db: Db, transactionId: string) =>
  db.select().from(paymentNotifications).where(eq(paymentNotifications.transactionId, transactionId)).orderBy(paymentNotifications.id);

/**
 * A test file's PayFiP world, set up once for the file: a test database, the fake PayFiP service
 * answering as the real one does, our PayFiP gateway pointed at it, and our notification endpoint.
 * Call at the top level of a test file; the fields are there once `beforeAll` has run.
 */
export function payfipTestWorld(clock: Clock) {
  let handle: DbHandle;
  let fake: FakePayfip;
  let endpoint: NotificationEndpoint;
  let gateway: PaymentGateway;
  const db = () => handle.db;
  beforeAll(async () => {
    handle = await createTestDatabase();
    fake = await startFakePayfip({ numcli: '123456', now: () => clock.now() });
    gateway = payfipGateway({ numcli: '123456', saisie: 'T', serviceUrl: fake.serviceUrl, paymentUrl: fake.paymentUrl, timeoutMs: 5_000 }, { clock });
    endpoint = await startNotificationEndpoint(db, clock, () => gateway);
  });
  afterAll(async () => {
    await endpoint?.close();
    await fake?.close();
    await handle?.close();
  });
  const urls = (reference: string) => ({ notifyUrl: endpoint.notifyUrl(reference), returnUrl: `https://famille.example.fr/paiement/retour?ref=${reference}` });
  return {
    db,
    urls,
    get fake() {
      return fake;
    },
    get gateway() {
      return gateway;
    },
    get endpoint() {
      return endpoint;
    },
    /** A family that starts a card payment of 50,00 € + 29,00 € with PayFiP: its payment row and idOp. */
    async aStartedPayment() {
      const family = await aFamilyPayingByCard(db());
      const started = await startCardPayment(db(), clock, gateway, family.actor, family.request([5000, 2900]), urls);
      if (!started.ok) throw new Error(started.message);
      const payment = await paymentRow(db(), started.value.paymentId);
      return { family, started: started.value, payment, idOp: payment.gatewayReference! };
    },
  };
}
