// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { count, desc, eq } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, authTokens, children, families, outboundEmails, sessions, users } from '@/db/schema';
import { resetPassword } from '@/lib/account/password';
import { USED_LINK } from '@/lib/account/tokens';
import { logIn } from '@/lib/auth/login';
import { fixedClock } from '@/lib/clock';
import { addGuardian, issueAccessLink, setGuardianActive, updateGuardian } from '@/lib/families/guardians';
import { searchFamilies } from '@/lib/families/overview';
import { addChild, createFamily, updateChild, updateFamily } from '@/lib/families/records';
import { deliverPendingEmails } from '@/lib/mail/deliver';
import type { MailMessage, MailTransport } from '@/lib/mail/transport';
import { createTestDatabase } from '../support/db';
import { aChild, aConsumption, aGuardian, anActivity, aPayment, aUser, aWallet, aWalletType, testSessionId } from '../support/factories';
import { sessionOf } from '../support/session';

const { createFamilyAction } = await import('@/app/admin/familles/actions');
const { addChildAction, addGuardianAction } = await import('@/app/admin/familles/[id]/actions');
const { default: FamilyPage } = await import('@/app/admin/familles/[id]/page');
const { GET: staffAttestation } = await import('@/app/admin/familles/[id]/attestations/[enfant]/route');

let handle: DbHandle;
let agent: Awaited<ReturnType<typeof aUser>>;
const clock = fixedClock('2026-11-26T10:00:00Z');
const staff = () => ({ id: agent.id, role: 'agent' });
const password = 'un mot de passe bien solide';

beforeAll(async () => {
  handle = await createTestDatabase();
  state.db = handle.db;
  agent = await aUser(handle.db, { role: 'agent' });
});
afterAll(() => handle.close());
beforeEach(() => {
  state.session = null;
});

const rows = async (table: typeof families | typeof users | typeof children | typeof auditLog | typeof authTokens) =>
  (await handle.db.select({ n: count() }).from(table))[0]!.n;
const snapshot = async () => ({ families: await rows(families), users: await rows(users), children: await rows(children), audit: await rows(auditLog), tokens: await rows(authTokens) });
const canLogIn = async (identifier: string, secret: string) =>
  (await logIn(handle.db, clock, { identifier, password: secret, ip: `198.51.100.${Math.floor(Math.random() * 250)}` })).ok;

const sent: MailMessage[] = [];
const recording: MailTransport = {
  name: 'test',
  async send(message) {
    sent.push(message);
    return `test-${message.id}`;
  },
};
const tokenIn = (text: string) => /jeton=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

describe('finding a family', () => {
  it('finds a family by its name, identifier, a guardian’s e-mail or login, and a child’s first name', async () => {
    const parent = await aGuardian(handle.db, { login: 'rameau', email: 'celine.rameau@example.fr', lastName: 'RAMEAU' });
    await handle.db.update(families).set({ name: 'RAMEAU', identifier: 'fam-ram-77' }).where(eq(families.id, parent.familyId!));
    await aChild(handle.db, parent.familyId!, { firstName: 'Philomène', lastName: 'RAMEAU' });
    await aGuardian(handle.db, { lastName: 'AUTRE' });
    for (const query of ['rameau', 'FAM-RAM', 'celine.rameau@', 'philomène']) {
      const found = await searchFamilies(handle.db, query);
      expect(found.map((family) => family.id), query).toEqual([parent.familyId]);
    }
    expect(await searchFamilies(handle.db, 'introuvable-xyz')).toEqual([]);
  });
});

