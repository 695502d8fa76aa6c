'use client';

import { useActionState } from 'react';
import { AccessLetter } from '@/components/access-letter';
import { FormField } from '@/components/form-field';
import { Notice } from '@/components/notice';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState, type ActionState } from '@/lib/action-state';
import type { FormAction } from '@/lib/actions';
import { QUOTIENT_SOURCES } from '@/lib/families/quotient-rules';
import {
  addChildAction,
  addGuardianAction,
  deleteQuotientAction,
  issueResetLinkAction,
  recordQuotientAction,
  setGuardianActiveAction,
  updateChildAction,
  updateFamilyAction,
  updateGuardianAction,
} from './actions';

function Outcome({ state }: { state: ActionState }) {
  if (state.error) return <Notice tone="error">{state.error}</Notice>;
  if (state.ok && state.message) return <Notice tone="success">{state.message}</Notice>;
  return null;
}

function useForm(action: FormAction) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return { state, formAction, pending, errors: state.fieldErrors ?? {} };
}

const fieldValue = (state: ActionState, name: string, current?: string | null) => state.values?.[name] ?? current ?? '';

export function FamilyForm({ familyId, name, address }: { familyId: number; name: string; address: string | null }) {
  const { state, formAction, pending, errors } = useForm(updateFamilyAction);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="familyId" value={familyId} />
      <FormField name="name" id="family-name" label="Nom de la famille" defaultValue={name} maxLength={100} required error={errors.name} />
      <FormField name="address" id="family-address" label="Adresse (facultatif)" defaultValue={address ?? ''} maxLength={300} error={errors.address} />
      <Outcome state={state} />
      <SubmitButton pending={pending}>Enregistrer</SubmitButton>
    </form>
  );
}

interface GuardianValues {
  id: number;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
}

function GuardianFieldset({ prefix, state, errors, guardian }: { prefix: string; state: ActionState; errors: Record<string, string>; guardian?: GuardianValues }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <FormField name="lastName" id={`${prefix}-lastName`} label="Nom" autoComplete="off" defaultValue={fieldValue(state, 'lastName', guardian?.lastName)} maxLength={100} required error={errors.lastName} />
      <FormField name="firstName" id={`${prefix}-firstName`} label="Prénom" autoComplete="off" defaultValue={fieldValue(state, 'firstName', guardian?.firstName)} maxLength={100} required error={errors.firstName} />
      <FormField name="email" id={`${prefix}-email`} label="E-mail (facultatif)" type="email" autoComplete="off" defaultValue={fieldValue(state, 'email', guardian?.email)} maxLength={254} error={errors.email} />
      <FormField name="phone" id={`${prefix}-phone`} label="Téléphone (facultatif)" type="tel" autoComplete="off" defaultValue={fieldValue(state, 'phone', guardian?.phone)} maxLength={30} error={errors.phone} />
    </div>
  );
}

export function NewGuardianForm({ familyId, town }: { familyId: number; town: string }) {
  const { state, formAction, pending, errors } = useForm(addGuardianAction);
  return (
    <div className="space-y-3">
      <form action={formAction} className="no-print space-y-3" noValidate>
        <input type="hidden" name="familyId" value={familyId} />
        <GuardianFieldset prefix="new-guardian" state={state.ok ? initialActionState : state} errors={errors} />
        <p className="text-sm text-slate-700">
          L’identifiant est créé à partir du nom. Avec un e-mail, le lien d’activation lui est envoyé ; sinon, une lettre à imprimer s’affiche.
        </p>
        <Outcome state={state} />
        <SubmitButton pending={pending}>Créer le responsable et son accès</SubmitButton>
      </form>
      {state.letter && <AccessLetter letter={state.letter} town={town} activation />}
    </div>
  );
}

export function GuardianForm({ familyId, guardian }: { familyId: number; guardian: GuardianValues }) {
  const { state, formAction, pending, errors } = useForm(updateGuardianAction);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="familyId" value={familyId} />
      <input type="hidden" name="userId" value={guardian.id} />
      <GuardianFieldset prefix={`guardian-${guardian.id}`} state={state} errors={errors} guardian={guardian} />
      <Outcome state={state} />
      <SubmitButton pending={pending}>Enregistrer</SubmitButton>
    </form>
  );
}

export function AccessLinkForm({ userId, name, town }: { userId: number; name: string; town: string }) {
  const { state, formAction, pending } = useForm(issueResetLinkAction);
  return (
    <div className="space-y-2">
      <form action={formAction} className="no-print">
        <input type="hidden" name="userId" value={userId} />
        <button type="submit" disabled={pending} className="rounded-md border border-brand-800 px-3 py-1.5 text-sm font-semibold text-brand-800 hover:bg-brand-50">
          Créer un lien de nouveau mot de passe<span className="sr-only"> pour {name}</span>
        </button>
      </form>
      <Outcome state={state} />
      {state.letter && <AccessLetter letter={state.letter} town={town} activation={false} />}
    </div>
  );
}

