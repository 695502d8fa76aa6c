import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { profileOf } from '@/lib/account/profile';
import { requireGuardian } from '@/lib/auth/session';
import { EmailForm, PasswordForm } from './forms';

export const metadata: Metadata = { title: 'Modifier le profil' };

export default async function ModifierProfilPage() {
  const guardian = await requireGuardian();
  const profile = await profileOf(await getDb(), guardian.id);
  if (!profile) notFound();
  return (
    <div className="space-y-6">
      <p>
        <Link href="/profil" className="text-brand-800 underline">
          ← Retour au profil
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Modifier le profil</h1>
      <p className="text-slate-700">Vos modifications s’appliquent immédiatement.</p>
      <PasswordForm />
      <EmailForm currentEmail={profile.email} />
    </div>
  );
}
