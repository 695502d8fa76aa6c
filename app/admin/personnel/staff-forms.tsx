'use client';

import { useActionState } from 'react';
import { FieldError } from '@/components/field-error';
import { FormField } from '@/components/form-field';
import { initialActionState, type ActionState } from '@/lib/action-state';
import { createStaffAccountAction, resetStaffSecondFactorAction, setStaffActiveAction } from './actions';

function Outcome({ state }: { state: ActionState }) {
  return (
    <p role="status" className={`text-sm whitespace-pre-line break-all ${state.error ? 'text-red-800' : 'text-green-800'}`}>
      {state.error ? `⚠ ${state.error}` : state.message ? `✓ ${state.message}` : ''}
    </p>
  );
}

export function CreateStaffForm() {
  const [state, action, pending] = useActionState(createStaffAccountAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="text-lg font-semibold">Créer un compte</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField name="lastName" label="Nom" autoComplete="off" defaultValue={values.lastName} error={errors.lastName} />
        <FormField name="firstName" label="Prénom" autoComplete="off" defaultValue={values.firstName} error={errors.firstName} />
        <FormField name="login" label="Identifiant" autoComplete="off" hint="Lettres sans accent, chiffres, point, tiret." defaultValue={values.login} error={errors.login} />
        <FormField name="email" label="Adresse e-mail" type="email" autoComplete="off" defaultValue={values.email} error={errors.email} />
      </div>
      <fieldset>
        <legend className="mb-1 font-medium">Rôle</legend>
        <div className="flex flex-wrap gap-4">
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="role" value="agent" defaultChecked={values.role !== 'admin'} /> Agent
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="role" value="admin" defaultChecked={values.role === 'admin'} /> Administrateur
          </label>
        </div>
        <FieldError id="role-error" message={errors.role} />
      </fieldset>
      <Outcome state={state} />
      <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-800 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
        Créer le compte
      </button>
    </form>
  );
}

export function StaffRowActions({ userId, name, active, secondFactor }: { userId: number; name: string; active: boolean; secondFactor: boolean }) {
  const [activeState, toggle, toggling] = useActionState(setStaffActiveAction, initialActionState);
  const [factorState, reset, resetting] = useActionState(resetStaffSecondFactorAction, initialActionState);
  const button = 'min-h-11 rounded-md border border-brand-800 bg-white px-3 py-2 text-sm font-medium text-brand-800 hover:bg-brand-50 disabled:opacity-60';
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <form action={toggle}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="active" value={active ? 'false' : 'true'} />
          <button type="submit" disabled={toggling} aria-label={`${active ? 'Désactiver' : 'Réactiver'} le compte de ${name}`} className={button}>
            {active ? 'Désactiver' : 'Réactiver'} le compte
          </button>
        </form>
        {secondFactor && (
          <form action={reset}>
            <input type="hidden" name="userId" value={userId} />
            <button type="submit" disabled={resetting} aria-label={`Retirer la vérification en deux étapes de ${name}`} className={button}>
              Retirer la vérification en deux étapes
            </button>
          </form>
        )}
      </div>
      <Outcome state={activeState} />
      <Outcome state={factorState} />
    </div>
  );
}
