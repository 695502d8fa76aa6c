import type { z } from 'zod';

/** What every server action returns to its form (`useActionState`). */
export type ActionState = {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
};

export const initialActionState: ActionState = {};

/** Turns zod issues into one French message per field. */
export function fieldErrors(error: z.ZodError): ActionState {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  return { error: 'Le formulaire contient des erreurs.', fieldErrors: errors };
}
