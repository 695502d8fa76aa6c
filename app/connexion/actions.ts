'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import { signIn } from '@/auth';
import { publicAction } from '@/lib/actions';
import { loginRefusalMessage } from '@/lib/auth/login';
import { refused } from '@/lib/result';

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
      await signIn('credentials', { identifier: input.identifier, password: input.password, redirectTo: safeCallback(input.callbackUrl) });
      return { ok: true };
    } catch (error) {
      if (error instanceof CredentialsSignin) return refused(loginRefusalMessage(error.code));
      if (error instanceof AuthError) return refused('La connexion a échoué. Réessayez dans un instant.');
      throw error; // the redirect after a successful login
    }
  },
  { shown: [] },
);
