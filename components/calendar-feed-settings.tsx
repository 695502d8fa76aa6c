'use client';

import { useActionState } from 'react';
import { initialActionState } from '@/lib/action-state';
import type { FormAction } from '@/lib/actions';
import type { CalendarFeedLink } from '@/lib/reservations/calendar-feed';
import { Notice } from './notice';

const button = 'rounded-md px-4 py-2 font-semibold disabled:opacity-60';
const primary = `${button} bg-brand-800 text-white hover:bg-brand-900`;
const secondary = `${button} border border-brand-800 bg-white text-brand-800 hover:bg-brand-50`;

/**
 * « Agenda de mon téléphone »: the guardian's private calendar feed. Only a hash of its address is
 * kept, so the address is shown once, right after it is made.
 */
export function CalendarFeedSettings({ since, action }: { since: string | null; action: FormAction<CalendarFeedLink> }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const link = state.view;
  return (
    <section aria-labelledby="agenda-telephone" className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="agenda-telephone" className="text-lg font-semibold">
        Agenda de mon téléphone
      </h2>
      <p className="text-slate-700">
        Retrouvez les jours réservés de vos enfants dans l’agenda de votre téléphone ou de votre ordinateur, avec les heures d’arrivée et de
        départ. L’agenda se met à jour tout seul : les jours réservés, les demandes pas encore transmises et les jours passés où votre enfant
        était présent y figurent ; les jours annulés, refusés, en liste d’attente ou d’absence n’y sont pas.
      </p>
      <p className="text-sm text-slate-700">
        Ce lien est personnel : toute personne qui le connaît peut voir ces jours. Vous pouvez le remplacer ou le désactiver à tout moment.
      </p>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      {state.message && !link && <Notice tone="success">{state.message}</Notice>}
      {link && (
        <div className="space-y-3">
          <Notice tone="success">
            {state.message} Copiez ce lien maintenant : il ne sera plus affiché.
          </Notice>
          <div>
            <label htmlFor="calendar-feed-url" className="mb-1 block font-medium">
              Lien de votre agenda
            </label>
            <p id="calendar-feed-url-hint" className="mb-1 text-sm text-slate-700">
              Sélectionnez le lien et copiez-le, puis ajoutez-le dans votre application d’agenda (« S’abonner à un calendrier » ou « Ajouter
              un agenda à partir d’une URL »).
            </p>
            <input
              id="calendar-feed-url"
              type="text"
              readOnly
              value={link.https}
              aria-describedby="calendar-feed-url-hint"
              onFocus={(event) => event.currentTarget.select()}
              className="w-full rounded-md border border-slate-400 bg-slate-50 px-3 py-2 font-mono text-sm"
            />
          </div>
          <p>
            <a href={link.webcal} className="text-brand-800 underline">
              Ajouter à l’agenda de ce téléphone
            </a>
          </p>
        </div>
      )}
      <form action={formAction} className="flex flex-wrap gap-3">
        {since === null ? (
          <button type="submit" name="operation" value="enable" disabled={pending} className={primary}>
            Activer le lien d’agenda
          </button>
        ) : (
          <>
            <p className="w-full text-sm text-slate-700">Lien d’agenda activé (dernier lien créé le {since}).</p>
            <button type="submit" name="operation" value="regenerate" disabled={pending} className={primary}>
              Générer un nouveau lien
            </button>
            <button type="submit" name="operation" value="disable" disabled={pending} className={secondary}>
              Désactiver le lien
            </button>
          </>
        )}
      </form>
    </section>
  );
}
