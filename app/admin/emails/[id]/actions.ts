'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { staffAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { deliverAfterResponse } from '@/lib/mail/after-commit';
import { resendEmail } from '@/lib/mail/resend';

export const resendEmailAction = staffAction(
  z.object({ emailId: z.coerce.number({ error: 'E-mail introuvable.' }).int({ error: 'E-mail introuvable.' }).positive({ error: 'E-mail introuvable.' }).max(2_147_483_647, { error: 'E-mail introuvable.' }) }),
  async (input, staff) => {
    const result = await resendEmail(await getDb(), appClock(), staff, input.emailId);
    if (!result.ok) return result;
    deliverAfterResponse();
    revalidatePath('/admin/emails');
    return { ok: true, message: `Une copie (n° ${result.value}) est dans la boîte d’envoi ; elle part dans un instant.` };
  },
  { shown: [] },
);
