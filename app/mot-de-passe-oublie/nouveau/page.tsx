import type { Metadata } from 'next';
import Link from 'next/link';
import { Notice } from '@/components/notice';
import { PublicPage } from '@/components/public-page';
import { getDb } from '@/db';
import { checkToken } from '@/lib/account/tokens';
import { appClock } from '@/lib/clock';
import { ResetPasswordForm } from '../forms';

export const metadata: Metadata = { title: 'Nouveau mot de passe' };

export default async function NewPasswordPage({ searchParams }: { searchParams: Promise<{ jeton?: string | string[] }> }) {
  const { jeton } = await searchParams;
  const token = typeof jeton === 'string' ? jeton : '';
  const check = await checkToken(await getDb(), appClock(), 'password_reset', token);
  return (
    <PublicPage title="Choisir un nouveau mot de passe">
      {check.ok ? (
        <ResetPasswordForm token={token} />
      ) : (
        <>
          <Notice tone="error">{check.message}</Notice>
          <Link href="/mot-de-passe-oublie" className="text-brand-800 underline">
            Demander un nouveau lien
          </Link>
        </>
      )}
    </PublicPage>
  );
}
