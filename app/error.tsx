'use client';

import { ServerError } from '@/components/server-error';

// "/" leads a logged-in person to their home page and anyone else to Connexion.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="contenu" className="mx-auto max-w-3xl px-4 py-10">
      <ServerError digest={error.digest} retry={reset} back={{ href: '/', label: 'Retour à l’accueil' }} />
    </main>
  );
}
