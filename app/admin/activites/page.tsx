import type { Metadata } from 'next';
import Link from 'next/link';
import { Euros } from '@/components/money';
import { TableRegion } from '@/components/table-region';
import { getDb } from '@/db';
import { listActivities } from '@/lib/activities/activities';
import { bookingPeriodFormValues, listBookingPeriods } from '@/lib/activities/booking-periods';
import { requireStaff } from '@/lib/auth/session';
import { formatDate, formatDateTime } from '@/lib/format';
import { createBookingPeriodAction } from './actions';
import { BookingPeriodForm } from './booking-period-form';

export const metadata: Metadata = { title: 'Activités' };

const cell = 'px-3 py-2';

export default async function ActivitiesPage() {
  const staff = await requireStaff();
  const db = await getDb();
  const [rows, periods] = await Promise.all([listActivities(db), listBookingPeriods(db)]);
  const admin = staff.role === 'admin';
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">Activités</h1>
        {admin ? (
          <Link href="/admin/activites/nouvelle" className="rounded-md bg-brand-800 px-4 py-2 font-semibold text-white">
            Créer une activité
          </Link>
        ) : (
          <p className="text-sm text-slate-700">Seuls les administrateurs modifient les activités.</p>
        )}
      </div>
      <section aria-labelledby="activites">
        <h2 id="activites" className="mb-2 text-lg font-semibold">
          {rows.length} activité{rows.length > 1 ? 's' : ''}
        </h2>
        <TableRegion label="Activités">
          <table className="w-full text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className={cell}>Activité</th>
                <th scope="col" className={cell}>Code</th>
                <th scope="col" className={cell}>Porte-monnaie</th>
                <th scope="col" className={cell}>Horaires</th>
                <th scope="col" className={`${cell} text-right`}>Prix unitaire</th>
                <th scope="col" className={`${cell} text-right`}>Quantité</th>
                <th scope="col" className={cell}>Âges</th>
                <th scope="col" className={`${cell} text-right`}>Capacité</th>
                <th scope="col" className={`${cell} text-right`}>Liste d’attente</th>
                <th scope="col" className={cell}>Validation</th>
                <th scope="col" className={cell}>État</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ activity, walletType }) => (
                <tr key={activity.id} className="border-t border-slate-200">
                  <th scope="row" className={`${cell} text-left font-medium`}>
                    <Link href={`/admin/activites/${activity.id}`} className="text-brand-800 underline">
                      {activity.name}
                    </Link>
                  </th>
                  <td className={cell}>{activity.code}</td>
                  <td className={cell}>{walletType}</td>
                  <td className={cell}>
                    {activity.arrivalTime.slice(0, 5)} – {activity.departureTime.slice(0, 5)}
                  </td>
                  <td className={`${cell} text-right`}><Euros cents={activity.unitPriceCents} /></td>
                  <td className={`${cell} text-right tabular-nums`}>{activity.quantity}</td>
                  <td className={cell}>{activity.minAgeYears}-{activity.maxAgeYears} ans</td>
                  <td className={`${cell} text-right tabular-nums`}>{activity.defaultCapacity}</td>
                  <td className={`${cell} text-right tabular-nums`}>{activity.defaultWaitlistCapacity}</td>
                  <td className={cell}>{activity.approval === 'manual' ? 'Manuelle' : 'Automatique'}</td>
                  <td className={cell}>{activity.active ? 'Active' : 'Inactive'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>
      <section aria-labelledby="periodes" className="space-y-4">
        <h2 id="periodes" className="text-lg font-semibold">Périodes de réservation</h2>
        <TableRegion label="Périodes de réservation">
          <table className="w-full text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className={cell}>Période</th>
                <th scope="col" className={cell}>Dates couvertes</th>
                <th scope="col" className={cell}>Date d’ouverture des réservations</th>
                <th scope="col" className={cell}>Fermeture des réservations</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((period) => (
                <tr key={period.id} className="border-t border-slate-200">
                  <th scope="row" className={`${cell} text-left font-medium`}>
                    {admin ? (
                      <Link href={`/admin/activites/periodes/${period.id}`} className="text-brand-800 underline">
                        {period.label}
                      </Link>
                    ) : (
                      period.label
                    )}
                  </th>
                  <td className={cell}>
                    du {formatDate(period.startsOn)} au {formatDate(period.endsOn)}
                  </td>
                  <td className={cell}>{formatDateTime(period.opensAt)}</td>
                  <td className={cell}>{formatDateTime(period.closesAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        {admin && (
          <BookingPeriodForm action={createBookingPeriodAction} defaults={bookingPeriodFormValues(null)} title="Créer une période de réservation" submitLabel="Créer la période" />
        )}
      </section>
    </div>
  );
}
