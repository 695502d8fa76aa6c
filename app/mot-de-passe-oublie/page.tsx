import type { Metadata } from 'next';
import Link from 'next/link';
import { PublicPage } from '@/components/public-page';
import { townName } from '@/lib/town';
import { RequestResetForm } from './forms';

export const metadata: Metadata = { title: 'Mot de passe oublié' };

export default function ForgottenPasswordPage() {
  return (
    <PublicPage title="Mot de passe oublié">
      <p className="text-sm text-slate-700">
        Saisissez votre identifiant ou l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.
      </p>
      <RequestResetForm />
      <p className="text-sm text-slate-700">
        Pas d’adresse e-mail enregistrée sur votre compte ? Adressez-vous à la {townName().replace(/^Mairie/, 'mairie')} : un agent vous
        remettra un lien pour choisir un nouveau mot de passe.
      </p>
      <Link href="/connexion" className="text-sm text-brand-800 underline">
        ← Retour à la connexion
      </Link>
    </PublicPage>
  );
}
