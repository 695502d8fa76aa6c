import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { paymentNotifications, payments } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import type { NotificationRequest, PaymentGateway } from './gateway';
import { settlePayment } from './settle';

export interface NotificationAnswer {
  /** 200 when the notification was genuine (settled, already settled, or not final yet); 4xx otherwise. */
  httpStatus: 200 | 400 | 404 | 409;
  message: string;
}

/**
 * A gateway's server-to-server notification: verified (signature, or the gateway's own detail
 * call), matched to its payment by the gateway's transaction id, checked (reference, amount), then
 * settled exactly once (settlePayment). Every notification is logged in `payment_notifications`,
 * the rejected ones too (and on the console, as a possible forgery), with what came of it. The
 * browser's return never comes here: only this and the reconciliation credit a wallet.
 */
export async function receiveNotification(db: Db, clock: Clock, gateway: PaymentGateway, request: NotificationRequest, sourceIp: string | null): Promise<NotificationAnswer> {
  const log = (entry: { outcome: 'settled' | 'unchanged' | 'pending' | 'rejected'; detail: string; paymentId?: number; transactionId?: string }) =>
    db.insert(paymentNotifications).values({ gateway: gateway.name, receivedAt: clock.now(), sourceIp, ...entry });
  const reject = async (httpStatus: 400 | 404 | 409, detail: string, ids: { paymentId?: number; transactionId?: string } = {}) => {
    console.warn(`Payment notification rejected (${gateway.name}, from ${sourceIp ?? 'unknown'}): ${detail}`);
    await log({ outcome: 'rejected', detail, ...ids });
    return { httpStatus, message: detail };
  };

  const verified = await gateway.verifyNotification(request);
  if (!verified.ok) return reject(400, verified.message);
  const { transactionId, outcome } = verified.value;
  const [payment] = await db
    .select({ id: payments.id, familyId: payments.familyId, reference: payments.reference, amountCents: payments.amountCents })
    .from(payments)
    .where(and(eq(payments.gateway, gateway.name), eq(payments.gatewayReference, transactionId)));
  if (!payment) return reject(404, `Transaction inconnue : ${transactionId}.`, { transactionId });

  const settled = await settlePayment(db, clock, payment, outcome);
  if (!settled.ok) return reject(409, settled.message, { paymentId: payment.id, transactionId });
  const { change } = settled.value;
  const detail = settled.value.change === 'settled' ? settled.value.status : change;
  await log({ outcome: change, detail, paymentId: payment.id, transactionId });
  return { httpStatus: 200, message: detail };
}
