import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, authTokens, outboundEmails, users } from '@/db/schema';
import { confirmEmailChange, requestEmailChange } from '@/lib/account/email';
import { changePassword, issueDeskPasswordReset, requestPasswordReset, resetPassword } from '@/lib/account/password';
import { EXPIRED_LINK, USED_LINK } from '@/lib/account/tokens';
import { logIn } from '@/lib/auth/login';
import { fixedClock } from '@/lib/clock';
import { deliverPendingEmails } from '@/lib/mail/deliver';
import { messageBody } from '@/lib/mail/outbox';
import type { MailMessage, MailTransport } from '@/lib/mail/transport';
import { createTestDatabase } from '../support/db';
import { aGuardian, aUser } from '../support/factories';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const oldPassword = 'ancien-mot-de-passe';
const newPassword = 'un nouveau mot de passe solide';

const canLogIn = async (login: string, password: string, clock = fixedClock('2026-11-26T10:00:00Z')) =>
  (await logIn(handle.db, clock, { identifier: login, password, ip: `192.0.2.${Math.floor(Math.random() * 250)}` })).ok;

async function emailsTo(address: string) {
  const rows = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, address)).orderBy(desc(outboundEmails.id));
  return Promise.all(rows.map(async (row) => ({ ...row, ...(await messageBody(row)) })));
}
const tokenIn = (text: string) => /jeton=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

// The kept copies have their links redacted: a link is read from the message as sent.
const sent: MailMessage[] = [];
const recording: MailTransport = {
  name: 'test',
  async send(message) {
    sent.push(message);
    return `test-${message.id}`;
  },
};
/** The token of the newest link sent to an address, after delivering what is waiting. */
async function tokenSentTo(address: string) {
  await deliverPendingEmails(handle.db, recording, fixedClock('2100-01-01T00:00:00Z'));
  const message = sent.filter((m) => m.to === address && m.text.includes('jeton=')).at(-1);
  return tokenIn(message?.text ?? '');
}

describe('changing one’s password', () => {
  it('refuses a wrong current password, and changes nothing', async () => {
    const user = await aGuardian(handle.db, { login: 'leroy', email: 'leroy@example.fr', password: oldPassword });
    const result = await changePassword(handle.db, fixedClock('2026-11-26T10:00:00Z'), user.id, { currentPassword: 'faux', newPassword });
    expect(result).toEqual({ ok: false, field: 'currentPassword', message: 'Le mot de passe actuel est incorrect.' });
    expect(await canLogIn('leroy', oldPassword)).toBe(true);
    expect(await emailsTo('leroy@example.fr')).toEqual([]);
  });

  it('refuses short, common, too long and identifier-based passwords with French reasons', async () => {
    const user = await aGuardian(handle.db, { login: 'moulin', email: 'moulin@example.fr', password: oldPassword });
    const attempt = (candidate: string) =>
      changePassword(handle.db, fixedClock('2026-11-26T10:00:00Z'), user.id, { currentPassword: oldPassword, newPassword: candidate });
    expect(await attempt('court')).toMatchObject({ ok: false, message: 'Le mot de passe doit contenir au moins 12 caractères.' });
    expect(await attempt('unbelievable')).toMatchObject({ ok: false, message: expect.stringContaining('trop facile à deviner') });
    expect(await attempt('password1234')).toMatchObject({ ok: false, message: expect.stringContaining('couramment utilisé') });
    expect(await attempt('x'.repeat(129))).toMatchObject({ ok: false, message: expect.stringContaining('128') });
    expect(await attempt('moulin-moulin-2026')).toMatchObject({ ok: false, message: expect.stringContaining('identifiant') });
    expect(await canLogIn('moulin', oldPassword)).toBe(true);
  });

  it('replaces the password, ends other sessions and sends a notice', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const user = await aGuardian(handle.db, { login: 'perrot', email: 'perrot@example.fr', password: oldPassword });
    expect(await changePassword(handle.db, clock, user.id, { currentPassword: oldPassword, newPassword })).toEqual({ ok: true });
    expect(await canLogIn('perrot', oldPassword)).toBe(false);
    expect(await canLogIn('perrot', newPassword)).toBe(true);
    const [after] = await handle.db.select().from(users).where(eq(users.id, user.id));
    expect(after!.sessionVersion).toBe(user.sessionVersion + 1);
    const [notice] = await emailsTo('perrot@example.fr');
    expect(notice).toMatchObject({ template: 'password-changed', status: 'pending', familyId: user.familyId });
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, String(user.id)));
    expect(audit).toMatchObject({ action: 'password.change', actorUserId: user.id });
  });
});

