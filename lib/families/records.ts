import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { children, families } from '@/db/schema';
import { recordAudit, type Actor } from '@/lib/audit/record';
import { parisToday, type Clock } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';
import { childFields, familyFields, type ChildFields, type FamilyFields } from './schemas';

/** Parses staff input with a form's schema: the first problem, on its field, refuses everything. */
export function parseFields<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0]!;
  return refused(issue.message, { field: issue.path[0] === undefined ? undefined : String(issue.path[0]) });
}

/** Lower-case letters and digits of a name, accents dropped: "Lefèvre-Dubois" → "lefevredubois". */
export function readableSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 30);
}

/** The first of base, base2, base3… that `taken` does not hold (compared in lower case). */
export function firstFree(base: string, taken: ReadonlySet<string>): string {
  const stem = base || 'famille';
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}${n}`)) return `${stem}${n}`;
}

async function freeFamilyIdentifier(db: Db, name: string): Promise<string> {
  const base = readableSlug(name) || 'famille';
  const rows = await db
    .select({ identifier: sql<string>`lower(${families.identifier})` })
    .from(families)
    .where(sql`lower(${families.identifier}) ~ ${`^${base}[0-9]*$`}`);
  return firstFree(base, new Set(rows.map((row) => row.identifier)));
}

/** Creates a family (its identifier made from its name); every other record hangs from it. */
export async function createFamily(db: Db, clock: Clock, staff: Actor, input: FamilyFields): Promise<Result<{ id: number; identifier: string }>> {
  const fields = parseFields(familyFields, input);
  if (!fields.ok) return fields;
  return db.transaction(async (tx) => {
    // One family creation at a time: two "Martin" families must not both take "martin".
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('families.identifier'))`);
    const identifier = await freeFamilyIdentifier(tx, fields.value.name);
    const [family] = await tx
      .insert(families)
      .values({ identifier, name: fields.value.name.toUpperCase(), address: fields.value.address, createdAt: clock.now() })
      .returning({ id: families.id });
    await recordAudit(tx, clock, staff, { action: 'family.created', entityType: 'family', entityId: family!.id, familyId: family!.id, details: { identifier } });
    return ok({ id: family!.id, identifier });
  });
}

export async function updateFamily(db: Db, clock: Clock, staff: Actor, familyId: number, input: FamilyFields): Promise<Result> {
  const fields = parseFields(familyFields, input);
  if (!fields.ok) return fields;
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(families)
      .set({ name: fields.value.name.toUpperCase(), address: fields.value.address })
      .where(eq(families.id, familyId))
      .returning({ id: families.id });
    if (!updated) return refused('Famille introuvable.');
    await recordAudit(tx, clock, staff, { action: 'family.updated', entityType: 'family', entityId: familyId, familyId });
    return ok();
  });
}

function birthDateProblem(clock: Clock, birthDate: string): string | null {
  const today = parisToday(clock);
  if (birthDate > today) return 'La date de naissance ne peut pas être dans le futur.';
  if (Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4)) > 25) return 'Vérifiez l’année de naissance : l’enfant aurait plus de 25 ans.';
  return null;
}

export async function addChild(db: Db, clock: Clock, staff: Actor, familyId: number, input: ChildFields): Promise<Result<{ id: number }>> {
  const fields = parseFields(childFields, input);
  if (!fields.ok) return fields;
  const problem = birthDateProblem(clock, fields.value.birthDate);
  if (problem) return refused(problem, { field: 'birthDate' });
  return db.transaction(async (tx) => {
    const [family] = await tx.select({ id: families.id }).from(families).where(eq(families.id, familyId));
    if (!family) return refused('Famille introuvable.');
    const [child] = await tx
      .insert(children)
      .values({ familyId, firstName: fields.value.firstName, lastName: fields.value.lastName.toUpperCase(), birthDate: fields.value.birthDate, createdAt: clock.now() })
      .returning({ id: children.id });
    await recordAudit(tx, clock, staff, { action: 'child.created', entityType: 'child', entityId: child!.id, familyId });
    return ok({ id: child!.id });
  });
}

export async function updateChild(db: Db, clock: Clock, staff: Actor, childId: number, input: ChildFields): Promise<Result> {
  const fields = parseFields(childFields, input);
  if (!fields.ok) return fields;
  const problem = birthDateProblem(clock, fields.value.birthDate);
  if (problem) return refused(problem, { field: 'birthDate' });
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(children)
      .set({ firstName: fields.value.firstName, lastName: fields.value.lastName.toUpperCase(), birthDate: fields.value.birthDate })
      .where(eq(children.id, childId))
      .returning({ familyId: children.familyId });
    if (!updated) return refused('Enfant introuvable.');
    await recordAudit(tx, clock, staff, { action: 'child.updated', entityType: 'child', entityId: childId, familyId: updated.familyId });
    return ok();
  });
}
