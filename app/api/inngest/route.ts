import { serve } from 'inngest/next';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/functions';

// Inngest calls this route, authenticated by its signing key (INNGEST_SIGNING_KEY), not by a session.
export const { GET, POST, PUT } = serve({ client: inngest, functions });
