'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { staffAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { formatEuros } from '@/lib/format';
import { deskPaymentSchema, recordDeskPayment } from '@/lib/payments/desk-payment';
import { reversePayment } from '@/lib/payments/reverse';
import { adjustWallet, walletAdjustmentSchema } from '@/lib/wallets/adjust';

const familyPage = (familyId: number) => `/admin/reglements/famille/${familyId}`;
const id = (message: string) => z.coerce.number({ error: message }).int({ error: message }).positive({ error: message }).max(2_147_483_647, { error: message });

export const recordDeskPaymentAction = staffAction(
  deskPaymentSchema,
  async (input, staff) => {
    const result = await recordDeskPayment(await getDb(), appClock(), staff, input);
    if (!result.ok) return result;
    revalidatePath(familyPage(input.familyId));
    return { ok: true, message: `Le règlement de ${formatEuros(input.amountCents)} est enregistré.` };
  },
  { keep: ['mode', 'pieceNumber', 'payerName', 'bankName', 'receivedOn'] },
);

export const reversePaymentAction = staffAction(
  z.object({ familyId: id('Famille introuvable.'), paymentId: id('Règlement introuvable.'), reason: z.string({ error: 'Indiquez le motif de l’annulation du règlement.' }).max(300, { error: '300 caractères au plus.' }) }),
  async (input, staff) => {
    const result = await reversePayment(await getDb(), appClock(), staff, { paymentId: input.paymentId, reason: input.reason });
    if (!result.ok) return result;
    revalidatePath(familyPage(input.familyId));
    return { ok: true, message: `Le règlement est annulé : ${formatEuros(result.value.amountCents)} retirés des porte-monnaie.` };
  },
  { keep: ['reason'] },
);

export const adjustWalletAction = staffAction(
  walletAdjustmentSchema,
  async (input, staff) => {
    const result = await adjustWallet(await getDb(), appClock(), staff, { familyId: input.familyId, walletId: input.walletId, amountCents: input.amount, reason: input.reason });
    if (!result.ok) return result;
    revalidatePath(familyPage(input.familyId));
    return { ok: true, message: `La régularisation de ${formatEuros(input.amount)} est enregistrée.` };
  },
  { keep: ['walletId', 'amount', 'reason'] },
);
