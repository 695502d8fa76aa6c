// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { and, count, eq, gt, max } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, authTokens, jobRuns, menus, outboundEmails, totpFactors, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { StaffMember } from '@/lib/auth/session';
import { fixedClock } from '@/lib/clock';
import { journalPage } from '@/lib/audit/journal';
import { runJobForStaff } from '@/lib/jobs/staff-runs';
import { menusOfTheWeek, saveMenu } from '@/lib/menus/week-menus';
import { RESEND_WITHOUT_SECRETS, resendEmail } from '@/lib/mail/resend';
import { createStaffAccount, resetStaffSecondFactor, setStaffActive } from '@/lib/staff/accounts';
import { createTestDatabase } from '../support/db';
import { aGuardian, aUser } from '../support/factories';
import { redirectOf, sessionOf } from '../support/session';

const { default: EmailsPage } = await import('@/app/admin/emails/page');

let handle: DbHandle;
let agent: StaffMember & { sessionVersion: number; familyId: null };
let admin: StaffMember & { sessionVersion: number; familyId: null };
let familyId: number;
const clock = fixedClock('2026-11-26T09:00:00Z');

const asStaff = (user: Awaited<ReturnType<typeof aUser>>) => ({ ...user, familyName: null }) as StaffMember & { sessionVersion: number; familyId: null };
// The audit log is append-only: each test reads what was added since it began.
let auditMark = 0;
const auditActions = async () => (await handle.db.select({ action: auditLog.action }).from(auditLog).where(gt(auditLog.id, auditMark)).orderBy(auditLog.id)).map((row) => row.action);

async function anEmail(values: Partial<typeof outboundEmails.$inferInsert> = {}) {
  const [row] = await handle.db
    .insert(outboundEmails)
    .values({ toAddress: 'famille@example.fr', subject: 'Votre mot de passe a changé', template: 'password-changed', props: { firstName: 'Camille' }, familyId, status: 'sent', ...values })
    .returning();
  return row!;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  state.db = handle.db;
  familyId = (await aGuardian(handle.db)).familyId!;
  agent = asStaff(await aUser(handle.db, { role: 'agent', lastName: 'AGENT' }));
  admin = asStaff(await aUser(handle.db, { role: 'admin', lastName: 'ADMIN' }));
});
afterAll(() => handle.close());
beforeEach(async () => {
  state.session = null;
  auditMark = (await handle.db.select({ id: max(auditLog.id) }).from(auditLog))[0]!.id ?? 0;
});

describe('« Courriels »: status filter and « Renvoyer »', () => {
  it('lists only the messages of the chosen status', async () => {
    await anEmail({ subject: 'Parti' });
    await anEmail({ subject: 'Raté', status: 'failed', lastError: 'boîte pleine' });
    state.session = sessionOf(agent);
    const failed = renderToStaticMarkup(await EmailsPage({ searchParams: Promise.resolve({ statut: 'echec' }) }));
    expect(failed).toContain('Raté');
    expect(failed).not.toContain('Parti');
    const all = renderToStaticMarkup(await EmailsPage({ searchParams: Promise.resolve({ statut: 'n’importe quoi' }) }));
    expect(all).toContain('Raté');
    expect(all).toContain('Parti');
  });

  it('queues one copy of a failed message, audited, and refuses a second while it waits', async () => {
    const failed = await anEmail({ status: 'failed', lastError: 'refusé' });
    const first = await resendEmail(handle.db, clock, agent, failed.id);
    expect(first.ok).toBe(true);
    const [copy] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.resentFromId, failed.id));
    expect(copy).toMatchObject({ status: 'pending', template: 'password-changed', props: { firstName: 'Camille' }, toAddress: 'famille@example.fr', familyId, attempts: 0 });
    expect(await resendEmail(handle.db, clock, agent, failed.id)).toMatchObject({ ok: false, message: expect.stringContaining('attend déjà') });
    const [original] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.id, failed.id));
    expect(original!.status).toBe('failed');
    expect(await auditActions()).toEqual(['email.resend']);
  });

  it('queues exactly one copy when two clicks arrive together', async () => {
    const sent = await anEmail();
    const results = await Promise.all([resendEmail(handle.db, clock, agent, sent.id), resendEmail(handle.db, clock, admin, sent.id)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect((await handle.db.select({ n: count() }).from(outboundEmails).where(eq(outboundEmails.resentFromId, sent.id)))[0]!.n).toBe(1);
  });

  it('refuses a message still waiting, and one whose token link is gone, writing nothing', async () => {
    const pending = await anEmail({ status: 'pending' });
    expect(await resendEmail(handle.db, clock, agent, pending.id)).toMatchObject({ ok: false });
    const reset = await anEmail({ template: 'password-reset', props: { firstName: 'Camille' }, secrets: null });
    expect(await resendEmail(handle.db, clock, agent, reset.id)).toEqual({ ok: false, message: RESEND_WITHOUT_SECRETS });
    expect(await handle.db.select().from(outboundEmails).where(eq(outboundEmails.resentFromId, reset.id))).toEqual([]);
    expect(await auditActions()).toEqual([]);
  });
});

