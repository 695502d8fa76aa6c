// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { outboundEmails } from '@/db/schema';
import { createTestDatabase } from '../support/db';
import { aGuardian } from '../support/factories';

// The real action, with Next's `after` run on the spot (next-mocks) and a mail provider that is down.
vi.mock('@/lib/mail/transport', () => ({
  configuredTransport: () => ({
    name: 'down',
    send: async () => {
      throw new Error('service de messagerie indisponible');
    },
  }),
}));

const { requestResetAction } = await import('@/app/mot-de-passe-oublie/actions');

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  state.db = handle.db;
});
afterAll(() => handle.close());

describe('delivery right after an action', () => {
  it('never fails the action when the mail provider is down; the message waits in the outbox', async () => {
    await aGuardian(handle.db, { login: 'panne', email: 'panne@example.fr' });
    const form = new FormData();
    form.set('identifier', 'panne');
    const result = await requestResetAction({}, form);
    expect(result.ok).toBe(true);
    await Promise.all(state.afterWork);
    const [message] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, 'panne@example.fr'));
    expect(message).toMatchObject({ status: 'pending', attempts: 1, lastError: 'service de messagerie indisponible' });
  });
});
