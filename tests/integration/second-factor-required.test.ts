// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { Secret, TOTP } from 'otpauth';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn } from '@/auth';
import type { DbHandle } from '@/db/client';
import { confirmEnrolment, secondFactorStatus, startEnrolment } from '@/lib/second-factor/enrolment';
import { renewSession } from '@/lib/second-factor/login';
import { fixedClock } from '@/lib/clock';
import { createTestDatabase } from '../support/db';
import { aGuardian, aUser } from '../support/factories';
import { redirectOf, sessionOf } from '../support/session';

const { default: AdminHome } = await import('@/app/admin/page');
const { default: StaffSecurityPage } = await import('@/app/admin/securite/page');
const { default: StaffProfilePage } = await import('@/app/admin/profil/page');
const { startStaffEnrolmentAction } = await import('@/app/admin/securite/actions');
const { changeStaffPasswordAction } = await import('@/app/admin/profil/actions');
const { publishNewsItemAction } = await import('@/app/admin/actualites/actions');
const { GET: emailPreview } = await import('@/app/admin/emails/[id]/apercu/route');
const { default: FamilyProfilePage } = await import('@/app/(famille)/profil/page');

let handle: DbHandle;
beforeAll(async () => {
  vi.stubEnv('AUTH_SECRET', 'integration-secret-0123456789abcdef');
  handle = await createTestDatabase();
  state.db = handle.db;
});
afterAll(() => handle.close());
beforeEach(() => {
  state.session = null;
  vi.stubEnv('NODE_ENV', 'production');
  vi.stubEnv('DEMO_DATA', '');
});
afterEach(() => {
  vi.stubEnv('NODE_ENV', 'test');
});

const noSearch = { searchParams: Promise.resolve({}) };
const preview = () => emailPreview(new Request('http://localhost/admin/emails/1/apercu'), { params: Promise.resolve({ id: '1' }) });

async function enrol(userId: number) {
  const clock = fixedClock('2026-11-26T10:00:00Z');
  await startEnrolment(handle.db, clock, userId);
  const status = await secondFactorStatus(handle.db, userId);
  if (status.state !== 'pending') throw new Error('not pending');
  const code = TOTP.generate({ secret: Secret.fromBase32(status.secret), timestamp: clock.now().getTime() });
  expect((await confirmEnrolment(handle.db, clock, userId, { code, ip: 'local' })).ok).toBe(true);
}

describe('a second factor for staff in production', () => {
  it('sends a staff member without one from every staff page and action to the enrolment page', async () => {
    const agent = await aUser(handle.db, { role: 'agent' });
    state.session = sessionOf(agent);
    expect(await redirectOf(AdminHome())).toBe('/admin/securite');
    expect(await redirectOf(StaffProfilePage(noSearch))).toBe('/admin/securite');
    expect(await redirectOf(publishNewsItemAction({}, new FormData()))).toBe('/admin/securite');
    expect((await preview()).status).toBe(403);
  });

  it('lets them open the enrolment page and start enrolling', async () => {
    const agent = await aUser(handle.db, { role: 'agent' });
    state.session = sessionOf(agent);
    expect(await StaffSecurityPage()).toBeTruthy();
    expect(await startStaffEnrolmentAction({}, new FormData())).toEqual({ ok: true });
    expect((await secondFactorStatus(handle.db, agent.id)).state).toBe('pending');
    // A pending enrolment is not enough.
    expect(await redirectOf(AdminHome())).toBe('/admin/securite');
  });

  it('lets an enrolled staff member in', async () => {
    const admin = await aUser(handle.db, { role: 'admin' });
    await enrol(admin.id);
    state.session = sessionOf(admin);
    expect(await AdminHome()).toBeTruthy();
    expect((await preview()).status).toBe(404);
  });

  it('keeps the demo staff logins usable without one on a server started with DEMO_DATA=1', async () => {
    vi.stubEnv('DEMO_DATA', '1');
    const agent = await aUser(handle.db, { role: 'agent' });
    state.session = sessionOf(agent);
    expect(await AdminHome()).toBeTruthy();
  });

  it('does not require it outside production, nor from families', async () => {
    const agent = await aUser(handle.db, { role: 'agent' });
    state.session = sessionOf(agent);
    vi.stubEnv('NODE_ENV', 'development');
    expect(await AdminHome()).toBeTruthy();
    vi.stubEnv('NODE_ENV', 'production');
    state.session = sessionOf(await aGuardian(handle.db));
    expect(await FamilyProfilePage({ searchParams: Promise.resolve({}) })).toBeTruthy();
  });
});

describe('the staff Profil page', () => {
  it('changes a staff member’s own password and renews their session without asking the second factor again', async () => {
    vi.stubEnv('NODE_ENV', 'test');
    const agent = await aUser(handle.db, { role: 'agent', password: 'ancien-mot-de-passe' });
    await enrol(agent.id);
    state.session = sessionOf(agent);
    const form = new FormData();
    form.set('currentPassword', 'ancien-mot-de-passe');
    form.set('newPassword', 'une phrase neuve pour la mairie');
    form.set('confirmPassword', 'une phrase neuve pour la mairie');
    vi.mocked(signIn).mockClear();
    expect(await changeStaffPasswordAction({}, form)).toEqual({ ok: true });
    const [, options] = vi.mocked(signIn).mock.calls[0] as [string, { ticket: string; redirectTo: string }];
    expect(options.redirectTo).toBe('/admin/profil?modifie=mot-de-passe');
    const renewed = await renewSession(handle.db, fixedClock(new Date()), options.ticket);
    expect(renewed).toMatchObject({ ok: true, value: { id: agent.id, sessionVersion: agent.sessionVersion + 1 } });
  });
});
