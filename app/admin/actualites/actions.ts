'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { staffAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { menuSchema, saveMenu } from '@/lib/menus/week-menus';
import { newsItemSchema, publishNewsItem } from '@/lib/news/news-items';

export const publishNewsItemAction = staffAction(newsItemSchema, async (input, staff) => {
  await publishNewsItem(await getDb(), appClock(), staff, input);
  revalidatePath('/admin/actualites');
  return { ok: true, message: 'L’actualité est publiée.' };
});

export const saveMenuAction = staffAction(
  menuSchema,
  async (input, staff) => {
    const result = await saveMenu(await getDb(), appClock(), staff, input);
    if (!result.ok) return result;
    revalidatePath('/admin/actualites');
    return { ok: true, message: 'Le menu est enregistré.' };
  },
  { keep: ['date', 'starter', 'mainCourse', 'side', 'dessert'], invalid: 'Le menu n’est pas enregistré : corrigez les champs signalés.' },
);
