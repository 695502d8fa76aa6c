'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { staffAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { newsItemSchema, publishNewsItem } from '@/lib/news/news-items';

export const publishNewsItemAction = staffAction(newsItemSchema, async (input, staff) => {
  await publishNewsItem(await getDb(), appClock(), staff, input);
  revalidatePath('/admin/actualites');
  return { ok: true, message: 'L’actualité est publiée.' };
});
