import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonStyles } from '@/components/reservations/buttons';
import { RequestsTable } from '@/components/reservations/requests-table';
import { ForecastTable } from '@/components/reservations/forecast-table';
import { ValidateForm } from '@/components/reservations/validate-form';
import { getDb } from '@/db';
import { requireGuardian } from '@/lib/auth/session';
import { appClock } from '@/lib/clock';
import { ordinal } from '@/lib/reservations/labels';
import type { BasketLine } from '@/lib/reservations/types';
import { queryId, queryValue } from '@/lib/query-params';
import { basketSummary, REMARKS_MAX_LENGTH } from '@/lib/reservations/basket';
import { plainFormAction } from '@/lib/action-state';
import { parseYearMonth } from '@/lib/calendar/months';
import { abandonBasketAction, validateBasketAction } from '../actions';
import { calendarHref } from '../links';

export const metadata: Metadata = { title: 'Récapitulatif de vos demandes' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RecapPage({ searchParams }: { searchParams: SearchParams }) {
  const guardian = await requireGuardian();
  const params = await searchParams;
  const summary = await basketSummary(await getDb(), appClock(), guardian.familyId);
  // "Retour" and "Abandonner" go back to the calendar the parent came from; the page checks the ids again.
  const place = {
    childId: queryId(params.enfant) ?? undefined,
    activityId: queryId(params.activite) ?? undefined,
    month: parseYearMonth(queryValue(params.mois)) ?? undefined,
  };
  const backHref = calendarHref(place);
  const empty = summary.additions.length + summary.removals.length === 0;
  const forecast = (lines: BasketLine[], ...results: BasketLine['forecast']['result'][]) => lines.filter((line) => results.includes(line.forecast.result));
  const flagged = forecast([...summary.additions, ...summary.removals], 'refused', 'unchanged');

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Récapitulatif de vos demandes</h1>
      {empty || summary.basketId === null ? (
        <>
          <p>Vous n’avez aucune demande en cours : choisissez des jours dans le calendrier des réservations.</p>
          <p>
            <Link prefetch={false} href={backHref} className={buttonStyles.back}>
              Retour aux réservations
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="text-slate-700">
            Vérifiez vos demandes (nouvelles réservations et annulations), puis cliquez sur « Valider » pour les enregistrer. « Retour »
            conserve vos demandes pour les modifier ; « Abandonner » efface toutes les demandes que vous venez de saisir.
          </p>
          <RequestsTable
            id="recap-reservations"
            title="Récapitulatif des réservations"
            lines={forecast(summary.additions, 'pending')}
            totalCents={summary.additionsTotalCents}
            empty={summary.additions.length ? 'Aucune de vos demandes ne sera réservée tout de suite.' : 'Aucune nouvelle réservation demandée.'}
          />
          <ForecastTable
            id="recap-attente"
            title="Demandes en liste d’attente"
            intro="Ces jours sont complets, ou d’autres familles attendent déjà une place : vos demandes prendront ce rang sur la liste d’attente. Elles ne sont pas comptées dans le total."
            lines={forecast(summary.additions, 'waitlisted')}
            heading="Rang prévu"
            status={(line) => `${ordinal(line.forecast.waitlistRank ?? 1)} sur la liste d’attente`}
            tone="text-amber-900"
          />
          <RequestsTable
            id="recap-annulations"
            title="Récapitulatif des annulations"
            lines={forecast(summary.removals, 'cancelled')}
            totalCents={summary.removalsTotalCents}
            empty={summary.removals.length ? 'Aucune de vos annulations ne pourra être enregistrée.' : 'Aucune annulation demandée.'}
          />
          <ForecastTable
            id="recap-refusees"
            title="Demandes qui ne pourront pas être enregistrées"
            intro="Depuis que vous les avez faites, ces demandes ne sont plus possibles : elles seront refusées si vous validez. Elles ne sont pas comptées dans les totaux."
            lines={flagged}
            heading="Motif"
            status={(line) => line.forecast.reason ?? 'Demande impossible.'}
            tone="text-red-800"
          />
          <ValidateForm
            basketId={summary.basketId}
            version={summary.version}
            remarks={summary.remarks}
            maxLength={REMARKS_MAX_LENGTH}
            backHref={backHref}
            place={{ enfant: place.childId, activite: place.activityId, mois: place.month }}
            validateAction={validateBasketAction}
            abandonAction={plainFormAction(abandonBasketAction)}
          />
        </>
      )}
    </div>
  );
}
