'use client';

import Link from 'next/link';
import { useActionState, useCallback, useRef } from 'react';
import { FieldError } from '@/components/field-error';
import { Notice } from '@/components/notice';
import type { ActionState } from '@/lib/action-state';
import { AbandonButton } from './abandon-button';
import { BusyPanel } from './busy-panel';
import { buttonStyles } from './buttons';
import { ImportantNotice } from './important-notice';

/**
 * The recap's form: the remarks, then "Abandonner", "Retour" and "Valider". It names the basket
 * version it shows, so a second click, a second tab or a change made meanwhile never validates twice.
 * Turned away by « Forte affluence », it says so and sends itself again, remarks kept.
 */
export function ValidateForm({
  basketId,
  version,
  remarks,
  maxLength,
  backHref,
  place,
  validateAction,
  abandonAction,
}: {
  basketId: number;
  version: number;
  remarks: string;
  maxLength: number;
  backHref: string;
  /** The calendar the parent came from, where "Abandonner" returns. */
  place: { enfant?: number; activite?: number; mois?: string };
  validateAction: (state: ActionState, form: FormData) => Promise<ActionState>;
  abandonAction: (form: FormData) => Promise<void>;
}) {
  const [state, dispatch, pending] = useActionState(validateAction, {});
  const form = useRef<HTMLFormElement>(null);
  const retry = useCallback(() => form.current?.requestSubmit(), []);
  const error = state.fieldErrors?.remarks;
  const recapHref = `/reservations/recapitulatif${queryOf(place)}`;
  return (
    <form ref={form} action={dispatch} className="space-y-4">
      <input type="hidden" name="basketId" value={basketId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="tentative" value={state.busy?.attempt ?? 0} />
      {Object.entries(place).map(([name, value]) => value !== undefined && <input key={name} type="hidden" name={name} value={value} />)}
      {state.error && <Notice tone="error">{state.error}</Notice>}
      {state.busy && !pending && (
        <BusyPanel key={state.busy.attempt} message={state.message ?? ''} retryAfterMs={state.busy.retryAfterMs} recapHref={recapHref} onRetry={retry} />
      )}
      <div>
        <label htmlFor="remarks" className="mb-1 block font-medium">
          Remarques concernant vos réservations
        </label>
        <p id="remarks-hint" className="mb-1 text-sm text-slate-700">
          Facultatif, {maxLength} caractères au plus. Elles accompagnent vos demandes jusqu’au service.
        </p>
        <textarea
          id="remarks"
          name="remarks"
          rows={3}
          maxLength={maxLength}
          defaultValue={state.values?.remarks ?? remarks}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'remarks-hint remarks-error' : 'remarks-hint'}
          className="w-full max-w-2xl rounded-md border border-slate-400 px-3 py-2"
        />
        <FieldError id="remarks-error" message={error} />
      </div>
      <ImportantNotice />
      <div className="flex flex-wrap items-center gap-3">
        <AbandonButton formAction={abandonAction} disabled={pending} />
        <Link prefetch={false} href={backHref} className={buttonStyles.back}>
          Retour
        </Link>
        <button type="submit" disabled={pending} aria-describedby="important" className={buttonStyles.validate}>
          {pending ? 'Validation en cours…' : 'Valider'} <span aria-hidden="true">✓</span>
        </button>
      </div>
    </form>
  );
}

function queryOf(place: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(place)) if (value !== undefined) query.set(name, String(value));
  const search = query.toString();
  return search ? `?${search}` : '';
}
