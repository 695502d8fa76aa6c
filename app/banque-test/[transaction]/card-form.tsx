'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/form-field';
import { Notice } from '@/components/notice';
import { initialActionState } from '@/lib/action-state';
import { decideSandboxPaymentAction } from './actions';

/** The test bank's card form: « Payer » with a card, or « Abandonner ». Works without JavaScript too. */
export function SandboxCardForm({ transactionId }: { transactionId: string }) {
  const [state, action, pending] = useActionState(decideSandboxPaymentAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="space-y-4">
      <input type="hidden" name="transaction" value={transactionId} />
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <FormField
        name="numero"
        label="Numéro de carte"
        inputMode="numeric"
        autoComplete="cc-number"
        placeholder="1234 5678 9012 3456"
        defaultValue={state.values?.numero}
        error={errors.numero}
      />
      <div className="grid gap-4 sm:grid-cols-2 sm:gap-3">
        <FormField
          name="expiration"
          label="Date d’expiration (MM/AA)"
          inputMode="numeric"
          autoComplete="cc-exp"
          placeholder="MM/AA"
          maxLength={5}
          defaultValue={state.values?.expiration}
          error={errors.expiration}
        />
        <FormField
          name="cryptogramme"
          label="Cryptogramme (CVV)"
          hint="3 chiffres au dos"
          inputMode="numeric"
          autoComplete="cc-csc"
          maxLength={3}
          error={errors.cryptogramme}
        />
      </div>
      <div className="flex flex-wrap gap-3">
        {/* The first submit button: pressing Enter in a field pays, as on a bank's page. */}
        <button
          type="submit"
          name="choix"
          value="payer"
          disabled={pending}
          className="rounded-md bg-brand-800 px-5 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60"
        >
          Payer
        </button>
        <button
          type="submit"
          name="choix"
          value="abandonner"
          disabled={pending}
          className="rounded-md border border-slate-500 bg-white px-5 py-2 font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60"
        >
          Abandonner
        </button>
      </div>
    </form>
  );
}
