'use client';

import { useActionState } from 'react';
import { FieldError } from '@/components/field-error';
import { FormField } from '@/components/form-field';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/action-state';
import { WEEKDAYS } from '@/lib/activities/rules';
import { generateOpeningDaysAction } from './actions';
import { describedBy, FormStatus, inputClass, SelectField, valueOf } from './form-parts';

/** Opens many days at once, with the activity's default capacity and waiting list. */
export function OpeningDaysForm({ activityId, periods }: { activityId: number; periods: { id: number; label: string }[] }) {
  const [state, formAction, pending] = useActionState(generateOpeningDaysAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  const value = (name: string) => valueOf(state, {}, name);
  const date = (name: string, label: string) => <FormField key={`${name}-${value(name)}`} name={name} label={label} type="date" error={errors[name]} defaultValue={value(name)} />;
  return (
    <form action={formAction} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="text-lg font-semibold">Créer des jours d’ouverture</h2>
      <input type="hidden" name="activityId" value={activityId} />
      <SelectField
        key={`bookingPeriodId-${value('bookingPeriodId')}`}
        name="bookingPeriodId"
        label="Période de réservation"
        state={state}
        value={value('bookingPeriodId')}
        options={[{ value: '', label: 'Choisir…' }, ...periods.map((period) => ({ value: String(period.id), label: period.label }))]}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        {date('from', 'Du')}
        {date('to', 'Au')}
      </div>
      <fieldset aria-describedby={errors.weekdays ? 'weekdays-error' : undefined}>
        <legend className="mb-1 font-medium">Jours de la semaine</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {WEEKDAYS.map((weekday) => (
            <label key={weekday.value} className="flex items-center gap-2">
              <input type="checkbox" name={`weekday${weekday.value}`} defaultChecked={weekday.value !== 6 && weekday.value !== 7} className="h-5 w-5" />
              {weekday.label}
            </label>
          ))}
        </div>
        <FieldError id="weekdays-error" message={errors.weekdays} />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-1 font-medium">Vacances (aucun jour créé)</legend>
        {date('holidayFrom', 'Vacances du')}
        {date('holidayTo', 'Vacances au')}
      </fieldset>
      <div>
        <label htmlFor="exclusions" className="mb-1 block font-medium">
          Dates exclues
        </label>
        <p id="exclusions-hint" className="mb-1 text-sm text-slate-700">
          JJ/MM/AAAA, une par ligne. Les jours fériés sont toujours exclus.
        </p>
        <textarea
          key={`exclusions-${value('exclusions')}`}
          id="exclusions"
          name="exclusions"
          rows={3}
          defaultValue={value('exclusions')}
          aria-invalid={errors.exclusions ? true : undefined}
          aria-describedby={describedBy(state, 'exclusions', true)}
          className={inputClass}
        />
        <FieldError id="exclusions-error" message={errors.exclusions} />
      </div>
      <FormStatus state={state} />
      <SubmitButton pending={pending}>Créer les jours</SubmitButton>
    </form>
  );
}
