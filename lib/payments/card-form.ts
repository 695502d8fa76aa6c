import { z } from 'zod';
import { emailSchema } from '@/lib/account/email';
import { sumCents } from '@/lib/money';
import { AMOUNT_FIELD, AMOUNT_MESSAGES, readAmount, totalProblem } from './card-amounts';

// The « Paiement CB » form as the action reads it: the rules of ./card-amounts.ts, run again on the server.

export interface CardPaymentForm {
  email: string;
  /** The amounts to credit, per wallet type; zero amounts are left out. */
  amounts: { walletTypeId: number; amountCents: number }[];
}

/** The action's schema: every amount field, then the total, each refusal beside its field (`total` for the total). */
export const cardPaymentFormSchema = z
  .record(z.string(), z.unknown())
  .transform((form, context): CardPaymentForm => {
    const email = emailSchema.safeParse(typeof form.email === 'string' ? form.email : '');
    if (!email.success) context.addIssue({ code: 'custom', path: ['email'], message: email.error.issues[0]!.message });
    const amounts: CardPaymentForm['amounts'] = [];
    let unreadable = false;
    for (const [field, value] of Object.entries(form)) {
      const walletType = AMOUNT_FIELD.exec(field);
      if (!walletType) continue;
      const amount = typeof value === 'string' ? readAmount(value) : { error: AMOUNT_MESSAGES.format };
      if ('error' in amount) {
        unreadable = true;
        context.addIssue({ code: 'custom', path: [field], message: amount.error });
      } else if (amount.cents > 0) amounts.push({ walletTypeId: Number(walletType[1]), amountCents: amount.cents });
    }
    // A total is only worth judging once every amount could be read.
    const problem = unreadable ? null : totalProblem(sumCents(amounts.map((amount) => amount.amountCents)));
    if (problem) context.addIssue({ code: 'custom', path: ['total'], message: problem });
    return { email: email.data ?? '', amounts };
  });

export const CARD_PAYMENT_FORM_INVALID = 'Le paiement n’a pas été lancé : corrigez les champs signalés.';

