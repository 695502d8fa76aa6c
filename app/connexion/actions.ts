'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import { signIn } from '@/auth';
import type { ActionState } from '@/lib/action-state';
import { INVALID_CREDENTIALS_MESSAGE, throttleMessage } from '@/lib/auth/throttle';

const loginSchema = z.object({
  identifier: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
  callbackUrl: z.string().max(500).optional(),
});

/** Only a path of this site: never an absolute or protocol-relative URL (open redirect). */
function safeCallback(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\') ? url : '/';
}

export async function logInAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = loginSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return { error: 'Saisissez votre identifiant et votre mot de passe.' };
  try {
    await signIn('credentials', {
      identifier: input.data.identifier,
      password: input.data.password,
      redirectTo: safeCallback(input.data.callbackUrl),
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const [code, wait] = (error.code ?? '').split(':');
      return { error: code === 'throttled' ? throttleMessage(Number(wait)) : INVALID_CREDENTIALS_MESSAGE };
    }
    if (error instanceof AuthError) return { error: 'La connexion a échoué. Réessayez dans un instant.' };
    throw error; // the redirect after a successful login
  }
}
