'use client';

import { useActionState } from 'react';
import { ChangePasswordForm } from '@/components/change-password-form';
import { FormField } from '@/components/form-field';
import { Notice } from '@/components/notice';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/action-state';
import { changePasswordAction, requestEmailChangeAction } from '../actions';

export function PasswordForm() {
  return <ChangePasswordForm action={changePasswordAction} />;
}

export function EmailForm({ currentEmail }: { currentEmail: string | null }) {
  const [state, action, pending] = useActionState(requestEmailChangeAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">{currentEmail ? 'Modifier votre adresse e-mail' : 'Renseigner votre adresse e-mail'}</h2>
      <p className="text-sm text-slate-700">
        Adresse actuelle : {currentEmail ?? 'non renseignée'}. Un lien de confirmation sera envoyé à la nouvelle adresse ; le changement
        s’appliquera dès que vous l’aurez suivi. Une adresse qui sert déjà à un autre compte ne peut pas être choisie.
      </p>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <FormField name="newEmail" label="Nouvelle adresse e-mail" type="email" autoComplete="email" maxLength={254} error={errors.newEmail} />
      <FormField
        name="currentPassword"
        label="Mot de passe actuel"
        type="password"
        autoComplete="current-password"
        error={errors.currentPassword}
        id="emailCurrentPassword"
      />
      <SubmitButton pending={pending}>Envoyer le lien de confirmation</SubmitButton>
    </form>
  );
}
