'use server';

import { z } from 'zod';
import { getDb } from '@/db';
import { issueDeskPasswordReset } from '@/lib/account/password';
import { staffAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { formatDateTime } from '@/lib/format';

export const issueResetLinkAction = staffAction(
  z.object({
    userId: z.coerce
      .number({ error: 'Compte introuvable.' })
      .int({ error: 'Compte introuvable.' })
      .positive({ error: 'Compte introuvable.' })
      .max(2_147_483_647, { error: 'Compte introuvable.' }),
  }),
  async (input, staff) => {
    const result = await issueDeskPasswordReset(await getDb(), appClock(), staff, input.userId);
    if (!result.ok) return result;
    return { ok: true, message: `${result.value.link}\n(valable jusqu’au ${formatDateTime(result.value.expiresAt)})` };
  },
  { shown: [] },
);
