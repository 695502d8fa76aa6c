import 'server-only';
import { and, eq } from 'drizzle-orm';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db';
import { families, sessions, users } from '@/db/schema';
import { appClock } from '@/lib/clock';
import { hasSecondFactor } from '@/lib/second-factor/factor';
import { secondFactorRequired, STAFF_ENROLMENT_PATH } from '@/lib/second-factor/policy';
import { sessionIsLive, touchSession } from './sessions';
import { requestSession } from './request-session';
import { isStaff, type Role } from './types';

export interface CurrentUser {
  id: number;
  role: Role;
  familyId: number | null;
  firstName: string;
  lastName: string;
  familyName: string | null;
}
export type Guardian = CurrentUser & { role: 'family'; familyId: number };
export type StaffMember = CurrentUser & { role: 'agent' | 'admin' };

/**
 * The person behind this request, checked against the database on every call: a deactivated
 * account, a token issued before a password change, or a session ended (logout) or past its idle
 * or absolute limit no longer counts as logged in. Once per request: the layout and the page of one
 * request share the answer (React's per-request cache), so the session cookie is decrypted and the
 * session row read once, not by each of them.
 */
export const getCurrentUser = cache(async function currentUser(): Promise<CurrentUser | null> {
  const session = await requestSession();
  const id = Number(session?.user?.id);
  if (!session || !Number.isInteger(id) || id <= 0) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      familyId: users.familyId,
      firstName: users.firstName,
      lastName: users.lastName,
      active: users.active,
      sessionVersion: users.sessionVersion,
      familyName: families.name,
      session: { id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, endedAt: sessions.endedAt },
    })
    .from(users)
    .leftJoin(families, eq(families.id, users.familyId))
    .innerJoin(sessions, and(eq(sessions.id, session.user.sessionId ?? ''), eq(sessions.userId, users.id)))
    .where(eq(users.id, id))
    .limit(1);
  const clock = appClock();
  if (!row || !row.active || row.sessionVersion !== session.user.sessionVersion || !sessionIsLive(row.session, clock.now())) return null;
  await touchSession(db, clock, row.session);
  return {
    id: row.id,
    role: row.role,
    familyId: row.familyId,
    firstName: row.firstName,
    lastName: row.lastName,
    familyName: row.familyName,
  };
});

/** For family pages and actions: a logged-in guardian, whose family id scopes every query. */
export async function requireGuardian(): Promise<Guardian> {
  const user = await getCurrentUser();
  if (!user) redirect('/connexion');
  if (user.role !== 'family' || user.familyId === null) redirect('/admin');
  return user as Guardian;
}

/**
 * For staff pages and actions: an agent or an admin. A family is sent back to its own pages. Where
 * a second factor is required (production), a staff member without one is sent to enrol, except
 * on the enrolment page itself (`enrolling`). `role: 'admin'`: an agent gets a 404, as for a page
 * that does not exist (the navigation does not show it to them).
 */
export async function requireStaff({ enrolling = false, role = 'agent' }: { enrolling?: boolean; role?: 'agent' | 'admin' } = {}): Promise<StaffMember> {
  const user = await getCurrentUser();
  if (!user) redirect('/connexion');
  if (!isStaff(user.role)) redirect('/accueil');
  if (!enrolling && (await mustEnrolSecondFactor(user))) redirect(STAFF_ENROLMENT_PATH);
  if (role === 'admin' && user.role !== 'admin') notFound();
  return user as StaffMember;
}

/** Whether this person may do nothing before enrolling a second factor. */
export async function mustEnrolSecondFactor(user: CurrentUser): Promise<boolean> {
  return secondFactorRequired(user.role) && !(await hasSecondFactor(await getDb(), user.id));
}

