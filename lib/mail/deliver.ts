import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outboundEmails } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import { deliveryBodies } from './outbox';
import type { MailTransport } from './transport';

export const MAX_ATTEMPTS = 8;
// Waits after the 1st, 2nd, … failure; the last one repeats.
const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Sends the due messages of the outbox, one transaction each: the row is locked (SKIP LOCKED, so
 * concurrent deliverers never take the same message), rendered, sent, then marked sent. A failure is
 * recorded and retried later with a growing delay, until MAX_ATTEMPTS. Only the message handed to
 * the transport carries the secrets (token links); what the row keeps has them redacted.
 */
export interface DeliveryOptions {
  limit?: number;
  /** Test-only: takes messages without locking them, to show what the lock prevents. */
  unsafeWithoutLocking?: boolean;
}

export async function deliverPendingEmails(
  db: Db,
  transport: MailTransport,
  clock: Clock,
  { limit = 50, unsafeWithoutLocking = false }: DeliveryOptions = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (let i = 0; i < limit; i++) {
    const outcome = await db.transaction(async (tx) => {
      const now = clock.now();
      const due = tx
        .select()
        .from(outboundEmails)
        .where(and(eq(outboundEmails.status, 'pending'), lte(outboundEmails.nextAttemptAt, now)))
        .orderBy(asc(outboundEmails.nextAttemptAt), asc(outboundEmails.id))
        .limit(1);
      const [message] = unsafeWithoutLocking ? await due : await due.for('update', { skipLocked: true });
      if (!message) return 'none' as const;
      try {
        const { sent, kept } = await deliveryBodies(message);
        const providerMessageId = await transport.send({ id: message.id, to: message.toAddress, subject: message.subject, ...sent, kept });
        await tx
          .update(outboundEmails)
          // The row keeps what was sent, token links redacted: staff read it as the family received
          // it, and the secrets are gone for good.
          .set({
            status: 'sent',
            sentAt: clock.now(),
            providerMessageId,
            attempts: sql`${outboundEmails.attempts} + 1`,
            lastError: null,
            html: kept.html,
            text: kept.text,
            secrets: null,
          })
          .where(eq(outboundEmails.id, message.id));
        return 'sent' as const;
      } catch (error) {
        const attempts = message.attempts + 1;
        const giveUp = attempts >= MAX_ATTEMPTS;
        const delay = RETRY_DELAYS_MS[Math.min(attempts - 1, RETRY_DELAYS_MS.length - 1)]!;
        await tx
          .update(outboundEmails)
          .set({
            attempts,
            status: giveUp ? 'failed' : 'pending',
            // A message given up will never be sent: its secrets have no use left.
            ...(giveUp ? { secrets: null } : {}),
            lastError: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
            nextAttemptAt: new Date(now.getTime() + delay),
          })
          .where(eq(outboundEmails.id, message.id));
        return giveUp ? ('failed' as const) : ('retried' as const);
      }
    });
    if (outcome === 'none') break;
    report[outcome]++;
  }
  return report;
}
