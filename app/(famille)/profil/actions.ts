'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signIn } from '@/auth';
import { getDb } from '@/db';
import { emailSchema, requestEmailChange } from '@/lib/account/email';
import { changePassword } from '@/lib/account/password';
import { currentPasswordField, newPasswordSchema } from '@/lib/account/schemas';
import { familyAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { deliverAfterResponse } from '@/lib/mail/after-commit';
import { sessionRenewalTicket } from '@/lib/second-factor/login';
import { authenticatorClock } from '@/lib/second-factor/totp';

export const changePasswordAction = familyAction(newPasswordSchema({ currentPassword: currentPasswordField }), async (input, guardian) => {
  const db = await getDb();
  const result = await changePassword(db, appClock(), guardian.id, input);
  if (!result.ok) return result;
  deliverAfterResponse();
  // Every session issued before the change has ended, this one too: open a fresh one (without
  // asking this person's second factor again).
  await signIn('credentials', { ticket: await sessionRenewalTicket(db, authenticatorClock, guardian.id), redirectTo: '/profil?modifie=mot-de-passe' });
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