describe('"Mot de passe oublié"', () => {
  it('sends nothing for an unknown identifier or an account without e-mail, and does not say so', async () => {
    await aGuardian(handle.db, { login: 'sansmail', email: null, password: oldPassword });
    const before = (await handle.db.select().from(outboundEmails)).length;
    await expect(requestPasswordReset(handle.db, fixedClock('2026-11-26T10:00:00Z'), 'inconnu')).resolves.toBeUndefined();
    await expect(requestPasswordReset(handle.db, fixedClock('2026-11-26T10:00:00Z'), 'sansmail')).resolves.toBeUndefined();
    expect((await handle.db.select().from(outboundEmails)).length).toBe(before);
  });

  it('sends a single-use link that works once, then never again', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    await aGuardian(handle.db, { login: 'roche', email: 'roche@example.fr', password: oldPassword });
    await requestPasswordReset(handle.db, clock, 'ROCHE@example.fr');
    const [mail] = await emailsTo('roche@example.fr');
    expect(mail!.template).toBe('password-reset');
    const token = await tokenSentTo('roche@example.fr');

    expect(await resetPassword(handle.db, clock, token, 'court')).toMatchObject({ ok: false, message: expect.stringContaining('12 caractères') });
    expect(await resetPassword(handle.db, clock, token, newPassword)).toEqual({ ok: true });
    expect(await canLogIn('roche', newPassword)).toBe(true);
    expect(await canLogIn('roche', oldPassword)).toBe(false);
    expect(await resetPassword(handle.db, clock, token, 'encore un autre mot de passe')).toEqual({ ok: false, message: USED_LINK });
    expect(await canLogIn('roche', newPassword)).toBe(true);
  });

  it('refuses an expired link with a clear message', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    await aGuardian(handle.db, { login: 'vidal', email: 'vidal@example.fr', password: oldPassword });
    await requestPasswordReset(handle.db, clock, 'vidal');
    const token = await tokenSentTo('vidal@example.fr');
    clock.advance(61 * 60_000);
    expect(await resetPassword(handle.db, clock, token, newPassword)).toEqual({ ok: false, message: EXPIRED_LINK });
    expect(await canLogIn('vidal', oldPassword)).toBe(true);
  });

  it('does not send a second link within five minutes', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    await aGuardian(handle.db, { login: 'brun', email: 'brun@example.fr', password: oldPassword });
    await requestPasswordReset(handle.db, clock, 'brun');
    clock.advance(60_000);
    await requestPasswordReset(handle.db, clock, 'brun');
    expect(await emailsTo('brun@example.fr')).toHaveLength(1);
    clock.advance(5 * 60_000);
    await requestPasswordReset(handle.db, clock, 'brun');
    expect(await emailsTo('brun@example.fr')).toHaveLength(2);
  });

  it('lets staff hand a family without e-mail a reset link', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const agent = await aUser(handle.db, { role: 'agent' });
    const parent = await aGuardian(handle.db, { login: 'guichet', email: null, password: oldPassword });
    const issued = await issueDeskPasswordReset(handle.db, clock, { id: agent.id, role: 'agent' }, parent.id);
    expect(issued.ok).toBe(true);
    const token = issued.ok ? tokenIn(issued.value.link) : '';
    clock.advance(3 * 24 * 3_600_000);
    expect(await resetPassword(handle.db, clock, token, newPassword)).toEqual({ ok: true });
    expect(await canLogIn('guichet', newPassword)).toBe(true);
    expect(await issueDeskPasswordReset(handle.db, clock, { id: agent.id, role: 'agent' }, agent.id)).toMatchObject({ ok: false });
  });
});

