import { PLACES_FREED_EVENT } from '@/lib/jobs/registry';
import { jobFunction } from '../job-function';

/** The overnight jobs, each at its hour in Europe/Paris (lib/jobs/registry.ts). */
export const transmitRequests = jobFunction('transmitRequests');
// Nightly as the fallback; a cancellation's event promotes the days it freed at once.
export const promoteWaitingLists = jobFunction('promoteWaitingLists', { events: [PLACES_FREED_EVENT] });
export const postConsumptions = jobFunction('postConsumptions');
export const sendDailyReports = jobFunction('sendDailyReports');
