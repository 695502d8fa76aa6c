import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { throttleMessage } from '@/lib/auth/throttle';
import type { SessionUser } from '@/lib/auth/types';
import type { Clock } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';
import { hasSecondFactor } from './factor';
import { issueLoginTicket, readLoginTicket } from './login-ticket';
import { verifySecondFactor, WRONG_CODE, WRONG_RECOVERY_CODE, type SecondFactorProof } from './verification';

// How the second factor fits in the login. Refusals carry a `code` that travels through Auth.js
// (`CredentialsSignin.code`) to the login page:
// - `second-factor:<ticket>`: the password was right, the code step comes next, carrying the ticket;
// - `second-factor-invalid:<field>`, `ticket-expired`, `throttled:<ms>`: the code step's refusals.

const SECOND_FACTOR_DUE = 'second-factor:';
export const TICKET_EXPIRED = 'Votre connexion a expiré. Saisissez de nouveau votre identifiant et votre mot de passe.';

/** After a right password: the session user when no second factor is due, else the code step's ticket. */
export async function afterPassword(db: Db, clock: Clock, user: SessionUser): Promise<Result<SessionUser>> {
  if (!(await hasSecondFactor(db, user.id))) return ok(user);
  return refused('Saisissez le code de vérification.', { code: `${SECOND_FACTOR_DUE}${issueLoginTicket(clock, 'password', user)}` });
}

/** The ticket of the code step, when a refusal code says the code step comes next. */
export const ticketOfRefusal = (code: string | undefined): string | null =>
  code?.startsWith(SECOND_FACTOR_DUE) ? code.slice(SECOND_FACTOR_DUE.length) : null;

async function ticketHolder(db: Db, clock: Clock, ticket: string, stage: 'password' | 'session'): Promise<SessionUser | null> {
  const content = readLoginTicket(clock, ticket);
  if (!content || content.stage !== stage) return null;
  const [user] = await db.select().from(users).where(eq(users.id, content.userId));
  if (!user?.active || user.sessionVersion !== content.sessionVersion) return null;
  return { id: user.id, role: user.role, familyId: user.familyId, sessionVersion: user.sessionVersion };
}

/** The code step of a login: the password step's ticket, then a code from the app or a recovery code. */
export async function completeLogin(db: Db, clock: Clock, input: { ticket: string; proof: SecondFactorProof; ip: string }): Promise<Result<SessionUser>> {
  const user = await ticketHolder(db, clock, input.ticket, 'password');
  if (!user) return refused(TICKET_EXPIRED, { code: 'ticket-expired' });
  const check = await verifySecondFactor(db, clock, user.id, input.proof, input.ip);
  if (check.ok) return ok(user);
  if (check.code === 'throttled') return { ...check, code: `throttled:${check.retryAfterMs}` };
  return { ...check, code: `second-factor-invalid:${check.field ?? 'code'}` };
}

/**
 * A ticket that renews the session of someone logged in (their own password change ended every
 * session, this one too). Issued only by an action that has authorized its caller.
 */
export async function sessionRenewalTicket(db: Db, clock: Clock, userId: number): Promise<string> {
  const [user] = await db.select({ id: users.id, sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return issueLoginTicket(clock, 'session', user!);
}

/** The session a renewal ticket opens. */
export async function renewSession(db: Db, clock: Clock, ticket: string): Promise<Result<SessionUser>> {
  const user = await ticketHolder(db, clock, ticket, 'session');
  return user ? ok(user) : refused(TICKET_EXPIRED, { code: 'ticket-expired' });
}

/** The French message of the code step's refusal codes. */
export function codeStepMessage(code: string | undefined): string {
  const [kind, detail] = (code ?? '').split(':');
  if (kind === 'throttled') return throttleMessage(Number(detail));
  if (kind === 'second-factor-invalid') return detail === 'recoveryCode' ? WRONG_RECOVERY_CODE : WRONG_CODE;
  return TICKET_EXPIRED;
}