describe('changing one’s e-mail address', () => {
  it('applies the new address only after the link is followed, once', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const user = await aGuardian(handle.db, { login: 'lucas', email: 'lucas@example.fr', password: oldPassword });
    const result = await requestEmailChange(handle.db, clock, user.id, { newEmail: 'nouvelle@example.fr', currentPassword: oldPassword });
    expect(result).toEqual({ ok: true });
    expect((await handle.db.select().from(users).where(eq(users.id, user.id)))[0]!.email).toBe('lucas@example.fr');
    const [verification] = await emailsTo('nouvelle@example.fr');
    const [notice] = await emailsTo('lucas@example.fr');
    expect(verification!.template).toBe('email-change-verification');
    expect(notice!.template).toBe('email-change-notice');

    const token = await tokenSentTo('nouvelle@example.fr');
    expect(await confirmEmailChange(handle.db, clock, token)).toEqual({ ok: true });
    expect((await handle.db.select().from(users).where(eq(users.id, user.id)))[0]!.email).toBe('nouvelle@example.fr');
    expect(await confirmEmailChange(handle.db, clock, token)).toEqual({ ok: false, message: USED_LINK });
  });

  it('answers a request for an address another account uses as for a free one, and tells that address instead of sending it a link', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const owner = await aGuardian(handle.db, { email: 'prise@example.fr' });
    const user = await aGuardian(handle.db, { login: 'noel', email: 'noel@example.fr', password: oldPassword });
    const free = await requestEmailChange(handle.db, clock, user.id, { newEmail: 'libre-noel@example.fr', currentPassword: oldPassword });
    const taken = await requestEmailChange(handle.db, clock, user.id, { newEmail: 'prise@example.fr', currentPassword: oldPassword });
    expect(taken).toEqual(free);
    expect(taken).toEqual({ ok: true });

    // The address's owner learns of it; no link goes there, so nothing can take the address over.
    const [told] = await emailsTo('prise@example.fr');
    expect(await emailsTo('prise@example.fr')).toHaveLength(1);
    expect(told).toMatchObject({ template: 'email-address-taken', subject: 'Cette adresse e-mail est déjà utilisée' });
    expect(told!.text).toContain('déjà enregistrée sur un compte');
    expect(told!.text).not.toContain('jeton=');
    const links = await handle.db.select({ newEmail: authTokens.newEmail }).from(authTokens).where(eq(authTokens.userId, user.id));
    expect(links).toEqual([{ newEmail: 'libre-noel@example.fr' }]);
    // The requester's own mailbox gets the same notice either way.
    expect((await emailsTo('noel@example.fr')).map((m) => [m.template, (m.props as { newEmail: string }).newEmail])).toEqual([
      ['email-change-notice', 'prise@example.fr'],
      ['email-change-notice', 'libre-noel@example.fr'],
    ]);
    const emailOf = async (id: number) => (await handle.db.select().from(users).where(eq(users.id, id)))[0]!.email;
    expect([await emailOf(user.id), await emailOf(owner.id)]).toEqual(['noel@example.fr', 'prise@example.fr']);
  });

  it('refuses to confirm an address another account took since the link was sent, and keeps the link unused', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const user = await aGuardian(handle.db, { login: 'masson', email: 'masson@example.fr', password: oldPassword });
    await requestEmailChange(handle.db, clock, user.id, { newEmail: 'disputee@example.fr', currentPassword: oldPassword });
    const token = await tokenSentTo('disputee@example.fr');
    const other = await aGuardian(handle.db, { email: 'disputee@example.fr' });
    expect(await confirmEmailChange(handle.db, clock, token)).toEqual({ ok: false, message: 'Cette adresse e-mail est déjà utilisée par un autre compte.' });
    expect((await handle.db.select().from(users).where(eq(users.id, user.id)))[0]!.email).toBe('masson@example.fr');
    await handle.db.update(users).set({ email: 'ailleurs@example.fr' }).where(eq(users.id, other.id));
    expect(await confirmEmailChange(handle.db, clock, token)).toEqual({ ok: true });
  });

  it('refuses a wrong password, and sends nothing', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const user = await aGuardian(handle.db, { login: 'noel-bis', email: 'noel-bis@example.fr', password: oldPassword });
    expect(await requestEmailChange(handle.db, clock, user.id, { newEmail: 'libre@example.fr', currentPassword: 'faux' })).toMatchObject({
      ok: false,
      field: 'currentPassword',
    });
    expect(await emailsTo('libre@example.fr')).toEqual([]);
  });

  it('refuses an expired e-mail link', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const user = await aGuardian(handle.db, { login: 'marty', email: 'marty@example.fr', password: oldPassword });
    await requestEmailChange(handle.db, clock, user.id, { newEmail: 'marty2@example.fr', currentPassword: oldPassword });
    const token = await tokenSentTo('marty2@example.fr');
    clock.advance(25 * 3_600_000);
    expect(await confirmEmailChange(handle.db, clock, token)).toEqual({ ok: false, message: EXPIRED_LINK });
  });
});

