import { and, asc, between, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { families, paymentAllocations, paymentNotifications, payments, walletTypes, wallets } from '@/db/schema';
import type { IsoDate } from '@/lib/clock';
import { csvAmount, csvDate, toCsv } from '@/lib/csv';

type PaymentStatus = (typeof payments.status.enumValues)[number];

/**
 * Whether a payment was cancelled: a reversal leaves the payment `paid` and appends corrections
 * naming its credits (lib/payments/reverse.ts), so a cancelled payment is one whose credits are
 * reversed.
 */
export const paymentReversed: SQL<boolean> = sql<boolean>`exists (
  select 1 from wallet_entries as credit
  join payment_allocations as allocation on allocation.id = credit.payment_allocation_id
  join wallet_entries as correction on correction.reverses_entry_id = credit.id
  where allocation.payment_id = "payments"."id")`;

/** A family's payments for staff, newest first, each with its allocation and whether it was cancelled. */
export async function familyPayments(db: Db, familyId: number) {
  const rows = await db
    .select({
      id: payments.id,
      mode: payments.mode,
      status: payments.status,
      amountCents: payments.amountCents,
      receivedOn: payments.receivedOn,
      pieceNumber: payments.pieceNumber,
      reference: payments.reference,
      payerName: payments.payerName,
      bankName: payments.bankName,
      createdAt: payments.createdAt,
      reversed: paymentReversed,
    })
    .from(payments)
    .where(eq(payments.familyId, familyId))
    .orderBy(desc(payments.createdAt), desc(payments.id));
  const allocations = rows.length
    ? await db
        .select({ paymentId: paymentAllocations.paymentId, wallet: walletTypes.label, amountCents: paymentAllocations.amountCents })
        .from(paymentAllocations)
        .innerJoin(wallets, eq(wallets.id, paymentAllocations.walletId))
        .innerJoin(walletTypes, eq(walletTypes.id, wallets.walletTypeId))
        .where(inArray(paymentAllocations.paymentId, rows.map((row) => row.id)))
        .orderBy(asc(walletTypes.position), asc(walletTypes.label))
    : [];
  return rows.map((row) => ({ ...row, allocations: allocations.filter((allocation) => allocation.paymentId === row.id) }));
}

export type StaffPayment = Awaited<ReturnType<typeof familyPayments>>[number];

/** Card payments for staff, newest first (optionally of one status), with the gateway's notifications about each. */
export async function cardPayments(db: Db, { status, limit = 200 }: { status?: PaymentStatus; limit?: number } = {}) {
  const rows = await db
    .select({
      id: payments.id,
      familyId: payments.familyId,
      family: families.name,
      identifier: families.identifier,
      status: payments.status,
      amountCents: payments.amountCents,
      reference: payments.reference,
      gateway: payments.gateway,
      gatewayReference: payments.gatewayReference,
      gatewayResult: payments.gatewayResult,
      createdAt: payments.createdAt,
      settledAt: payments.settledAt,
      reversed: paymentReversed,
    })
    .from(payments)
    .innerJoin(families, eq(families.id, payments.familyId))
    .where(and(isNotNull(payments.gateway), status ? eq(payments.status, status) : undefined))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(limit);
  const trail = rows.length
    ? await db
        .select()
        .from(paymentNotifications)
        .where(inArray(paymentNotifications.paymentId, rows.map((row) => row.id)))
        .orderBy(asc(paymentNotifications.receivedAt), asc(paymentNotifications.id))
    : [];
  return rows.map((row) => ({ ...row, notifications: trail.filter((notification) => notification.paymentId === row.id) }));
}

/** The payments received (or, for card payments not paid, started) in a period, oldest first: the payments export. */
export async function paymentsOfPeriod(db: Db, from: IsoDate, to: IsoDate) {
  const day = sql<IsoDate>`coalesce(${payments.receivedOn}, (${payments.createdAt} at time zone 'Europe/Paris')::date)::text`;
  return db
    .select({
      date: day,
      family: families.name,
      identifier: families.identifier,
      mode: payments.mode,
      pieceNumber: payments.pieceNumber,
      reference: payments.reference,
      payerName: payments.payerName,
      bankName: payments.bankName,
      amountCents: payments.amountCents,
      status: payments.status,
      reversed: paymentReversed,
    })
    .from(payments)
    .innerJoin(families, eq(families.id, payments.familyId))
    .where(between(day, from, to))
    .orderBy(asc(day), asc(payments.id));
}

/** Staff's word for a payment's state; a cancelled one says so whatever its status. */
export function paymentStatusLabel(status: PaymentStatus, reversed: boolean): string {
  if (reversed) return 'Annulé';
  switch (status) {
    case 'initiated':
      return 'En cours';
    case 'paid':
      return 'Payé';
    case 'refused':
      return 'Refusé';
    case 'abandoned':
      return 'Abandonné';
    case 'expired':
      return 'Expiré';
  }
}

/** The payments export, as the CSV staff open in Excel; a card payment's piece is its reference. */
export async function paymentsCsv(db: Db, from: IsoDate, to: IsoDate): Promise<string> {
  const rows = await paymentsOfPeriod(db, from, to);
  return toCsv(
    ['Date', 'Famille', 'Identifiant famille', 'Mode', 'N° pièce', 'Payeur', 'Banque', 'Montant', 'Statut'],
    rows.map((row) => [
      csvDate(row.date),
      row.family,
      row.identifier,
      row.mode,
      row.pieceNumber ?? row.reference,
      row.payerName,
      row.bankName,
      csvAmount(row.amountCents),
      paymentStatusLabel(row.status, row.reversed),
    ]),
  );
}
