'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/form-field';
import { initialActionState } from '@/lib/action-state';
import { saveMenuAction } from './actions';

export function MenuForm({ defaultDate }: { defaultDate: string }) {
  const [state, action, pending] = useActionState(saveMenuAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="text-lg font-semibold">Saisir un menu</h2>
      <p className="text-sm text-slate-700">Un menu par jour d’école ; saisir à nouveau un jour remplace son menu. Les familles voient ceux de la semaine sur leur Accueil.</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField name="date" label="Jour" type="date" defaultValue={values.date ?? defaultDate} error={errors.date} />
        <FormField name="starter" label="Entrée (facultatif)" defaultValue={values.starter} error={errors.starter} />
        <FormField name="mainCourse" label="Plat" defaultValue={values.mainCourse} error={errors.mainCourse} />
        <FormField name="side" label="Accompagnement (facultatif)" defaultValue={values.side} error={errors.side} />
        <FormField name="dessert" label="Dessert (facultatif)" defaultValue={values.dessert} error={errors.dessert} />
      </div>
      <p role="status" className={state.error ? 'text-sm text-red-800' : 'text-sm text-green-800'}>
        {state.error ? `⚠ ${state.error}` : state.message ? `✓ ${state.message}` : ''}
      </p>
      <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-800 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
        Enregistrer le menu
      </button>
    </form>
  );
}
