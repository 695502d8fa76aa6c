'use server';

import { signIn } from '@/auth';
import { getDb } from '@/db';
import { changePassword } from '@/lib/account/password';
import { currentPasswordField, newPasswordSchema } from '@/lib/account/schemas';
import { staffAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { deliverAfterResponse } from '@/lib/mail/after-commit';
import { sessionRenewalTicket } from '@/lib/second-factor/login';
import { authenticatorClock } from '@/lib/second-factor/totp';

export const changeStaffPasswordAction = staffAction(newPasswordSchema({ currentPassword: currentPasswordField }), async (input, staff) => {
  const db = await getDb();
  const result = await changePassword(db, appClock(), staff.id, input);
  if (!result.ok) return result;
  deliverAfterResponse();
  // Every session issued before the change has ended, this one too: open a fresh one.
  await signIn('credentials', { ticket: await sessionRenewalTicket(db, authenticatorClock, staff.id), redirectTo: '/admin/profil?modifie=mot-de-passe' });
  return result;
});
