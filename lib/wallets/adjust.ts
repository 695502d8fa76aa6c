import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { wallets } from '@/db/schema';
import { type Actor, recordAudit } from '@/lib/audit/record';
import { type Clock, parisToday } from '@/lib/clock';
import { lockingTransaction, lockWallets } from '@/lib/locks';
import { parseEurosToCents } from '@/lib/money';
import { ok, refused, type Result } from '@/lib/result';
import { appendLedgerEntries } from './ledger';

export interface WalletAdjustment {
  familyId: number;
  walletId: number;
  /** Signed: positive credits the wallet, negative debits it. */
  amountCents: number;
  /** Why (an error at the desk, a goodwill gesture): shown in the statement and kept in the audit log. */
  reason: string;
}

export const walletAdjustmentSchema = z.object({
  familyId: z.coerce.number({ error: 'Famille introuvable.' }).int().positive({ error: 'Famille introuvable.' }).max(2_147_483_647, { error: 'Famille introuvable.' }),
  walletId: z.coerce.number({ error: 'Choisissez le porte-monnaie.' }).int().positive({ error: 'Choisissez le porte-monnaie.' }).max(2_147_483_647, { error: 'Choisissez le porte-monnaie.' }),
  amount: z.string({ error: 'Saisissez le montant.' }).transform((value, context) => {
    const cents = value.trim() === '' ? null : parseEurosToCents(value);
    if (cents === null) {
      context.addIssue({ code: 'custom', message: 'Saisissez un montant en euros, négatif pour un débit : -12,50.' });
      return z.NEVER;
    }
    return cents;
  }),
  reason: z.string({ error: 'Indiquez le motif de la régularisation.' }).max(300, { error: '300 caractères au plus.' }),
});

/**
 * A staff adjustment of a wallet: one `correction` entry of a signed amount, with its reason in the
 * label and the audit log. The wallet is locked (lib/locks.ts, level 3) and must be the family's.
 */
export async function adjustWallet(db: Db, clock: Clock, actor: Actor, { familyId, walletId, amountCents, reason }: WalletAdjustment): Promise<Result<{ amountCents: number }>> {
  const motive = reason.trim();
  if (motive === '') return refused('Indiquez le motif de la régularisation.', { field: 'reason' });
  if (!Number.isInteger(amountCents) || amountCents === 0) return refused('Le montant ne peut pas être nul.', { field: 'amount' });
  if (Math.abs(amountCents) > 100_000_00) return refused('Le montant ne peut pas dépasser 100 000,00 €.', { field: 'amount' });

  return lockingTransaction(db, async (tx) => {
    const [wallet] = await tx.select({ id: wallets.id }).from(wallets).where(and(eq(wallets.id, walletId), eq(wallets.familyId, familyId)));
    if (!wallet) return refused('Ce porte-monnaie n’est pas celui de la famille.', { field: 'walletId' });
    await lockWallets(tx, [wallet.id]);
    await appendLedgerEntries(tx, [
      { walletId: wallet.id, kind: 'correction', amountCents, occurredOn: parisToday(clock), label: `Régularisation : ${motive}`, createdBy: actor.id },
    ]);
    await recordAudit(tx, clock, actor, {
      action: 'wallet.adjust',
      entityType: 'wallet',
      entityId: wallet.id,
      familyId,
      details: { amountCents, reason: motive },
    });
    return ok({ amountCents });
  });
}

