'use client';

import { ServerError } from '@/components/server-error';

// Inside the family layout, which already holds the page's <main>.
export default function FamilyErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ServerError digest={error.digest} retry={reset} back={{ href: '/accueil', label: 'Retour à l’accueil' }} />;
}
