import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { families, paymentAllocations, payments, walletTypes } from '@/db/schema';
import { type Actor, recordAudit } from '@/lib/audit/record';
import { parseIsoDate } from '@/lib/calendar/months';
import type { Clock, IsoDate } from '@/lib/clock';
import { formatEuros } from '@/lib/format';
import { lockingTransaction, lockWallets } from '@/lib/locks';
import { parseEurosToCents, sumCents } from '@/lib/money';
import { ok, Refusal, refusalAsResult, refused, type Result } from '@/lib/result';
import { familyWalletsOfTypes } from '@/lib/wallets/family-wallets';
import { appendLedgerEntries } from '@/lib/wallets/ledger';
import type { PaymentMode } from './modes';

/** The modes of a payment received at the desk; a card payment (CB) only comes from the gateway. */
export const DESK_PAYMENT_MODES = ['CH', 'ESP', 'CESU', 'ANCV', 'PRLV'] as const satisfies readonly PaymentMode[];
export type DeskPaymentMode = (typeof DESK_PAYMENT_MODES)[number];

/** The form field of the share of a payment going to one wallet type: `ventilation-<walletTypeId>`. */
export const ALLOCATION_FIELD = 'ventilation-';

const text = (max: number, message: string) => z.string({ error: message }).trim().max(max, { error: `${max} caractères au plus.` });

const amountCents = (required: string, invalid: string) =>
  z.string({ error: required }).transform((value, context) => {
    if (value.trim() === '') {
      context.addIssue({ code: 'custom', message: required });
      return z.NEVER;
    }
    const cents = parseEurosToCents(value);
    if (cents === null) {
      context.addIssue({ code: 'custom', message: invalid });
      return z.NEVER;
    }
    return cents;
  });

/** The desk form: the fields, and one amount per wallet type (`ventilation-<id>`, empty for none). */
export const deskPaymentSchema = z
  .looseObject({
    familyId: z.coerce.number({ error: 'Famille introuvable.' }).int().positive({ error: 'Famille introuvable.' }).max(2_147_483_647, { error: 'Famille introuvable.' }),
    mode: z.enum(DESK_PAYMENT_MODES, { error: 'Choisissez le mode de règlement.' }),
    pieceNumber: text(40, 'Saisissez le numéro de pièce.'),
    payerName: text(120, 'Saisissez le nom du payeur.').min(1, { error: 'Saisissez le nom du payeur.' }),
    bankName: text(80, 'Saisissez la banque.'),
    amount: amountCents('Saisissez le montant.', 'Saisissez un montant en euros, par exemple 45,50.'),
    receivedOn: z.string({ error: 'Saisissez la date de réception.' }).refine((value) => parseIsoDate(value) !== null, { error: 'Saisissez une date valide.' }),
  })
  .transform((form, context) => {
    const allocations: DeskAllocation[] = [];
    for (const [key, value] of Object.entries(form)) {
      if (!key.startsWith(ALLOCATION_FIELD) || typeof value !== 'string' || value.trim() === '') continue;
      const walletTypeId = Number(key.slice(ALLOCATION_FIELD.length));
      const cents = parseEurosToCents(value);
      if (!Number.isInteger(walletTypeId) || walletTypeId <= 0) continue;
      if (cents === null || cents < 0) {
        context.addIssue({ code: 'custom', path: ['allocations'], message: 'Chaque part de la ventilation est un montant en euros, par exemple 20,00.' });
        return z.NEVER;
      }
      if (cents > 0) allocations.push({ walletTypeId, amountCents: cents });
    }
    return {
      familyId: form.familyId,
      mode: form.mode,
      pieceNumber: form.pieceNumber,
      payerName: form.payerName,
      bankName: form.bankName,
      amountCents: form.amount,
      receivedOn: form.receivedOn,
      allocations,
    } satisfies DeskPayment;
  });

export interface DeskAllocation {
  walletTypeId: number;
  amountCents: number;
}

export interface DeskPayment {
  familyId: number;
  mode: DeskPaymentMode;
  pieceNumber: string;
  payerName: string;
  bankName: string;
  amountCents: number;
  receivedOn: IsoDate;
  /** The share of each wallet type; their sum is the amount. */
  allocations: DeskAllocation[];
}

/**
 * Records a payment received at the desk (a cheque, cash, CESU, ANCV, a direct debit): the payment,
 * `paid` at once, its allocation to the family's wallets and their credits in the ledger (through
 * its one writer), with an audit line naming the agent, in one transaction. The wallets a payment
 * credits are locked in ascending order (lib/locks.ts, level 3); nothing else is locked.
 * Bad input (an allocation that does not add up to the amount, a cheque without its number or
 * bank) is refused with the field it concerns, and nothing is written.
 */
