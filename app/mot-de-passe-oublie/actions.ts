'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db';
import { requestPasswordReset, resetPassword } from '@/lib/account/password';
import { newPasswordSchema } from '@/lib/account/schemas';
import { publicAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { deliverAfterResponse, runAfterResponse } from '@/lib/mail/after-commit';

const identifierMessage = 'Saisissez votre identifiant ou votre adresse e-mail.';

export const requestResetAction = publicAction(
  z.object({ identifier: z.string({ error: identifierMessage }).trim().min(1, identifierMessage).max(200, identifierMessage) }),
  async (input) => {
    // The same answer whether or not the account exists, and as fast: the lookup, the link and the
    // e-mail (work only an existing account costs) are done once the answer has gone.
    const clock = appClock();
    runAfterResponse('A password reset request', async () => requestPasswordReset(await getDb(), clock, input.identifier));
    return {
      ok: true,
      message:
        'Si ce compte existe et qu’une adresse e-mail y est enregistrée, un lien pour choisir un nouveau mot de passe vient d’y être envoyé. Il est valable une heure.',
    };
  },
);

export const resetPasswordAction = publicAction(newPasswordSchema({ jeton: z.string().max(200) }), async (input) => {
  const result = await resetPassword(await getDb(), appClock(), input.jeton, input.newPassword);
  if (!result.ok) return result;
  deliverAfterResponse();
  redirect('/connexion?mot-de-passe=modifie');
});
