import { jobFunction } from '../job-function';

/** Card payments still in progress after 20 minutes, every 10 minutes: a lost notification never loses money. */
export const reconcilePayments = jobFunction('reconcilePayments');
