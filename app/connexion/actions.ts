'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import { signIn } from '@/auth';
import { publicAction } from '@/lib/actions';
import { getDb } from '@/db';
import { landingPath, loginRefusalMessage } from '@/lib/auth/login';
import { refused } from '@/lib/result';
import { codeStepMessage, ticketOfRefusal } from '@/lib/second-factor/login';

const missing = 'Saisissez votre identifiant et votre mot de passe.';

/** Only a path of this site: never an absolute or protocol-relative URL (open redirect). */
function safeCallback(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\') ? url : '/';
}

export const logInAction = publicAction(
  z.object({
    identifier: z.string({ error: missing }).trim().min(1, missing).max(200, missing),
    password: z.string({ error: missing }).min(1, missing).max(200, missing),
    callbackUrl: z.string().max(500).optional().catch(undefined),
  }),
  async (input) => {
    try {
      // Without a page to go back to, straight to the account's home: `/` would only redirect again.
      const redirectTo = input.callbackUrl ? safeCallback(input.callbackUrl) : await landingPath(await getDb(), input.identifier);
      await signIn('credentials', { identifier: input.identifier, password: input.password, redirectTo });
      return { ok: true };
    } catch (error) {
      // The password was right and a second factor is due: the form turns into the code step.
      const ticket = error instanceof CredentialsSignin ? ticketOfRefusal(error.code) : null;
      if (ticket) return { values: { ticket, callbackUrl: safeCallback(input.callbackUrl) } };
      if (error instanceof CredentialsSignin) return refused(loginRefusalMessage(error.code));
      if (error instanceof AuthError) return refused('La connexion a échoué. Réessayez dans un instant.');
      throw error; // the redirect after a successful login
    }
  },
  { shown: [] },
);

const missingCode = 'Saisissez le code.';

/** The code step: the password step's ticket and a code from the app, or a recovery code. */
export const logInWithCodeAction = publicAction(
  z
    .object({
      ticket: z.string().min(1).max(500),
      code: z.string().trim().min(1, missingCode).max(20, missingCode).optional(),
      recoveryCode: z.string().trim().min(1, missingCode).max(50, missingCode).optional(),
      callbackUrl: z.string().max(500).optional().catch(undefined),
    })
    .refine((input) => (input.code === undefined) !== (input.recoveryCode === undefined), { message: missingCode }),
  async (input) => {
    try {
      const proof = input.code !== undefined ? { code: input.code } : { recoveryCode: input.recoveryCode! };
      await signIn('credentials', { ticket: input.ticket, ...proof, redirectTo: safeCallback(input.callbackUrl) });
      return { ok: true };
    } catch (error) {
      if (error instanceof CredentialsSignin) {
        const message = codeStepMessage(error.code);
        // An expired ticket sends the person back to the password step; other refusals keep the code step.
        if (error.code === 'ticket-expired') return { error: message };
        const field = input.code !== undefined ? 'code' : 'recoveryCode';
        return { error: message, fieldErrors: { [field]: message }, values: { ticket: input.ticket, callbackUrl: input.callbackUrl ?? '' } };
      }
      if (error instanceof AuthError) return refused('La connexion a échoué. Réessayez dans un instant.');
      throw error; // the redirect after a successful login
    }
  },
  { keep: ['ticket', 'callbackUrl'] },
);
