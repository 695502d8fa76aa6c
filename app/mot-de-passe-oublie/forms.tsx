'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/form-field';
import { Notice } from '@/components/notice';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/action-state';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
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
      <FormField
        name="newPassword"
        label="Nouveau mot de passe"
        type="password"
        autoComplete="new-password"
        hint={`De ${PASSWORD_MIN_LENGTH} à ${PASSWORD_MAX_LENGTH} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`}
        error={errors.newPassword}
      />
      <FormField name="confirmPassword" label="Confirmez le nouveau mot de passe" type="password" autoComplete="new-password" error={errors.confirmPassword} />
      <SubmitButton pending={pending}>Enregistrer le mot de passe</SubmitButton>
    </form>
  );
}
