import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outboundEmails, paymentNotifications, payments, walletEntries, wallets } from '@/db/schema';
import { aGuardian, aWallet } from './factories';

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
