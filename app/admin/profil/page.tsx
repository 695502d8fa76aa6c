import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChangePasswordForm } from '@/components/change-password-form';
import { Notice } from '@/components/notice';
import { getDb } from '@/db';
import { profileOf } from '@/lib/account/profile';
import { requireStaff } from '@/lib/auth/session';
import { hasSecondFactor } from '@/lib/second-factor/factor';
import { changeStaffPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Profil' };

export default async function StaffProfilePage({ searchParams }: { searchParams: Promise<{ modifie?: string | string[] }> }) {
  const staff = await requireStaff();
  const db = await getDb();
  const [profile, secondFactor] = await Promise.all([profileOf(db, staff.id), hasSecondFactor(db, staff.id)]);
  if (!profile) notFound();
  const { modifie } = await searchParams;
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">Profil</h1>
      {modifie === 'mot-de-passe' && <Notice tone="success">Votre mot de passe a été modifié. Vos autres connexions ont été fermées.</Notice>}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-slate-700">Nom</dt>
        <dd>
          {profile.lastName} {profile.firstName}
        </dd>
        <dt className="font-medium text-slate-700">Identifiant</dt>
        <dd>{profile.login}</dd>
        <dt className="font-medium text-slate-700">Adresse e-mail</dt>
        <dd>{profile.email ?? 'Non renseignée'}</dd>
        <dt className="font-medium text-slate-700">Vérification en deux étapes</dt>
        <dd>
          {secondFactor ? 'Activée' : 'Non activée'} ·{' '}
          <Link href="/admin/securite" className="text-brand-800 underline">
            {secondFactor ? 'Gérer les codes de secours' : 'Activer la vérification en deux étapes'}
          </Link>
        </dd>
      </dl>
      <ChangePasswordForm action={changeStaffPasswordAction} />
    </div>
  );
}
