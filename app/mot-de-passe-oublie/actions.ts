'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db';
import { requestPasswordReset, resetPassword } from '@/lib/account/password';
import { fieldErrors, type ActionState } from '@/lib/action-state';
import { appClock } from '@/lib/clock';
import { deliverAfterResponse } from '@/lib/mail/after-commit';

export async function requestResetAction(_: ActionState, form: FormData): Promise<ActionState> {
  const identifier = z.string().trim().min(1).max(200).safeParse(form.get('identifier'));
  if (!identifier.success) return { fieldErrors: { identifier: 'Saisissez votre identifiant ou votre adresse e-mail.' } };
  await requestPasswordReset(await getDb(), appClock(), identifier.data);
  deliverAfterResponse();
  // The same answer whether or not the account exists.
  return {
    ok: true,
    message:
      'Si ce compte existe et qu’une adresse e-mail y est enregistrée, un lien pour choisir un nouveau mot de passe vient d’y être envoyé. Il est valable une heure.',
  };
}

const resetSchema = z
  .object({
    jeton: z.string().max(200),
    newPassword: z.string().min(1, 'Saisissez le nouveau mot de passe.').max(500),
    confirmPassword: z.string().max(500),
  })
  .refine((form) => form.newPassword === form.confirmPassword, {
    path: ['confirmPassword'],
    message: 'Les deux saisies du nouveau mot de passe sont différentes.',
  });

export async function resetPasswordAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = resetSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return fieldErrors(input.error);
  const result = await resetPassword(await getDb(), appClock(), input.data.jeton, input.data.newPassword);
  if (!result.ok) return { error: result.message, fieldErrors: result.field ? { [result.field]: result.message } : undefined };
  deliverAfterResponse();
  redirect('/connexion?mot-de-passe=modifie');
}
