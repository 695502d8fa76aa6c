import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TableRegion } from '@/components/table-region';
import { getDb } from '@/db';
import { dayReservations, findOpeningDay } from '@/lib/activities/opening-days';
import { requireStaff } from '@/lib/auth/session';
import { formatDateTime, formatLongDateTitle } from '@/lib/format';
import { queryId } from '@/lib/query-params';
import { OpeningDayForm } from '../../../opening-day-form';

export const metadata: Metadata = { title: 'Jour d’ouverture' };

const cell = 'px-3 py-2';
const STATUS = { pending: 'Non transmis', confirmed: 'Réservée', waitlisted: 'En liste d’attente' } as Record<string, string>;

export default async function OpeningDayPage({ params }: { params: Promise<{ id: string; jourId: string }> }) {
  const staff = await requireStaff();
  const db = await getDb();
  const route = await params;
  const activityId = queryId(route.id);
  const dayId = queryId(route.jourId);
  const found = dayId === null ? null : await findOpeningDay(db, dayId);
  if (!found || found.activity.id !== activityId) notFound();
  const { day, activity, counts } = found;
  const reservations = await dayReservations(db, day.id);
  return (
    <div className="space-y-6">
      <p>
        <Link href={`/admin/activites/${activity.id}`} className="text-brand-800 underline">
          Retour à {activity.name}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        {activity.name} · {formatLongDateTitle(day.date)}
      </h1>
      <p>
        {day.closed ? <strong className="text-red-800">✕ Jour fermé.</strong> : 'Jour ouvert.'} {counts.taken} place{counts.taken > 1 ? 's' : ''} prise
        {counts.taken > 1 ? 's' : ''} sur {day.capacity}, {counts.waiting} en liste d’attente sur {day.waitlistCapacity}.
      </p>
      {staff.role === 'admin' ? (
        <OpeningDayForm
          activityDayId={day.id}
          defaults={{ capacity: String(day.capacity), waitlistCapacity: String(day.waitlistCapacity) }}
          closed={day.closed}
          reservationCount={reservations.length}
        />
      ) : (
        <p className="text-sm text-slate-700">Seuls les administrateurs modifient les jours d’ouverture.</p>
      )}
      <section aria-labelledby="reservations">
        <h2 id="reservations" className="mb-2 text-lg font-semibold">
          Réservations du jour ({reservations.length})
        </h2>
        {reservations.length === 0 ? (
          <p>Aucune réservation.</p>
        ) : (
          <TableRegion label="Réservations du jour">
            <table className="w-full text-sm">
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className={cell}>Enfant</th>
                  <th scope="col" className={cell}>Famille</th>
                  <th scope="col" className={cell}>État</th>
                  <th scope="col" className={cell}>Demandée le</th>
                </tr>
              </thead>
              <tbody>
                {reservations.map((reservation) => (
                  <tr key={reservation.id} className="border-t border-slate-200">
                    <th scope="row" className={`${cell} text-left font-medium`}>{reservation.childName}</th>
                    <td className={cell}>{reservation.familyName}</td>
                    <td className={cell}>
                      {STATUS[reservation.status]}
                      {reservation.waitlistRank ? ` (rang ${reservation.waitlistRank})` : ''}
                    </td>
                    <td className={cell}>{formatDateTime(reservation.requestedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
    </div>
  );
}
