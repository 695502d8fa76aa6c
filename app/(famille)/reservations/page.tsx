import type { Metadata } from 'next';
import Link from 'next/link';
import { Euros } from '@/components/money';
import { Notice } from '@/components/notice';
import { AbandonButton } from '@/components/reservations/abandon-button';
import { buttonStyles } from '@/components/reservations/buttons';
import { dayLook } from '@/components/reservations/day-look';
import { ImportantNotice } from '@/components/reservations/important-notice';
import { CalendarLegend } from '@/components/reservations/legend';
import { MonthCalendar } from '@/components/reservations/month-calendar';
import { monthWeeks } from '@/components/reservations/month-grid';
import { getDb } from '@/db';
import { requireGuardian } from '@/lib/auth/session';
import { appClock } from '@/lib/clock';
import { formatDateWithWeekday, formatEuros, formatMonthTitle } from '@/lib/format';
import { queryId, queryValue } from '@/lib/query-params';
import { basketSummary } from '@/lib/reservations/basket';
import { bookableActivities, calendarView, familyChildChoices } from '@/lib/reservations/calendar';
import { dayCostCents } from '@/lib/reservations/rules';
import type { BasketSummary, CalendarView } from '@/lib/reservations/types';
import { plainFormAction } from '@/lib/action-state';
import { parseYearMonth } from '@/lib/calendar/months';
import { abandonBasketAction, toggleDayAction } from './actions';
import { calendarHref } from './links';

export const metadata: Metadata = { title: 'Réservations' };

// Links never prefetch, as in the tabs: no background request may still be in flight at logout.

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const choiceClass = (current: boolean) =>
  `inline-block rounded-md border-2 px-3 py-1.5 text-sm font-medium ${
    current ? 'border-brand-800 bg-brand-800 text-white' : 'border-slate-300 bg-white text-brand-800 hover:border-brand-800'
  }`;

