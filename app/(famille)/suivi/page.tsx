import type { Metadata } from 'next';
import { ChoiceLink } from '@/components/choice-link';
import { PrintButton } from '@/components/print-button';
import { TableHead } from '@/components/table-head';
import { TableRegion } from '@/components/table-region';
import { getDb } from '@/db';
import { requireGuardian } from '@/lib/auth/session';
import { appClock, parisToday } from '@/lib/clock';
import { formatDate, formatShortWeekday } from '@/lib/format';
import { queryId, queryValue } from '@/lib/query-params';
import { familyChildChoices } from '@/lib/reservations/calendar';
import { statusLabel } from '@/lib/reservations/labels';
import { familyReservations, type FamilyReservationFilter } from '@/lib/reservations/family-reservations';
import type { FamilyReservationRow } from '@/lib/reservations/types';

export const metadata: Metadata = { title: 'Suivi' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const cell = 'px-2 py-2 sm:px-3';

const STATUS_STYLES: Record<FamilyReservationRow['status'], string> = {
  pending: 'bg-sky-100 text-sky-950',
  confirmed: 'bg-green-100 text-green-950',
  waitlisted: 'bg-yellow-100 text-yellow-950',
  refused: 'bg-red-100 text-red-900',
  cancelled: 'bg-slate-200 text-slate-800',
  attended: 'bg-green-100 text-green-950',
  absent: 'bg-slate-200 text-slate-800',
};

/** A filter from the query: absent or empty means "all"; an id of nothing of ours matches nothing. */
function filterValue(value: string | string[] | undefined): number | undefined {
  const text = queryValue(value);
  if (text === undefined || text === '') return undefined;
  return queryId(text) ?? -1;
}

export default async function SuiviPage({ searchParams }: { searchParams: SearchParams }) {
  const guardian = await requireGuardian();
  const params = await searchParams;
  const db = await getDb();
  const clock = appClock();
  const scope: FamilyReservationFilter['scope'] = queryValue(params.periode) === 'passees' ? 'past' : 'upcoming';
  const childId = filterValue(params.enfant);
  const activityId = filterValue(params.activite);

  const [children, inScope] = await Promise.all([
    familyChildChoices(db, guardian.familyId),
    familyReservations(db, clock, guardian.familyId, { scope }),
  ]);
  const rows =
    childId === undefined && activityId === undefined
      ? inScope
      : await familyReservations(db, clock, guardian.familyId, { scope, childId, activityId });
  // "Activité" offers only what the chosen child has reservations for.
  const ofChild = childId === undefined ? inScope : inScope.filter((row) => row.childId === childId);
  const activities = [...new Map(ofChild.map((row) => [row.activityId, row.activityName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'fr'));

  const scopeHref = (next: FamilyReservationFilter['scope']) => {
    const query = new URLSearchParams();
    if (next === 'past') query.set('periode', 'passees');
    if (childId !== undefined) query.set('enfant', String(childId));
    if (activityId !== undefined) query.set('activite', String(activityId));
    const search = query.toString();
    return search ? `/suivi?${search}` : '/suivi';
  };
  const scopeTitle = scope === 'upcoming' ? 'Réservations à venir' : 'Réservations passées';
  const scopeLink = (target: FamilyReservationFilter['scope'], label: string) => (
    <ChoiceLink href={scopeHref(target)} current={scope === target}>
      {label}
    </ChoiceLink>
  );

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Suivi</h1>
        <PrintButton />
      </div>
      <p className="text-slate-700">
        L’état de vos réservations. Celles que vous venez de faire sont dans l’état « Non transmis » : elles seront transmises dans la
        nuit et vous pourrez consulter le lendemain leur état définitif.
      </p>

      <nav aria-label="Période" className="no-print flex flex-wrap gap-2">
        {scopeLink('upcoming', 'Réservations à venir')}
        {scopeLink('past', 'Réservations passées')}
      </nav>

      <form role="search" aria-label="Filtrer les réservations" className="no-print flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        {scope === 'past' && <input type="hidden" name="periode" value="passees" />}
        <div>
          <label htmlFor="enfant" className="mb-1 block text-sm font-medium">
            Consommateur
          </label>
          <select id="enfant" name="enfant" defaultValue={childId === undefined ? '' : String(childId)} className="rounded-md border border-slate-400 bg-white px-2 py-2">
            <option value="">Tous</option>
            {children.map((child) => (
              <option key={child.id} value={child.id}>
                {child.lastName} {child.firstName}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="activite" className="mb-1 block text-sm font-medium">
            Activité
          </label>
          <select id="activite" name="activite" defaultValue={activityId === undefined ? '' : String(activityId)} className="max-w-[18rem] rounded-md border border-slate-400 bg-white px-2 py-2">
            <option value="">Toutes</option>
            {activities.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-800 px-4 py-2 font-semibold text-white hover:bg-brand-900">
          Filtrer
        </button>
      </form>

      <section aria-labelledby="liste" className="space-y-2">
        <h2 id="liste" className="text-lg font-semibold">
          {scopeTitle} au {formatDate(parisToday(clock))}
        </h2>
        <p className="text-sm text-slate-700">
          {rows.length} réservation{rows.length > 1 ? 's' : ''}
        </p>
        {rows.length === 0 ? (
          <p>Aucune réservation ne correspond à ces critères.</p>
        ) : (
          <TableRegion label={scopeTitle}>
            {/* On a phone each reservation is a block of labelled lines (app/globals.css). */}
            <table role="table" aria-labelledby="liste" className="stacked-table w-full text-sm">
              <TableHead cellClassName={cell} columns={['Date', 'Consommateur', 'Activité', 'Arrivée', 'Départ', 'Statut']} />
              <tbody role="rowgroup">
                {rows.map((row) => (
                  <tr key={row.reservationId} role="row" className="border-t border-slate-200">
                    <td role="cell" data-label="Date" className={`${cell} whitespace-nowrap`}>
                      {formatShortWeekday(row.date)} {formatDate(row.date)}
                    </td>
                    <td role="cell" data-label="Consommateur" className={cell}>
                      {row.childName}
                    </td>
                    <td role="cell" data-label="Activité" className={cell}>
                      {row.activityName}
                    </td>
                    <td role="cell" data-label="Arrivée" className={`${cell} tabular-nums`}>
                      {row.arrivalTime}
                    </td>
                    <td role="cell" data-label="Départ" className={`${cell} tabular-nums`}>
                      {row.departureTime}
                    </td>
                    <td role="cell" data-label="Statut" className={cell}>
                      <span className={`inline-block rounded px-1.5 py-0.5 font-medium ${STATUS_STYLES[row.status]}`}>
                        {statusLabel(row.status, row.waitlistRank)}
                      </span>
                    </td>
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
