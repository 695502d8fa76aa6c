'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signIn } from '@/auth';
import { getDb } from '@/db';
import { emailSchema, requestEmailChange } from '@/lib/account/email';
import { changePassword, loginOf } from '@/lib/account/password';
import { currentPasswordField, newPasswordSchema } from '@/lib/account/schemas';
import { familyAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { deliverAfterResponse } from '@/lib/mail/after-commit';

export const changePasswordAction = familyAction(newPasswordSchema({ currentPassword: currentPasswordField }), async (input, guardian) => {
  const db = await getDb();
  const result = await changePassword(db, appClock(), guardian.id, input);
  if (!result.ok) return result;
  deliverAfterResponse();
  // Every session issued before the change has ended, this one too: open a fresh one.
  await signIn('credentials', { identifier: await loginOf(db, guardian.id), password: input.newPassword, redirectTo: '/profil?modifie=mot-de-passe' });
  return result;
});

export const requestEmailChangeAction = familyAction(
  z.object({ newEmail: emailSchema, currentPassword: currentPasswordField }),
  async (input, guardian) => {
    const result = await requestEmailChange(await getDb(), appClock(), guardian.id, input);
    if (!result.ok) return result;
    deliverAfterResponse();
    redirect('/profil?modifie=email-envoye');
  },
);
