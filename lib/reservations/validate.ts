import { and, asc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  activities,
  activityDays,
  basketItems,
  baskets,
  basketValidations,
  bookingPeriods,
  children,
  families,
  reservations,
  users,
} from '@/db/schema';
import { ReservationsValidated, reservationsValidatedSubject } from '@/emails/reservations-validated';
import { recordAudit, type Actor, type AuditEvent } from '@/lib/audit/record';
import type { Clock } from '@/lib/clock';
import { queueEmails, renderEmail } from '@/lib/mail/outbox';
import { townName } from '@/lib/town';
import { REMARKS_MAX_LENGTH } from './basket';
import { dayCounts, LIVE_STATUSES, timeFacts } from './facts';
import { dayCostCents, decideAddition, REASONS } from './rules';
import type { ValidationOutcome, ValidationResult } from './types';

export interface ValidateInput {
  basketId: number;
  version: number;
  remarks?: string | null;
}

export interface ValidateOptions {
  /** Test-only: reads the counts without locking the days, to show the race the locks prevent. */
  unsafeWithoutLocking?: boolean;
  maxAttempts?: number;
}

export type ValidateResponse = { ok: true; result: ValidationResult } | { ok: false; message: string };

const RETRYABLE = new Set(['40001', '40P01', '55P03']); // serialization failure, deadlock, lock timeout

function pgCode(error: unknown): string | undefined {
  const seen = error as { code?: string; cause?: { code?: string } };
  return seen?.code ?? seen?.cause?.code;
}

class ValidationRefused extends Error {}

/**
 * "Valider": turns the family's basket into reservations and cancellations in one transaction.
 *
 * Lock order (every writer of reservations follows it, so no two transactions wait on each other
 * in a cycle): first the family's basket row (one validation per family at a time: a double
 * click or a second tab waits, then finds the basket gone and gets the first one's result), then
 * the opening days concerned, by ascending id, and nothing else. Counts are read only after the
 * locks are held. A lock timeout, a deadlock or a serialization failure retries the whole
 * transaction.
 */
export async function validateBasket(
  db: Db,
  clock: Clock,
  familyId: number,
  actor: Actor,
  input: ValidateInput,
  options: ValidateOptions = {},
): Promise<ValidateResponse> {
  if ((input.remarks ?? '').length > REMARKS_MAX_LENGTH) {
    return { ok: false, message: `Vos remarques ne doivent pas dépasser ${REMARKS_MAX_LENGTH} caractères.` };
  }
  const submissionKey = `${input.basketId}:${input.version}`;
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => validateOnce(tx, clock, familyId, actor, input, submissionKey, options));
    } catch (error) {
      if (error instanceof ValidationRefused) return { ok: false, message: error.message };
      if (attempt < maxAttempts && RETRYABLE.has(pgCode(error) ?? '')) {
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
        continue;
      }
      throw error;
    }
  }
}

async function previousResult(db: Db, familyId: number, submissionKey: string): Promise<ValidationResult | null> {
  const [done] = await db
    .select()
    .from(basketValidations)
    .where(and(eq(basketValidations.submissionKey, submissionKey), eq(basketValidations.familyId, familyId)));
  return done ? toResult(done) : null;
}

function toResult(row: typeof basketValidations.$inferSelect): ValidationResult {
  const outcomes = row.outcomes as ValidationOutcome[];
  return {
    validationId: row.id,
    validatedAt: row.validatedAt,
    outcomes,
    acceptedCostCents: outcomes.filter((o) => o.result === 'pending').reduce((sum, o) => sum + o.costCents, 0),
  };
}

