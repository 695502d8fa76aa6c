import { and, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { baskets, basketValidations, reservations, users } from '@/db/schema';
import { recordAudit, type Actor, type AuditEvent } from '@/lib/audit/record';
import type { Clock } from '@/lib/clock';
import { lockActivityDays, lockBasket, lockingTransaction } from '@/lib/locks';
import { queueEmails, type OutgoingEmail } from '@/lib/mail/outbox';
import { ok, refusalAsResult, refused, Refusal, type Result } from '@/lib/result';
import { townName } from '@/lib/town';
import { REMARKS_MAX_LENGTH } from './basket';
import { basketRequests, dayCounts, liveReservations } from './facts';
import { planValidation, type PlannedAddition, type PlannedCancellation } from './plan';
import type { decideAddition } from './rules';
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
  /** Test-only: another decision rule than decideAddition, to show what the fairness test catches. */
  decide?: typeof decideAddition;
}

/**
 * "Valider": turns the family's basket into reservations and cancellations in one transaction:
 * lock, read, plan (planValidation, pure), write.
 *
 * Locks follow lib/locks.ts: first the family's basket row (one validation per family at a time:
 * a double click or a second tab waits, then finds the basket gone and gets the first one's
 * result), then the opening days concerned, by ascending id, and nothing else. Counts are read
 * only once the days are locked; a lock timeout, a deadlock, a serialization failure or a lost
 * connection retries the whole transaction.
 */
export async function validateBasket(
  db: Db,
  clock: Clock,
  familyId: number,
  actor: Actor,
  input: ValidateInput,
  options: ValidateOptions = {},
): Promise<Result<ValidationResult>> {
  if ((input.remarks ?? '').length > REMARKS_MAX_LENGTH) {
    return refused(`Vos remarques ne doivent pas dépasser ${REMARKS_MAX_LENGTH} caractères.`, { field: 'remarks' });
  }
  const submissionKey = `${input.basketId}:${input.version}`;
  return refusalAsResult(() =>
    lockingTransaction(db, (tx) => validateOnce(tx, clock, familyId, actor, input, submissionKey, options), {
      maxAttempts: options.maxAttempts,
      // Run again after a commit nobody saw, it finds the basket gone and answers the committed result.
      idempotent: true,
    }),
  );
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
  return { validationId: row.id, validatedAt: row.validatedAt, outcomes, acceptedCostCents: acceptedCostCents(outcomes), freedDayIds: [] };
}

/** The cost of the places obtained ("Non transmis"). */
const acceptedCostCents = (outcomes: ValidationOutcome[]) => outcomes.filter((o) => o.result === 'pending').reduce((sum, o) => sum + o.costCents, 0);

async function validateOnce(
  tx: Db,
  clock: Clock,
  familyId: number,
  actor: Actor,
  input: ValidateInput,
  submissionKey: string,
  options: ValidateOptions,
): Promise<Result<ValidationResult>> {
  // Lock 1: the family's basket.
  const basket = await lockBasket(tx, familyId, input.basketId);
  if (!basket) {
    const done = await previousResult(tx, familyId, submissionKey);
    if (done) return ok(done);
    throw new Refusal('Ces demandes ont déjà été validées ou abandonnées. Consultez l’onglet Suivi.');
  }
  if (basket.version !== input.version) {
    throw new Refusal('Vos demandes ont changé depuis l’affichage du récapitulatif : vérifiez-les, puis validez à nouveau.');
  }

  const items = await basketRequests(tx, clock, familyId, basket.id);
  if (items.length === 0) throw new Refusal('Votre demande est vide : choisissez des jours dans le calendrier.');
  // Read, the basket is spent (gone at commit); the recipients are read before the days are locked.
  await tx.delete(baskets).where(eq(baskets.id, basket.id));
  const recipients = await confirmationRecipients(tx, familyId);

  // Lock 2: the opening days, by ascending id. From here to the commit, only what the decision
  // needs; statements that do not wait for each other are sent together (postgres.js pipelines
  // them), so the days stay locked for fewer round trips.
  const dayIds = [...new Set(items.map((row) => row.day.id))];
  if (!options.unsafeWithoutLocking) await lockActivityDays(tx, dayIds);
  // The child's reservations in other activities on the same dates are read without locking their
  // days: only "Valider" creates reservations, and it holds the family's basket lock (level 1), so
  // no other transaction can add a reservation for this family while this one runs. A promotion
  // or a cancellation elsewhere only changes a status among the live ones or ends one; reading a
  // reservation a concurrent cancellation ends makes the overlap check refuse, never accept.
  const dates = items.map((row) => row.day.date);
  const [counts, live] = await Promise.all([dayCounts(tx, dayIds), liveReservations(tx, familyId, dates)]);

  const requests = new Map(items.map((row) => [row.request, row]));
  const { outcomes, writes } = planValidation({ requests: [...requests.keys()], counts, live }, options.decide);

  const now = clock.now();
  const remarks = (input.remarks ?? basket.remarks ?? '').trim() || null;
  const audits: AuditEvent[] = writes.cancellations.map(({ request, reservation }) => ({
    action: 'reservation.cancel',
    entityType: 'reservation',
    entityId: reservation.id,
    familyId,
    details: { date: request.line.date, activityId: requests.get(request)!.activity.id, childId: request.childId, previousStatus: reservation.status },
  }));
  await cancelReservations(tx, writes.cancellations, now);

  const [created, [validation]] = await Promise.all([
    insertReservations(tx, familyId, actor, writes.additions, remarks, now),
    tx.insert(basketValidations).values({ familyId, submissionKey, outcomes, remarks, validatedBy: actor.id, validatedAt: now }).returning({ id: basketValidations.id }),
  ]);
  for (const row of created) {
    const { request } = writes.additions.find((a) => a.request.childId === row.childId && a.request.activityDayId === row.activityDayId)!;
    audits.push({
      action: 'reservation.request',
      entityType: 'reservation',
      entityId: row.id,
      familyId,
      details: { date: request.line.date, activityDayId: row.activityDayId, childId: row.childId, status: row.status, waitlistRank: row.waitlistRank },
    });
  }
  audits.push({ action: 'basket.validate', entityType: 'basket_validation', entityId: validation!.id, familyId, details: { requests: outcomes.length } });
  // Queued with this change, rendered at delivery: no rendering while the days are locked.
  const emails = recipients.map(
    (recipient): OutgoingEmail => ({
      to: recipient.email!,
      template: 'reservations-validated',
      familyId,
      props: { town: townName(), firstName: recipient.firstName, outcomes, remarks },
    }),
  );
  await Promise.all([recordAudit(tx, clock, actor, ...audits), queueEmails(tx, clock, emails)]);
  return ok({ validationId: validation!.id, validatedAt: now, outcomes, acceptedCostCents: acceptedCostCents(outcomes), freedDayIds: freedDayIds(writes.cancellations) });
}

