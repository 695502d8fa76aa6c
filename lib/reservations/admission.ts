import { databasePoolMax, type Db } from '@/db/client';
import { databaseErrorCode } from '@/db/errors';
import type { Actor } from '@/lib/audit/record';
import type { Clock } from '@/lib/clock';
import { refused, type Result } from '@/lib/result';
import type { ValidationResult } from './types';
import { validateBasket, type ValidateInput, type ValidateOptions } from './validate';

/** The code of the « Forte affluence » refusal: validation did not run, the basket is kept, try again. */
export const BUSY = 'busy';
export const BUSY_MESSAGE =
  'Forte affluence : beaucoup de familles valident leurs demandes en ce moment. Vos demandes sont conservées, mais pas encore enregistrées.';
/**
 * How long to wait before the `attempt`-th new try (0 for the first): 3 s, doubling up to 24 s,
 * plus up to half as much at random, so that the families turned away together come back apart.
 */
export function busyRetryAfterMs(attempt: number): number {
  const base = 3000 * 2 ** Math.min(Math.max(attempt, 0), 3);
  return Math.round(base + Math.random() * (base / 2));
}

/**
 * A bounded number of validations at once, and a bounded wait for a turn. Past them a request is
 * turned away at once — better a polite « Forte affluence » that retries by itself than a request
 * queueing for a connection until it times out. In-process: each instance has its own.
 */
export class AdmissionGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly slots: number,
    /** How long a request may wait for a turn. */
    readonly maxWaitMs: number,
    /** How many requests may wait at once. */
    readonly maxWaiting: number,
  ) {}

  /** Runs `work` when a turn comes, or answers 'busy' when none comes in time; `work` runs at most once. */
  async run<T>(work: () => Promise<T>): Promise<T | typeof BUSY> {
    if (this.running < this.slots) this.running++;
    else if (!(await this.turn())) return BUSY;
    try {
      return await work();
    } finally {
      // The slot goes straight to the first one waiting, so that no newcomer takes it in between.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Waits for a finished run to hand its slot over; false when the wait is over or the queue full. */
  private turn(): Promise<boolean> {
    if (this.waiting.length >= this.maxWaiting) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(wake), 1);
        resolve(false);
      }, this.maxWaitMs);
      this.waiting.push(wake);
    });
  }
}

// As many validations at once as the pool has connections (a validation holds one at a time), and
// a few per connection waiting for their turn, for at most two seconds.
export const validationGate = new AdmissionGate(databasePoolMax(), 2000, 4 * databasePoolMax());

// Saturation, not failure: a lock still busy after every retry (lock timeout, deadlock), no
// connection obtained in time, or the server's connection limit. Nothing was written.
const SATURATED = new Set(['55P03', '40P01', '40001', 'CONNECT_TIMEOUT', '53300']);

const busy = (attempt: number) => refused(BUSY_MESSAGE, { code: BUSY, retryAfterMs: busyRetryAfterMs(attempt) });

/**
 * "Valider" for the portal: validateBasket behind the admission gate. When validation is saturated
 * the answer is the « Forte affluence » refusal (code BUSY): validation did not run, or ran and
 * rolled back, so the basket is untouched and the same submission may be sent again.
 */
export async function validateBasketWhenAdmitted(
  db: Db,
  clock: Clock,
  familyId: number,
  actor: Actor,
  input: ValidateInput,
  options: ValidateOptions & { gate?: AdmissionGate; /** How many « Forte affluence » answers this submission already had. */ attempt?: number } = {},
): Promise<Result<ValidationResult>> {
  const { gate = validationGate, attempt = 0, ...validateOptions } = options;
  try {
    const result = await gate.run(() => validateBasket(db, clock, familyId, actor, input, validateOptions));
    return result === BUSY ? busy(attempt) : result;
  } catch (error) {
    if (SATURATED.has(databaseErrorCode(error) ?? '')) return busy(attempt);
    throw error;
  }
}
