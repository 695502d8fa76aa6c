'use client';

import { useActionState } from 'react';
import { initialActionState } from '@/lib/action-state';
import { runJobNowAction } from './actions';

export function RunJobButton({ job, label }: { job: string; label: string }) {
  const [state, action, pending] = useActionState(runJobNowAction, initialActionState);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="job" value={job} />
      <button type="submit" disabled={pending} aria-label={`Lancer maintenant : ${label}`} className="min-h-11 rounded-md bg-brand-800 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'En cours…' : 'Lancer maintenant'}
      </button>
      <p role="status" className={`text-sm break-words ${state.error ? 'text-red-800' : 'text-green-800'}`}>
        {state.error ? `⚠ ${state.error}` : state.message ? `✓ ${state.message}` : ''}
      </p>
    </form>
  );
}
