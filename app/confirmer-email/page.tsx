import type { Metadata } from 'next';
import { Notice } from '@/components/notice';
import { PublicPage } from '@/components/public-page';
import { getDb } from '@/db';
import { checkToken } from '@/lib/account/tokens';
import { appClock } from '@/lib/clock';
import { ConfirmEmailForm } from './confirm-form';

export const metadata: Metadata = { title: 'Confirmer l’adresse e-mail' };

// Opening the link only shows a button: mail scanners that fetch links must not use it up.
export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<{ jeton?: string | string[] }> }) {
  const { jeton } = await searchParams;
  const token = typeof jeton === 'string' ? jeton : '';
  const check = await checkToken(await getDb(), appClock(), 'email_change', token);
  return (
    <PublicPage title="Confirmer votre adresse e-mail">
      {check.ok ? <ConfirmEmailForm token={token} newEmail={check.value.newEmail ?? ''} /> : <Notice tone="error">{check.message}</Notice>}
    </PublicPage>
  );
}
