import 'server-only';
import { after } from 'next/server';
import { getDb } from '@/db';
import { appClock } from '@/lib/clock';
import { deliverPendingEmails } from './deliver';
import { configuredTransport } from './transport';

/**
 * Tries to deliver the outbox once the response is sent. A failure here never fails the action
 * that wrote the e-mails: they stay in the outbox and the delivery job retries them.
 */
export function deliverAfterResponse(): void {
  after(deliverPendingNow);
}

/**
 * Runs `work` once the response is sent, then delivers the e-mails it queued: for a request whose
 * answer must not take longer when it finds something (an account) than when it does not. Nobody
 * waits for the work, so a failure is logged, never thrown.
 */
export function runAfterResponse(description: string, work: () => Promise<unknown>): void {
  after(async () => {
    try {
      await work();
    } catch (error) {
      console.error(`${description} failed after the response.`, error);
      return;
    }
    await deliverPendingNow();
  });
}

async function deliverPendingNow() {
  try {
    await deliverPendingEmails(await getDb(), configuredTransport(), appClock(), { limit: 20 });
  } catch (error) {
    console.error('E-mail delivery failed; the outbox keeps the messages for a retry.', error);
  }
}
