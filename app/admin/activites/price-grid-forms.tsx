'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/form-field';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/action-state';
import { addPriceBracketAction, removePriceBracketAction } from './actions';
import { FormStatus, valueOf } from './form-parts';

/** « Ajouter une tranche » to an activity's price grid by quotient familial. */
export function AddPriceBracketForm({ activityId }: { activityId: number }) {
  const [state, formAction, pending] = useActionState(addPriceBracketAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  // After a success the fields are empty again, ready for the next bracket.
  const value = (name: string) => (state.ok ? '' : valueOf(state, {}, name));
  const field = (name: string, label: string, hint?: string) => (
    <FormField key={`${name}-${value(name)}-${state.ok ? 'ok' : ''}`} name={name} id={`bracket-${name}`} label={label} hint={hint} inputMode="decimal" defaultValue={value(name)} error={errors[name]} />
  );
  return (
    <form action={formAction} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="text-lg font-semibold">Ajouter une tranche</h2>
      <input type="hidden" name="activityId" value={activityId} />
      <div className="grid gap-4 sm:grid-cols-3">
        {field('qfMin', 'Quotient familial de')}
        {field('qfMax', 'à (facultatif)', 'Vide : sans limite.')}
        {field('unitPrice', 'Tarif unitaire (€)', 'Par exemple 4,15.')}
      </div>
      <FormStatus state={state} />
      <SubmitButton pending={pending}>Ajouter la tranche</SubmitButton>
    </form>
  );
}

/** « Supprimer » one bracket. */
export function RemovePriceBracketForm({ activityId, bracketId, label }: { activityId: number; bracketId: number; label: string }) {
  const [state, formAction, pending] = useActionState(removePriceBracketAction, initialActionState);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="activityId" value={activityId} />
      <input type="hidden" name="bracketId" value={bracketId} />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-500 px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100">
        Supprimer<span className="sr-only"> la tranche {label}</span>
      </button>
      {state.error && <FormStatus state={state} />}
    </form>
  );
}
