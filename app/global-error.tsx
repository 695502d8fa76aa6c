'use client';

import './globals.css';
import { ServerError } from '@/components/server-error';

// When the root layout itself fails: it replaces the whole document.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="fr">
      <body>
        <main id="contenu" className="mx-auto max-w-3xl px-4 py-10">
          <ServerError digest={error.digest} retry={reset} back={{ href: '/', label: 'Retour à l’accueil' }} />
        </main>
      </body>
    </html>
  );
}
