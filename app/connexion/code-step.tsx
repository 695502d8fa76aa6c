'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/form-field';
import { Notice } from '@/components/notice';
import { logInWithCodeAction } from './actions';

/**
 * The second step of a login with a second factor: a code from the app, or a recovery code. The
 * forms carry the password step's signed ticket, never the password.
 */
export function CodeStep({ ticket, callbackUrl }: { ticket: string; callbackUrl: string }) {
  const [state, action, pending] = useActionState(logInWithCodeAction, { values: { ticket, callbackUrl } });
  const errors = state.fieldErrors ?? {};
  const current = state.values?.ticket;
  if (!current) {
    return (
      <div className="space-y-4">
        <Notice tone="error">{state.error}</Notice>
        {/* A plain link: the page loads afresh, with the password step. */}
        <a href="/connexion" className="inline-block text-brand-800 underline">
          Revenir à la connexion
        </a>
      </div>
    );
  }
  const hidden = (
    <>
      <input type="hidden" name="ticket" value={current} />
      <input type="hidden" name="callbackUrl" value={state.values?.callbackUrl ?? callbackUrl} />
    </>
  );
  return (
    <div className="space-y-5">
      <h2 className="text-lg font-semibold">Code de vérification</h2>
      {state.error && !errors.code && !errors.recoveryCode && <Notice tone="error">{state.error}</Notice>}
      <form action={action} noValidate className="space-y-4">
        {hidden}
        <FormField
          name="code"
          label="Code de vérification"
          hint="Le code à 6 chiffres affiché par votre application d’authentification."
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={20}
          required
          autoFocus
          error={errors.code}
        />
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded-md bg-brand-800 px-4 py-2.5 font-semibold text-white hover:bg-brand-900 disabled:opacity-60"
        >
          {pending ? 'Vérification…' : 'Vérifier'}
        </button>
      </form>
      <details open={Boolean(errors.recoveryCode)} className="rounded-md border border-slate-200 p-3">
        <summary className="cursor-pointer font-medium text-brand-800">Utiliser un code de secours</summary>
        <form action={action} noValidate className="mt-3 space-y-4">
          {hidden}
          <FormField
            name="recoveryCode"
            label="Code de secours"
            hint="Un des dix codes reçus à l’activation de la vérification en deux étapes. Chaque code ne sert qu’une fois."
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={50}
            required
            error={errors.recoveryCode}
          />
          <button
            type="submit"
            disabled={pending}
            className="w-full rounded-md border border-brand-800 bg-white px-4 py-2.5 font-semibold text-brand-800 hover:bg-brand-50 disabled:opacity-60"
          >
            Vérifier le code de secours
          </button>
        </form>
      </details>
    </div>
  );
}
