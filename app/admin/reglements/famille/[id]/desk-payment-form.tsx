'use client';

import { useActionState, useState } from 'react';
import { FieldError } from '@/components/field-error';
import { Notice } from '@/components/notice';
import { type ActionState, initialActionState } from '@/lib/action-state';
import { formatEuros } from '@/lib/format';
import { parseEurosToCents, sumCents } from '@/lib/money';
import { recordDeskPaymentAction } from '../../actions';

const MODES = [
  { code: 'CH', label: 'Chèque' },
  { code: 'ESP', label: 'Espèces' },
  { code: 'CESU', label: 'Chèque emploi service universel' },
  { code: 'ANCV', label: 'Chèques-vacances ANCV' },
  { code: 'PRLV', label: 'Prélèvement' },
] as const;

const input = 'w-full max-w-md rounded-md border border-slate-400 px-3 py-2';

/** The desk's "Saisir un règlement": mode, piece, payer, bank, amount, date, and its allocation to the wallets. */
export function DeskPaymentForm({ familyId, today, walletTypes }: { familyId: number; today: string; walletTypes: { id: number; label: string }[] }) {
  // The amount and its shares are kept by the form itself, so that a refusal does not lose them,
  // and the remaining sum shows as the agent types; a success empties them for the next cheque.
  const [amount, setAmount] = useState('');
  const [shares, setShares] = useState<Record<number, string>>({});
  const [state, action, pending] = useActionState(async (previous: ActionState, form: FormData) => {
    const next = await recordDeskPaymentAction(previous, form);
    if (next.ok) {
      setAmount('');
      setShares({});
    }
    return next;
  }, initialActionState);
  const errors = state.fieldErrors ?? {};
  const values = state.ok ? {} : (state.values ?? {});
  const described = (name: string) => (errors[name] ? `paiement-${name}-error` : undefined);
  const amountCents = parseEurosToCents(amount);
  const allocated = sumCents(Object.values(shares).map((share) => (share.trim() === '' ? 0 : (parseEurosToCents(share) ?? 0))));
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="text-lg font-semibold">Saisir un règlement</h2>
      <input type="hidden" name="familyId" value={familyId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="paiement-mode" className="mb-1 block font-medium">Mode règlement</label>
          <select id="paiement-mode" name="mode" defaultValue={values.mode ?? 'CH'} aria-invalid={!!errors.mode} aria-describedby={described('mode')} className={input}>
            {MODES.map((mode) => (
              <option key={mode.code} value={mode.code}>
                {mode.code} – {mode.label}
              </option>
            ))}
          </select>
          <FieldError id="paiement-mode-error" message={errors.mode} />
        </div>
        {(
          [
            ['pieceNumber', 'N° pièce', 'text', 'Obligatoire pour un chèque.'],
            ['payerName', 'Nom Payeur', 'text', undefined],
            ['bankName', 'Nom Banque', 'text', 'Obligatoire pour un chèque.'],
            ['receivedOn', 'Date reçu', 'date', undefined],
          ] as const
        ).map(([name, label, type, hint]) => (
          <div key={name}>
            <label htmlFor={`paiement-${name}`} className="mb-1 block font-medium">{label}</label>
            {hint && <p id={`paiement-${name}-hint`} className="mb-1 text-sm text-slate-700">{hint}</p>}
            <input
              id={`paiement-${name}`}
              name={name}
              type={type}
              defaultValue={values[name] ?? (name === 'receivedOn' ? today : '')}
              aria-invalid={!!errors[name]}
              aria-describedby={[hint ? `paiement-${name}-hint` : null, described(name)].filter(Boolean).join(' ') || undefined}
              className={input}
            />
            <FieldError id={`paiement-${name}-error`} message={errors[name]} />
          </div>
        ))}
        <div>
          <label htmlFor="paiement-amount" className="mb-1 block font-medium">Montant (€)</label>
          <p id="paiement-amount-hint" className="mb-1 text-sm text-slate-700">Par exemple 45,50.</p>
          <input
            id="paiement-amount"
            name="amount"
            inputMode="decimal"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            aria-invalid={!!errors.amount}
            aria-describedby={['paiement-amount-hint', described('amount')].filter(Boolean).join(' ')}
            className={input}
          />
          <FieldError id="paiement-amount-error" message={errors.amount} />
        </div>
      </div>
      <fieldset className="space-y-2" aria-describedby={errors.allocations ? 'paiement-allocations-error' : 'paiement-allocations-hint'}>
        <legend className="font-medium">Ventilation sur les porte-monnaie (€)</legend>
        <p id="paiement-allocations-hint" className="text-sm text-slate-700">La somme des parts doit être égale au montant.</p>
        <div className="grid gap-3 sm:grid-cols-2">
          {walletTypes.map((type) => (
            <div key={type.id}>
              <label htmlFor={`ventilation-${type.id}`} className="mb-1 block text-sm">{type.label}</label>
              <input
                id={`ventilation-${type.id}`}
                name={`ventilation-${type.id}`}
                inputMode="decimal"
                value={shares[type.id] ?? ''}
                onChange={(event) => setShares({ ...shares, [type.id]: event.target.value })}
                aria-invalid={!!errors.allocations}
                className={input}
              />
            </div>
          ))}
        </div>
        <p className="text-sm" aria-live="polite">
          Ventilé : {formatEuros(allocated)}
          {amountCents !== null && amountCents !== allocated && <> · reste à ventiler : {formatEuros(amountCents - allocated)}</>}
        </p>
        <FieldError id="paiement-allocations-error" message={errors.allocations} />
      </fieldset>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      {state.ok && <Notice tone="success">{state.message}</Notice>}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-800 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
        Enregistrer le règlement
      </button>
    </form>
  );
}
