import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Notice } from '@/components/notice';
import { getCurrentUser } from '@/lib/auth/session';
import { homePath } from '@/lib/auth/types';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Connexion' };

export default async function ConnexionPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; 'mot-de-passe'?: string | string[] }> }) {
  const user = await getCurrentUser();
  if (user) redirect(homePath(user.role));
  const { callbackUrl, 'mot-de-passe': passwordState } = await searchParams;
  return (
    <main id="contenu" className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-2xl font-bold text-brand-800">Compte Famille</h1>
        <p className="mb-6 mt-1 text-sm text-slate-700">
          Saisissez l’identifiant et le mot de passe qui vous ont été fournis par la mairie.
        </p>
        {passwordState === 'modifie' && (
          <div className="mb-4">
            <Notice tone="success">Votre mot de passe a été modifié. Connectez-vous avec le nouveau.</Notice>
          </div>
        )}
        <LoginForm callbackUrl={typeof callbackUrl === 'string' ? callbackUrl : undefined} />
        <p className="mt-4 text-sm">
          <Link href="/mot-de-passe-oublie" className="text-brand-800 underline">
            Mot de passe oublié ?
          </Link>
        </p>
      </div>
    </main>
  );
}