async function validateOnce(
  tx: Db,
  clock: Clock,
  familyId: number,
  actor: Actor,
  input: ValidateInput,
  submissionKey: string,
  options: ValidateOptions,
): Promise<ValidateResponse> {
  await tx.execute(sql`set local lock_timeout = '5s'`);

  // 1. The family's basket.
  const [basket] = await tx
    .select()
    .from(baskets)
    .where(and(eq(baskets.id, input.basketId), eq(baskets.familyId, familyId)))
    .for('update');
  if (!basket) {
    const done = await previousResult(tx, familyId, submissionKey);
    if (done) return { ok: true, result: done };
    throw new ValidationRefused('Ces demandes ont déjà été validées ou abandonnées. Consultez l’onglet Suivi.');
  }
  if (basket.version !== input.version) {
    throw new ValidationRefused('Vos demandes ont changé depuis l’affichage du récapitulatif : vérifiez-les, puis validez à nouveau.');
  }

  const items = await tx
    .select({ item: basketItems, child: children, day: activityDays, activity: activities, period: bookingPeriods })
    .from(basketItems)
    .innerJoin(children, and(eq(children.id, basketItems.childId), eq(children.familyId, familyId)))
    .innerJoin(activityDays, eq(activityDays.id, basketItems.activityDayId))
    .innerJoin(activities, eq(activities.id, activityDays.activityId))
    .innerJoin(bookingPeriods, eq(bookingPeriods.id, activityDays.bookingPeriodId))
    .where(eq(basketItems.basketId, basket.id))
    .orderBy(asc(activityDays.date), asc(activities.name), asc(children.firstName), asc(basketItems.id));
  if (items.length === 0) throw new ValidationRefused('Votre demande est vide : choisissez des jours dans le calendrier.');

  // 2. The opening days, in ascending id order.
  const dayIds = [...new Set(items.map((row) => row.day.id))].sort((a, b) => a - b);
  if (!options.unsafeWithoutLocking) {
    await tx.select({ id: activityDays.id }).from(activityDays).where(inArray(activityDays.id, dayIds)).orderBy(asc(activityDays.id)).for('update');
  }
  const counts = await dayCounts(tx, dayIds);
  const live = await tx
    .select()
    .from(reservations)
    .where(
      and(
        eq(reservations.familyId, familyId),
        inArray(reservations.activityDayId, dayIds),
        inArray(reservations.status, [...LIVE_STATUSES]),
      ),
    );
  const liveOf = (childId: number, dayId: number) => live.find((r) => r.childId === childId && r.activityDayId === dayId);

  const now = clock.now();
  const remarks = (input.remarks ?? basket.remarks ?? '').trim() || null;
  const outcomes: ValidationOutcome[] = [];
  const audits: AuditEvent[] = [];
  const additions: { outcome: ValidationOutcome; values: typeof reservations.$inferInsert }[] = [];
  const requested = (childId: number, dayId: number) => additions.some((a) => a.values.childId === childId && a.values.activityDayId === dayId);
  // Cancellations first: a family's own freed place can serve its own new request.
  const ordered = [...items.filter((row) => row.item.action === 'remove'), ...items.filter((row) => row.item.action === 'add')];
  for (const { item, child, day, activity, period } of ordered) {
    const base = {
      action: item.action,
      date: day.date,
      childName: `${child.lastName} ${child.firstName}`,
      activityName: activity.name,
      arrivalTime: activity.arrivalTime.slice(0, 5),
      departureTime: activity.departureTime.slice(0, 5),
      costCents: dayCostCents(activity),
      waitlistRank: null,
      reason: null,
    };
    const facts = timeFacts(clock, { ...day, opensAt: period.opensAt, closesAt: period.closesAt }, activity, child);
    const dayCount = counts.get(day.id)!;
    const existing = liveOf(child.id, day.id);
    const details = { date: day.date, activityId: activity.id, childId: child.id };

    if (item.action === 'remove') {
      if (!existing) {
        outcomes.push({ ...base, result: 'unchanged', reason: 'Aucune réservation à annuler ce jour-là.' });
      } else if (facts.pastDeadline || !['pending', 'confirmed', 'waitlisted'].includes(existing.status)) {
        outcomes.push({ ...base, result: 'refused', reason: REASONS.deadline });
      } else {
        // The promotion job finds freed places through these 'reservation.cancel' audit events.
        await cancelReservation(tx, existing, now);
        if (existing.status === 'waitlisted') dayCount.waiting--;
        else dayCount.taken--;
        live.splice(live.indexOf(existing), 1);
        outcomes.push({ ...base, result: 'cancelled' });
        audits.push({ action: 'reservation.cancel', entityType: 'reservation', entityId: existing.id, familyId, details: { ...details, previousStatus: existing.status } });
      }
      continue;
    }

    if (existing || requested(child.id, day.id)) {
      outcomes.push({ ...base, result: 'unchanged', reason: 'Ce jour est déjà réservé pour cet enfant.' });
      continue;
    }
    const decision = decideAddition({ ...facts, ...dayCount });
    if (decision.result === 'refused') {
      outcomes.push({ ...base, result: 'refused', reason: decision.reason });
      continue;
    }
    const rank = decision.result === 'waitlisted' ? decision.rank : null;
    if (decision.result === 'pending') dayCount.taken++;
    else dayCount.waiting++;
    const outcome: ValidationOutcome = { ...base, result: decision.result, waitlistRank: rank };
    outcomes.push(outcome);
    additions.push({
      outcome,
      values: { familyId, childId: child.id, activityDayId: day.id, status: decision.result, waitlistRank: rank, requestedAt: now, requestedBy: actor.id, remarks, updatedAt: now },
    });
  }

  // One statement for all new reservations, one for the audit trail: the locks are held briefly.
  if (additions.length > 0) {
    const created = await tx.insert(reservations).values(additions.map((a) => a.values)).returning();
    for (const row of created) {
      audits.push({
        action: 'reservation.request',
        entityType: 'reservation',
        entityId: row.id,
        familyId,
        details: { date: items.find((i) => i.day.id === row.activityDayId)!.day.date, activityDayId: row.activityDayId, childId: row.childId, status: row.status, waitlistRank: row.waitlistRank },
      });
    }
  }

  const [validation] = await tx
    .insert(basketValidations)
    .values({ familyId, submissionKey, outcomes, remarks, validatedBy: actor.id, validatedAt: now })
    .returning();
  await tx.delete(baskets).where(eq(baskets.id, basket.id));
  audits.push({ action: 'basket.validate', entityType: 'basket_validation', entityId: validation!.id, familyId, details: { requests: outcomes.length } });
  await recordAudit(tx, clock, actor, ...audits);
  const result = toResult(validation!);
  await queueConfirmation(tx, clock, familyId, result, remarks);
  return { ok: true, result };
}

