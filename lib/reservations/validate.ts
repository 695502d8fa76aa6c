import { and, asc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, basketItems, baskets, basketValidations, bookingPeriods, children, reservations, users } from '@/db/schema';
import { recordAudit, type Actor, type AuditEvent } from '@/lib/audit/record';
import type { Clock } from '@/lib/clock';
import { lockActivityDays, lockBasket, lockingTransaction } from '@/lib/locks';
import { queueEmails, type OutgoingEmail } from '@/lib/mail/outbox';
import { ok, refusalAsResult, refused, Refusal, type Result } from '@/lib/result';
import { townName } from '@/lib/town';
import { REMARKS_MAX_LENGTH } from './basket';
import { dayCounts, LIVE_STATUSES, timeFacts } from './facts';
import { planValidation, type LiveReservation, type PlannedAddition, type PlannedCancellation, type PlannedRequest } from './plan';
import { dayCostCents } from './rules';
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
  return { validationId: row.id, validatedAt: row.validatedAt, outcomes, acceptedCostCents: acceptedCostCents(outcomes) };
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

  const items = await tx
    .select({ item: basketItems, child: children, day: activityDays, activity: activities, period: bookingPeriods })
    .from(basketItems)
    .innerJoin(children, and(eq(children.id, basketItems.childId), eq(children.familyId, familyId)))
    .innerJoin(activityDays, eq(activityDays.id, basketItems.activityDayId))
    .innerJoin(activities, eq(activities.id, activityDays.activityId))
    .innerJoin(bookingPeriods, eq(bookingPeriods.id, activityDays.bookingPeriodId))
    .where(eq(basketItems.basketId, basket.id))
    .orderBy(asc(activityDays.date), asc(activities.name), asc(children.firstName), asc(basketItems.id));
  if (items.length === 0) throw new Refusal('Votre demande est vide : choisissez des jours dans le calendrier.');
  // Read, the basket is spent (gone at commit); the recipients are read before the days are locked.
  await tx.delete(baskets).where(eq(baskets.id, basket.id));
  const recipients = await confirmationRecipients(tx, familyId);

  // Lock 2: the opening days, by ascending id. From here to the commit, only what the decision
  // needs; statements that do not wait for each other are sent together (postgres.js pipelines
  // them), so the days stay locked for fewer round trips.
  const dayIds = [...new Set(items.map((row) => row.day.id))];
  if (!options.unsafeWithoutLocking) await lockActivityDays(tx, dayIds);
  const [counts, live] = await Promise.all([dayCounts(tx, dayIds), liveReservations(tx, familyId, dayIds)]);

  const requests = new Map<PlannedRequest, (typeof items)[number]>();
  for (const row of items) {
    const { item, child, day, activity, period } = row;
    const request: PlannedRequest = {
      action: item.action,
      childId: child.id,
      activityDayId: day.id,
      line: {
        date: day.date,
        childName: `${child.lastName} ${child.firstName}`,
        activityName: activity.name,
        arrivalTime: activity.arrivalTime.slice(0, 5),
        departureTime: activity.departureTime.slice(0, 5),
        costCents: dayCostCents(activity),
      },
      time: timeFacts(clock, { ...day, opensAt: period.opensAt, closesAt: period.closesAt }, activity, child),
    };
    requests.set(request, row);
  }
  const { outcomes, writes } = planValidation({ requests: [...requests.keys()], counts, live });

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
  return ok({ validationId: validation!.id, validatedAt: now, outcomes, acceptedCostCents: acceptedCostCents(outcomes) });
}

/** The family's live reservations on the days concerned. */
function liveReservations(tx: Db, familyId: number, dayIds: number[]): Promise<LiveReservation[]> {
  return tx
    .select({
      id: reservations.id,
      childId: reservations.childId,
      activityDayId: reservations.activityDayId,
      status: reservations.status,
      waitlistRank: reservations.waitlistRank,
    })
    .from(reservations)
    .where(and(eq(reservations.familyId, familyId), inArray(reservations.activityDayId, dayIds), inArray(reservations.status, [...LIVE_STATUSES]))) as Promise<LiveReservation[]>;
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
    .set({ status: 'cancelled', waitlistRank: null, updatedAt: now })
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
