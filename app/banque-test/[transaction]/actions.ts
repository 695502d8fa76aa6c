'use server';

import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db';
import { publicAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { configuredGatewayName } from '@/lib/payments/configured-gateway';
import { decideSandboxOperation, sandboxDecisionSchema } from '@/lib/payments/sandbox-bank';

export const decideSandboxPaymentAction = publicAction(
  sandboxDecisionSchema,
  async (input) => {
    if (configuredGatewayName() !== 'sandbox') notFound();
    const result = await decideSandboxOperation(await getDb(), appClock(), input);
    if (!result.ok) return result;
    redirect(result.value.returnUrl);
  },
  { shown: ['numero', 'expiration', 'cryptogramme'], invalid: 'Vérifiez les informations de la carte.', keep: ['numero', 'expiration'] },
);