describe('creating and editing a family, its guardians and its children', () => {
  it('creates a family with a readable identifier from its name, never taken twice, audited with the agent', async () => {
    const first = await createFamily(handle.db, clock, staff(), { name: 'Lefèvre-Dubois' });
    const second = await createFamily(handle.db, clock, staff(), { name: 'LEFEVRE DUBOIS' });
    expect(first).toMatchObject({ ok: true, value: { identifier: 'lefevredubois' } });
    expect(second).toMatchObject({ ok: true, value: { identifier: 'lefevredubois2' } });
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'family.created')).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ actorUserId: agent.id, actorRole: 'agent', entityType: 'family' });
  });

  it('refuses bad input with a French message beside the field, and writes nothing', async () => {
    const family = await createFamily(handle.db, clock, staff(), { name: 'Garnier' });
    if (!family.ok) throw new Error(family.message);
    const familyId = family.value.id;
    const guardian = await aGuardian(handle.db, { familyId, email: 'pris@example.fr' });
    const child = await aChild(handle.db, familyId);
    const before = await snapshot();
    expect(await createFamily(handle.db, clock, staff(), { name: '   ' })).toMatchObject({ ok: false, field: 'name', message: 'Saisissez le nom de la famille.' });
    expect(await updateFamily(handle.db, clock, staff(), familyId, { name: '' })).toMatchObject({ ok: false, field: 'name' });
    expect(await addGuardian(handle.db, clock, staff(), familyId, { firstName: 'Paul', lastName: 'GARNIER', email: 'pas-une-adresse' })).toMatchObject({
      ok: false,
      field: 'email',
      message: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.',
    });
    expect(await addGuardian(handle.db, clock, staff(), familyId, { firstName: 'Paul', lastName: 'GARNIER', email: 'PRIS@example.fr' })).toMatchObject({ ok: false, field: 'email' });
    expect(await addGuardian(handle.db, clock, staff(), familyId, { firstName: '', lastName: 'GARNIER' })).toMatchObject({ ok: false, field: 'firstName' });
    expect(await updateGuardian(handle.db, clock, staff(), guardian.id, { firstName: 'Paul', lastName: 'GARNIER', phone: 'appelez-moi' })).toMatchObject({ ok: false, field: 'phone' });
    expect(await addChild(handle.db, clock, staff(), familyId, { firstName: 'Zoé', lastName: 'GARNIER', birthDate: '2021-02-30' })).toMatchObject({
      ok: false,
      field: 'birthDate',
      message: 'Saisissez une date de naissance valide.',
    });
    expect(await addChild(handle.db, clock, staff(), familyId, { firstName: 'Zoé', lastName: 'GARNIER', birthDate: '2027-01-01' })).toMatchObject({ ok: false, field: 'birthDate' });
    expect(await updateChild(handle.db, clock, staff(), child.id, { firstName: 'Zoé', lastName: '', birthDate: '2021-02-01' })).toMatchObject({ ok: false, field: 'lastName' });
    expect(await snapshot()).toEqual(before);
  });

  it('answers bad input in the forms with messages beside the fields', async () => {
    state.session = sessionOf(agent);
    const before = await snapshot();
    const form = new FormData();
    form.set('name', '');
    expect((await createFamilyAction({}, form)).fieldErrors).toEqual({ name: 'Saisissez le nom de la famille.' });
    const child = new FormData();
    child.set('familyId', '1');
    child.set('firstName', 'Zoé');
    child.set('lastName', 'X');
    child.set('birthDate', 'hier');
    expect((await addChildAction({}, child)).fieldErrors).toEqual({ birthDate: 'Saisissez une date de naissance valide.' });
    expect(await snapshot()).toEqual(before);
  });

  it('edits the family, a guardian and a child, each change audited with the agent', async () => {
    const family = await createFamily(handle.db, clock, staff(), { name: 'Picard' });
    if (!family.ok) throw new Error(family.message);
    const familyId = family.value.id;
    const guardian = await aGuardian(handle.db, { familyId });
    const child = await aChild(handle.db, familyId);
    expect(await updateFamily(handle.db, clock, staff(), familyId, { name: 'Picard-Morel', address: '3 rue des Pins' })).toEqual({ ok: true, value: undefined });
    expect(await updateGuardian(handle.db, clock, staff(), guardian.id, { firstName: 'Inès', lastName: 'Picard', email: 'ines.picard@example.fr', phone: '05 56 00 00 00' })).toMatchObject({ ok: true });
    expect(await updateChild(handle.db, clock, staff(), child.id, { firstName: 'Jules', lastName: 'Picard', birthDate: '2022-03-04' })).toMatchObject({ ok: true });
    expect(await handle.db.select({ name: families.name, address: families.address }).from(families).where(eq(families.id, familyId))).toEqual([{ name: 'PICARD-MOREL', address: '3 rue des Pins' }]);
    expect((await handle.db.select().from(users).where(eq(users.id, guardian.id)))[0]).toMatchObject({ firstName: 'Inès', lastName: 'PICARD', email: 'ines.picard@example.fr', phone: '05 56 00 00 00' });
    expect((await handle.db.select().from(children).where(eq(children.id, child.id)))[0]).toMatchObject({ firstName: 'Jules', birthDate: '2022-03-04' });
    const actions = (await handle.db.select().from(auditLog).where(eq(auditLog.familyId, familyId))).map((entry) => [entry.action, entry.actorUserId]);
    expect(actions).toEqual(expect.arrayContaining([['family.updated', agent.id], ['guardian.updated', agent.id], ['child.updated', agent.id]]));
  });
});

