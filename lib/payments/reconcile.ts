import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { payments } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import type { GatewayOutcome, PaymentGateway } from './gateway';
import { settlePayment } from './settle';

export interface ReconciliationReport {
  checked: number;
  paid: number;
  refused: number;
  abandoned: number;
  expired: number;
  /** Not final yet at the gateway: asked again at the next run. */
  stillPending: number;
  /** The gateway could not answer, or its answer did not match the payment: logged, asked again at the next run. */
  failed: number;
}

/**
 * The reconciliation job: asks the gateway how each of its card payments still `initiated` after
 * `olderThanMinutes` ended, and settles it the way a notification does (settlePayment: exactly
 * once, so a notification arriving before, during or after changes nothing more). A lost
 * notification thus never loses money. A payment that never got a gateway transaction id (the
 * server stopped while starting it: the parent was never sent to the gateway) expires.
 *
 * One payment at a time, outside any transaction while the gateway is asked; one failure is
 * counted and logged and the others go on. Safe to run twice or at once.
 */
export async function reconcilePayments(
  db: Db,
  gateway: PaymentGateway,
  clock: Clock,
  { olderThanMinutes = 20 }: { olderThanMinutes?: number } = {},
): Promise<ReconciliationReport> {
  const report: ReconciliationReport = { checked: 0, paid: 0, refused: 0, abandoned: 0, expired: 0, stillPending: 0, failed: 0 };
  const cutoff = new Date(clock.now().getTime() - olderThanMinutes * 60_000);
  const stale = await db
    .select({
      id: payments.id,
      familyId: payments.familyId,
      reference: payments.reference,
      amountCents: payments.amountCents,
      gatewayReference: payments.gatewayReference,
      createdAt: payments.createdAt,
    })
    .from(payments)
    .where(and(eq(payments.gateway, gateway.name), eq(payments.status, 'initiated'), lt(payments.createdAt, cutoff)))
    .orderBy(asc(payments.createdAt), asc(payments.id));

  for (const payment of stale) {
    report.checked++;
    try {
      const outcome: GatewayOutcome = payment.gatewayReference
        ? await gateway.outcomeOf(payment.gatewayReference, payment.createdAt)
        : { status: 'expired', details: { reason: 'never registered with the gateway' } };
      const settled = await settlePayment(db, clock, payment, outcome);
      if (!settled.ok) {
        report.failed++;
        console.error(`Reconciliation of payment ${payment.reference}: ${settled.message}`, outcome);
      } else if (settled.value.change === 'settled') {
        report[settled.value.status]++;
      } else if (settled.value.change === 'pending') {
        report.stillPending++;
      }
    } catch (error) {
      report.failed++;
      console.error(`Reconciliation of payment ${payment.reference}: the ${gateway.name} gateway could not tell how it ended.`, error);
    }
  }
  return report;
}
