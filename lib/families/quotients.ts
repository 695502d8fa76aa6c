import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { families, familyQuotients, users } from '@/db/schema';
import { recordAudit, type Actor } from '@/lib/audit/record';
import type { Clock } from '@/lib/clock';
import { formatDate } from '@/lib/format';
import { lockingTransaction } from '@/lib/locks';
import { ok, Refusal, refusalAsResult, type Result } from '@/lib/result';
import { QUOTIENT_SOURCES, validitiesOverlap, type QuotientSource } from './quotient-rules';
import { familyIdField } from './schemas';


const date = (label: string) => z.iso.date({ error: `${label} : saisissez une date valide.` });

export const quotientSchema = z
  .object({
    familyId: familyIdField,
    quotient: z
      .string({ error: 'Le quotient familial est obligatoire.' })
      .trim()
      .min(1, 'Le quotient familial est obligatoire.')
      .regex(/^\d+$/, 'Le quotient familial est un nombre entier d’euros, sans centimes.')
      .transform(Number)
      .refine((n) => n <= 100_000, 'Le quotient familial doit être compris entre 0 et 100000.'),
    validFrom: date('Valable du'),
    validTo: date('Valable au'),
    source: z.enum(Object.keys(QUOTIENT_SOURCES) as [QuotientSource, ...QuotientSource[]], { error: 'Choisissez le justificatif.' }),
  })
  .refine((input) => input.validFrom <= input.validTo, { path: ['validTo'], message: 'La fin de validité doit suivre son début.' });
export type QuotientInput = z.infer<typeof quotientSchema>;
export const QUOTIENT_FIELDS = ['quotient', 'validFrom', 'validTo', 'source'] as const;

const quotientId = z.coerce.number({ error: 'Quotient introuvable.' }).int({ error: 'Quotient introuvable.' }).positive({ error: 'Quotient introuvable.' }).max(2_147_483_647, { error: 'Quotient introuvable.' });
export const deleteQuotientSchema = z.object({ familyId: familyIdField, quotientId });


/** A family's quotients, the latest validity first, with who recorded each. */
export async function familyQuotientHistory(db: Db, familyId: number) {
  return db
    .select({
      id: familyQuotients.id,
      quotient: familyQuotients.quotient,
      validFrom: familyQuotients.validFrom,
      validTo: familyQuotients.validTo,
      source: familyQuotients.source,
      recordedAt: familyQuotients.recordedAt,
      recordedByFirstName: users.firstName,
      recordedByLastName: users.lastName,
    })
    .from(familyQuotients)
    .leftJoin(users, eq(users.id, familyQuotients.recordedBy))
    .where(eq(familyQuotients.familyId, familyId))
    .orderBy(desc(familyQuotients.validFrom), desc(familyQuotients.id));
}

/**
 * « Enregistrer le quotient »: a family's QF for a validity period, refused when the period
 * overlaps one already recorded (the price of a day must come from one QF). Under the family's row
 * lock, taken alone (lib/locks.ts), so that two staff recording at once cannot both pass the check.
 * It prices the reservations validated from now on; those already validated keep their price, and
 * posted consumptions never change.
 */
export async function recordFamilyQuotient(db: Db, clock: Clock, actor: Actor, input: QuotientInput): Promise<Result<{ id: number }>> {
  return refusalAsResult(() =>
    lockingTransaction(db, async (tx) => {
      await lockFamily(tx, input.familyId);
      const recorded = await tx.select().from(familyQuotients).where(eq(familyQuotients.familyId, input.familyId));
      const overlap = recorded.find((other) => validitiesOverlap(other, input));
      if (overlap) {
        throw new Refusal(
          `Cette période chevauche le quotient ${overlap.quotient} valable du ${formatDate(overlap.validFrom)} au ${formatDate(overlap.validTo)} : supprimez-le ou choisissez d’autres dates.`,
          'validFrom',
        );
      }
      const [created] = await tx
        .insert(familyQuotients)
        .values({ familyId: input.familyId, quotient: input.quotient, validFrom: input.validFrom, validTo: input.validTo, source: input.source, recordedBy: actor.id, recordedAt: clock.now() })
        .returning({ id: familyQuotients.id });
      await recordAudit(tx, clock, actor, {
        action: 'family.quotient.record',
        entityType: 'family_quotient',
        entityId: created!.id,
        familyId: input.familyId,
        details: { quotient: input.quotient, validFrom: input.validFrom, validTo: input.validTo, source: input.source },
      });
      return ok({ id: created!.id });
    }),
  );
}

/** « Supprimer » a quotient recorded by mistake; the audit log keeps what it was. */
export async function deleteFamilyQuotient(db: Db, clock: Clock, actor: Actor, input: { familyId: number; quotientId: number }): Promise<Result> {
  return refusalAsResult(() =>
    lockingTransaction(db, async (tx) => {
      await lockFamily(tx, input.familyId);
      const [removed] = await tx
        .delete(familyQuotients)
        .where(and(eq(familyQuotients.id, input.quotientId), eq(familyQuotients.familyId, input.familyId)))
        .returning();
      if (!removed) throw new Refusal('Ce quotient familial est introuvable.');
      await recordAudit(tx, clock, actor, {
        action: 'family.quotient.delete',
        entityType: 'family_quotient',
        entityId: removed.id,
        familyId: input.familyId,
        details: { quotient: removed.quotient, validFrom: removed.validFrom, validTo: removed.validTo, source: removed.source },
      });
      return ok();
    }),
  );
}

async function lockFamily(tx: Db, familyId: number) {
  const [family] = await tx.select({ id: families.id }).from(families).where(eq(families.id, familyId)).for('no key update');
  if (!family) throw new Refusal('Cette famille est introuvable.');
}
