import type { Metadata } from 'next';
import { getDb } from '@/db';
import { dashboardCounts } from '@/lib/admin/dashboard';
import { requireStaff } from '@/lib/auth/session';
import { appClock } from '@/lib/clock';

export const metadata: Metadata = { title: 'Tableau de bord' };

export default async function AdminHome() {
  await requireStaff();
  const counts = await dashboardCounts(await getDb(), appClock().now());
  const tiles = [
    { label: 'Familles', value: counts.families },
    { label: 'Enfants', value: counts.children },
    { label: 'Réservations non transmises', value: counts.pending },
    { label: 'Demandes en liste d’attente', value: counts.waitlisted },
    { label: 'Périodes de réservation ouvertes', value: counts.openPeriods },
    { label: 'E-mails en attente d’envoi', value: counts.emailsPending },
  ];
  return (
    <div>
      <h1 className="mb-6 text-2xl font-bold">Tableau de bord</h1>
      <dl className="grid gap-3 sm:grid-cols-3">
        {tiles.map((tile) => (
          <div key={tile.label} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-700">{tile.label}</dt>
            <dd className="text-2xl font-bold tabular-nums">{tile.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
