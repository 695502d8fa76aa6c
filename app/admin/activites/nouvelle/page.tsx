import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { activityFormValues, listWalletTypes } from '@/lib/activities/activities';
import { requireStaff } from '@/lib/auth/session';
import { createActivityAction } from '../actions';
import { ActivityForm } from '../activity-form';

export const metadata: Metadata = { title: 'Créer une activité' };

export default async function NewActivityPage() {
  const staff = await requireStaff();
  if (staff.role !== 'admin') redirect('/admin/activites');
  const walletTypes = await listWalletTypes(await getDb());
  return (
    <div className="space-y-4">
      <p>
        <Link href="/admin/activites" className="text-brand-800 underline">
          Retour aux activités
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Créer une activité</h1>
      <ActivityForm action={createActivityAction} defaults={activityFormValues(null)} walletTypes={walletTypes} submitLabel="Créer l’activité" />
    </div>
  );
}
