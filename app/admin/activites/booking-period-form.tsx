'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/form-field';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/action-state';
import type { FormAction } from '@/lib/actions';
import { FormStatus, valueOf } from './form-parts';

/** Create or edit a booking period: the dates it covers and when families may book. */
export function BookingPeriodForm({
  action,
  defaults,
  bookingPeriodId,
  title,
  submitLabel,
}: {
  action: FormAction;
  defaults: Record<string, string>;
  bookingPeriodId?: number;
  title: string;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const errors = state.fieldErrors ?? {};
  const value = (name: string) => valueOf(state, defaults, name);
  const field = (name: string, label: string, type = 'date') => (
    <FormField key={`${name}-${value(name)}`} name={name} label={label} type={type} error={errors[name]} defaultValue={value(name)} />
  );
  return (
    <form action={formAction} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="text-lg font-semibold">{title}</h2>
      {bookingPeriodId && <input type="hidden" name="bookingPeriodId" value={bookingPeriodId} />}
      <FormField key={`label-${value('label')}`} name="label" label="Libellé" maxLength={80} error={errors.label} defaultValue={value('label')} />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-semibold">Dates couvertes</legend>
        {field('startsOn', 'Du')}
        {field('endsOn', 'Au')}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-semibold">Date d’ouverture des réservations</legend>
        {field('opensOn', 'Ouverture le')}
        {field('opensAtTime', 'Heure d’ouverture', 'time')}
        {field('closesOn', 'Fermeture le')}
        {field('closesAtTime', 'Heure de fermeture', 'time')}
      </fieldset>
      <FormStatus state={state} />
      <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