describe('« Tâches planifiées »: Lancer maintenant', () => {
  it('runs a job for an agent, recorded as started by staff, with its report, and audited', async () => {
    const result = await runJobForStaff(handle.db, clock, agent, 'transmitRequests');
    expect(result.ok).toBe(true);
    const [run] = await handle.db.select().from(jobRuns).where(eq(jobRuns.job, 'transmitRequests'));
    expect(run).toMatchObject({ trigger: 'staff', status: 'succeeded' });
    expect(run!.report).toEqual((result as { value: unknown }).value);
    const [entry] = await handle.db.select().from(auditLog).where(gt(auditLog.id, auditMark));
    expect(entry).toMatchObject({ actorUserId: agent.id, action: 'job.run', entityId: 'transmitRequests' });
  });

  it('keeps the jobs that move money for admins', async () => {
    expect(await runJobForStaff(handle.db, clock, agent, 'postConsumptions')).toMatchObject({ ok: false, message: expect.stringContaining('administrateur') });
    expect(await handle.db.select().from(jobRuns).where(eq(jobRuns.job, 'postConsumptions'))).toEqual([]);
    expect(await auditActions()).toEqual([]);
    expect((await runJobForStaff(handle.db, clock, admin, 'postConsumptions')).ok).toBe(true);
  });
});

describe('« Journal »', () => {
  it('filters by family, staff member, Paris dates and kind, and pages by 50', async () => {
    await recordAudit(handle.db, fixedClock('2026-11-20T23:30:00Z'), agent, { action: 'news.publish', entityType: 'news_item', entityId: 1 });
    const otherFamily = (await aGuardian(handle.db)).familyId!;
    await recordAudit(handle.db, fixedClock('2026-11-21T10:00:00Z'), admin, { action: 'payment.record', entityType: 'payment', familyId: otherFamily });
    for (let i = 0; i < 55; i++) await recordAudit(handle.db, fixedClock('2026-11-10T10:00:00Z'), admin, { action: 'export.csv', entityType: 'user', entityId: i });
    expect((await journalPage(handle.db, { familyId: otherFamily }, 1)).rows.map((row) => row.action)).toEqual(['payment.record']);
    expect((await journalPage(handle.db, { actorUserId: agent.id, to: '2026-11-25' }, 1)).rows.map((row) => row.action)).toEqual(['news.publish']);
    // 23:30 UTC on the 20th is the 21st in Paris.
    expect((await journalPage(handle.db, { from: '2026-11-21', to: '2026-11-21' }, 1)).rows.map((row) => row.action)).toEqual(['payment.record', 'news.publish']);
    expect((await journalPage(handle.db, { kind: 'news' }, 1)).total).toBe(1);
    const staff = await journalPage(handle.db, { kind: 'export' }, 2);
    expect([staff.total, staff.pages, staff.rows.length]).toEqual([55, 2, 5]);
  });
});

