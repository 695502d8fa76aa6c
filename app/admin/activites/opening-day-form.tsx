'use client';

import { useActionState, useState } from 'react';
import { FieldError } from '@/components/field-error';
import { FormField } from '@/components/form-field';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/action-state';
import { updateOpeningDayAction } from './actions';
import { FormStatus, valueOf } from './form-parts';

/**
 * One opening day: capacity, waiting list, closed. Closing a day that has reservations asks what
 * to do with them (listed on the page): cancel them and tell the families, or keep the day open.
 */
export function OpeningDayForm({
  activityDayId,
  defaults,
  closed,
  reservationCount,
}: {
  activityDayId: number;
  defaults: Record<string, string>;
  closed: boolean;
  reservationCount: number;
}) {
  const [state, formAction, pending] = useActionState(updateOpeningDayAction, initialActionState);
  const [closing, setClosing] = useState(closed);
  const errors = state.fieldErrors ?? {};
  const value = (name: string) => valueOf(state, defaults, name);
  const asking = closing && !closed && reservationCount > 0;
  return (
    <form action={formAction} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <input type="hidden" name="activityDayId" value={activityDayId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField key={`capacity-${value('capacity')}`} name="capacity" label="Capacité" inputMode="numeric" error={errors.capacity} defaultValue={value('capacity')} />
        <FormField
          key={`waitlistCapacity-${value('waitlistCapacity')}`}
          name="waitlistCapacity"
          label="Liste d’attente"
          inputMode="numeric"
          error={errors.waitlistCapacity}
          defaultValue={value('waitlistCapacity')}
        />
      </div>
      <div className="flex items-center gap-2">
        <input id="closed" name="closed" type="checkbox" checked={closing} onChange={(event) => setClosing(event.target.checked)} className="h-5 w-5" />
        <label htmlFor="closed" className="font-medium">
          Jour fermé
        </label>
      </div>
      {asking && (
        <fieldset className="rounded-md border border-amber-400 bg-amber-50 p-3" aria-describedby={errors.onReservations ? 'onReservations-error' : undefined}>
          <legend className="px-1 font-semibold">
            Ce jour a {reservationCount === 1 ? '1 réservation' : `${reservationCount} réservations`} (listées ci-dessous). Que faut-il en faire ?
          </legend>
          <label className="mt-2 flex items-start gap-2">
            <input type="radio" name="onReservations" value="cancel" className="mt-1 h-5 w-5" />
            <span>Annuler les réservations et prévenir les familles par e-mail</span>
          </label>
          <label className="mt-2 flex items-start gap-2">
            <input type="radio" name="onReservations" value="keepOpen" className="mt-1 h-5 w-5" />
            <span>Garder le jour ouvert</span>
          </label>
          <FieldError id="onReservations-error" message={errors.onReservations} />
        </fieldset>
      )}
      <FormStatus state={state} />
      <SubmitButton pending={pending}>Enregistrer</SubmitButton>
    </form>
  );
}
