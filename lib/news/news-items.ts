import { and, desc, gte, isNull, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { newsItems } from '@/db/schema';
import { recordAudit, type Actor } from '@/lib/audit/record';
import { parisToday, type Clock } from '@/lib/clock';

const isoDate = z.iso.date({ error: 'Saisissez une date valide.' });

export const newsItemSchema = z
  .object({
    title: z.string().trim().min(1, 'Le titre est obligatoire.').max(120, 'Le titre ne doit pas dépasser 120 caractères.'),
    body: z.string().trim().min(1, 'Le texte est obligatoire.').max(2000, 'Le texte ne doit pas dépasser 2000 caractères.'),
    visibleFrom: isoDate,
    visibleUntil: z.union([z.literal('').transform(() => null), isoDate]).nullable().default(null),
  })
  .refine((item) => !item.visibleUntil || item.visibleUntil >= item.visibleFrom, {
    path: ['visibleUntil'],
    message: 'La date de fin doit suivre la date de début.',
  });
export type NewsItemInput = z.infer<typeof newsItemSchema>;

export async function publishNewsItem(db: Db, clock: Clock, actor: Actor, input: NewsItemInput) {
  return db.transaction(async (tx) => {
    const [item] = await tx
      .insert(newsItems)
      .values({ ...input, createdBy: actor.id })
      .returning({ id: newsItems.id });
    await recordAudit(tx, clock, actor, {
      action: 'news.publish',
      entityType: 'news_item',
      entityId: item!.id,
      details: { title: input.title },
    });
    return item!;
  });
}

export async function listNewsItems(db: Db) {
  return db.select().from(newsItems).orderBy(desc(newsItems.visibleFrom), desc(newsItems.id)).limit(100);
}

/** The news a family sees today. */
export async function visibleNewsItems(db: Db, clock: Clock) {
  const today = parisToday(clock);
  return db
    .select({ id: newsItems.id, title: newsItems.title, body: newsItems.body, visibleFrom: newsItems.visibleFrom })
    .from(newsItems)
    .where(and(lte(newsItems.visibleFrom, today), or(isNull(newsItems.visibleUntil), gte(newsItems.visibleUntil, today))))
    .orderBy(desc(newsItems.visibleFrom), desc(newsItems.id));
}
