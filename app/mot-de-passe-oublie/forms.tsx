'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/form-field';
import { NewPasswordFields } from '@/components/new-password-fields';
import { Notice } from '@/components/notice';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/action-state';
import { requestResetAction, resetPasswordAction } from './actions';

export function RequestResetForm() {
  const [state, action, pending] = useActionState(requestResetAction, initialActionState);
  if (state.ok) return <Notice tone="success">{state.message}</Notice>;
  return (
    <form action={action} noValidate className="space-y-4">
      <FormField name="identifier" label="Identifiant ou adresse e-mail" autoComplete="username" error={state.fieldErrors?.identifier} />
      <SubmitButton pending={pending}>Recevoir un lien</SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(resetPasswordAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="space-y-4">
      <input type="hidden" name="jeton" value={token} />
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <NewPasswordFields errors={errors} />
      <SubmitButton pending={pending}>Enregistrer le mot de passe</SubmitButton>
    </form>
  );
}
