import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PrintButton } from '@/components/print-button';
import { TableRegion } from '@/components/table-region';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { parseIsoDate } from '@/lib/calendar/months';
import { formatDateWithWeekday } from '@/lib/format';
import { queryId, queryValue } from '@/lib/query-params';
import { dayList } from '@/lib/reservations/day-list';

export const metadata: Metadata = { title: 'Liste du jour' };

const cell = 'px-3 py-2 align-top';

/** The day's list to print: who comes, at what time, and whom to call. */
export default async function DayPrintPage({ searchParams }: { searchParams: Promise<{ activite?: string | string[]; date?: string | string[] }> }) {
  await requireStaff();
  const params = await searchParams;
  const activityId = queryId(params.activite);
  const date = parseIsoDate(queryValue(params.date));
  if (!activityId || !date) notFound();
  const list = await dayList(await getDb(), activityId, date);
  if (!list) notFound();
  const children = list.expected;
  return (
    <div className="space-y-4">
      <div className="no-print flex flex-wrap items-center gap-3">
        <Link href={`/admin/reservations?activite=${list.activityId}&date=${list.date}`} className="text-brand-800 underline">
          ← Retour aux réservations du jour
        </Link>
        <PrintButton />
      </div>
      <h1 className="text-2xl font-bold">
        {list.activityName} · {formatDateWithWeekday(list.date)}
      </h1>
      <p>
        {children.length} enfant{children.length > 1 ? 's' : ''} · Arrivée {list.arrivalTime} · Départ {list.departureTime}
      </p>
      {children.length === 0 ? (
        <p>Aucun enfant inscrit.</p>
      ) : (
        <TableRegion label="Liste du jour">
          <table className="w-full text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className={cell}>Enfant</th>
                <th scope="col" className={`${cell} text-right`}>Âge</th>
                <th scope="col" className={cell}>Arrivée</th>
                <th scope="col" className={cell}>Départ</th>
                <th scope="col" className={cell}>Responsables</th>
                <th scope="col" className={cell}>Téléphone</th>
                <th scope="col" className={cell}>E-mail</th>
              </tr>
            </thead>
            <tbody>
              {children.map((row) => (
                <tr key={row.reservationId} className="border-t border-slate-200">
                  <th scope="row" className={`${cell} text-left font-medium`}>
                    {row.childName}
                    {row.status === 'pending' && <span className="font-normal"> (Non transmis)</span>}
                  </th>
                  <td className={`${cell} text-right tabular-nums`}>{row.age} ans</td>
                  <td className={`${cell} tabular-nums`}>{list.arrivalTime}</td>
                  <td className={`${cell} tabular-nums`}>{list.departureTime}</td>
                  <td className={cell}>
                    {row.contacts.map((contact, index) => (
                      <div key={index}>{contact.name}</div>
                    ))}
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {row.contacts.map((contact, index) => (
                      <div key={index}>{contact.phone ?? '—'}</div>
                    ))}
                  </td>
                  <td className={`${cell} break-all`}>
                    {row.contacts.map((contact, index) => (
                      <div key={index}>{contact.email ?? '—'}</div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