/** Cancels one reservation; the ranks behind a cancelled waiting-list request move up. */
async function cancelReservation(tx: Db, reservation: typeof reservations.$inferSelect, now: Date) {
  await tx
    .update(reservations)
    .set({ status: 'cancelled', waitlistRank: null, updatedAt: now })
    .where(eq(reservations.id, reservation.id));
  if (reservation.status === 'waitlisted' && reservation.waitlistRank) {
    await tx
      .update(reservations)
      .set({ waitlistRank: sql`${reservations.waitlistRank} - 1`, updatedAt: now })
      .where(
        and(
          eq(reservations.activityDayId, reservation.activityDayId),
          eq(reservations.status, 'waitlisted'),
          gt(reservations.waitlistRank, reservation.waitlistRank),
        ),
      );
  }
}

/** The confirmation e-mail listing every change of this validation, to each guardian with an address. */
async function queueConfirmation(tx: Db, clock: Clock, familyId: number, result: ValidationResult, remarks: string | null) {
  const recipients = await tx
    .select({ email: users.email, firstName: users.firstName, familyName: families.name })
    .from(users)
    .innerJoin(families, eq(families.id, users.familyId))
    .where(and(eq(users.familyId, familyId), eq(users.active, true), isNotNull(users.email)));
  const emails = await Promise.all(
    recipients.map((recipient) =>
      renderEmail({
        to: recipient.email!,
        subject: reservationsValidatedSubject,
        template: 'reservations-validated',
        familyId,
        element: ReservationsValidated({ town: townName(), firstName: recipient.firstName, outcomes: result.outcomes, remarks }),
      }),
    ),
  );
  await queueEmails(tx, clock, emails);
}

/** A validation's result, for the family that made it only. */
export async function validationResult(db: Db, familyId: number, validationId: number): Promise<ValidationResult | null> {
  const [row] = await db
    .select()
    .from(basketValidations)
    .where(and(eq(basketValidations.id, validationId), eq(basketValidations.familyId, familyId)));
  return row ? toResult(row) : null;
}
