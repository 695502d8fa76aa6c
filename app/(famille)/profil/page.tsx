import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Notice } from '@/components/notice';
import { getDb } from '@/db';
import { profileOf } from '@/lib/account/profile';
import { requireGuardian } from '@/lib/auth/session';
import { hasSecondFactor } from '@/lib/second-factor/factor';

export const metadata: Metadata = { title: 'Profil' };

const notices: Record<string, string> = {
  'mot-de-passe': 'Votre mot de passe a été modifié. Vos autres connexions ont été fermées.',
  'email-envoye':
    'Un message a été envoyé à votre nouvelle adresse. Votre adresse changera dès que vous aurez suivi le lien de confirmation qu’il contient ; si cette adresse sert déjà à un autre compte, ce message vous l’explique et rien ne change.',
};

export default async function ProfilPage({ searchParams }: { searchParams: Promise<{ modifie?: string | string[] }> }) {
  const guardian = await requireGuardian();
  const db = await getDb();
  const [profile, secondFactor] = await Promise.all([profileOf(db, guardian.id), hasSecondFactor(db, guardian.id)]);
  if (!profile) notFound();
  const { modifie } = await searchParams;
  const notice = typeof modifie === 'string' ? notices[modifie] : undefined;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Profil</h1>
      {notice && <Notice tone="success">{notice}</Notice>}
      <dl className="grid max-w-xl grid-cols-1 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-slate-700">Nom</dt>
        <dd>
          {profile.lastName} {profile.firstName}
        </dd>
        <dt className="font-medium text-slate-700">Identifiant</dt>
        <dd>{profile.login}</dd>
        <dt className="font-medium text-slate-700">Adresse e-mail</dt>
        <dd>{profile.email ?? <span>Non renseignée</span>}</dd>
        <dt className="font-medium text-slate-700">Téléphone</dt>
        <dd>{profile.phone ?? 'Non renseigné'}</dd>
        <dt className="font-medium text-slate-700">Vérification en deux étapes</dt>
        <dd>
          {secondFactor ? 'Activée' : 'Non activée'} ·{' '}
          <Link href="/profil/securite" className="text-brand-800 underline">
            {secondFactor ? 'Gérer la vérification en deux étapes' : 'Activer la vérification en deux étapes'}
          </Link>
        </dd>
      </dl>
      {!profile.email && (
        <Notice tone="info">
          Renseignez votre adresse e-mail : elle sert à vous envoyer le compte-rendu de vos réservations, l’évolution de vos demandes
          en liste d’attente, et un lien si vous oubliez votre mot de passe.
        </Notice>
      )}
      <Link href="/profil/modifier" className="inline-block rounded-md bg-brand-800 px-4 py-2 font-semibold text-white hover:bg-brand-900">
        Modifier
      </Link>
    </div>
  );
}
