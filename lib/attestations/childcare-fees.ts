import { and, asc, between, desc, eq, gt, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, children, consumptions, families, users, walletEntries, walletTypes, wallets } from '@/db/schema';
import { type Clock, type IsoDate, parisToday } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';
import { type AttestationLine, attestationLines, type Debit, eligibleForAttestation, MEALS_WALLET_TYPE, paidShares, type WalletFunds } from './rules';

/**
 * « Attestation de frais de garde »: what a family paid in a year for the childcare of a child
 * under 6 on 1 January, for the tax credit.
 *
 * "Paid", precisely: the child's consumptions dated in the year, on activities that are not meals
 * (not of the RESTAURATION wallet type), that were posted (debited from the family's prepaid
 * wallet), and only as far as the family's own money covers them on the day of issue. A wallet
 * may go below zero, so each wallet's consumptions (every child, every year) are paid oldest first
 * by its credits and then by the payments received, net of cancelled payments (`paidShares` in
 * rules.ts); the part of a consumption left uncovered is not attested, and the attestation says
 * how much of the year's consumptions the family's payments do not cover.
 */
export interface ChildcareAttestation {
  year: number;
  issuedOn: IsoDate;
  family: { id: number; name: string; address: string | null; guardians: string[] };
  child: { id: number; firstName: string; lastName: string; birthDate: IsoDate };
  lines: AttestationLine[];
  /** The amount attested: what the family paid for the year's eligible consumptions. */
  totalCents: number;
  /** What of the year's eligible consumptions the family's payments do not cover (unpaid, or covered by a town credit). */
  uncoveredCents: number;
}

