import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { baskets, basketValidations } from '@/db/schema';
import type { Actor } from '@/lib/audit/record';
import type { Clock } from '@/lib/clock';
import { LOCK_TIMEOUT, lockingStatement } from '@/lib/locks';
import { emailTemplates } from '@/lib/mail/templates';
import { ok, refusalAsResult, Refusal, refused, type Result } from '@/lib/result';
import { townName } from '@/lib/town';
import { REMARKS_MAX_LENGTH } from './basket';
import { basketRequests, liveReservations } from './facts';
import { NOTHING_TO_CANCEL, planBeforeCapacity } from './plan';
import { REASONS } from './rules';
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
  /** Test-only: a free place goes to whoever asks, even past families waiting for it, to show what the fairness test catches. */
  firstComeToFreePlaces?: boolean;
}

/** What validate_basket (migrations 0018, 0019, 0021) answers; `validatedAt` is the time it stamped, taken under the day locks. */
type Applied =
  | { status: 'validated'; validationId: number; validatedAt: string; outcomes: ValidationOutcome[]; freedDayIds: number[] }
  | { status: 'done'; validationId: number; validatedAt: string; outcomes: ValidationOutcome[] }
  | { status: 'gone' | 'changed' };

const ALREADY_DONE = 'Ces demandes ont déjà été validées ou abandonnées. Consultez l’onglet Suivi.';
const CHANGED = 'Vos demandes ont changé depuis l’affichage du récapitulatif : vérifiez-les, puis validez à nouveau.';

/**
 * "Valider": turns the family's basket into reservations and cancellations.
 *
 * First, without any lock, everything that does not depend on how full the days are: the basket's
 * lines, their time facts, the family's live reservations (overlaps, "already reserved", which
 * cancellations are allowed: planBeforeCapacity), in two queries sent together. Then one statement,
 * validate_basket (migrations 0018, 0019), in autocommit: it locks the basket (level 1 of
 * lib/locks.ts: one validation per family at a time; a double click or a second tab waits, then
 * finds the basket gone and answers the first one's result) and checks that its version is the one
 * the recap showed — so the lines planned are still the basket's — reads who gets the e-mail, then
 * locks the days by ascending id (level 2), reads the counts, decides the places in request order
 * and writes everything. It stamps what it writes with a time taken once the days are locked (the
 * clock's `now`, or 1 µs after the latest request already on one of the days if that is later), so
 * that on each day the requests are dated in the order they got their places and ranks. The days
 * stay locked from their lock to the statement's commit, with no round trip to this process in
 * between. A lock timeout, a deadlock or a lost connection runs the statement again: it is
 * idempotent per basket version (the submission key).
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
  return refusalAsResult(() => validateOnce(db, clock, familyId, actor, input, submissionKey, options));
}

async function previousResult(db: Db, familyId: number, submissionKey: string): Promise<ValidationResult | null> {
  const [done] = await db
    .select()
    .from(basketValidations)
    .where(and(eq(basketValidations.submissionKey, submissionKey), eq(basketValidations.familyId, familyId)));
  return done ? toResult(done) : null;
}

function toResult(row: Pick<typeof basketValidations.$inferSelect, 'id' | 'validatedAt' | 'outcomes'>): ValidationResult {
  const outcomes = row.outcomes as ValidationOutcome[];
  return { validationId: row.id, validatedAt: row.validatedAt, outcomes, acceptedCostCents: acceptedCostCents(outcomes), freedDayIds: [] };
}

/** The cost of the places obtained ("Non transmis"). */
const acceptedCostCents = (outcomes: ValidationOutcome[]) => outcomes.filter((o) => o.result === 'pending').reduce((sum, o) => sum + o.costCents, 0);

