import { deliverEmails } from './deliver-emails';

/** Every function /api/inngest serves: one per registry job. */
export const functions = [deliverEmails];
