'use client';

import { ServerError } from '@/components/server-error';

// Inside the staff layout, which already holds the page's <main>.
export default function StaffErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ServerError digest={error.digest} retry={reset} back={{ href: '/admin', label: 'Retour au tableau de bord' }} />;
}
