'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions';
import { initialActionState } from '@/lib/action-state';
import { FormField } from '../form-field';
import { Notice } from '../notice';
import { SubmitButton } from '../submit-button';
import { RecoveryCodesList } from './recovery-codes-list';

const box = 'space-y-4 rounded-lg border border-slate-200 bg-white p-4';

export function StartEnrolmentForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form action={formAction}>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <SubmitButton pending={pending}>Configurer l’application d’authentification</SubmitButton>
    </form>
  );
}

/** The first code from the app; once accepted, the recovery codes replace the form. */
export function ConfirmEnrolmentForm({ action, doneHref }: { action: FormAction; doneHref: string }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  if (state.oneTimeCodes) {
    return (
      <div className="space-y-4">
        <Notice tone="success">La vérification en deux étapes est activée.</Notice>
        <RecoveryCodesList codes={state.oneTimeCodes} doneHref={doneHref} />
      </div>
    );
  }
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate className={box}>
      {state.error && !errors.code && <Notice tone="error">{state.error}</Notice>}
      <FormField
        name="code"
        label="Code à 6 chiffres affiché par l’application"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={20}
        required
        error={errors.code}
      />
      <SubmitButton pending={pending}>Activer</SubmitButton>
    </form>
  );
}

/** New recovery codes, the password asked again; the new codes replace the form. */
export function RegenerateRecoveryCodesForm({ action, doneHref }: { action: FormAction; doneHref: string }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  if (state.oneTimeCodes) return <RecoveryCodesList codes={state.oneTimeCodes} doneHref={doneHref} />;
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate className={box}>
      <h2 className="text-lg font-semibold">Nouveaux codes de secours</h2>
      <p className="text-sm text-slate-700">Les codes de secours actuels cesseront de fonctionner.</p>
      {state.error && !errors.currentPassword && <Notice tone="error">{state.error}</Notice>}
      <FormField
        name="currentPassword"
        id="regenerateCurrentPassword"
        label="Mot de passe actuel"
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <SubmitButton pending={pending}>Générer de nouveaux codes de secours</SubmitButton>
    </form>
  );
}

export function DisableSecondFactorForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate className={box}>
      <h2 className="text-lg font-semibold">Désactiver la vérification en deux étapes</h2>
      <p className="text-sm text-slate-700">Votre mot de passe suffira de nouveau pour vous connecter.</p>
      {state.error && !errors.currentPassword && <Notice tone="error">{state.error}</Notice>}
      <FormField
        name="currentPassword"
        id="disableCurrentPassword"
        label="Mot de passe actuel"
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <SubmitButton pending={pending}>Désactiver</SubmitButton>
    </form>
  );
}
