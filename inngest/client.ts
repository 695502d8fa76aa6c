import { Inngest } from 'inngest';

/** Reads INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (Inngest Cloud or a self-hosted server). */
export const inngest = new Inngest({ id: 'compte-famille' });
