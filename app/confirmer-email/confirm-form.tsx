'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Notice } from '@/components/notice';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/action-state';
import { confirmEmailAction } from './actions';

export function ConfirmEmailForm({ token, newEmail }: { token: string; newEmail: string }) {
  const [state, action, pending] = useActionState(confirmEmailAction, initialActionState);
  if (state.ok) {
    return (
      <>
        <Notice tone="success">{state.message}</Notice>
        <Link href="/profil" className="text-brand-800 underline">
          Aller au profil
        </Link>
      </>
    );
  }
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="jeton" value={token} />
      <p>
        Confirmez que <strong>{newEmail}</strong> devient l’adresse e-mail de votre Compte Famille.
      </p>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <SubmitButton pending={pending}>Confirmer ma nouvelle adresse</SubmitButton>
    </form>
  );
}
