import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { outboundEmails } from '@/db/schema';
import { REDACTED_LINK } from '@/emails/layout';
import { passwordChangedSubject } from '@/emails/password-changed';
import { requestEmailChange } from '@/lib/account/email';
import { requestPasswordReset, resetPassword } from '@/lib/account/password';
import { fixedClock } from '@/lib/clock';
import { deliverPendingEmails, MAX_ATTEMPTS } from '@/lib/mail/deliver';
import { queueEmails, type OutgoingEmail } from '@/lib/mail/outbox';
import { outboxMessage } from '@/lib/mail/staff-view';
import { renderTemplate } from '@/lib/mail/templates';
import { localTransport, mailCaptureDir, type MailMessage, type MailTransport } from '@/lib/mail/transport';
import { createTestDatabase, onPostgres } from '../support/db';
import { aGuardian } from '../support/factories';

let handle: DbHandle;
const clock = fixedClock('2026-11-26T10:00:00Z');
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());
beforeEach(async () => {
  await handle.db.delete(outboundEmails);
});

const props = { town: 'Mairie de Cestas', firstName: 'Jean-Paul', changedAt: '26/11/2026 à 10:00' };
async function requestEmailChangeFor(email: string) {
  const user = await aGuardian(handle.db, { email, password: 'ancien-mot-de-passe' });
  await requestEmailChange(handle.db, clock, user.id, { newEmail: email.replace('@', '-nouveau@'), currentPassword: 'ancien-mot-de-passe' });
}
const anEmail = async (to = 'parent@example.fr'): Promise<OutgoingEmail> => ({ to, template: 'password-changed', props });

function recordingTransport(options: { failFor?: string; delayMs?: number } = {}) {
  const sent: MailMessage[] = [];
  const transport: MailTransport = {
    name: 'test',
    async send(message) {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (message.to === options.failFor) throw new Error('boîte pleine');
      sent.push(message);
      return `test-${message.id}`;
    },
  };
  return { transport, sent };
}