export async function recordDeskPayment(db: Db, clock: Clock, actor: Actor, input: DeskPayment): Promise<Result<{ paymentId: number }>> {
  const invalid = checkDeskPayment(input);
  if (invalid) return invalid;
  const pieceNumber = input.pieceNumber.trim() || null;
  const bankName = input.bankName.trim() || null;

  return refusalAsResult(() =>
    lockingTransaction(db, async (tx) => {
      const [family] = await tx.select({ id: families.id }).from(families).where(eq(families.id, input.familyId));
      if (!family) return refused('Cette famille n’existe pas.');
      const types = await tx
        .select({ id: walletTypes.id, label: walletTypes.label })
        .from(walletTypes)
        .where(inArray(walletTypes.id, input.allocations.map((allocation) => allocation.walletTypeId)));
      const walletIds = await familyWalletsOfTypes(tx, input.familyId, input.allocations.map((allocation) => allocation.walletTypeId));
      if (!walletIds.ok) throw new Refusal(walletIds.message, 'allocations');
      await lockWallets(tx, [...walletIds.value.values()]);

      const [payment] = await tx
        .insert(payments)
        .values({
          familyId: input.familyId,
          mode: input.mode,
          status: 'paid',
          amountCents: input.amountCents,
          receivedOn: input.receivedOn,
          pieceNumber,
          payerName: input.payerName.trim(),
          bankName,
          recordedBy: actor.id,
        })
        .returning({ id: payments.id });
      const allocations = await tx
        .insert(paymentAllocations)
        .values(input.allocations.map((allocation) => ({ paymentId: payment!.id, walletId: walletIds.value.get(allocation.walletTypeId)!, amountCents: allocation.amountCents })))
        .returning({ id: paymentAllocations.id, walletId: paymentAllocations.walletId, amountCents: paymentAllocations.amountCents });
      const label = `Règlement ${input.mode}${pieceNumber ? ` n° ${pieceNumber}` : ''}`;
      await appendLedgerEntries(
        tx,
        allocations.map((allocation) => ({
          walletId: allocation.walletId,
          kind: 'payment' as const,
          amountCents: allocation.amountCents,
          occurredOn: input.receivedOn,
          label,
          paymentAllocationId: allocation.id,
          createdBy: actor.id,
        })),
      );
      const labels = new Map(types.map((type) => [type.id, type.label]));
      await recordAudit(tx, clock, actor, {
        action: 'payment.record',
        entityType: 'payment',
        entityId: payment!.id,
        familyId: input.familyId,
        details: {
          mode: input.mode,
          pieceNumber,
          payerName: input.payerName.trim(),
          bankName,
          amountCents: input.amountCents,
          receivedOn: input.receivedOn,
          allocations: input.allocations.map((allocation) => ({ wallet: labels.get(allocation.walletTypeId), amountCents: allocation.amountCents })),
        },
      });
      return ok({ paymentId: payment!.id });
    }),
  );
}

function checkDeskPayment(input: DeskPayment) {
  if (!(DESK_PAYMENT_MODES as readonly string[]).includes(input.mode)) return refused('Choisissez le mode de règlement.', { field: 'mode' });
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) return refused('Le montant doit être supérieur à zéro.', { field: 'amount' });
  if (input.amountCents > 100_000_00) return refused('Le montant ne peut pas dépasser 100 000,00 €.', { field: 'amount' });
  if (parseIsoDate(input.receivedOn) === null) return refused('Saisissez une date valide.', { field: 'receivedOn' });
  if (input.payerName.trim() === '') return refused('Saisissez le nom du payeur.', { field: 'payerName' });
  if (input.mode === 'CH' && input.pieceNumber.trim() === '') return refused('Saisissez le numéro du chèque.', { field: 'pieceNumber' });
  if (input.mode === 'CH' && input.bankName.trim() === '') return refused('Saisissez la banque du chèque.', { field: 'bankName' });
  if (input.allocations.length === 0) return refused('Ventilez le montant sur au moins un porte-monnaie.', { field: 'allocations' });
  if (new Set(input.allocations.map((allocation) => allocation.walletTypeId)).size !== input.allocations.length) return refused('Un porte-monnaie ne reçoit qu’une part.', { field: 'allocations' });
  if (input.allocations.some((allocation) => !Number.isInteger(allocation.amountCents) || allocation.amountCents <= 0)) return refused('Chaque part de la ventilation doit être supérieure à zéro.', { field: 'allocations' });
  const allocated = sumCents(input.allocations.map((allocation) => allocation.amountCents));
  if (allocated !== input.amountCents) {
    return refused(`La ventilation (${formatEuros(allocated)}) doit être égale au montant du règlement (${formatEuros(input.amountCents)}).`, { field: 'allocations' });
  }
  return null;
}

