import type { Metadata } from 'next';
import Link from 'next/link';
import { FieldError } from '@/components/field-error';
import { Notice } from '@/components/notice';
import { buttonStyles } from '@/components/reservations/buttons';
import { TypicalWeekAddForm } from '@/components/reservations/typical-week-add-form';
import { TableHead } from '@/components/table-head';
import { TableRegion } from '@/components/table-region';
import { getDb } from '@/db';
import { requireGuardian } from '@/lib/auth/session';
import { appClock } from '@/lib/clock';
import { formatDate, formatLongDateTitle } from '@/lib/format';
import { queryId, queryValue } from '@/lib/query-params';
import { typicalWeekForm, typicalWeekPlan, WEEKDAY_NAMES, type TypicalWeekDay } from '@/lib/reservations/typical-week';
import { addTypicalWeekAction } from '../actions';
import { calendarHref } from '../links';

export const metadata: Metadata = { title: 'Semaine type' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const cell = 'px-1.5 py-2 sm:px-3';

/** « Sera demandé », or why the day is skipped: words first, colour second. */
function DayOutcome({ day }: { day: TypicalWeekDay }) {
  if (day.requested) {
    return (
      <span className="font-medium text-green-800">
        <span aria-hidden="true">✓ </span>
        {day.waitlist ? 'Sera demandé (liste d’attente)' : 'Sera demandé'}
      </span>
    );
  }
  return (
    <span className="text-slate-700">
      <span aria-hidden="true">✗ </span>
      {day.reason}
    </span>
  );
}

/**
 * « Semaine type »: weekdays and dates for one child and one activity (a plain GET form), the days
 * it would ask for with the reason of each one skipped, and « Ajouter au panier ».
 */
export default async function TypicalWeekPage({ searchParams }: { searchParams: SearchParams }) {
  const guardian = await requireGuardian();
  const params = await searchParams;
  const db = await getDb();
  const clock = appClock();
  const childId = queryId(params.enfant);
  const activityId = queryId(params.activite);
  const form = childId && activityId ? await typicalWeekForm(db, clock, guardian.familyId, { childId, activityId }) : null;

  if (!form?.ok) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-bold">Semaine type</h1>
        <Notice tone="error">{form?.message ?? 'Choisissez d’abord la personne concernée et l’activité dans les réservations.'}</Notice>
        <p>
          <Link prefetch={false} href={calendarHref({ childId: childId ?? undefined })} className={buttonStyles.back}>
            Retour
          </Link>
        </p>
      </div>
    );
  }

  const { child, activity, firstDate, lastDate, weekdays } = form.value;
  const chosen = [params.jours ?? []].flat().map(Number);
  const from = queryValue(params.du) ?? firstDate;
  const to = queryValue(params.au) ?? lastDate;
  const asked = params.du !== undefined || params.au !== undefined || params.jours !== undefined;
  const plan = asked ? await typicalWeekPlan(db, clock, guardian.familyId, { childId: child.id, activityId: activity.id, weekdays: chosen, from, to }) : null;
  const fieldError = (field: string) => (plan && !plan.ok && plan.field === field ? plan.message : undefined);
  const requested = plan?.ok ? plan.value.days.filter((day) => day.requested) : [];
  const back = calendarHref({ childId: child.id, activityId: activity.id });

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Semaine type</h1>
      <p className="text-slate-700">
        {child.lastName} {child.firstName} · {activity.name}
      </p>
      <p className="text-slate-700">
        Cochez les jours de la semaine et les dates souhaitées, du {formatDate(firstDate)} au {formatDate(lastDate)} au plus : la liste des jours qui seront
        demandés s’affiche, avec la raison de chaque jour qui ne peut pas l’être. « Ajouter au panier » les ajoute à vos demandes en cours ; cliquez ensuite sur
        « Valider » pour les enregistrer.
      </p>

      {plan && !plan.ok && <Notice tone="error">{plan.message}</Notice>}

      <form method="get" action="/reservations/semaine-type" className="space-y-4">
        <input type="hidden" name="enfant" value={child.id} />
        <input type="hidden" name="activite" value={activity.id} />
        <fieldset aria-describedby={fieldError('jours') ? 'jours-error' : undefined}>
          <legend className="mb-2 font-medium">Jours de la semaine</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-2">
            {weekdays.map((weekday) => (
              <label key={weekday} className="inline-flex min-h-11 items-center gap-2">
                <input type="checkbox" name="jours" value={weekday} defaultChecked={chosen.includes(weekday)} className="size-5" />
                {WEEKDAY_NAMES[weekday]}
              </label>
            ))}
          </div>
          <FieldError id="jours-error" message={fieldError('jours')} />
        </fieldset>
        <div className="flex flex-wrap gap-4">
          {(
            [
              ['du', 'Du', from],
              ['au', 'Au', to],
            ] as const
          ).map(([name, label, value]) => (
            <div key={name}>
              <label htmlFor={name} className="mb-1 block font-medium">
                {label}
              </label>
              <input
                id={name}
                name={name}
                type="date"
                required
                min={firstDate}
                max={lastDate}
                defaultValue={value}
                aria-invalid={fieldError(name) ? true : undefined}
                aria-describedby={fieldError(name) ? `${name}-error` : undefined}
                className="rounded-md border border-slate-400 px-3 py-2"
              />
              <FieldError id={`${name}-error`} message={fieldError(name)} />
            </div>
          ))}
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Link prefetch={false} href={back} className={buttonStyles.back}>
            Retour
          </Link>
          <button type="submit" className={buttonStyles.back}>
            Voir les jours
          </button>
        </div>
      </form>

      {plan?.ok && (
        <section aria-labelledby="jours-titre" className="space-y-3">
          <h2 id="jours-titre" className="text-lg font-semibold">
            Jours de votre semaine type ({requested.length} sur {plan.value.days.length} seront demandés)
          </h2>
          {plan.value.days.length === 0 ? (
            <p>Aucune de ces dates ne tombe un jour coché.</p>
          ) : (
            <TableRegion label="Jours de votre semaine type">
              <table aria-labelledby="jours-titre" className="w-full text-sm">
                <TableHead cellClassName={cell} columns={['Date', 'Demande']} />
                <tbody>
                  {plan.value.days.map((day) => (
                    <tr key={day.date} className="border-t border-slate-200">
                      <td className={cell}>{formatLongDateTitle(day.date)}</td>
                      <td className={cell}>
                        <DayOutcome day={day} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
          {requested.length > 0 ? (
            <TypicalWeekAddForm
              fields={{ enfant: String(child.id), activite: String(activity.id), jours: plan.value.weekdays.join(','), du: plan.value.from, au: plan.value.to }}
              action={addTypicalWeekAction}
            />
          ) : (
            <p>Aucun de ces jours ne peut être demandé.</p>
          )}
        </section>
      )}
    </div>
  );
}