describe('a guardian’s login', () => {
  it('is created from the name; its e-mailed activation link works once, then the guardian logs in', async () => {
    const family = await createFamily(handle.db, clock, staff(), { name: 'Moreau' });
    if (!family.ok) throw new Error(family.message);
    const created = await addGuardian(handle.db, clock, staff(), family.value.id, { firstName: 'Anaïs', lastName: 'Moreau', email: 'anais.moreau@example.fr' });
    expect(created).toMatchObject({ ok: true, value: { login: 'moreau', emailed: true } });
    const again = await addGuardian(handle.db, clock, staff(), family.value.id, { firstName: 'Éric', lastName: 'Moreau' });
    expect(again).toMatchObject({ ok: true, value: { login: 'moreau.eric', emailed: false } });

    // The kept copy has no link; the message sent has it.
    const [kept] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, 'anais.moreau@example.fr'));
    expect(kept).toMatchObject({ template: 'account-activation' });
    expect(JSON.stringify(kept!.props)).not.toContain('jeton=');
    await deliverPendingEmails(handle.db, recording, fixedClock('2100-01-01T00:00:00Z'));
    const message = sent.find((m) => m.to === 'anais.moreau@example.fr')!;
    expect(message.subject).toBe('Activez votre Compte Famille');
    expect(message.text).toContain('moreau');
    const token = tokenIn(message.text);

    expect(await canLogIn('moreau', password)).toBe(false);
    expect(await resetPassword(handle.db, clock, token, password)).toEqual({ ok: true, value: undefined });
    expect(await resetPassword(handle.db, clock, token, 'un autre mot de passe solide')).toEqual({ ok: false, message: USED_LINK });
    expect(await canLogIn('moreau', password)).toBe(true);
    expect(await canLogIn('anais.moreau@example.fr', password)).toBe(true);

    const audit = (await handle.db.select().from(auditLog).where(eq(auditLog.familyId, family.value.id))).map((entry) => [entry.action, entry.actorUserId]);
    expect(audit).toEqual(expect.arrayContaining([['guardian.created', agent.id], ['account.activation_issued', agent.id]]));
  });

  it('gives a guardian without e-mail a letter whose link activates the login, and which expires', async () => {
    const family = await createFamily(handle.db, clock, staff(), { name: 'Sans Mail' });
    if (!family.ok) throw new Error(family.message);
    const created = await addGuardian(handle.db, clock, staff(), family.value.id, { firstName: 'Rose', lastName: 'Sansmail' });
    if (!created.ok || created.value.emailed) throw new Error('a letter was expected');
    expect(created.value.letter).toMatchObject({ name: 'SANSMAIL Rose', login: 'sansmail' });
    const token = tokenIn(created.value.letter.link);
    const late = fixedClock('2026-12-04T10:00:01Z');
    expect(await resetPassword(handle.db, late, token, password)).toMatchObject({ ok: false, message: 'Ce lien a expiré. Demandez-en un nouveau.' });

    const reset = await issueAccessLink(handle.db, clock, staff(), created.value.id);
    if (!reset.ok || reset.value.emailed) throw new Error('a letter was expected');
    expect(await resetPassword(handle.db, clock, tokenIn(reset.value.letter.link), password)).toMatchObject({ ok: true });
    expect(await canLogIn('sansmail', password)).toBe(true);
  });

  it('sends a reset link by e-mail to a guardian who has one, and shows it to nobody', async () => {
    const parent = await aGuardian(handle.db, { email: 'reset.mail@example.fr' });
    const reset = await issueAccessLink(handle.db, clock, staff(), parent.id);
    expect(reset).toEqual({ ok: true, value: { emailed: true } });
    const [kept] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, 'reset.mail@example.fr'));
    expect(kept).toMatchObject({ template: 'password-reset' });
  });

  it('once deactivated, cannot log in and its sessions end; reactivated, it logs in again', async () => {
    const parent = await aGuardian(handle.db, { login: 'desactive', password });
    expect(await canLogIn('desactive', password)).toBe(true);
    expect(await setGuardianActive(handle.db, clock, staff(), parent.id, false)).toMatchObject({ ok: true });
    expect(await canLogIn('desactive', password)).toBe(false);
    const [session] = await handle.db.select().from(sessions).where(eq(sessions.id, testSessionId(parent.id)));
    expect(session!.endedAt).toEqual(clock.now());
    expect(await issueAccessLink(handle.db, clock, staff(), parent.id)).toMatchObject({ ok: false });
    expect(await setGuardianActive(handle.db, clock, staff(), parent.id, true)).toMatchObject({ ok: true });
    expect(await canLogIn('desactive', password)).toBe(true);
    const audit = (await handle.db.select().from(auditLog).where(eq(auditLog.entityId, String(parent.id)))).map((entry) => [entry.action, entry.actorUserId]);
    expect(audit).toEqual([['account.deactivated', agent.id], ['account.reactivated', agent.id]]);
  });

  it('never touches a staff account', async () => {
    const admin = await aUser(handle.db, { role: 'admin', login: 'admin-intouchable', password });
    expect(await setGuardianActive(handle.db, clock, staff(), admin.id, false)).toMatchObject({ ok: false, message: 'Responsable introuvable.' });
    expect(await canLogIn('admin-intouchable', password)).toBe(true);
  });

  it('through the form, shows the letter to print for a guardian without e-mail', async () => {
    state.session = sessionOf(agent);
    const family = await createFamily(handle.db, clock, staff(), { name: 'Formulaire' });
    if (!family.ok) throw new Error(family.message);
    const form = new FormData();
    form.set('familyId', String(family.value.id));
    form.set('firstName', 'Lou');
    form.set('lastName', 'Formulaire');
    form.set('email', '');
    form.set('phone', '');
    const result = await addGuardianAction({}, form);
    expect(result).toMatchObject({ ok: true, letter: { login: 'formulaire', name: 'FORMULAIRE Lou' } });
    expect(result.letter!.link).toMatch(/\/mot-de-passe-oublie\/nouveau\?jeton=/);
  });
});

