import type { Metadata } from 'next';
import Link from 'next/link';
import { Notice } from '@/components/notice';
import { TableRegion } from '@/components/table-region';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { parseIsoDate } from '@/lib/calendar/months';
import { appClock, parisToday } from '@/lib/clock';
import { formatDate, formatDateTime, formatDateWithWeekday } from '@/lib/format';
import { queryId, queryValue } from '@/lib/query-params';
import { activityChoices, dayList, upcomingDays, type DayList, type DayListRow } from '@/lib/reservations/day-list';
import { statusLabel } from '@/lib/reservations/labels';
import { presenceOf } from '@/lib/reservations/staff-decisions';
import {
  approveRequestAction,
  cancelReservationAction,
  moveInWaitingListAction,
  promoteByHandAction,
  recordAttendanceAction,
  refuseRequestAction,
} from './actions';
import { AttendanceButtons } from './attendance-buttons';
import { RowAction } from './row-action';

export const metadata: Metadata = { title: 'Réservations' };

type Params = { activite?: string | string[]; date?: string | string[] };

const STATUS_STYLES: Record<DayListRow['status'], string> = {
  pending: 'bg-sky-100 text-sky-950',
  confirmed: 'bg-green-100 text-green-950',
  waitlisted: 'bg-yellow-100 text-yellow-950',
  refused: 'bg-red-100 text-red-900',
  cancelled: 'bg-slate-200 text-slate-800',
  attended: 'bg-green-100 text-green-950',
  absent: 'bg-slate-200 text-slate-800',
};

/** The Suivi tab's words, and « Absent justifié » for a justified absence. */
const staffStatusLabel = (row: DayListRow) => (row.status === 'absent' && row.absenceJustified ? 'Absent justifié' : statusLabel(row.status, row.waitlistRank));

function Status({ row }: { row: DayListRow }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 font-medium ${STATUS_STYLES[row.status]}`}>{staffStatusLabel(row)}</span>;
}

const cell = 'px-3 py-2 align-top';

interface DayColumn {
  label: string;
  numeric?: boolean;
  /** Buttons: not on the printed list. */
  screenOnly?: boolean;
}

/** One of the day's lists as a table: its scrolling region, its headings, then `children`, the rows. */
function DayTable({ label, columns, children }: { label: string; columns: DayColumn[]; children: React.ReactNode }) {
  return (
    <TableRegion label={label}>
      <table className="w-full text-sm">
        <thead className="bg-slate-100 text-left">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={`${cell}${column.numeric ? ' text-right' : ''}${column.screenOnly ? ' no-print' : ''}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableRegion>
  );
}

/** A row's child (the row heading) and family, linked to the family's file unless `plain`. */
function ChildAndFamily({ row, plain = false }: { row: DayListRow; plain?: boolean }) {
  return (
    <>
      <th scope="row" className={`${cell} text-left font-medium`}>
        {row.childName}
      </th>
      <td className={cell}>
        {plain ? (
          row.familyName
        ) : (
          <Link href={`/admin/familles/${row.familyId}`} className="text-brand-800 underline">
            {row.familyName}
          </Link>
        )}
      </td>
    </>
  );
}

const RequestedAt = ({ row }: { row: DayListRow }) => <td className={`${cell} whitespace-nowrap`}>{formatDateTime(row.requestedAt)}</td>;