/** The days where a cancelled reservation held a place (a waiting-list request held none). */
function freedDayIds(cancellations: PlannedCancellation[]): number[] {
  const freed = cancellations.filter(({ reservation }) => reservation.status === 'pending' || reservation.status === 'confirmed');
  return [...new Set(freed.map(({ reservation }) => reservation.activityDayId))];
}

/** One statement for all the new reservations. */
async function insertReservations(tx: Db, familyId: number, actor: Actor, additions: PlannedAddition[], remarks: string | null, now: Date) {
  if (additions.length === 0) return [];
  return tx
    .insert(reservations)
    .values(
      additions.map(({ request, status, waitlistRank }) => ({
        familyId,
        childId: request.childId,
        activityDayId: request.activityDayId,
        status,
        waitlistRank,
        requestedAt: now,
        requestedBy: actor.id,
        remarks,
        updatedAt: now,
        // Told by the validation e-mail: the daily report is for what the family did not do itself.
        reportedAt: now,
      })),
    )
    .returning({
      id: reservations.id,
      childId: reservations.childId,
      activityDayId: reservations.activityDayId,
      status: reservations.status,
      waitlistRank: reservations.waitlistRank,
    });
}

/** Cancels the planned reservations; the ranks behind a cancelled waiting-list request move up. */
async function cancelReservations(tx: Db, cancellations: PlannedCancellation[], now: Date) {
  if (cancellations.length === 0) return;
  await tx
    .update(reservations)
    .set({ status: 'cancelled', waitlistRank: null, updatedAt: now, reportedAt: now })
    .where(inArray(reservations.id, cancellations.map((c) => c.reservation.id)));
  // In plan order: each rank is the one the reservation held once the earlier ones moved up.
  for (const { reservation } of cancellations) {
    if (reservation.status !== 'waitlisted' || !reservation.waitlistRank) continue;
    await tx
      .update(reservations)
      .set({ waitlistRank: sql`${reservations.waitlistRank} - 1`, updatedAt: now })
      .where(and(eq(reservations.activityDayId, reservation.activityDayId), eq(reservations.status, 'waitlisted'), gt(reservations.waitlistRank, reservation.waitlistRank)));
  }
}

/** Who gets the confirmation e-mail: each active guardian of the family with an address. */
function confirmationRecipients(tx: Db, familyId: number) {
  return tx
    .select({ email: users.email, firstName: users.firstName })
    .from(users)
    .where(and(eq(users.familyId, familyId), eq(users.active, true), isNotNull(users.email)));
}

/** A validation's result, for the family that made it only. */
export async function validationResult(db: Db, familyId: number, validationId: number): Promise<ValidationResult | null> {
  const [row] = await db
    .select()
    .from(basketValidations)
    .where(and(eq(basketValidations.id, validationId), eq(basketValidations.familyId, familyId)));
  return row ? toResult(row) : null;
}
