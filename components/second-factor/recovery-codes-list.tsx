'use client';

import { useState } from 'react';
import { PrintButton } from '../print-button';

/** The ten recovery codes, shown once: to print or copy before leaving the page. */
export function RecoveryCodesList({ codes, doneHref }: { codes: string[]; doneHref: string }) {
  const [copyState, setCopyState] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopyState('Les codes sont copiés.');
    } catch {
      setCopyState('La copie n’a pas fonctionné : sélectionnez les codes pour les copier.');
    }
  }
  return (
    <section aria-labelledby="codes-de-secours" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 print:border-0 print:bg-white">
      <h2 id="codes-de-secours" className="text-lg font-semibold">
        Vos codes de secours
      </h2>
      <p>
        Si vous n’avez plus votre téléphone, chaque code permet de vous connecter une seule fois. Imprimez-les ou copiez-les maintenant
        et gardez-les en lieu sûr : ils ne seront plus affichés.
      </p>
      <ol className="grid grid-cols-1 gap-1 font-mono text-base sm:grid-cols-2" aria-label="Codes de secours">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="no-print flex flex-wrap items-center gap-2">
        <PrintButton />
        <button
          type="button"
          onClick={copy}
          className="rounded-md border border-brand-800 bg-white px-3 py-1.5 text-sm font-semibold text-brand-800 hover:bg-brand-50"
        >
          Copier les codes
        </button>
        <a href={doneHref} className="rounded-md bg-brand-800 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-900">
          J’ai gardé mes codes
        </a>
      </div>
      <p role="status" className="no-print text-sm">
        {copyState}
      </p>
    </section>
  );
}
