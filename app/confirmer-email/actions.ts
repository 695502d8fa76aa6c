'use server';

import { z } from 'zod';
import { getDb } from '@/db';
import { confirmEmailChange } from '@/lib/account/email';
import { publicAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';

// The link's token is the proof: no session is needed (the link may be opened on another device).
export const confirmEmailAction = publicAction(
  z.object({ jeton: z.string({ error: 'Ce lien n’est pas valide.' }).max(200, 'Ce lien n’est pas valide.') }),
  async (input) => {
    const result = await confirmEmailChange(await getDb(), appClock(), input.jeton);
    return result.ok ? { ok: true, message: 'Votre nouvelle adresse e-mail est enregistrée.' } : result;
  },
  { shown: [] },
);
