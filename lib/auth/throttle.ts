// Login throttling rules (pure). Failures are counted per account (or per typed identifier when it
// names no account) and per IP address over a sliding window. Past a threshold, each further try
// must wait, the wait doubling with each failure but capped, so a guesser is slowed while a family
// is never locked out for long. Refused tries are not recorded, so waiting always ends the block.

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_WAIT_MS = 15 * 60_000;
const FIRST_WAIT_MS = 30_000;

export const IDENTIFIER_FREE_FAILURES = 5;
export const IP_FREE_FAILURES = 20;

export interface FailureHistory {
  /** Failure times within the window, after the last success for an identifier. */
  failures: Date[];
}

/** How long the next try must wait after `failures` (0 when allowed now). */
export function waitBeforeNextTry(failures: Date[], freeFailures: number, now: Date): number {
  const recent = failures.filter((at) => now.getTime() - at.getTime() < THROTTLE_WINDOW_MS);
  if (recent.length < freeFailures) return 0;
  const last = Math.max(...recent.map((at) => at.getTime()));
  const wait = Math.min(FIRST_WAIT_MS * 2 ** (recent.length - freeFailures), MAX_WAIT_MS);
  return Math.max(0, last + wait - now.getTime());
}

export function throttleMessage(waitMs: number): string {
  const minutes = Math.ceil(waitMs / 60_000);
  return `Trop de tentatives de connexion. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`;
}

export const INVALID_CREDENTIALS_MESSAGE = 'Identifiant ou mot de passe incorrect.';

export function normalizeIdentifier(identifier: string): string {
  return identifier.trim().toLowerCase();
}

// What `login_attempts.identifier` holds. The login name and the e-mail address of an account share
// its key; an identifier that names no account gets its own, prefixed so that typing "user:12" does
// not count against account 12.
export const accountThrottleKey = (userId: number) => `user:${userId}`;
export const typedIdentifierThrottleKey = (identifier: string) => `name:${normalizeIdentifier(identifier).slice(0, 200)}`;
