import type { Metadata } from 'next';
import Link from 'next/link';
import { Notice } from '@/components/notice';
import { AbandonButton } from '@/components/reservations/abandon-button';
import { buttonStyles } from '@/components/reservations/buttons';
import { CalendarBoardProvider, WhenRequests } from '@/components/reservations/calendar-board';
import { ImportantNotice } from '@/components/reservations/important-notice';
import { CalendarLegend } from '@/components/reservations/legend';
import { MonthCalendar } from '@/components/reservations/month-calendar';
import { MonthNavigation } from '@/components/reservations/month-navigation';
import { PendingRequests } from '@/components/reservations/pending-requests';
import { SelectionPanel } from '@/components/reservations/selection-panel';
import { getDb } from '@/db';
import { plainFormAction } from '@/lib/action-state';
import { requireGuardian } from '@/lib/auth/session';
import { appClock } from '@/lib/clock';
import { formatDateTime, formatMonthTitle } from '@/lib/format';
import { queryId, queryValue } from '@/lib/query-params';
import { abandonBasketAction, toggleDayAction } from './actions';
import { reservationsPage } from './board';
import { calendarHref, typicalWeekHref } from './links';

export const metadata: Metadata = { title: 'Réservations' };

// Links never prefetch, as in the tabs: no background request may still be in flight at logout.

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ReservationsPage({ searchParams }: { searchParams: SearchParams }) {
  const guardian = await requireGuardian();
  const params = await searchParams;
  const db = await getDb();
  const clock = appClock();

  const { selection, board } = await reservationsPage(db, clock, guardian.familyId, params);
  const { view, problems } = selection;
  const place = view ? { enfant: String(view.child.id), activite: String(view.activity.id), mois: view.month } : null;
  // After « Semaine type »: how many days it added to the basket.
  const added = queryId(params.ajoutes);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Réservations</h1>
      {queryValue(params.abandon) === '1' && <Notice tone="success">Vos demandes non validées ont été effacées.</Notice>}
      {added && (
        <Notice tone="success">
          {added === 1 ? '1 jour ajouté' : `${added} jours ajoutés`} à vos demandes en cours. Cliquez sur « Valider » pour les enregistrer.
        </Notice>
      )}
      {problems.map((problem) => (
        <Notice key={problem} tone="error">
          {problem}
        </Notice>
      ))}
      <p className="text-slate-700">
        {!selection.child
          ? 'Choisissez d’abord la personne concernée, puis l’activité : le calendrier de ses jours ouverts s’affichera ensuite.'
          : !view
            ? 'Choisissez maintenant l’activité concernée : le calendrier de ses jours ouverts s’affichera ensuite.'
            : 'Cliquez sur les jours que vous souhaitez réserver (ils passent à l’orange) ou supprimer (ils passent au vert). Cliquez ensuite sur « Valider » pour afficher le récapitulatif de vos demandes.'}
      </p>

      <SelectionPanel
        selection={selection}
        childHref={(childId) => calendarHref({ childId })}
        activityHref={(childId, activityId) => calendarHref({ childId, activityId })}
      />

      {/* A click updates the calendar, « Vos demandes en cours » and the buttons from its answer: the page is not rendered again. */}
      <CalendarBoardProvider board={board} action={toggleDayAction}>
        {view && place && (
          <section id="calendrier" aria-labelledby="calendrier-titre" className="space-y-4">
            <MonthNavigation view={view} monthHref={(month) => calendarHref({ childId: view.child.id, activityId: view.activity.id, month })} />
            <p className="text-center text-sm text-slate-700">
              {view.child.lastName} {view.child.firstName} · {view.activity.name}
            </p>
            {!view.bookingOpensAt && (
              <p className="text-center text-sm">
                <Link prefetch={false} href={typicalWeekHref({ childId: view.child.id, activityId: view.activity.id })} className="font-semibold text-brand-800 underline">
                  Semaine type
                </Link>{' '}
                : demander les mêmes jours chaque semaine (par exemple tous les mercredis) en une fois.
              </p>
            )}
            {/* The buttons come right under the calendar, before the legend: on a phone they stay within reach. */}
            <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
              <div className="space-y-4">
                {view.bookingOpensAt ? (
                  <p className="rounded-lg border border-sky-300 bg-sky-50 px-4 py-6 text-center text-lg font-semibold text-sky-950">
                    Ouverture des réservations le {formatDateTime(view.bookingOpensAt)}
                  </p>
                ) : (
                  <MonthCalendar
                    title={`${formatMonthTitle(view.month)} : ${view.activity.name}, ${view.child.firstName}`}
                    fields={{ childId: String(view.child.id), activite: place.activite, mois: place.mois }}
                  />
                )}
                <div className="flex flex-wrap items-center gap-3">
                  <WhenRequests>
                    <form action={plainFormAction(abandonBasketAction)}>
                      {Object.entries(place).map(([name, value]) => (
                        <input key={name} type="hidden" name={name} value={value} />
                      ))}
                      <AbandonButton />
                    </form>
                  </WhenRequests>
                  <Link prefetch={false} href={calendarHref({ childId: view.child.id })} className={buttonStyles.back}>
                    Retour
                  </Link>
                  <WhenRequests>
                    <Link prefetch={false} href={`/reservations/recapitulatif?${new URLSearchParams(place)}`} className={buttonStyles.validate}>
                      Valider <span aria-hidden="true">✓</span>
                    </Link>
                  </WhenRequests>
                </div>
                <ImportantNotice />
              </div>
              {!view.bookingOpensAt && <CalendarLegend />}
            </div>
          </section>
        )}

        <PendingRequests />
        {!view && (
          <WhenRequests>
            <p>
              <Link prefetch={false} href="/reservations/recapitulatif" className={buttonStyles.validate}>
                Valider <span aria-hidden="true">✓</span>
              </Link>
            </p>
          </WhenRequests>
        )}
      </CalendarBoardProvider>
    </div>
  );
}
