/**
 * What every service answers: done (with a value), or refused with a French message for the
 * person, and the form field it concerns when there is one.
 */
export type Refused = { ok: false; message: string; field?: string; code?: string; retryAfterMs?: number };
export type Result<T = void> = { ok: true; value: T } | Refused;

export function ok(): Result<void>;
export function ok<T>(value: T): Result<T>;
export function ok<T>(value?: T): Result<T | undefined> {
  return { ok: true, value };
}

/**
 * A refusal. `code` is for code that must tell refusals apart (a login throttle), `retryAfterMs`
 * for a refusal that a later try may not get.
 */
export function refused(message: string, details: Omit<Refused, 'ok' | 'message'> = {}): Refused {
  const refusal: Refused = { ok: false, message };
  for (const [key, value] of Object.entries(details)) if (value !== undefined) Object.assign(refusal, { [key]: value });
  return refusal;
}

/**
 * Thrown inside a transaction to roll it back with a refusal; `refusalAsResult` turns it back into
 * a result once outside. The one refusal error of the application.
 */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

/** Runs `work`; a `Refusal` thrown from it (after its transaction rolled back) becomes a refused result. */
export async function refusalAsResult<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) return refused(error.message, { field: error.field });
    throw error;
  }
}
