import { jobFunction } from '../job-function';

/** The outbox, every minute; actions also deliver right after their commit (lib/mail/after-commit.ts). */
export const deliverEmails = jobFunction('deliverEmails');
