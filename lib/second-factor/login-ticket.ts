import crypto from 'node:crypto';
import type { Clock } from '@/lib/clock';
import { keyFromAuthSecret } from './secret-box';

// A short-lived, signed statement that someone already proved something for an account, so the
// next form carries this ticket instead of the password:
// - `password`: the password was right; a second-factor code is still due;
// - `session`: a logged-in person's session is renewed (after their own password change).
// Bound to the account and its session version: a password change in between voids it.

export const LOGIN_TICKET_VALIDITY_MS = 5 * 60_000;

export type LoginTicketStage = 'password' | 'session';

export interface LoginTicket {
  stage: LoginTicketStage;
  userId: number;
  sessionVersion: number;
  expiresAt: number;
}

const mac = (payload: string) => crypto.createHmac('sha256', keyFromAuthSecret('login ticket v1')).update(payload).digest('base64url');

export function issueLoginTicket(clock: Clock, stage: LoginTicketStage, user: { id: number; sessionVersion: number }): string {
  const payload = [stage, user.id, user.sessionVersion, clock.now().getTime() + LOGIN_TICKET_VALIDITY_MS].join('.');
  return `${Buffer.from(payload).toString('base64url')}.${mac(payload)}`;
}

/** The ticket's content when it is genuine and unexpired, else null. */
export function readLoginTicket(clock: Clock, ticket: string): LoginTicket | null {
  const [encoded, signature, extra] = ticket.split('.');
  if (!encoded || !signature || extra !== undefined) return null;
  const payload = Buffer.from(encoded, 'base64url').toString('utf8');
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  const [stage, userId, sessionVersion, expiresAt] = payload.split('.');
  if (stage !== 'password' && stage !== 'session') return null;
  const content = { stage, userId: Number(userId), sessionVersion: Number(sessionVersion), expiresAt: Number(expiresAt) } as const;
  if (![content.userId, content.sessionVersion, content.expiresAt].every(Number.isSafeInteger)) return null;
  return content.expiresAt > clock.now().getTime() ? content : null;
}
