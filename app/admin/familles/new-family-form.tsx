'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/form-field';
import { Notice } from '@/components/notice';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/action-state';
import { createFamilyAction } from './actions';

export function NewFamilyForm() {
  const [state, action, pending] = useActionState(createFamilyAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormField name="name" id="new-family-name" label="Nom de la famille" defaultValue={state.values?.name ?? ''} maxLength={100} required error={errors.name} />
      <FormField name="address" id="new-family-address" label="Adresse (facultatif)" defaultValue={state.values?.address ?? ''} maxLength={300} error={errors.address} />
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <SubmitButton pending={pending}>Créer la famille</SubmitButton>
    </form>
  );
}
