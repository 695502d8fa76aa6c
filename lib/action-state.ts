/** What every server action returns to its form (`useActionState`); built by the wrappers in `lib/actions.ts`. */
export type ActionState<View = unknown> = {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  /** What the person typed in the fields the action keeps, to show it again after a refusal. */
  values?: Record<string, string>;
  /** Codes shown once and never stored in the clear (second-factor recovery codes). */
  oneTimeCodes?: string[];
  /**
   * « Forte affluence »: the action did not run for lack of room, nothing changed; the form sends
   * itself again after `retryAfterMs`, telling it is its `attempt`-th new try.
   */
  busy?: { retryAfterMs: number; attempt: number };
  /** A one-time link to hand over on paper (a guardian without e-mail): shown once, never stored. */
  letter?: { name: string; login: string; link: string; validUntil: string };
  /**
   * What the page shows afresh after the action, for the form to update the page itself instead
   * of the server rendering it again (the calendar's days and the basket after a click).
   */
  view?: View;
};

export const initialActionState: ActionState<never> = {};

/**
 * A wrapped action for a plain `<form action>` or a button's `formAction`, where nothing reads the
 * state (the action redirects). Binding keeps it a server action, so the form works without
 * JavaScript; React's prop type wants `void`, hence the cast.
 */
export function plainFormAction(action: (state: ActionState, form: FormData) => Promise<ActionState>): (form: FormData) => Promise<void> {
  return action.bind(null, initialActionState) as unknown as (form: FormData) => Promise<void>;
}
