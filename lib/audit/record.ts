import type { Db } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { Clock } from '@/lib/clock';

export interface Actor {
  id: number | null;
  role: string;
}

export const systemActor: Actor = { id: null, role: 'system' };

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  familyId?: number | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log; call it inside the transaction that makes the change. */
export async function recordAudit(db: Db, clock: Clock, actor: Actor, ...events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const at = clock.now();
  await db.insert(auditLog).values(
    events.map((event) => ({
      actorUserId: actor.id,
      actorRole: actor.role,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId == null ? null : String(event.entityId),
      familyId: event.familyId ?? null,
      details: event.details ?? null,
      at,
    })),
  );
}
