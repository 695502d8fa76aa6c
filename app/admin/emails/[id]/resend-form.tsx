'use client';

import { useActionState } from 'react';
import { initialActionState } from '@/lib/action-state';
import { resendEmailAction } from './actions';

export function ResendForm({ emailId }: { emailId: number }) {
  const [state, action, pending] = useActionState(resendEmailAction, initialActionState);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="emailId" value={emailId} />
      <button type="submit" disabled={pending || state.ok} className="min-h-11 rounded-md bg-brand-800 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
        Renvoyer
      </button>
      <p role="status" className={`text-sm ${state.error ? 'text-red-800' : 'text-green-800'}`}>
        {state.error ? `⚠ ${state.error}` : state.message ? `✓ ${state.message}` : ''}
      </p>
    </form>
  );
}
