'use server';

import { z } from 'zod';
import { getDb } from '@/db';
import { issueDeskPasswordReset } from '@/lib/account/password';
import type { ActionState } from '@/lib/action-state';
import { requireStaff } from '@/lib/auth/session';
import { appClock } from '@/lib/clock';
import { formatDateTime } from '@/lib/dates';

export async function issueResetLinkAction(_: ActionState, form: FormData): Promise<ActionState> {
  const staff = await requireStaff();
  const userId = z.coerce.number().int().positive().safeParse(form.get('userId'));
  if (!userId.success) return { error: 'Compte introuvable.' };
  const result = await issueDeskPasswordReset(await getDb(), appClock(), { id: staff.id, role: staff.role }, userId.data);
  if (!result.ok) return { error: result.message };
  return { ok: true, message: `${result.link}\n(valable jusqu’au ${formatDateTime(result.expiresAt)})` };
}