describe('the attestations de frais de garde of a family, for staff', () => {
  it('lists the children under 6 on 1 January with their amount and a link to their PDF, and serves it for that family only', async () => {
    vi.stubEnv('COMPTE_FAMILLE_NOW', '2026-03-15T10:00:00Z');
    const parent = await aGuardian(handle.db, { lastName: 'GARDE' });
    const familyId = parent.familyId!;
    const young = await aChild(handle.db, familyId, { firstName: 'Maëlys', lastName: 'GARDE', birthDate: '2021-04-01' });
    const older = await aChild(handle.db, familyId, { firstName: 'Gaspard', lastName: 'GARDE', birthDate: '2018-04-01' });
    const type = await aWalletType(handle.db, { code: 'PERI-GARDE', label: 'PERISCOLAIRE' });
    const activity = await anActivity(handle.db, { name: 'Accueil du soir', walletTypeId: type.id, unitPriceCents: 1330 });
    const wallet = await aWallet(handle.db, familyId, type.id);
    for (const child of [young, older]) {
      await aConsumption(handle.db, { familyId, childId: child.id, walletId: wallet.id, activityId: activity.id, date: '2025-05-06', unitPriceCents: 1330, posted: true });
    }
    await aPayment(handle.db, { familyId, walletId: wallet.id, amountCents: 5000, receivedOn: '2025-05-01' });
    const other = await aGuardian(handle.db, { lastName: 'AILLEURS' });
    const stranger = await aChild(handle.db, other.familyId!, { birthDate: '2022-01-01' });

    state.session = sessionOf(agent);
    const html = renderToStaticMarkup(await FamilyPage({ params: Promise.resolve({ id: String(familyId) }), searchParams: Promise.resolve({ annee: '2025' }) }));
    expect(html).toContain(`href="/admin/familles/${familyId}/attestations/${young.id}?annee=2025"`);
    expect(html).toMatch(/GARDE Maëlys : 13,30\s€ payés en 2025/);
    expect(html).not.toContain(`/attestations/${older.id}?`);

    const get = (childId: number) =>
      staffAttestation(new Request(`http://localhost/admin/familles/${familyId}/attestations/${childId}?annee=2025`), {
        params: Promise.resolve({ id: String(familyId), enfant: String(childId) }),
      });
    const pdf = await get(young.id);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect((await get(older.id)).status).toBe(404);
    expect((await get(stranger.id)).status).toBe(404);
    vi.unstubAllEnvs();
  });
});
