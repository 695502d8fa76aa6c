'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/form-field';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/action-state';
import type { FormAction } from '@/lib/actions';
import { FormStatus, SelectField, valueOf } from './form-parts';

/** Create or edit an activity: `defaults` are the stored values as the form types them. */
export function ActivityForm({
  action,
  defaults,
  walletTypes,
  activityId,
  submitLabel,
}: {
  action: FormAction;
  defaults: Record<string, string>;
  walletTypes: { id: number; label: string }[];
  activityId?: number;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const errors = state.fieldErrors ?? {};
  const value = (name: string) => valueOf(state, defaults, name);
  const field = (name: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement> & { hint?: string } = {}) => (
    <FormField key={`${name}-${value(name)}`} name={name} label={label} error={errors[name]} defaultValue={value(name)} {...props} />
  );
  return (
    <form action={formAction} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      {activityId && <input type="hidden" name="activityId" value={activityId} />}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-lg font-semibold">Activité</legend>
        {field('name', 'Nom', { maxLength: 80, required: true })}
        {field('code', 'Code', { maxLength: 30, required: true, hint: 'Lettres, chiffres, « - » et « _ ».' })}
        <SelectField
          key={`walletTypeId-${value('walletTypeId')}`}
          name="walletTypeId"
          label="Porte-monnaie"
          state={state}
          value={value('walletTypeId')}
          options={[{ value: '', label: 'Choisir…' }, ...walletTypes.map((type) => ({ value: String(type.id), label: type.label }))]}
        />
        {field('unitPrice', 'Prix unitaire (€)', { inputMode: 'decimal', hint: 'Par exemple 6,65' })}
        {field('quantity', 'Quantité par jour', { inputMode: 'numeric', hint: 'Une journée 3-6 ans compte 2 unités.' })}
        {field('arrivalTime', 'Heure d’arrivée', { type: 'time' })}
        {field('departureTime', 'Heure de départ', { type: 'time' })}
        {field('minAgeYears', 'Âge minimum (ans, inclus)', { inputMode: 'numeric' })}
        {field('maxAgeYears', 'Âge maximum (ans, exclu)', { inputMode: 'numeric', hint: '3-6 ans : de 3 (inclus) à 6 (exclu).' })}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-lg font-semibold">Places</legend>
        {field('defaultCapacity', 'Capacité par défaut', { inputMode: 'numeric' })}
        {field('defaultWaitlistCapacity', 'Liste d’attente par défaut', { inputMode: 'numeric' })}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-lg font-semibold">Délai de modification</legend>
        {field('deadlineDays', 'Nombre de jours avant', { inputMode: 'numeric' })}
        {field('deadlineTime', 'Heure limite', { type: 'time' })}
        <SelectField
          key={`deadlineDayKind-${value('deadlineDayKind')}`}
          name="deadlineDayKind"
          label="Jours comptés"
          state={state}
          value={value('deadlineDayKind')}
          options={[
            { value: 'calendar', label: 'Jours calendaires' },
            { value: 'working', label: 'Jours ouvrés' },
          ]}
        />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-lg font-semibold">Validation et liste d’attente</legend>
        <SelectField
          key={`approval-${value('approval')}`}
          name="approval"
          label="Validation des demandes"
          state={state}
          value={value('approval')}
          options={[
            { value: 'automatic', label: 'Automatique' },
            { value: 'manual', label: 'Manuelle' },
          ]}
        />
        {field('promotionLeadDays', 'Délai de promotion de la liste d’attente (jours avant)', { inputMode: 'numeric' })}
        <div className="flex items-center gap-2">
          <input
            key={`active-${value('active')}`}
            id="active"
            name="active"
            type="checkbox"
            defaultChecked={value('active') === 'on'}
            className="h-5 w-5"
          />
          <label htmlFor="active" className="font-medium">
            Active (proposée à la réservation)
          </label>
        </div>
      </fieldset>
      <FormStatus state={state} />
      <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