function MonthNavigation({ view }: { view: CalendarView }) {
  const index = view.months.indexOf(view.month);
  const previous = view.months[index - 1];
  const next = view.months[index + 1];
  const href = (month: string) => calendarHref({ childId: view.child.id, activityId: view.activity.id, month });
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <h2 id="calendrier-titre" className="w-full text-center text-xl font-bold sm:order-2 sm:w-auto">
        {formatMonthTitle(view.month)}
      </h2>
      <div className="sm:order-1 sm:w-44">
        {previous && (
          <Link prefetch={false} href={href(previous)} aria-label={`Mois précédent : ${formatMonthTitle(previous)}`} className="text-brand-800 underline">
            <span aria-hidden="true">‹ </span>
            {formatMonthTitle(previous)}
          </Link>
        )}
      </div>
      <div className="text-right sm:order-3 sm:w-44">
        {next && (
          <Link prefetch={false} href={href(next)} aria-label={`Mois suivant : ${formatMonthTitle(next)}`} className="text-brand-800 underline">
            {formatMonthTitle(next)}
            <span aria-hidden="true"> ›</span>
          </Link>
        )}
      </div>
    </div>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

function PendingRequests({ summary }: { summary: BasketSummary }) {
  const lines = [...summary.additions, ...summary.removals].sort((a, b) => a.date.localeCompare(b.date) || a.childName.localeCompare(b.childName));
  return (
    <section aria-labelledby="demandes" className="space-y-2">
      <h2 id="demandes" className="text-lg font-semibold">
        Vos demandes en cours
      </h2>
      {lines.length === 0 ? (
        <p className="text-slate-700">Aucune demande en cours : cliquez sur les jours du calendrier pour en faire.</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            Pour toutes vos activités, pas encore validées : {plural(summary.additions.length, 'réservation')} et{' '}
            {plural(summary.removals.length, 'annulation')}.
          </p>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
            {lines.map((line) => (
              <li key={line.itemId} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2">
                <span
                  className={`rounded px-1.5 py-0.5 text-xs font-semibold ${
                    line.action === 'add' ? 'bg-orange-300 text-orange-950' : 'bg-green-300 text-green-950'
                  }`}
                >
                  {line.action === 'add' ? 'Réservation demandée' : 'Annulation demandée'}
                </span>
                <span className="whitespace-nowrap">{formatDateWithWeekday(line.date)}</span>
                <span>{line.childName}</span>
                <Link prefetch={false}
                  href={calendarHref({ childId: line.childId, activityId: line.activityId, month: line.date.slice(0, 7) })}
                  className="text-brand-800 underline"
                >
                  {line.activityName}
                </Link>
                <Euros cents={line.costCents} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export default async function ReservationsPage({ searchParams }: { searchParams: SearchParams }) {
  const guardian = await requireGuardian();
  const params = await searchParams;
  const db = await getDb();
  const clock = appClock();

  const children = await familyChildChoices(db, guardian.familyId);
  const problems: string[] = [];
  const childId = queryId(params.enfant);
  let child = children.length === 1 ? children[0] : undefined;
  if (params.enfant !== undefined) {
    child = children.find((c) => c.id === childId);
    if (!child) problems.push('Cet enfant ne fait pas partie de votre famille : choisissez la personne concernée ci-dessous.');
  }
  const activities = child ? await bookableActivities(db, clock, child) : [];
  const activityId = queryId(params.activite);
  const activity = child && params.activite !== undefined ? activities.find((a) => a.id === activityId) : undefined;
  if (child && params.activite !== undefined && !activity) {
    problems.push('Cette activité n’est pas proposée à la réservation pour cet enfant : choisissez l’activité concernée ci-dessous.');
  }
  let view: CalendarView | null = null;
  if (child && activity) {
    const result = await calendarView(db, clock, guardian.familyId, { childId: child.id, activityId: activity.id, month: parseYearMonth(queryValue(params.mois)) ?? undefined });
    if (result.ok) view = result.value;
    else problems.push(result.message);
  }
  const summary = await basketSummary(db, guardian.familyId);
  const hasRequests = summary.additions.length + summary.removals.length > 0;
  const place = view ? { enfant: String(view.child.id), activite: String(view.activity.id), mois: view.month } : null;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Réservations</h1>
      {queryValue(params.abandon) === '1' && <Notice tone="success">Vos demandes non validées ont été effacées.</Notice>}
      {problems.map((problem) => (
        <Notice key={problem} tone="error">
          {problem}
        </Notice>
      ))}
      <p className="text-slate-700">
        Sélectionnez la personne concernée et l’activité, puis cliquez sur les jours que vous souhaitez réserver (ils passent à
        l’orange) ou supprimer (ils passent au vert). Cliquez ensuite sur « Valider » pour afficher le récapitulatif de vos demandes.
      </p>

      <section aria-labelledby="selection" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="selection" className="text-lg font-semibold">
          Sélection
        </h2>
        <div>
          <h3 id="personne" className="mb-2 font-medium">
            Personne concernée
          </h3>
          {children.length === 0 ? (
            <p>Aucun enfant n’est inscrit sur votre compte. Adressez-vous à la mairie.</p>
          ) : (
            <ul aria-labelledby="personne" className="flex flex-wrap gap-2">
              {children.map((c) => (
                <li key={c.id}>
                  <Link prefetch={false} href={calendarHref({ childId: c.id })} aria-current={c.id === child?.id ? 'true' : undefined} className={choiceClass(c.id === child?.id)}>
                    {c.lastName} {c.firstName}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
        {child && (
          <div>
            <h3 id="activite" className="mb-2 font-medium">
              Activité concernée
            </h3>
            {activities.length === 0 ? (
              <p>Aucune activité n’est ouverte à la réservation pour {child.firstName} en ce moment.</p>
            ) : (
              <ul aria-labelledby="activite" className="flex flex-wrap gap-2">
                {activities.map((a) => (
                  <li key={a.id}>
                    <Link prefetch={false}
                      href={calendarHref({ childId: child.id, activityId: a.id })}
                      aria-current={a.id === activity?.id ? 'true' : undefined}
                      className={choiceClass(a.id === activity?.id)}
                    >
                      {a.name}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {activity && (
          <p>
            <span className="font-medium">{"Tarif de l'activité :"}</span> <strong className="tabular-nums">{formatEuros(dayCostCents(activity))}</strong>
            {activity.quantity > 1 && (
              <span className="text-sm text-slate-700">
                {' '}
                ({activity.quantity} × {formatEuros(activity.unitPriceCents)})
              </span>
            )}
            <span className="block text-sm text-slate-700">
              Arrivée {activity.arrivalTime.slice(0, 5)}, départ {activity.departureTime.slice(0, 5)}
            </span>
          </p>
        )}
      </section>

      {view && place && (
        <section id="calendrier" aria-labelledby="calendrier-titre" className="space-y-4">
          <MonthNavigation view={view} />
          <p className="text-center text-sm text-slate-700">
            {view.child.lastName} {view.child.firstName} · {view.activity.name}
          </p>
          <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
            <MonthCalendar
              title={`${formatMonthTitle(view.month)} : ${view.activity.name}, ${view.child.firstName}`}
              weeks={monthWeeks(view.month, view.days).map((week) => week.map((cell) => (cell.inMonth ? dayLook(cell) : null)))}
              fields={{ childId: String(view.child.id), activite: place.activite, mois: place.mois }}
              action={toggleDayAction}
            />
            <CalendarLegend />
          </div>
          <ImportantNotice />
          <div className="flex flex-wrap items-center gap-3">
            {hasRequests && (
              <form action={plainFormAction(abandonBasketAction)}>
                {Object.entries(place).map(([name, value]) => (
                  <input key={name} type="hidden" name={name} value={value} />
                ))}
                <AbandonButton />
              </form>
            )}
            <Link prefetch={false} href={calendarHref({ childId: view.child.id })} className={buttonStyles.back}>
              Retour
            </Link>
            {hasRequests && (
              <Link prefetch={false} href={`/reservations/recapitulatif?${new URLSearchParams(place)}`} className={buttonStyles.validate}>
                Valider <span aria-hidden="true">✓</span>
              </Link>
            )}
          </div>
        </section>
      )}

      <PendingRequests summary={summary} />
      {!view && hasRequests && (
        <p>
          <Link prefetch={false} href="/reservations/recapitulatif" className={buttonStyles.validate}>
            Valider <span aria-hidden="true">✓</span>
          </Link>
        </p>
      )}
    </div>
  );
}
