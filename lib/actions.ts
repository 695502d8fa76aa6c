import 'server-only';
import type { z } from 'zod';
import { databaseErrorCode, isConnectionError } from '@/db/errors';
import type { ActionState } from '@/lib/action-state';
import type { Actor } from '@/lib/audit/record';
import { requireGuardian, requireStaff, type Guardian, type StaffMember } from '@/lib/auth/session';
import type { Result } from '@/lib/result';

/**
 * The three shapes of every server action. Each one authorizes (re-checking the session against
 * the database), parses the form with zod, calls the body with the parsed input and the actor, and
 * turns what the body returns into the form's state:
 * - a refused `Result` → `{ error, fieldErrors: { [field]: message } }`;
 * - a done `Result` → `{ ok: true }`;
 * - an `ActionState` (to show a message, or a `view` the form updates its page with) → as it is;
 * - a lost database connection (thrown by the session check or the body) → a French message asking
 *   to try again in a moment, never a server error.
 * A body may also `redirect()`.
 *
 * ```ts
 * export const changePasswordAction = familyAction(passwordSchema, async (input, guardian) => {
 *   const result = await changePassword(await getDb(), appClock(), guardian.id, input);
 *   if (result.ok) redirect('/profil?modifie=mot-de-passe');
 *   return result;
 * });
 * ```
 */
export interface ActionOptions {
  /**
   * The fields the form shows, whose errors appear beside them under a summary; an error on any
   * other field (a hidden input, a forged value) becomes the form's message. Default: every field.
   */
  shown?: readonly string[];
  /** The summary shown above field errors. */
  invalid?: string;
  /** Fields whose typed value the form gets back after a refusal (never passwords). */
  keep?: readonly string[];
}

type Body<I, A, V> = (input: I, actor: A, form: FormData) => Promise<Result<unknown> | ActionState<V>>;

/** For `useActionState`; a plain `<form action>` binds the first argument: `action.bind(null, {})`. */
export type FormAction<V = unknown> = (state: ActionState<V>, form: FormData) => Promise<ActionState<V>>;

export const anonymous: Actor = { id: null, role: 'anonymous' };

/** An action of a logged-in family member; the body scopes everything by `guardian.familyId`. */
export function familyAction<S extends z.ZodType, V = unknown>(schema: S, body: Body<z.output<S>, Guardian, V>, options?: ActionOptions): FormAction<V> {
  return wrap(requireGuardian, schema, body, options);
}

/**
 * An action of a staff member; `role: 'admin'` refuses agents. `enrolling`: an action of the
 * second-factor enrolment page, which a staff member who must enrol may use.
 */
export function staffAction<S extends z.ZodType>(
  schema: S,
  body: Body<z.output<S>, StaffMember, unknown>,
  options: ActionOptions & { role?: 'agent' | 'admin'; enrolling?: boolean } = {},
): FormAction {
  return wrap(() => requireStaff({ enrolling: options.enrolling }), schema, body, options, (staff) =>
    options.role === 'admin' && staff.role !== 'admin' ? 'Cette action est réservée aux administrateurs.' : null,
  );
}

/** An action anyone may call (login, forgotten password, a link from an e-mail): the body gets the anonymous actor. */
export function publicAction<S extends z.ZodType>(schema: S, body: Body<z.output<S>, Actor, unknown>, options?: ActionOptions): FormAction {
  return wrap(async () => anonymous, schema, body, options);
}

function wrap<A, S extends z.ZodType, V>(
  authorize: () => Promise<A>,
  schema: S,
  body: Body<z.output<S>, A, V>,
  options: ActionOptions = {},
  forbidden: (actor: A) => string | null = () => null,
): FormAction<V> {
  return async (_state, form) => {
    const kept = keptValues(form, options.keep);
    try {
      const actor = await authorize();
      const refusal = forbidden(actor);
      if (refusal) return { error: refusal, ...kept };
      const input = schema.safeParse(Object.fromEntries(form));
      if (!input.success) return { ...invalidState(input.error, options), ...kept };
      const outcome = await body(input.data, actor, form);
      if (!isResult(outcome)) return outcome;
      if (outcome.ok) return { ok: true };
      return { error: outcome.message, fieldErrors: outcome.field ? { [outcome.field]: outcome.message } : undefined, ...kept };
    } catch (error) {
      // Next's redirect() and notFound() are thrown too: only a lost database connection is answered here.
      if (!isConnectionError(error)) throw error;
      console.error(`A server action lost its database connection (${databaseErrorCode(error)}).`);
      return { error: DATABASE_UNAVAILABLE, ...kept };
    }
  };
}

/** The answer when the database cannot be reached, or the connection was lost during the action. */
export const DATABASE_UNAVAILABLE = 'Le service est momentanément indisponible. Réessayez dans un instant.';

function isResult<V>(outcome: Result<unknown> | ActionState<V>): outcome is Result<unknown> {
  return outcome.ok === false || 'value' in outcome;
}

function keptValues(form: FormData, keep: readonly string[] = []): Pick<ActionState, 'values'> {
  if (keep.length === 0) return {};
  const values: Record<string, string> = {};
  for (const name of keep) {
    const value = form.get(name);
    if (typeof value === 'string') values[name] = value;
  }
  return { values };
}

/** One French message per shown field under a summary; a problem elsewhere is the message itself. */
function invalidState(error: z.ZodError, options: ActionOptions): ActionState<never> {
  const shown = (field: string) => !options.shown || options.shown.includes(field);
  const hidden = error.issues.find((issue) => !shown(String(issue.path[0] ?? '')));
  if (hidden) return { error: hidden.message };
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
  return { error: options.invalid ?? 'Le formulaire contient des erreurs.', fieldErrors };
}
