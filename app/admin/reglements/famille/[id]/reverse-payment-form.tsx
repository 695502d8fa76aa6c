'use client';

import { useActionState } from 'react';
import { FieldError } from '@/components/field-error';
import { Notice } from '@/components/notice';
import { initialActionState } from '@/lib/action-state';
import { reversePaymentAction } from '../../actions';

/** "Annuler" a paid payment: its reason is mandatory; the credits are reversed, never deleted. */
export function ReversePaymentForm({ familyId, paymentId, label }: { familyId: number; paymentId: number; label: string }) {
  const [state, action, pending] = useActionState(reversePaymentAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  if (state.ok) return <Notice tone="success">{state.message}</Notice>;
  const fieldId = `motif-${paymentId}`;
  return (
    <form action={action} className="no-print space-y-1" noValidate>
      <input type="hidden" name="familyId" value={familyId} />
      <input type="hidden" name="paymentId" value={paymentId} />
      <label htmlFor={fieldId} className="block text-xs font-medium">
        Motif de l’annulation<span className="sr-only"> du règlement {label}</span>
      </label>
      <div className="flex flex-wrap gap-1">
        <input id={fieldId} name="reason" maxLength={300} required defaultValue={state.values?.reason} aria-invalid={!!errors.reason} aria-describedby={errors.reason ? `${fieldId}-error` : undefined} className="min-w-0 flex-1 rounded-md border border-slate-400 px-2 py-1 text-sm" />
        <button type="submit" disabled={pending} className="rounded-md border border-red-800 px-2 py-1 text-sm font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60">
          Annuler<span className="sr-only"> le règlement {label}</span>
        </button>
      </div>
      <FieldError id={`${fieldId}-error`} message={errors.reason} />
      {state.error && !errors.reason && <Notice tone="error">{state.error}</Notice>}
    </form>
  );
}
