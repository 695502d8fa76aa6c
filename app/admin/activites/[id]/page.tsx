import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Notice } from '@/components/notice';
import { TableRegion } from '@/components/table-region';
import { getDb } from '@/db';
import { activityFormValues, findActivity, listWalletTypes } from '@/lib/activities/activities';
import { listBookingPeriods } from '@/lib/activities/booking-periods';
import { activityOpeningDays } from '@/lib/activities/opening-days';
import { requireStaff } from '@/lib/auth/session';
import { formatDateWithWeekday } from '@/lib/format';
import { queryId, queryValue } from '@/lib/query-params';
import { updateActivityAction } from '../actions';
import { ActivityForm } from '../activity-form';
import { OpeningDaysForm } from '../opening-days-form';

export const metadata: Metadata = { title: 'Activité' };

const cell = 'px-3 py-2';

export default async function ActivityPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ creee?: string | string[] }> }) {
  const staff = await requireStaff();
  const db = await getDb();
  const id = queryId((await params).id);
  const activity = id === null ? null : await findActivity(db, id);
  if (!activity) notFound();
  const admin = staff.role === 'admin';
  const [walletTypes, periods, days] = await Promise.all([listWalletTypes(db), listBookingPeriods(db), activityOpeningDays(db, activity.id)]);
  const values = activityFormValues(activity);
  return (
    <div className="space-y-8">
      <p>
        <Link href="/admin/activites" className="text-brand-800 underline">
          Retour aux activités
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{activity.name}</h1>
      {queryValue((await searchParams).creee) === '1' && <Notice tone="success">L’activité est créée.</Notice>}
      <p>
        <Link href={`/admin/activites/${activity.id}/tarifs`} className="text-brand-800 underline">
          Tarifs par quotient familial
        </Link>
      </p>
      {admin ? (
        <ActivityForm action={updateActivityAction} defaults={values} walletTypes={walletTypes} activityId={activity.id} submitLabel="Enregistrer" />
      ) : (
        <dl className="grid gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Code</dt>
          <dd>{activity.code}</dd>
          <dt className="font-medium">Horaires</dt>
          <dd>
            {values.arrivalTime} – {values.departureTime}
          </dd>
          <dt className="font-medium">Prix unitaire</dt>
          <dd>{values.unitPrice} € × {activity.quantity}</dd>
          <dt className="font-medium">Âges</dt>
          <dd>
            {activity.minAgeYears}-{activity.maxAgeYears} ans
          </dd>
          <dt className="font-medium">Délai de modification</dt>
          <dd>
            {activity.deadlineDays} jour{activity.deadlineDays > 1 ? 's' : ''} {activity.deadlineCountsWorkingDays ? 'ouvrés' : 'calendaires'} avant, à {values.deadlineTime}
          </dd>
          <dt className="font-medium">Validation</dt>
          <dd>{activity.approval === 'manual' ? 'Manuelle' : 'Automatique'}</dd>
        </dl>
      )}
      <section aria-labelledby="jours" className="space-y-4">
        <h2 id="jours" className="text-lg font-semibold">
          Jours d’ouverture ({days.length})
        </h2>
        {days.length === 0 ? (
          <p>Aucun jour d’ouverture.</p>
        ) : (
          <TableRegion label="Jours d’ouverture">
            <table className="w-full text-sm">
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className={cell}>Date</th>
                  <th scope="col" className={cell}>Période</th>
                  <th scope="col" className={`${cell} text-right`}>Places prises</th>
                  <th scope="col" className={`${cell} text-right`}>Capacité</th>
                  <th scope="col" className={`${cell} text-right`}>En liste d’attente</th>
                  <th scope="col" className={`${cell} text-right`}>Liste d’attente</th>
                  <th scope="col" className={cell}>État</th>
                </tr>
              </thead>
              <tbody>
                {days.map((day) => (
                  <tr key={day.id} className="border-t border-slate-200">
                    <th scope="row" className={`${cell} text-left font-medium`}>
                      <Link href={`/admin/activites/${activity.id}/jours/${day.id}`} className="text-brand-800 underline">
                        {formatDateWithWeekday(day.date)}
                      </Link>
                    </th>
                    <td className={cell}>{day.periodLabel}</td>
                    <td className={`${cell} text-right tabular-nums`}>{day.taken}</td>
                    <td className={`${cell} text-right tabular-nums`}>{day.capacity}</td>
                    <td className={`${cell} text-right tabular-nums`}>{day.waiting}</td>
                    <td className={`${cell} text-right tabular-nums`}>{day.waitlistCapacity}</td>
                    <td className={cell}>{day.closed ? <span className="font-semibold text-red-800">✕ Fermé</span> : 'Ouvert'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        {admin && <OpeningDaysForm activityId={activity.id} periods={periods.map((period) => ({ id: period.id, label: period.label }))} />}
      </section>
    </div>
  );
}
