'use server';

import { eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signIn } from '@/auth';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { emailSchema, requestEmailChange } from '@/lib/account/email';
import { changePassword } from '@/lib/account/password';
import { fieldErrors, type ActionState } from '@/lib/action-state';
import { requireGuardian } from '@/lib/auth/session';
import { appClock } from '@/lib/clock';
import { deliverAfterResponse } from '@/lib/mail/after-commit';

const passwordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Saisissez votre mot de passe actuel.').max(200),
    newPassword: z.string().min(1, 'Saisissez le nouveau mot de passe.').max(500),
    confirmPassword: z.string().max(500),
  })
  .refine((form) => form.newPassword === form.confirmPassword, {
    path: ['confirmPassword'],
    message: 'Les deux saisies du nouveau mot de passe sont différentes.',
  });

export async function changePasswordAction(_: ActionState, form: FormData): Promise<ActionState> {
  const guardian = await requireGuardian();
  const input = passwordSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return fieldErrors(input.error);
  const db = await getDb();
  const result = await changePassword(db, appClock(), guardian.id, input.data);
  if (!result.ok) return { error: result.message, fieldErrors: result.field ? { [result.field]: result.message } : undefined };
  deliverAfterResponse();
  // Every session issued before the change has ended, this one too: open a fresh one.
  const [user] = await db.select({ login: users.login }).from(users).where(eq(users.id, guardian.id));
  await signIn('credentials', { identifier: user!.login, password: input.data.newPassword, redirectTo: '/profil?modifie=mot-de-passe' });
  return { ok: true };
}

const emailChangeSchema = z.object({
  newEmail: emailSchema,
  currentPassword: z.string().min(1, 'Saisissez votre mot de passe actuel.').max(200),
});

export async function requestEmailChangeAction(_: ActionState, form: FormData): Promise<ActionState> {
  const guardian = await requireGuardian();
  const input = emailChangeSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return fieldErrors(input.error);
  const result = await requestEmailChange(await getDb(), appClock(), guardian.id, input.data);
  if (!result.ok) return { error: result.message, fieldErrors: result.field ? { [result.field]: result.message } : undefined };
  deliverAfterResponse();
  redirect('/profil?modifie=email-envoye');
}
