'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { fieldErrors, type ActionState } from '@/lib/action-state';
import { requireStaff } from '@/lib/auth/session';
import { appClock } from '@/lib/clock';
import { newsItemSchema, publishNewsItem } from '@/lib/news/service';

export async function publishNewsItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  const staff = await requireStaff();
  const input = newsItemSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return fieldErrors(input.error);
  await publishNewsItem(await getDb(), appClock(), { id: staff.id, role: staff.role }, input.data);
  revalidatePath('/admin/actualites');
  return { ok: true, message: 'L’actualité est publiée.' };
}
