import { and, count, desc, eq, gte, inArray, like, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { auditLog, families, users } from '@/db/schema';
import { addDays, parisInstant, type IsoDate } from '@/lib/clock';

export const JOURNAL_PAGE_SIZE = 50;

export interface JournalFilter {
  familyId?: number;
  actorUserId?: number;
  from?: IsoDate;
  to?: IsoDate;
  /** The action's prefix, e.g. `news` for `news.publish`. */
  kind?: string;
}

/**
 * The audit log, newest first, filtered by family, staff member, Paris dates (both included) and
 * kind of action, one page of `JOURNAL_PAGE_SIZE` at a time (page 1 first).
 */
export async function journalPage(db: Db, filter: JournalFilter, page: number) {
  const where = and(...journalConditions(filter));
  const actor = alias(users, 'actor');
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        details: auditLog.details,
        actorRole: auditLog.actorRole,
        actorName: sql<string | null>`case when ${actor.id} is null then null else ${actor.lastName} || ' ' || ${actor.firstName} end`,
        familyId: auditLog.familyId,
        familyName: families.name,
      })
      .from(auditLog)
      .leftJoin(actor, eq(actor.id, auditLog.actorUserId))
      .leftJoin(families, eq(families.id, auditLog.familyId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(JOURNAL_PAGE_SIZE)
      .offset((page - 1) * JOURNAL_PAGE_SIZE),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: total!.n, pages: Math.max(1, Math.ceil(total!.n / JOURNAL_PAGE_SIZE)) };
}

function journalConditions(filter: JournalFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.familyId) conditions.push(eq(auditLog.familyId, filter.familyId));
  if (filter.actorUserId) conditions.push(eq(auditLog.actorUserId, filter.actorUserId));
  if (filter.from) conditions.push(gte(auditLog.at, parisInstant(filter.from)));
  if (filter.to) conditions.push(lt(auditLog.at, parisInstant(addDays(filter.to, 1))));
  if (filter.kind) conditions.push(like(auditLog.action, `${filter.kind.replace(/[\\%_]/g, '\\$&')}.%`));
  return conditions;
}

/** The choices of the filter form: staff members, families and kinds of action the log holds. */
export async function journalChoices(db: Db) {
  const [staff, familyRows, kinds] = await Promise.all([
    db
      .select({ id: users.id, name: sql<string>`${users.lastName} || ' ' || ${users.firstName}`, role: users.role })
      .from(users)
      .where(inArray(users.role, ['agent', 'admin']))
      .orderBy(users.lastName, users.firstName),
    db.select({ id: families.id, name: families.name, identifier: families.identifier }).from(families).orderBy(families.name),
    db.selectDistinct({ kind: sql<string>`split_part(${auditLog.action}, '.', 1)` }).from(auditLog).orderBy(sql`1`),
  ]);
  return { staff, families: familyRows, kinds: kinds.map((row) => row.kind) };
}
