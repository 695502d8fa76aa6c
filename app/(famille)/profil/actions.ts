'use server';

import { revalidatePath } from 'next/cache';
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
import {
  calendarFeedUrl,
  disableCalendarFeed,
  enableCalendarFeed,
  regenerateCalendarFeed,
  type CalendarFeedLink,
} from '@/lib/reservations/calendar-feed';
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

/** « Agenda de mon téléphone »: turn the private calendar feed on, give it a new address, or turn it off. */
export const calendarFeedAction = familyAction(
  z.object({ operation: z.enum(['enable', 'regenerate', 'disable'], { error: 'Choisissez une action sur le lien d’agenda.' }) }),
  async ({ operation }, guardian) => {
    const db = await getDb();
    if (operation === 'disable') {
      const result = await disableCalendarFeed(db, appClock(), guardian);
      if (!result.ok) return result;
      revalidatePath('/profil');
      return { ok: true, message: 'Le lien d’agenda est désactivé : l’agenda de votre téléphone ne recevra plus vos réservations.' };
    }
    const result = await (operation === 'enable' ? enableCalendarFeed : regenerateCalendarFeed)(db, appClock(), guardian);
    if (!result.ok) return result;
    revalidatePath('/profil');
    const view: CalendarFeedLink = calendarFeedUrl(result.value.token);
    return {
      ok: true,
      message: operation === 'enable' ? 'Le lien d’agenda est activé.' : 'Un nouveau lien d’agenda a été créé : l’ancien ne fonctionne plus.',
      view,
    };
  },
  // The operation is a button's value, not a field the form shows: a forged one is the form's message.
  { shown: [] },
);
