'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions';
import { initialActionState } from '@/lib/action-state';
import { FormField } from './form-field';
import { NewPasswordFields } from './new-password-fields';
import { Notice } from './notice';
import { SubmitButton } from './submit-button';

/** "Modifier votre mot de passe": the current one, then the new one twice. */
export function ChangePasswordForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">Modifier votre mot de passe</h2>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <FormField name="currentPassword" label="Mot de passe actuel" type="password" autoComplete="current-password" error={errors.currentPassword} />
      <NewPasswordFields errors={errors} />
      <SubmitButton pending={pending}>Enregistrer le mot de passe</SubmitButton>
    </form>
  );
}