describe('« Personnel »: staff accounts, for admins', () => {
  it('creates an agent with a one-time activation link, audited', async () => {
    const result = await createStaffAccount(handle.db, clock, admin, { login: 'nouvel.agent', email: 'nouvel.agent@mairie.example.fr', firstName: 'Lou', lastName: 'NOUVEL', role: 'agent' });
    expect(result).toMatchObject({ ok: true, value: { link: expect.stringContaining('/mot-de-passe-oublie/nouveau?jeton=') } });
    const [user] = await handle.db.select().from(users).where(eq(users.login, 'nouvel.agent'));
    expect(user).toMatchObject({ role: 'agent', active: true, familyId: null });
    expect(await handle.db.select().from(authTokens).where(and(eq(authTokens.userId, user!.id), eq(authTokens.purpose, 'password_reset')))).toHaveLength(1);
    expect(await auditActions()).toEqual(['staff.create']);
    expect(await createStaffAccount(handle.db, clock, admin, { login: 'NOUVEL.agent', email: 'autre@mairie.example.fr', firstName: 'A', lastName: 'B', role: 'admin' })).toMatchObject({ ok: false, field: 'login' });
  });

  it('deactivates a staff member, who is logged out at once, and reactivates them; an admin cannot deactivate themselves', async () => {
    const colleague = await aUser(handle.db, { role: 'agent' });
    expect((await setStaffActive(handle.db, clock, admin, colleague.id, false)).ok).toBe(true);
    state.session = sessionOf(colleague);
    const { default: AdminHome } = await import('@/app/admin/page');
    expect(await redirectOf(AdminHome())).toBe('/connexion');
    expect((await setStaffActive(handle.db, clock, admin, colleague.id, true)).ok).toBe(true);
    expect(await setStaffActive(handle.db, clock, admin, admin.id, false)).toMatchObject({ ok: false, message: expect.stringContaining('propre compte') });
    expect(await setStaffActive(handle.db, clock, admin, familyId, false)).toMatchObject({ ok: false });
    expect(await auditActions()).toEqual(['staff.deactivate', 'staff.reactivate']);
  });

  it('removes a staff member’s second factor, audited, and refuses it to an agent', async () => {
    const colleague = await aUser(handle.db, { role: 'agent' });
    await handle.db.insert(totpFactors).values({ userId: colleague.id, secretCiphertext: 'scellé', confirmedAt: clock.now() });
    expect(await resetStaffSecondFactor(handle.db, clock, agent, colleague.id)).toMatchObject({ ok: false });
    expect((await resetStaffSecondFactor(handle.db, clock, admin, colleague.id)).ok).toBe(true);
    expect(await handle.db.select().from(totpFactors).where(eq(totpFactors.userId, colleague.id))).toEqual([]);
    expect(await auditActions()).toEqual(['staff.second_factor_reset']);
  });
});

describe('« Accueil »: the week’s menus', () => {
  const menu = { date: '2026-11-27', starter: null, mainCourse: 'Hachis parmentier', side: 'Salade verte', dessert: null };

  it('saves a day’s menu, replaces it when saved again, audited, and the families’ Accueil shows it', async () => {
    expect((await saveMenu(handle.db, clock, agent, menu)).ok).toBe(true);
    expect((await saveMenu(handle.db, clock, agent, { ...menu, mainCourse: 'Poisson pané' })).ok).toBe(true);
    expect((await menusOfTheWeek(handle.db, clock)).menus.map((row) => row.mainCourse)).toEqual(['Poisson pané']);
    expect(await auditActions()).toEqual(['menu.save', 'menu.save']);
  });

  it('refuses a weekend day, beside the field, writing nothing', async () => {
    expect(await saveMenu(handle.db, clock, agent, { ...menu, date: '2026-11-28' })).toMatchObject({ ok: false, field: 'date' });
    expect(await handle.db.select().from(menus).where(eq(menus.date, '2026-11-28'))).toEqual([]);
    expect(await auditActions()).toEqual([]);
  });
});
