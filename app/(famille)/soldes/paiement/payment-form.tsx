'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { Amount } from '@/components/money';
import { FieldError } from '@/components/field-error';
import { Notice } from '@/components/notice';
import { SubmitButton } from '@/components/submit-button';
import { TableHead } from '@/components/table-head';
import { TableRegion } from '@/components/table-region';
import { initialActionState } from '@/lib/action-state';
import { formatAmount } from '@/lib/format';
import { sumCents } from '@/lib/money';
import { amountFieldName, readAmount, totalProblem } from '@/lib/payments/card-amounts';
import { payByCardAction } from './actions';

export interface PayableWallet {
  walletTypeId: number;
  walletType: string;
  balanceCents: number;
  estimatedCostCents: number;
  /** What « Montant à créditer » starts at (the default, or what a link prefilled). */
  creditCents: number;
}

const cell = 'px-2 py-2 sm:px-3';

/**
 * The guide's « Paiement CB » table: « Nouveau solde » and « TOTAL Paiement (€) » follow the amounts
 * as they are typed. Without JavaScript the form still submits; the action checks everything again.
 */
export function CardPaymentForm({ wallets, email, caption }: { wallets: PayableWallet[]; email: string; caption: string }) {
  const [state, action, pending] = useActionState(payByCardAction, initialActionState);
  const [typed, setTyped] = useState<Record<number, string>>(() =>
    Object.fromEntries(wallets.map((wallet) => [wallet.walletTypeId, formatAmount(wallet.creditCents)])),
  );
  const [emailValue, setEmailValue] = useState(email);
  const errors = state.fieldErrors ?? {};
  const amounts = wallets.map((wallet) => readAmount(typed[wallet.walletTypeId] ?? ''));
  const readable = amounts.every((amount) => 'cents' in amount);
  const totalCents = sumCents(amounts.map((amount) => ('cents' in amount ? amount.cents : 0)));
  const totalError = errors.total;
  // While typing: what the action would say of the total (the action alone decides).
  const limitNote = readable ? totalProblem(totalCents) : null;

  return (
    <form action={action} noValidate className="space-y-4">
      {state.error && (
        <Notice tone="error">
          <p className="font-semibold">{state.error}</p>
          {Object.keys(errors).length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {Object.entries(errors).map(([field, message]) => (
                <li key={field}>
                  <a href={`#${field}`} className="underline">
                    {message}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Notice>
      )}

      <TableRegion label="Montants à créditer">
        <table role="table" className="stacked-table w-full text-sm">
          <caption className="sr-only">{caption}</caption>
          <TableHead
            cellClassName={cell}
            columns={[
              'Porte-monnaie',
              { label: 'Solde', key: 'solde', numeric: true },
              { label: 'Coût estimé', key: 'cout', numeric: true },
              { label: 'Montant à créditer', key: 'montant', numeric: true },
              { label: 'Nouveau solde', key: 'nouveau', numeric: true },
            ]}
          />
          <tbody role="rowgroup">
            {wallets.map((wallet, index) => {
              const field = amountFieldName(wallet.walletTypeId);
              const amount = amounts[index]!;
              const error = errors[field];
              return (
                <tr key={wallet.walletTypeId} role="row" className="border-t border-slate-200">
                  <th scope="row" role="rowheader" className={`${cell} text-left font-medium`}>
                    {wallet.walletType}
                  </th>
                  <td role="cell" data-label="Solde" className={`${cell} text-right`}>
                    <Amount cents={wallet.balanceCents} owedNote />
                  </td>
                  <td role="cell" data-label="Coût estimé" className={`${cell} text-right`}>
                    <Amount cents={wallet.estimatedCostCents} />
                  </td>
                  <td role="cell" data-label="Montant à créditer" className={`${cell} text-right`}>
                    <label htmlFor={field} className="sr-only">
                      Montant à créditer sur {wallet.walletType}, en euros
                    </label>
                    <input
                      id={field}
                      name={field}
                      type="text"
                      inputMode="decimal"
                      autoComplete="off"
                      value={typed[wallet.walletTypeId] ?? ''}
                      onChange={(event) => {
                        const value = event.currentTarget.value;
                        setTyped((current) => ({ ...current, [wallet.walletTypeId]: value }));
                      }}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${field}-error` : undefined}
                      className="w-28 rounded-md border border-slate-500 bg-white px-2 py-1 text-right tabular-nums"
                    />
                    <FieldError id={`${field}-error`} message={error} />
                    {!error && 'error' in amount && <p className="mt-1 text-sm text-red-800">{amount.error}</p>}
                  </td>
                  <td role="cell" data-label="Nouveau solde" className={`${cell} text-right`}>
                    {'cents' in amount ? (
                      <Amount cents={wallet.balanceCents - wallet.estimatedCostCents + amount.cents} owedNote />
                    ) : (
                      <>
                        <span aria-hidden="true">—</span>
                        <span className="sr-only">montant à corriger</span>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>

      <div id="total" tabIndex={-1} className="rounded-lg border border-slate-200 bg-white px-3 py-2">
        <p className="text-lg font-semibold">
          TOTAL Paiement (€) :{' '}
          <output aria-live="polite" className="tabular-nums">
            {readable ? formatAmount(totalCents) : '—'}
          </output>
        </p>
        <FieldError id="total-error" message={totalError} />
        {!totalError && limitNote && <p className="mt-1 text-sm text-slate-700">{limitNote}</p>}
        <p className="mt-1 text-sm text-slate-700">Entre 1,00 € et 9 999,99 € par paiement.</p>
      </div>

      <div>
        <label htmlFor="email" className="mb-1 block font-medium">
          Email
        </label>
        <p id="email-hint" className="mb-1 text-sm text-slate-700">
          À la fin de la transaction, un mail de confirmation vous sera adressé à cette adresse.
        </p>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          maxLength={254}
          required
          value={emailValue}
          onChange={(event) => setEmailValue(event.currentTarget.value)}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? 'email-hint email-error' : 'email-hint'}
          className="w-full max-w-md rounded-md border border-slate-500 bg-white px-3 py-2"
        />
        <FieldError id="email-error" message={errors.email} />
      </div>

      <p className="text-sm text-slate-700">
        Cliquez sur « Paiement CB » pour être redirigé vers le site de paiement sécurisé où vous rentrerez les informations nécessaires à
        votre paiement. Votre porte-monnaie est crédité dès que la banque a confirmé le paiement.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>Paiement CB</SubmitButton>
        <Link prefetch={false} href="/soldes" className="font-semibold text-brand-800 underline">
          Retour aux soldes
        </Link>
      </div>
    </form>
  );
}
