'use client';

import { useActionState } from 'react';
import { FieldError } from '@/components/field-error';
import { Notice } from '@/components/notice';
import { initialActionState } from '@/lib/action-state';
import { adjustWalletAction } from '../../actions';

const input = 'w-full max-w-md rounded-md border border-slate-400 px-3 py-2';

/** A wallet adjustment: a signed amount and its mandatory reason. */
export function AdjustmentForm({ familyId, wallets }: { familyId: number; wallets: { walletId: number; walletType: string }[] }) {
  const [state, action, pending] = useActionState(adjustWalletAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  const values = state.ok ? {} : (state.values ?? {});
  const formKey = state.ok ? state.message : 'saisie';
  if (wallets.length === 0) return <p className="text-sm">Cette famille n’a pas encore de porte-monnaie : un règlement ou une consommation le crée.</p>;
  return (
    <form key={formKey} action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="text-lg font-semibold">Régulariser un porte-monnaie</h2>
      <input type="hidden" name="familyId" value={familyId} />
      <div>
        <label htmlFor="regul-walletId" className="mb-1 block font-medium">Porte-monnaie</label>
        <select id="regul-walletId" name="walletId" defaultValue={values.walletId} aria-invalid={!!errors.walletId} aria-describedby={errors.walletId ? 'regul-walletId-error' : undefined} className={input}>
          {wallets.map((wallet) => (
            <option key={wallet.walletId} value={wallet.walletId}>{wallet.walletType}</option>
          ))}
        </select>
        <FieldError id="regul-walletId-error" message={errors.walletId} />
      </div>
      <div>
        <label htmlFor="regul-amount" className="mb-1 block font-medium">Montant (€)</label>
        <p id="regul-amount-hint" className="mb-1 text-sm text-slate-700">Positif pour créditer, négatif pour débiter : -12,50.</p>
        <input id="regul-amount" name="amount" inputMode="decimal" defaultValue={values.amount} aria-invalid={!!errors.amount} aria-describedby={['regul-amount-hint', errors.amount ? 'regul-amount-error' : null].filter(Boolean).join(' ')} className={input} />
        <FieldError id="regul-amount-error" message={errors.amount} />
      </div>
      <div>
        <label htmlFor="regul-reason" className="mb-1 block font-medium">Motif (obligatoire)</label>
        <input id="regul-reason" name="reason" maxLength={300} required defaultValue={values.reason} aria-invalid={!!errors.reason} aria-describedby={errors.reason ? 'regul-reason-error' : undefined} className={input} />
        <FieldError id="regul-reason-error" message={errors.reason} />
      </div>
      {state.error && !errors.reason && !errors.amount && !errors.walletId && <Notice tone="error">{state.error}</Notice>}
      {state.ok && <Notice tone="success">{state.message}</Notice>}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-800 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
        Enregistrer la régularisation
      </button>
    </form>
  );
}
