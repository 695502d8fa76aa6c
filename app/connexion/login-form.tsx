'use client';

import { useActionState } from 'react';
import { initialActionState } from '@/lib/action-state';
import { logInAction } from './actions';
import { CodeStep } from './code-step';

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState(logInAction, initialActionState);
  if (state.values?.ticket) return <CodeStep ticket={state.values.ticket} callbackUrl={state.values.callbackUrl ?? ''} />;
  return (
    <form action={action} className="space-y-4" noValidate>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <div>
        <label htmlFor="identifier" className="mb-1 block font-medium">
          Identifiant
        </label>
        <input
          id="identifier"
          name="identifier"
          autoComplete="username"
          required
          aria-describedby={state.error ? 'login-error' : undefined}
          className="w-full rounded-md border border-slate-400 px-3 py-2"
        />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block font-medium">
          Mot de passe
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby={state.error ? 'login-error' : undefined}
          className="w-full rounded-md border border-slate-400 px-3 py-2"
        />
      </div>
      {state.error && (
        <p id="login-error" role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {state.error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-800 px-4 py-2.5 font-semibold text-white hover:bg-brand-900 disabled:opacity-60"
      >
        {pending ? 'Connexion…' : 'Se connecter'}
      </button>
    </form>
  );
}
