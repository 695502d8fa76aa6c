'use client';

import { useActionState } from 'react';
import { Notice } from '@/components/notice';
import type { ActionState } from '@/lib/action-state';
import { buttonStyles } from './buttons';

/**
 * « Ajouter au panier » of the Semaine type: sends the pattern the preview shows (each day is
 * judged again on the server) and, when refused, says why above the button.
 */
export function TypicalWeekAddForm({
  fields,
  action,
}: {
  fields: { enfant: string; activite: string; jours: string; du: string; au: string };
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, dispatch, pending] = useActionState(action, {});
  return (
    <form action={dispatch} className="space-y-3">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <button type="submit" disabled={pending} className={buttonStyles.validate}>
        {pending ? 'Ajout en cours…' : 'Ajouter au panier'}
      </button>
    </form>
  );
}
