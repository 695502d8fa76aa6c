import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { activities, walletTypes } from '@/db/schema';
import { recordAudit, type Actor } from '@/lib/audit/record';
import type { Clock } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';
import { checkbox, clockTime, euros, rowId, wholeNumber } from './form-fields';
import { invalidateCatalog } from './catalog';

export const activitySchema = z
  .object({
    name: z.string({ error: 'Le nom est obligatoire.' }).trim().min(1, 'Le nom est obligatoire.').max(80, 'Le nom ne doit pas dépasser 80 caractères.'),
    code: z
      .string({ error: 'Le code est obligatoire.' })
      .trim()
      .toUpperCase()
      .min(1, 'Le code est obligatoire.')
      .max(30, 'Le code ne doit pas dépasser 30 caractères.')
      .regex(/^[A-Z0-9_-]+$/, 'Le code ne contient que des lettres, des chiffres, « - » et « _ ».'),
    walletTypeId: rowId('Choisissez un porte-monnaie.'),
    arrivalTime: clockTime('L’heure d’arrivée'),
    departureTime: clockTime('L’heure de départ'),
    unitPrice: euros('Le prix unitaire'),
    quantity: wholeNumber('La quantité', 1, 10),
    minAgeYears: wholeNumber('L’âge minimum', 0, 99),
    maxAgeYears: wholeNumber('L’âge maximum', 1, 100),
    defaultCapacity: wholeNumber('La capacité', 0, 10_000),
    defaultWaitlistCapacity: wholeNumber('La liste d’attente', 0, 10_000),
    deadlineDays: wholeNumber('Le délai de modification', 0, 60),
    deadlineTime: clockTime('L’heure limite'),
    deadlineDayKind: z.enum(['calendar', 'working'], { error: 'Choisissez jours calendaires ou jours ouvrés.' }),
    approval: z.enum(['automatic', 'manual'], { error: 'Choisissez une validation automatique ou manuelle.' }),
    promotionLeadDays: wholeNumber('Le délai de promotion', 0, 60),
    active: checkbox,
  })
  .refine((input) => input.arrivalTime < input.departureTime, { path: ['departureTime'], message: 'L’heure de départ doit suivre l’heure d’arrivée.' })
  .refine((input) => input.minAgeYears < input.maxAgeYears, { path: ['maxAgeYears'], message: 'L’âge maximum doit dépasser l’âge minimum.' });
export type ActivityInput = z.infer<typeof activitySchema>;

export const ACTIVITY_FIELDS = Object.keys(activitySchema.shape) as (keyof ActivityInput)[];

function columns(input: ActivityInput) {
  const { unitPrice, deadlineDayKind, ...rest } = input;
  return { ...rest, unitPriceCents: unitPrice, deadlineCountsWorkingDays: deadlineDayKind === 'working' };
}

async function checkReferences(db: Db, input: ActivityInput, activityId: number | null): Promise<Result<void>> {
  const [type] = await db.select({ id: walletTypes.id }).from(walletTypes).where(eq(walletTypes.id, input.walletTypeId));
  if (!type) return refused('Choisissez un porte-monnaie.', { field: 'walletTypeId' });
  const sameCode = activityId === null ? eq(activities.code, input.code) : and(eq(activities.code, input.code), ne(activities.id, activityId));
  const [taken] = await db.select({ id: activities.id }).from(activities).where(sameCode);
  if (taken) return refused('Ce code est déjà celui d’une autre activité.', { field: 'code' });
  return ok();
}

export async function createActivity(db: Db, clock: Clock, actor: Actor, input: ActivityInput): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const check = await checkReferences(tx, input, null);
    if (!check.ok) return check;
    const [created] = await tx.insert(activities).values(columns(input)).returning({ id: activities.id });
    await recordAudit(tx, clock, actor, { action: 'activity.create', entityType: 'activity', entityId: created!.id, details: { ...columns(input) } });
    return ok({ id: created!.id });
  }).finally(invalidateCatalog);
}

export async function updateActivity(db: Db, clock: Clock, actor: Actor, activityId: number, input: ActivityInput): Promise<Result<void>> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(activities).where(eq(activities.id, activityId)).for('update');
    if (!before) return refused('Cette activité est introuvable.');
    const check = await checkReferences(tx, input, activityId);
    if (!check.ok) return check;
    const after = columns(input);
    await tx.update(activities).set(after).where(eq(activities.id, activityId));
    const changed = Object.fromEntries(
      Object.entries(after)
        .map(([key, value]) => [key, { from: withoutSeconds(before[key as keyof typeof before]), to: value }] as const)
        .filter(([, change]) => change.from !== change.to),
    );
    await recordAudit(tx, clock, actor, { action: 'activity.update', entityType: 'activity', entityId: activityId, details: changed });
    return ok();
  }).finally(invalidateCatalog);
}

// PostgreSQL gives a time as '09:00:00'; the form, as '09:00'.
const withoutSeconds = (value: unknown) => (typeof value === 'string' && /^\d\d:\d\d:00$/.test(value) ? value.slice(0, 5) : value);

export async function listActivities(db: Db) {
  return db
    .select({ activity: activities, walletType: walletTypes.label })
    .from(activities)
    .innerJoin(walletTypes, eq(walletTypes.id, activities.walletTypeId))
    .orderBy(asc(activities.name), asc(activities.id));
}

export async function findActivity(db: Db, activityId: number) {
  const [activity] = await db.select().from(activities).where(eq(activities.id, activityId));
  return activity ?? null;
}

export async function listWalletTypes(db: Db) {
  return db.select({ id: walletTypes.id, label: walletTypes.label }).from(walletTypes).orderBy(asc(walletTypes.position), asc(walletTypes.label));
}

type ActivityRow = typeof activities.$inferSelect;

/** An activity as its form shows it (amounts with a comma, times as HH:MM). */
export function activityFormValues(activity: ActivityRow | null): Record<string, string> {
  if (!activity) {
    return { quantity: '1', minAgeYears: '3', maxAgeYears: '6', defaultCapacity: '20', defaultWaitlistCapacity: '5', deadlineDays: '2', deadlineTime: '12:00', deadlineDayKind: 'calendar', approval: 'automatic', promotionLeadDays: '2', active: 'on', arrivalTime: '', departureTime: '' };
  }
  return {
    name: activity.name,
    code: activity.code,
    walletTypeId: String(activity.walletTypeId),
    unitPrice: (activity.unitPriceCents / 100).toFixed(2).replace('.', ','),
    quantity: String(activity.quantity),
    arrivalTime: activity.arrivalTime.slice(0, 5),
    departureTime: activity.departureTime.slice(0, 5),
    minAgeYears: String(activity.minAgeYears),
    maxAgeYears: String(activity.maxAgeYears),
    defaultCapacity: String(activity.defaultCapacity),
    defaultWaitlistCapacity: String(activity.defaultWaitlistCapacity),
    deadlineDays: String(activity.deadlineDays),
    deadlineTime: activity.deadlineTime.slice(0, 5),
    deadlineDayKind: activity.deadlineCountsWorkingDays ? 'working' : 'calendar',
    approval: activity.approval,
    promotionLeadDays: String(activity.promotionLeadDays),
    active: activity.active ? 'on' : '',
  };
}
