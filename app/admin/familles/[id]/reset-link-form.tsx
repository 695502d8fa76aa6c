'use client';

import { useActionState } from 'react';
import { Notice } from '@/components/notice';
import { initialActionState } from '@/lib/action-state';
import { issueResetLinkAction } from './actions';

export function ResetLinkForm({ userId, name }: { userId: number; name: string }) {
  const [state, action, pending] = useActionState(issueResetLinkAction, initialActionState);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" disabled={pending} className="rounded-md border border-brand-800 px-3 py-1.5 text-sm font-semibold text-brand-800 hover:bg-brand-50">
        Créer un lien de nouveau mot de passe<span className="sr-only"> pour {name}</span>
      </button>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      {state.ok && (
        <Notice tone="success">
          <p>Lien à remettre à la famille (il ne sert qu’une fois) :</p>
          <p className="break-all font-mono text-xs whitespace-pre-line">{state.message}</p>
        </Notice>
      )}
    </form>
  );
}
