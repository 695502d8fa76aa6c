'use client';

import { useActionState } from 'react';
import { initialActionState } from '@/lib/action-state';
import type { FormAction } from '@/lib/actions';

const TONES = {
  primary: 'border-brand-800 bg-brand-800 text-white hover:bg-brand-900',
  secondary: 'border-brand-800 bg-white text-brand-800 hover:bg-brand-50',
  danger: 'border-red-800 bg-white text-red-800 hover:bg-red-50',
} as const;

/**
 * One button acting on one request of the day (Accepter, Refuser, Annuler, Promouvoir, Monter,
 * Descendre): a small form, so it works without JavaScript; a refusal is shown beside it.
 */
export function RowAction({
  action,
  reservationId,
  label,
  description,
  fields = {},
  tone = 'secondary',
  confirm,
}: {
  action: FormAction;
  reservationId: number;
  label: string;
  /** What the button does to whom, for screen readers ("Accepter la demande de Martin Léa"). */
  description: string;
  fields?: Record<string, string>;
  tone?: keyof typeof TONES;
  /** A question to confirm before an irreversible change. */
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form
      action={formAction}
      className="no-print inline-flex flex-col"
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      <input type="hidden" name="reservationId" value={reservationId} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        disabled={pending}
        aria-label={description}
        className={`min-h-11 min-w-11 rounded-md border px-3 py-2 text-sm font-semibold disabled:opacity-60 ${TONES[tone]}`}
      >
        {label}
      </button>
      {state.error && (
        <span role="alert" className="mt-1 max-w-48 text-xs text-red-800">
          ⚠ {state.error}
        </span>
      )}
    </form>
  );
}
