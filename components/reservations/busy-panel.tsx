'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { buttonStyles } from './buttons';

/**
 * « Forte affluence »: validation was turned away for lack of room and nothing changed. With
 * JavaScript the form sends itself again once the countdown ends (`onRetry`); without, a « Réessayer »
 * button and a refresh back to the recap after the same wait. Mounted anew for each answer.
 */
export function BusyPanel({ message, retryAfterMs, recapHref, onRetry }: { message: string; retryAfterMs: number; recapHref: string; onRetry: () => void }) {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const [left, setLeft] = useState(seconds);
  // False in the server's HTML, which is what a browser without JavaScript keeps.
  const scripted = useSyncExternalStore(noSubscription, () => true, () => false);
  useEffect(() => {
    const until = Date.now() + retryAfterMs;
    const tick = setInterval(() => setLeft(Math.max(0, Math.ceil((until - Date.now()) / 1000))), 250);
    const retry = setTimeout(onRetry, retryAfterMs);
    return () => {
      clearInterval(tick);
      clearTimeout(retry);
    };
  }, [retryAfterMs, onRetry]);
  return (
    <div role="status" className="no-print space-y-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950">
      <h2 className="text-lg font-semibold">
        <span aria-hidden="true">⏳ </span>Forte affluence
      </h2>
      <p>{message}</p>
      {scripted ? (
        <p>
          Inutile de recharger la page : vos demandes seront envoyées à nouveau automatiquement
          <span aria-hidden="true">{left > 0 ? ` dans ${left} s` : ' maintenant'}</span>.
        </p>
      ) : (
        <p>Cliquez sur « Réessayer » pour les envoyer à nouveau, ou patientez : le récapitulatif s’affichera de nouveau dans {seconds} s.</p>
      )}
      {/* Without JavaScript nothing counts down: the page goes back to the recap after the same wait. */}
      <noscript dangerouslySetInnerHTML={{ __html: `<meta http-equiv="refresh" content="${seconds};url=${attribute(recapHref)}">` }} />
      <button type="submit" className={buttonStyles.back}>
        Réessayer
      </button>
    </div>
  );
}

const noSubscription = () => () => {};
const attribute = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
