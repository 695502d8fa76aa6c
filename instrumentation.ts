import type { Instrumentation } from 'next';
import { logRequestError } from '@/lib/request-errors';

export const onRequestError: Instrumentation.onRequestError = (error, request) => logRequestError(error, request);

export async function register() {
  // The scheduled jobs run in the Node.js server only, and never while `next build` pre-renders.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startScheduledJobs } = await import('@/lib/jobs/in-process');
  await startScheduledJobs();
}
