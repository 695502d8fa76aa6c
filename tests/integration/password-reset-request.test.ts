// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { authTokens, outboundEmails } from '@/db/schema';
import { createTestDatabase } from '../support/db';
import { aGuardian } from '../support/factories';

vi.mock('@/lib/mail/transport', () => ({ configuredTransport: () => ({ name: 'test', send: async () => ({ id: 'sent' }) }) }));

const { requestResetAction } = await import('@/app/mot-de-passe-oublie/actions');

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

/** A database that fails the test if anything reads or writes it. */
const untouchable = new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(`The database was used before the answer (${String(property)}).`);
    },
  },
);

const request = (identifier: string) => {
  const form = new FormData();
  form.set('identifier', identifier);
  return requestResetAction({}, form);
};

describe('"Mot de passe oublié": the time of the answer tells nothing', () => {
  it('answers a known and an unknown identifier alike without touching the database, then does the work once the answer has gone', async () => {
    state.db = handle.db;
    await aGuardian(handle.db, { login: 'connu', email: 'connu@example.fr' });
    state.holdAfter = true;
    state.db = untouchable;

    // No lookup, no link, no e-mail before the answer: its time cannot depend on the account.
    const known = await request('connu');
    const byEmail = await request('CONNU@example.fr');
    const unknown = await request('personne');
    expect(known).toEqual(unknown);
    expect(byEmail).toEqual(unknown);
    expect(known).toMatchObject({ ok: true, message: expect.stringContaining('Si ce compte existe') });
    expect(state.heldAfterWork).toHaveLength(3);

    state.db = handle.db;
    for (const work of state.heldAfterWork.splice(0)) await work();
    const sent = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, 'connu@example.fr'));
    // One link for the account (the second request falls within the five minutes), delivered; nothing for the unknown identifier.
    expect(sent.map((m) => [m.template, m.status])).toEqual([['password-reset', 'sent']]);
    expect(await handle.db.select().from(authTokens)).toHaveLength(1);
    expect(await handle.db.select().from(outboundEmails)).toHaveLength(1);
  });
});
