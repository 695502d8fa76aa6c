'use client';

import { useActionState } from 'react';
import { FieldError } from '@/components/field-error';
import { initialActionState } from '@/lib/action-state';
import { publishNewsItemAction } from './actions';

export function NewsForm({ today }: { today: string }) {
  const [state, action, pending] = useActionState(publishNewsItemAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="text-lg font-semibold">Publier une actualité</h2>
      <div>
        <label htmlFor="title" className="mb-1 block font-medium">Titre</label>
        <input id="title" name="title" maxLength={120} required aria-invalid={!!errors.title} aria-describedby={errors.title ? 'title-error' : undefined} className="w-full rounded-md border border-slate-400 px-3 py-2" />
        <FieldError id="title-error" message={errors.title} />
      </div>
      <div>
        <label htmlFor="body" className="mb-1 block font-medium">Texte</label>
        <textarea id="body" name="body" rows={4} maxLength={2000} required aria-invalid={!!errors.body} aria-describedby={errors.body ? 'body-error' : undefined} className="w-full rounded-md border border-slate-400 px-3 py-2" />
        <FieldError id="body-error" message={errors.body} />
      </div>
      <div className="flex flex-wrap gap-4">
        <div>
          <label htmlFor="visibleFrom" className="mb-1 block font-medium">Visible à partir du</label>
          <input id="visibleFrom" name="visibleFrom" type="date" defaultValue={today} required aria-invalid={!!errors.visibleFrom} aria-describedby={errors.visibleFrom ? 'visibleFrom-error' : undefined} className="rounded-md border border-slate-400 px-3 py-2" />
          <FieldError id="visibleFrom-error" message={errors.visibleFrom} />
        </div>
        <div>
          <label htmlFor="visibleUntil" className="mb-1 block font-medium">Jusqu’au (facultatif)</label>
          <input id="visibleUntil" name="visibleUntil" type="date" aria-invalid={!!errors.visibleUntil} aria-describedby={errors.visibleUntil ? 'visibleUntil-error' : undefined} className="rounded-md border border-slate-400 px-3 py-2" />
          <FieldError id="visibleUntil-error" message={errors.visibleUntil} />
        </div>
      </div>
      <p role="status" className={state.error ? 'text-sm text-red-800' : 'text-sm text-green-800'}>
        {state.error ?? state.message}
      </p>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-800 px-4 py-2 font-semibold text-white disabled:opacity-60">
        Publier
      </button>
    </form>
  );
}
