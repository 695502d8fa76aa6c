'use server';

import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { familyAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { CARD_PAYMENT_FORM_INVALID, cardPaymentFormSchema } from '@/lib/payments/card-form';
import { configuredGateway, paymentUrls } from '@/lib/payments/configured-gateway';
import { payByCard } from '@/lib/payments/pay-by-card';

/** « Paiement CB »: records the payment, then sends the parent to the gateway's page (another site for PayFiP). */
export const payByCardAction = familyAction(
  cardPaymentFormSchema,
  async (input, guardian) => {
    const result = await payByCard(await getDb(), appClock(), configuredGateway(), guardian, input, paymentUrls());
    if (!result.ok) return result;
    redirect(result.value.redirectUrl);
  },
  { invalid: CARD_PAYMENT_FORM_INVALID },
);