/** The attestations of a family's children under 6 on 1 January of `year`, whether or not they have an amount. */
export async function familyAttestations(db: Db, clock: Clock, familyId: number, year: number): Promise<ChildcareAttestation[]> {
  const [family] = await db.select({ id: families.id, name: families.name, address: families.address }).from(families).where(eq(families.id, familyId));
  if (!family) return [];
  const kids = (
    await db
      .select({ id: children.id, firstName: children.firstName, lastName: children.lastName, birthDate: children.birthDate })
      .from(children)
      .where(eq(children.familyId, familyId))
      .orderBy(asc(children.birthDate), asc(children.firstName), asc(children.id))
  ).filter((child) => eligibleForAttestation(child.birthDate, year));
  if (kids.length === 0) return [];

  const guardians = await db
    .select({ firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(and(eq(users.familyId, familyId), eq(users.role, 'family'), eq(users.active, true)))
    .orderBy(desc(users.isPayer), asc(users.id));
  const shares = await familyPaidShares(db, familyId);
  const eligible = await db
    .select({ id: consumptions.id, childId: consumptions.childId, date: consumptions.date, activity: activities.name, totalCents: consumptions.totalCents })
    .from(consumptions)
    .innerJoin(activities, eq(activities.id, consumptions.activityId))
    .innerJoin(walletTypes, eq(walletTypes.id, activities.walletTypeId))
    .where(
      and(
        eq(consumptions.familyId, familyId),
        inArray(consumptions.childId, kids.map((child) => child.id)),
        between(consumptions.date, `${year}-01-01`, `${year}-12-31`),
        ne(walletTypes.code, MEALS_WALLET_TYPE),
        // Posted: debited from the wallet. A free activity (0 €) has no entry and nothing to attest.
        sql`exists (select 1 from ${walletEntries} where ${walletEntries.consumptionId} = ${consumptions.id})`,
      ),
    );
  const issuedOn = parisToday(clock);
  return kids.map((child) => {
    const own = eligible.filter((consumption) => consumption.childId === child.id);
    const { lines, totalCents, uncoveredCents } = attestationLines(own.map((consumption) => ({ ...consumption, paidCents: shares.get(consumption.id) ?? 0 })));
    return {
      year,
      issuedOn,
      family: { ...family, guardians: guardians.map((guardian) => `${guardian.lastName} ${guardian.firstName}`) },
      child,
      lines,
      totalCents,
      uncoveredCents,
    };
  });
}

export const CHILD_NOT_FOUND = 'Enfant introuvable.';

/** One child's attestation, refused for another family's child, a child 6 or older on 1 January, or a year with nothing paid. */
export async function childAttestation(db: Db, clock: Clock, familyId: number, childId: number, year: number): Promise<Result<ChildcareAttestation>> {
  const [child] = await db
    .select({ firstName: children.firstName, birthDate: children.birthDate })
    .from(children)
    .where(and(eq(children.id, childId), eq(children.familyId, familyId)));
  if (!child) return refused(CHILD_NOT_FOUND);
  if (!eligibleForAttestation(child.birthDate, year)) {
    return refused(`${child.firstName} avait 6 ans ou plus au 1er janvier ${year} : pas d’attestation de frais de garde pour cette année.`);
  }
  const attestation = (await familyAttestations(db, clock, familyId, year)).find((candidate) => candidate.child.id === childId)!;
  if (attestation.totalCents === 0) return refused(`Aucun montant de garde payé pour ${child.firstName} en ${year}.`);
  return ok(attestation);
}

/** Every attestation of a year with an amount, family by family (staff's bulk production). */
export async function yearAttestations(db: Db, clock: Clock, year: number): Promise<ChildcareAttestation[]> {
  // The families with a child under 6 on 1 January (born after 1 January six years before) and an eligible consumption in the year.
  const candidates = await db
    .selectDistinct({ familyId: consumptions.familyId })
    .from(consumptions)
    .innerJoin(children, eq(children.id, consumptions.childId))
    .innerJoin(activities, eq(activities.id, consumptions.activityId))
    .innerJoin(walletTypes, eq(walletTypes.id, activities.walletTypeId))
    .where(
      and(
        between(consumptions.date, `${year}-01-01`, `${year}-12-31`),
        gt(children.birthDate, `${year - 6}-01-01`),
        lte(children.birthDate, `${year}-12-31`),
        ne(walletTypes.code, MEALS_WALLET_TYPE),
      ),
    )
    .orderBy(asc(consumptions.familyId));
  const attestations: ChildcareAttestation[] = [];
  for (const { familyId } of candidates) {
    for (const attestation of await familyAttestations(db, clock, familyId, year)) if (attestation.totalCents > 0) attestations.push(attestation);
  }
  return attestations;
}

/** What the family paid of each of its posted consumptions, wallet by wallet (see `paidShares`). */
async function familyPaidShares(db: Db, familyId: number): Promise<Map<number, number>> {
  const funds = await db
    .select({
      walletId: walletEntries.walletId,
      // Payments in, less cancelled payments and debiting régularisations (negative corrections).
      paidInCents: sql<number>`coalesce(sum(${walletEntries.amountCents}) filter (where ${walletEntries.kind} = 'payment' or (${walletEntries.kind} = 'correction' and ${walletEntries.amountCents} < 0)), 0)::int`,
      creditedCents: sql<number>`coalesce(sum(${walletEntries.amountCents}) filter (where ${walletEntries.kind} = 'correction' and ${walletEntries.amountCents} > 0), 0)::int`,
    })
    .from(walletEntries)
    .innerJoin(wallets, eq(wallets.id, walletEntries.walletId))
    .where(eq(wallets.familyId, familyId))
    .groupBy(walletEntries.walletId);
  const debits = await db
    .select({ walletId: walletEntries.walletId, consumptionId: consumptions.id, date: consumptions.date, totalCents: sql<number>`(-${walletEntries.amountCents})::int` })
    .from(walletEntries)
    .innerJoin(consumptions, eq(consumptions.id, walletEntries.consumptionId))
    .where(eq(consumptions.familyId, familyId));
  const shares = new Map<number, number>();
  for (const wallet of funds) {
    const own: Debit[] = debits.filter((debit) => debit.walletId === wallet.walletId);
    const walletFunds: WalletFunds = { paidInCents: wallet.paidInCents, creditedCents: wallet.creditedCents };
    for (const [consumptionId, cents] of paidShares(walletFunds, own)) shares.set(consumptionId, cents);
  }
  return shares;
}