export default async function ReservationsPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requireStaff();
  const params = await searchParams;
  const db = await getDb();
  const today = parisToday(appClock());
  const choices = await activityChoices(db);
  const askedActivity = queryId(params.activite);
  const known = choices.some((activity) => activity.id === askedActivity);
  const activityId = known ? askedActivity : (choices[0]?.id ?? null);
  const askedDate = parseIsoDate(queryValue(params.date));
  const date = askedDate ?? today;
  // A forged or stale link falls back to the first activity, or to today, and says so.
  const unknownActivity = queryValue(params.activite) !== undefined && !known;
  const invalidDate = queryValue(params.date) !== undefined && !askedDate;
  const [list, nextDays] = activityId ? await Promise.all([dayList(db, activityId, date), upcomingDays(db, activityId, today)]) : [null, []];
  const dayQuery = (day: string) => `/admin/reservations?activite=${activityId}&date=${day}`;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Réservations</h1>
      {unknownActivity && <Notice>Activité inconnue : voici la première de la liste.</Notice>}
      {invalidDate && <Notice>Date invalide : voici le {formatDate(date)}.</Notice>}
      <form className="no-print flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <div>
          <label htmlFor="activite" className="mb-1 block font-medium">
            Activité
          </label>
          <select id="activite" name="activite" defaultValue={activityId ?? undefined} className="min-h-11 rounded-md border border-slate-400 px-3 py-2">
            {choices.map((activity) => (
              <option key={activity.id} value={activity.id}>
                {activity.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="date" className="mb-1 block font-medium">
            Jour
          </label>
          <input id="date" name="date" type="date" defaultValue={date} className="min-h-11 rounded-md border border-slate-400 px-3 py-2" />
        </div>
        <button type="submit" className="min-h-11 rounded-md bg-brand-800 px-4 py-2 font-semibold text-white hover:bg-brand-900">
          Afficher
        </button>
      </form>

      {nextDays.length > 0 && (
        <nav aria-label="Prochains jours d’ouverture" className="no-print">
          <p className="mb-1 text-sm font-medium">Prochains jours d’ouverture :</p>
          <ul className="flex flex-wrap gap-2">
            {nextDays.map((day) => (
              <li key={day}>
                <Link
                  href={dayQuery(day)}
                  aria-current={day === date ? 'date' : undefined}
                  className={`inline-block rounded-md border px-3 py-2 text-sm ${day === date ? 'border-brand-800 bg-brand-800 font-semibold text-white' : 'border-slate-400 bg-white text-brand-800 underline'}`}
                >
                  {formatDate(day)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}

      {choices.length === 0 ? (
        <p>Aucune activité.</p>
      ) : !list ? (
        <p role="status">Cette activité n’est pas ouverte le {formatDate(date)}.</p>
      ) : (
        <DaySections list={list} today={today} />
      )}
    </div>
  );
}

function DaySections({ list, today }: { list: DayList; today: string }) {
  const manual = list.approval === 'manual';
  const canPoint = list.date <= today;
  const free = Math.max(0, list.capacity - list.taken);
  return (
    <>
      <section aria-labelledby="jour" className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h2 id="jour" className="text-xl font-semibold">
              {list.activityName} · {formatDateWithWeekday(list.date)}
            </h2>
            <p className="text-sm text-slate-700">
              Arrivée {list.arrivalTime} · Départ {list.departureTime} · {manual ? 'Validation manuelle' : 'Validation automatique'}
            </p>
          </div>
          <Link
            href={`/admin/reservations/impression?activite=${list.activityId}&date=${list.date}`}
            className="no-print min-h-11 rounded-md border border-brand-800 bg-white px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50"
          >
            Imprimer
          </Link>
        </div>
        <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <div>
            <dt className="inline font-medium">Places : </dt>
            <dd className="inline tabular-nums">
              {list.taken} / {list.capacity} ({free} libre{free > 1 ? 's' : ''})
            </dd>
          </div>
          <div>
            <dt className="inline font-medium">Liste d’attente : </dt>
            <dd className="inline tabular-nums">
              {list.waiting.length} / {list.waitlistCapacity}
            </dd>
          </div>
        </dl>
        {canPoint && list.expected.length > 0 && (
          <p className="no-print mt-2">
            <a href="#pointage" className="text-brand-800 underline">
              Aller au pointage
            </a>
          </p>
        )}
      </section>

      <section aria-labelledby="inscrits">
        <h2 id="inscrits" className="mb-2 text-lg font-semibold">
          Enfants inscrits ({list.expected.length})
        </h2>
        {list.expected.length === 0 ? (
          <p>Aucun enfant inscrit.</p>
        ) : (
          <DayTable label="Enfants inscrits" columns={[{ label: 'Enfant' }, { label: 'Famille' }, { label: 'Statut' }, { label: 'Demande du' }, { label: 'Actions', screenOnly: true }]}>
            {list.expected.map((row) => (
              <tr key={row.reservationId} className="border-t border-slate-200">
                <ChildAndFamily row={row} />
                <td className={cell}>
                  <Status row={row} />
                </td>
                <RequestedAt row={row} />
                <td className={`${cell} no-print`}>
                  <div className="flex flex-wrap gap-2">
                    {manual && row.status === 'pending' && (
                      <>
                        <RowAction action={approveRequestAction} reservationId={row.reservationId} label="Accepter" description={`Accepter la demande de ${row.childName}`} tone="primary" />
                        <RowAction action={refuseRequestAction} reservationId={row.reservationId} label="Refuser" description={`Refuser la demande de ${row.childName}`} tone="danger" confirm={`Refuser la demande de ${row.childName} ?`} />
                      </>
                    )}
                    {(row.status === 'pending' || row.status === 'confirmed') && !row.posted && (
                      <RowAction
                        action={cancelReservationAction}
                        reservationId={row.reservationId}
                        label="Annuler"
                        description={`Annuler la réservation de ${row.childName}`}
                        tone="danger"
                        confirm={`Annuler la réservation de ${row.childName} ? La famille en sera informée et la place proposée à la liste d’attente.`}
                      />
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </DayTable>
        )}
      </section>

      <section aria-labelledby="attente">
        <h2 id="attente" className="mb-2 text-lg font-semibold">
          Liste d’attente ({list.waiting.length})
        </h2>
        {list.waiting.length === 0 ? (
          <p>Personne en liste d’attente.</p>
        ) : (
          <DayTable label="Liste d’attente" columns={[{ label: 'Rang', numeric: true }, { label: 'Enfant' }, { label: 'Famille' }, { label: 'Demande du' }, { label: 'Actions', screenOnly: true }]}>
            {list.waiting.map((row, index) => (
              <tr key={row.reservationId} className="border-t border-slate-200">
                <td className={`${cell} text-right tabular-nums`}>{row.waitlistRank}</td>
                <ChildAndFamily row={row} />
                <RequestedAt row={row} />
                <td className={`${cell} no-print`}>
                  <div className="flex flex-wrap gap-2">
                    {free > 0 && (
                      <RowAction action={promoteByHandAction} reservationId={row.reservationId} label="Promouvoir" description={`Donner une place à ${row.childName}`} tone="primary" />
                    )}
                    {index > 0 && (
                      <RowAction action={moveInWaitingListAction} reservationId={row.reservationId} fields={{ direction: 'up' }} label="↑ Monter" description={`Monter ${row.childName} d’un rang`} />
                    )}
                    {index < list.waiting.length - 1 && (
                      <RowAction action={moveInWaitingListAction} reservationId={row.reservationId} fields={{ direction: 'down' }} label="↓ Descendre" description={`Descendre ${row.childName} d’un rang`} />
                    )}
                    <RowAction
                      action={cancelReservationAction}
                      reservationId={row.reservationId}
                      label="Annuler"
                      description={`Annuler la demande de ${row.childName}`}
                      tone="danger"
                      confirm={`Annuler la demande de ${row.childName} ? La famille en sera informée.`}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </DayTable>
        )}
      </section>

      {canPoint && (
        <section aria-labelledby="pointage" className="no-print">
          <h2 id="pointage" className="mb-2 text-lg font-semibold">
            Pointage
          </h2>
          {list.expected.filter((row) => row.status !== 'pending').length === 0 ? (
            <p>Aucun enfant à pointer.</p>
          ) : (
            <ul className="space-y-3">
              {list.expected
                .filter((row) => row.status !== 'pending')
                .map((row) => (
                  <li key={row.reservationId} className="rounded-lg border border-slate-200 bg-white p-3">
                    <p className="mb-2 font-semibold">
                      {row.childName} <span className="font-normal text-slate-700">({row.age} ans)</span>
                    </p>
                    {row.posted ? (
                      <p className="text-sm">
                        <Status row={row} /> · journée facturée
                      </p>
                    ) : (
                      <AttendanceButtons action={recordAttendanceAction} reservationId={row.reservationId} childName={row.childName} presence={presenceOf(row)} />
                    )}
                  </li>
                ))}
            </ul>
          )}
        </section>
      )}

      {list.history.length > 0 && (
        <section aria-labelledby="historique">
          <h2 id="historique" className="mb-2 text-lg font-semibold">
            Demandes refusées ou annulées ({list.history.length})
          </h2>
          <DayTable label="Demandes refusées ou annulées" columns={[{ label: 'Enfant' }, { label: 'Famille' }, { label: 'Statut' }, { label: 'Demande du' }]}>
            {list.history.map((row) => (
              <tr key={row.reservationId} className="border-t border-slate-200">
                <ChildAndFamily row={row} plain />
                <td className={cell}>
                  <Status row={row} />
                </td>
                <RequestedAt row={row} />
              </tr>
            ))}
          </DayTable>
        </section>
      )}
    </>
  );
}
