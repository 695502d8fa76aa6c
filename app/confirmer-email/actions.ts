'use server';

import { z } from 'zod';
import { getDb } from '@/db';
import { confirmEmailChange } from '@/lib/account/email';
import type { ActionState } from '@/lib/action-state';
import { appClock } from '@/lib/clock';

// The link's token is the proof: no session is needed (the link may be opened on another device).
export async function confirmEmailAction(_: ActionState, form: FormData): Promise<ActionState> {
  const token = z.string().max(200).safeParse(form.get('jeton'));
  if (!token.success) return { error: 'Ce lien n’est pas valide.' };
  const result = await confirmEmailChange(await getDb(), appClock(), token.data);
  return result.ok ? { ok: true, message: 'Votre nouvelle adresse e-mail est enregistrée.' } : { error: result.message };
}