export function AccountActiveForm({ familyId, userId, name, active }: { familyId: number; userId: number; name: string; active: boolean }) {
  const { state, formAction, pending } = useForm(setGuardianActiveAction);
  return (
    <form action={formAction} className="no-print space-y-2">
      <input type="hidden" name="familyId" value={familyId} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? '0' : '1'} />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-500 px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100">
        {active ? 'Désactiver le compte' : 'Réactiver le compte'}
        <span className="sr-only"> de {name}</span>
      </button>
      <Outcome state={state} />
    </form>
  );
}

interface ChildValues {
  id: number;
  firstName: string;
  lastName: string;
  birthDate: string;
}

function ChildFieldset({ prefix, state, errors, child }: { prefix: string; state: ActionState; errors: Record<string, string>; child?: ChildValues }) {
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <FormField name="lastName" id={`${prefix}-lastName`} label="Nom" autoComplete="off" defaultValue={fieldValue(state, 'lastName', child?.lastName)} maxLength={100} required error={errors.lastName} />
      <FormField name="firstName" id={`${prefix}-firstName`} label="Prénom" autoComplete="off" defaultValue={fieldValue(state, 'firstName', child?.firstName)} maxLength={100} required error={errors.firstName} />
      <FormField name="birthDate" id={`${prefix}-birthDate`} label="Date de naissance" type="date" defaultValue={fieldValue(state, 'birthDate', child?.birthDate)} required error={errors.birthDate} />
    </div>
  );
}

export function NewChildForm({ familyId, familyName }: { familyId: number; familyName: string }) {
  const { state, formAction, pending, errors } = useForm(addChildAction);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="familyId" value={familyId} />
      <ChildFieldset prefix="new-child" state={state.ok ? { values: { lastName: familyName } } : state} errors={errors} child={{ id: 0, firstName: '', lastName: familyName, birthDate: '' }} />
      <Outcome state={state} />
      <SubmitButton pending={pending}>Ajouter l’enfant</SubmitButton>
    </form>
  );
}

export function ChildForm({ familyId, child }: { familyId: number; child: ChildValues }) {
  const { state, formAction, pending, errors } = useForm(updateChildAction);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="familyId" value={familyId} />
      <input type="hidden" name="childId" value={child.id} />
      <ChildFieldset prefix={`child-${child.id}`} state={state} errors={errors} child={child} />
      <Outcome state={state} />
      <SubmitButton pending={pending}>Enregistrer</SubmitButton>
    </form>
  );
}

/** « Enregistrer le quotient »: a QF, its validity (« Valable du / au ») and its « Justificatif ». */
export function QuotientForm({ familyId }: { familyId: number }) {
  const { state, formAction, pending, errors } = useForm(recordQuotientAction);
  const shown = state.ok ? initialActionState : state;
  const source = fieldValue(shown, 'source', 'caf');
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="familyId" value={familyId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField key={`qf-${state.ok}`} name="quotient" id="quotient" label="Quotient familial (€)" inputMode="numeric" autoComplete="off" defaultValue={fieldValue(shown, 'quotient')} required error={errors.quotient} />
        <div>
          <label htmlFor="quotient-source" className="mb-1 block font-medium">
            Justificatif
          </label>
          <select
            key={`source-${source}`}
            id="quotient-source"
            name="source"
            defaultValue={source}
            aria-invalid={errors.source ? true : undefined}
            aria-describedby={errors.source ? 'quotient-source-error' : undefined}
            className="w-full max-w-md rounded-md border border-slate-400 px-3 py-2"
          >
            {Object.entries(QUOTIENT_SOURCES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {errors.source && (
            <p id="quotient-source-error" className="mt-1 text-sm text-red-800">
              {errors.source}
            </p>
          )}
        </div>
        <FormField key={`from-${state.ok}`} name="validFrom" id="quotient-validFrom" label="Valable du" type="date" defaultValue={fieldValue(shown, 'validFrom')} required error={errors.validFrom} />
        <FormField key={`to-${state.ok}`} name="validTo" id="quotient-validTo" label="Valable au" type="date" defaultValue={fieldValue(shown, 'validTo')} required error={errors.validTo} />
      </div>
      <Outcome state={state} />
      <SubmitButton pending={pending}>Enregistrer le quotient</SubmitButton>
    </form>
  );
}

/** « Supprimer » a quotient recorded by mistake. */
export function DeleteQuotientForm({ familyId, quotientId, label }: { familyId: number; quotientId: number; label: string }) {
  const { state, formAction, pending } = useForm(deleteQuotientAction);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="familyId" value={familyId} />
      <input type="hidden" name="quotientId" value={quotientId} />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-500 px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100">
        Supprimer<span className="sr-only"> le quotient {label}</span>
      </button>
      {state.error && <Outcome state={state} />}
    </form>
  );
}