async function validateOnce(
  db: Db,
  clock: Clock,
  familyId: number,
  actor: Actor,
  input: ValidateInput,
  submissionKey: string,
  options: ValidateOptions,
): Promise<Result<ValidationResult>> {
  // Unlocked reads, sent together: validate_basket's version check tells whether they still
  // describe the basket. The live reservations are the family's on the basket's dates, in every
  // activity. Only "Valider" creates reservations, under the family's basket lock: if
  // validate_basket finds the basket at this version, no validation of this family committed since
  // this read. A promotion or a cancellation elsewhere only changes a status or ends a reservation:
  // an overlap read here can refuse a request it would have accepted a moment later, never accept
  // one it should refuse; the cancellations are read again under the day locks.
  const [items, live] = await Promise.all([basketRequests(db, clock, familyId, input.basketId), liveReservations(db, familyId, { basketId: input.basketId })]);
  if (items.length === 0) {
    const [basket] = await db.select({ version: baskets.version }).from(baskets).where(and(eq(baskets.id, input.basketId), eq(baskets.familyId, familyId)));
    if (!basket) {
      const done = await previousResult(db, familyId, submissionKey);
      if (done) return ok(done);
      throw new Refusal(ALREADY_DONE);
    }
    if (basket.version !== input.version) throw new Refusal(CHANGED);
    throw new Refusal('Votre demande est vide : choisissez des jours dans le calendrier.');
  }
  const plan = planBeforeCapacity({ requests: items.map((row) => row.request), live });

  const now = clock.now();
  const applied = await lockingStatement(
    async () => {
      const [row] = rowsOf<{ applied: Applied | string }>(
        await db.execute(
          sql`select validate_basket(${JSON.stringify({
            familyId,
            basketId: input.basketId,
            version: input.version,
            submissionKey,
            actorId: actor.id,
            actorRole: actor.role,
            now: now.toISOString(),
            // The remarks typed on the recap; without them, the basket's (kept trimmed).
            ...(input.remarks != null ? { remarks: input.remarks.trim() || null } : {}),
            lockTimeout: LOCK_TIMEOUT,
            lockDays: !options.unsafeWithoutLocking,
            firstComeToFreePlaces: options.firstComeToFreePlaces ?? false,
            dayIds: [...new Set(items.map((row) => row.day.id))],
            outcomes: plan.outcomes,
            cancellations: plan.cancellations.map(({ outcome, request, reservation }) => ({
              outcome,
              reservationId: reservation.id,
              activityDayId: reservation.activityDayId,
              date: request.line.date,
              activityId: request.activityId,
              childId: request.childId,
            })),
            additions: plan.additions.map(({ outcome, request, overlaps }) => ({
              outcome,
              childId: request.childId,
              activityDayId: request.activityDayId,
              date: request.line.date,
              unitPriceCents: request.unitPriceCents,
              insidePromotionLead: request.time.insidePromotionLead === true,
              overlaps,
            })),
            // Queued with the change, to each active guardian with an address, rendered at
            // delivery: no rendering while the days are locked.
            email: { template: 'reservations-validated', subject: emailTemplates['reservations-validated'].subject, props: { town: townName() } },
            nothingToCancel: NOTHING_TO_CANCEL,
            deadlineReason: REASONS.deadline,
            fullReason: REASONS.full,
          })}::jsonb) as applied`,
        ),
      );
      return typeof row!.applied === 'string' ? (JSON.parse(row!.applied) as Applied) : row!.applied;
    },
    // Run again after a commit nobody saw, it finds the basket gone and answers the committed result.
    { maxAttempts: options.maxAttempts, idempotent: true },
  );

  switch (applied.status) {
    case 'gone':
      throw new Refusal(ALREADY_DONE);
    case 'changed':
      throw new Refusal(CHANGED);
    case 'done':
      return ok(toResult({ id: applied.validationId, validatedAt: new Date(applied.validatedAt), outcomes: applied.outcomes }));
    case 'validated':
      return ok({
        validationId: applied.validationId,
        validatedAt: new Date(applied.validatedAt),
        outcomes: applied.outcomes,
        acceptedCostCents: acceptedCostCents(applied.outcomes),
        freedDayIds: applied.freedDayIds,
      });
  }
}

/** A validation's result, for the family that made it only. */
export async function validationResult(db: Db, familyId: number, validationId: number): Promise<ValidationResult | null> {
  const [row] = await db
    .select()
    .from(basketValidations)
    .where(and(eq(basketValidations.id, validationId), eq(basketValidations.familyId, familyId)));
  return row ? toResult(row) : null;
}
