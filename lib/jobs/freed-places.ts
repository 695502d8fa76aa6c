import 'server-only';
import { after } from 'next/server';
import { getDb } from '@/db';
import { inngest } from '@/inngest/client';
import { appClock } from '@/lib/clock';
import { runAfterResponse } from '@/lib/mail/after-commit';
import { inngestConfigured } from './in-process';
import { PLACES_FREED_EVENT, runJob } from './registry';

/** How long the event may take to leave before it is given up (the nightly run catches it). */
export const SEND_TIMEOUT_MS = 3000;

/**
 * Announces, once the response is sent, that a committed cancellation freed places on these days,
 * so that their waiting lists are promoted now rather than at night. With Inngest, one
 * `reservations/places.freed` event; without, the promotion runs in this process, then the
 * e-mails it queued are delivered.
 *
 * The intent is already in the database: it is the cancellation itself. promoteWaitingLists finds
 * its work from the reservations and the days' capacities, so the nightly run promotes whatever an
 * event that never left (or a promotion that failed here) missed. Hence nothing here is awaited by
 * the action, and a failure is logged, never thrown.
 */
export function announceFreedPlaces(dayIds: number[], env: Record<string, string | undefined> = process.env): void {
  if (dayIds.length === 0) return;
  if (!inngestConfigured(env)) {
    runAfterResponse('The waiting-list promotion of the freed days', async () =>
      runJob(await getDb(), appClock(), 'promoteWaitingLists', { trigger: 'cancellation', dayIds }),
    );
    return;
  }
  after(async () => {
    try {
      await withTimeout(inngest.send({ name: PLACES_FREED_EVENT, data: { dayIds } }), SEND_TIMEOUT_MS);
    } catch (error) {
      console.error(`The ${PLACES_FREED_EVENT} event was not sent; the nightly promotion will fill the freed places.`, error);
    }
  });
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
