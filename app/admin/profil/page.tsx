import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ChangePasswordForm } from '@/components/change-password-form';
import { Notice } from '@/components/notice';
import { ProfileDetails } from '@/components/profile-details';
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
      <ProfileDetails profile={profile} secondFactor={secondFactor} securityHref="/admin/securite" manageLabel="Gérer les codes de secours" />
      <ChangePasswordForm action={changeStaffPasswordAction} />
    </div>
  );
}