describe('the e-mail outbox', () => {
  it('renders French HTML and plain text in the town’s layout', async () => {
    const email = await renderTemplate('password-changed', props);
    expect(email.html).toContain('Mairie de Cestas');
    expect(email.html).toMatch(/<html[^>]*lang="fr"/);
    expect(email.text).toContain('Bonjour Jean-Paul,');
    expect(email.text).not.toContain('<');
  });

  it('keeps an e-mail only if the change that causes it commits', async () => {
    const email = await anEmail();
    await expect(
      handle.db.transaction(async (tx) => {
        await queueEmails(tx, clock, [email]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await handle.db.select().from(outboundEmails)).toEqual([]);

    await handle.db.transaction((tx) => queueEmails(tx, clock, [email]));
    expect(await handle.db.select().from(outboundEmails)).toHaveLength(1);
  });

  it('sends each message once, however often delivery runs', async () => {
    await queueEmails(handle.db, clock, [await anEmail('a@example.fr'), await anEmail('b@example.fr')]);
    const { transport, sent } = recordingTransport();
    expect(await deliverPendingEmails(handle.db, transport, clock)).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(await deliverPendingEmails(handle.db, transport, clock)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(sent.map((m) => m.to).sort()).toEqual(['a@example.fr', 'b@example.fr']);
    const rows = await handle.db.select().from(outboundEmails);
    expect(rows.every((row) => row.status === 'sent' && row.providerMessageId?.startsWith('test-'))).toBe(true);
  });

  it('retries a failed message later with a growing delay, then gives up, without holding up the others', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const [failingId] = await queueEmails(handle.db, clock, [await anEmail('pleine@example.fr'), await anEmail('ok@example.fr')]);
    const { transport, sent } = recordingTransport({ failFor: 'pleine@example.fr' });

    expect(await deliverPendingEmails(handle.db, transport, clock)).toEqual({ sent: 1, retried: 1, failed: 0 });
    expect(sent.map((m) => m.to)).toEqual(['ok@example.fr']);
    const [first] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.id, failingId!));
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'boîte pleine' });
    expect(first!.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 60_000);

    // Not due yet: nothing is tried.
    expect(await deliverPendingEmails(handle.db, transport, clock)).toEqual({ sent: 0, retried: 0, failed: 0 });

    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      clock.advance(24 * 3_600_000);
      await deliverPendingEmails(handle.db, transport, clock);
    }
    const [last] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.id, failingId!));
    expect(last).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
  });

  it('stores the template and its props, renders at delivery and keeps what was sent', async () => {
    const [id] = await queueEmails(handle.db, clock, [await anEmail('rendu@example.fr')]);
    const [queued] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.id, id!));
    expect(queued).toMatchObject({ template: 'password-changed', subject: passwordChangedSubject, props, html: null, text: null });
    // Staff can read a waiting message as it will be sent.
    expect((await outboxMessage(handle.db, id!))!.text).toContain('Bonjour Jean-Paul,');

    const { transport, sent } = recordingTransport();
    await deliverPendingEmails(handle.db, transport, clock);
    expect(sent[0]!.html).toContain('Mairie de Cestas');
    expect(sent[0]!.text).toContain('Bonjour Jean-Paul,');
    const [kept] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.id, id!));
    expect(kept).toMatchObject({ status: 'sent', html: sent[0]!.html, text: sent[0]!.text });
  });

  it('still delivers a message queued already rendered, before templates were stored by name', async () => {
    const [old] = await handle.db
      .insert(outboundEmails)
      .values({ toAddress: 'ancien@example.fr', subject: 'Ancien message', template: 'password-changed', html: '<p>Ancien</p>', text: 'Ancien', createdAt: clock.now(), nextAttemptAt: clock.now() })
      .returning();
    expect((await outboxMessage(handle.db, old!.id))!.text).toBe('Ancien');
    const { transport, sent } = recordingTransport();
    expect(await deliverPendingEmails(handle.db, transport, clock)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(sent).toEqual([
      { id: old!.id, to: 'ancien@example.fr', subject: 'Ancien message', html: '<p>Ancien</p>', text: 'Ancien', kept: { html: '<p>Ancien</p>', text: 'Ancien' } },
    ]);
  });

  it('keeps a copy of each message under the mail folder with the local transport', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-mail-'));
    const [id] = await queueEmails(handle.db, clock, [await anEmail('local@example.fr')]);
    await deliverPendingEmails(handle.db, localTransport(dir), clock);
    const saved = JSON.parse(fs.readFileSync(path.join(dir, `${String(id).padStart(6, '0')}.json`), 'utf8'));
    expect(saved).toMatchObject({ id, to: 'local@example.fr', subject: passwordChangedSubject });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps no working link: outbox, staff view and mail folder are redacted, only the message sent carries it', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-mail-'));
    const [dir, captureDir] = [path.join(work, 'mail'), path.join(work, 'capture')];
    await aGuardian(handle.db, { login: 'secret', email: 'secret@example.fr', password: 'ancien-mot-de-passe' });
    await requestPasswordReset(handle.db, clock, 'secret');
    const [queued] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, 'secret@example.fr'));
    expect(JSON.stringify(queued!.props)).not.toContain('jeton=');
    expect((queued!.secrets as { link: string }).link).toContain('jeton=');
    // A waiting message, as staff see it: the link is already redacted.
    expect((await outboxMessage(handle.db, queued!.id))!.text).toContain(REDACTED_LINK);

    await deliverPendingEmails(handle.db, localTransport(dir, captureDir), clock);
    const file = (folder: string, ext: string) => fs.readFileSync(path.join(folder, `${String(queued!.id).padStart(6, '0')}.${ext}`), 'utf8');
    const [kept] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.id, queued!.id));
    const viewed = await outboxMessage(handle.db, queued!.id);
    const keptCopies = [JSON.stringify(kept), JSON.stringify(viewed), file(dir, 'json'), file(dir, 'html')];
    for (const copy of keptCopies) expect(copy).not.toMatch(/jeton=[A-Za-z0-9_-]/);
    expect(kept).toMatchObject({ status: 'sent', secrets: null });
    expect(kept!.text).toContain(REDACTED_LINK);
    expect(viewed!.html).toContain(REDACTED_LINK);
    expect(file(dir, 'html')).toContain(REDACTED_LINK);

    // The test mailbox holds the message as sent, and its link works.
    const captured = JSON.parse(file(captureDir, 'json')) as { text: string; html: string };
    expect(captured.html).toContain('jeton=');
    const token = /jeton=([A-Za-z0-9_-]+)/.exec(captured.text)![1]!;
    expect(await resetPassword(handle.db, clock, token, 'un nouveau mot de passe solide')).toEqual({ ok: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('forgets the secrets of a message given up, and keeps them for a retry until then', async () => {
    await requestEmailChangeFor('abandon@example.fr');
    const { transport } = recordingTransport({ failFor: 'abandon-nouveau@example.fr' });
    const clock = fixedClock('2026-11-26T10:00:00Z');
    await deliverPendingEmails(handle.db, transport, clock);
    const [retried] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, 'abandon-nouveau@example.fr'));
    expect(retried).toMatchObject({ status: 'pending', secrets: { link: expect.stringContaining('jeton=') } });
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      clock.advance(24 * 3_600_000);
      await deliverPendingEmails(handle.db, transport, clock);
    }
    const [failed] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.id, retried!.id));
    expect(failed).toMatchObject({ status: 'failed', secrets: null });
  });

  it('sends a message with a secret link only with its link, never redacted', async () => {
    await handle.db.insert(outboundEmails).values({
      toAddress: 'sans-lien@example.fr',
      subject: 'Choisissez un nouveau mot de passe',
      template: 'password-reset',
      props: { town: 'Mairie de Cestas', firstName: 'Jean-Paul', validUntil: '26/11/2026 à 11:00' },
      createdAt: clock.now(),
      nextAttemptAt: clock.now(),
    });
    const { transport, sent } = recordingTransport();
    expect(await deliverPendingEmails(handle.db, transport, clock)).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(sent).toEqual([]);
  });

  it('writes the message as sent to MAIL_CAPTURE_DIR in development and tests, never in production', () => {
    expect(mailCaptureDir({ MAIL_CAPTURE_DIR: '/tmp/boite', NODE_ENV: 'development' })).toBe('/tmp/boite');
    expect(mailCaptureDir({ MAIL_CAPTURE_DIR: '/tmp/boite', NODE_ENV: 'test' })).toBe('/tmp/boite');
    expect(mailCaptureDir({ MAIL_CAPTURE_DIR: '/tmp/boite', NODE_ENV: 'production' })).toBeUndefined();
    expect(mailCaptureDir({ NODE_ENV: 'development' })).toBeUndefined();
  });
});

describe.skipIf(!onPostgres)('the e-mail outbox under concurrent delivery (PostgreSQL)', () => {
  async function raceTwoDeliverers(unsafeWithoutLocking: boolean) {
    await handle.db.delete(outboundEmails);
    await queueEmails(handle.db, clock, await Promise.all(Array.from({ length: 6 }, (_, i) => anEmail(`p${i}@example.fr`))));
    const { transport, sent } = recordingTransport({ delayMs: 30 });
    await Promise.all([
      deliverPendingEmails(handle.db, transport, clock, { unsafeWithoutLocking }),
      deliverPendingEmails(handle.db, transport, clock, { unsafeWithoutLocking }),
    ]);
    return sent.map((m) => m.id);
  }

  it('never sends a message twice when two deliverers run at once', async () => {
    const ids = await raceTwoDeliverers(false);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('control: without the row lock the same race sends duplicates', async () => {
    const ids = await raceTwoDeliverers(true);
    expect(ids.length).toBeGreaterThan(new Set(ids).size);
  });
});