describe('links that die with the password', () => {
  it('refuses an e-mail-change link once the password has been changed', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const user = await aGuardian(handle.db, { login: 'fabre', email: 'fabre@example.fr', password: oldPassword });
    // Someone who knew the old password asks to move the account to their mailbox…
    await requestEmailChange(handle.db, clock, user.id, { newEmail: 'intrus@example.fr', currentPassword: oldPassword });
    const token = await tokenSentTo('intrus@example.fr');
    // …and the family changes its password before the link is followed.
    expect(await changePassword(handle.db, clock, user.id, { currentPassword: oldPassword, newPassword })).toEqual({ ok: true });
    expect(await confirmEmailChange(handle.db, clock, token)).toMatchObject({ ok: false });
    expect((await handle.db.select().from(users).where(eq(users.id, user.id)))[0]!.email).toBe('fabre@example.fr');
  });

  it('refuses an e-mail-change link once the password has been reset, and an older reset link too', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const user = await aGuardian(handle.db, { login: 'meunier', email: 'meunier@example.fr', password: oldPassword });
    await requestEmailChange(handle.db, clock, user.id, { newEmail: 'intrus2@example.fr', currentPassword: oldPassword });
    const emailToken = await tokenSentTo('intrus2@example.fr');
    const desk = await issueDeskPasswordReset(handle.db, clock, { id: null, role: 'agent' }, user.id);
    clock.advance(6 * 60_000);
    await requestPasswordReset(handle.db, clock, 'meunier');
    expect(await resetPassword(handle.db, clock, await tokenSentTo('meunier@example.fr'), newPassword)).toEqual({ ok: true });
    expect(await confirmEmailChange(handle.db, clock, emailToken)).toMatchObject({ ok: false });
    expect(await resetPassword(handle.db, clock, desk.ok ? tokenIn(desk.value.link) : '', 'encore un autre mot de passe')).toMatchObject({ ok: false });
    expect((await handle.db.select().from(users).where(eq(users.id, user.id)))[0]!.email).toBe('meunier@example.fr');
    expect(await canLogIn('meunier', newPassword)).toBe(true);
  });

  it('refuses the e-mail-change link of a deactivated account', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const user = await aGuardian(handle.db, { login: 'carre', email: 'carre@example.fr', password: oldPassword });
    await requestEmailChange(handle.db, clock, user.id, { newEmail: 'carre2@example.fr', currentPassword: oldPassword });
    const token = await tokenSentTo('carre2@example.fr');
    await handle.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await confirmEmailChange(handle.db, clock, token)).toEqual({ ok: false, message: 'Compte introuvable.' });
    expect((await handle.db.select().from(users).where(eq(users.id, user.id)))[0]!.email).toBe('carre@example.fr');
  });
});

describe('throttling current-password and reset attempts', () => {
  const throttled = { ok: false, code: 'throttled', field: 'currentPassword', message: expect.stringMatching(/^Trop de tentatives/) };

  it('throttles wrong current passwords on the password change form, together with the logins', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const user = await aGuardian(handle.db, { login: 'hubert', email: 'hubert@example.fr', password: oldPassword });
    for (let i = 0; i < 5; i++) {
      expect(await changePassword(handle.db, clock, user.id, { currentPassword: `faux-${i}`, newPassword })).toMatchObject({ field: 'currentPassword' });
    }
    expect(await changePassword(handle.db, clock, user.id, { currentPassword: oldPassword, newPassword })).toMatchObject(throttled);
    expect(await canLogIn('hubert', oldPassword, clock)).toBe(false);
    clock.advance(31_000);
    expect(await changePassword(handle.db, clock, user.id, { currentPassword: oldPassword, newPassword })).toEqual({ ok: true });
  });

  it('throttles wrong current passwords on the e-mail change form', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const user = await aGuardian(handle.db, { login: 'collin', email: 'collin@example.fr', password: oldPassword });
    for (let i = 0; i < 5; i++) {
      await requestEmailChange(handle.db, clock, user.id, { newEmail: 'collin2@example.fr', currentPassword: `faux-${i}` });
    }
    expect(await requestEmailChange(handle.db, clock, user.id, { newEmail: 'collin2@example.fr', currentPassword: oldPassword })).toMatchObject(throttled);
    expect(await emailsTo('collin2@example.fr')).toEqual([]);
  });

  it('lifts the throttle of an account whose password was reset with a link', async () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    await aGuardian(handle.db, { login: 'giraud', email: 'giraud@example.fr', password: oldPassword });
    for (let i = 0; i < 8; i++) await logIn(handle.db, clock, { identifier: 'giraud', password: `faux-${i}`, ip: `192.0.2.${i}` });
    expect(await canLogIn('giraud', oldPassword, clock)).toBe(false);
    await requestPasswordReset(handle.db, clock, 'giraud');
    expect(await resetPassword(handle.db, clock, await tokenSentTo('giraud@example.fr'), newPassword)).toEqual({ ok: true });
    expect(await canLogIn('giraud', newPassword, clock)).toBe(true);
  });
});
