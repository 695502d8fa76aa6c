import { deliverEmails } from './deliver-emails';
import { postConsumptions, promoteWaitingLists, sendDailyReports, transmitRequests } from './overnight';
import { reconcilePayments } from './reconcile-payments';

/** Every function /api/inngest serves: one per registry job. */
export const functions = [deliverEmails, transmitRequests, promoteWaitingLists, postConsumptions, sendDailyReports, reconcilePayments];
