import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonStyles } from '@/components/reservations/buttons';
import { RequestsTable } from '@/components/reservations/requests-table';
import { ValidateForm } from '@/components/reservations/validate-form';
import { getDb } from '@/db';
import { requireGuardian } from '@/lib/auth/session';
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
  const summary = await basketSummary(await getDb(), guardian.familyId);
  // "Retour" and "Abandonner" go back to the calendar the parent came from; the page checks the ids again.
  const place = {
    childId: queryId(params.enfant) ?? undefined,
    activityId: queryId(params.activite) ?? undefined,
    month: parseYearMonth(queryValue(params.mois)) ?? undefined,
  };
  const backHref = calendarHref(place);
  const empty = summary.additions.length + summary.removals.length === 0;

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
            lines={summary.additions}
            totalCents={summary.additionsTotalCents}
            empty="Aucune nouvelle réservation demandée."
          />
          <RequestsTable
            id="recap-annulations"
            title="Récapitulatif des annulations"
            lines={summary.removals}
            totalCents={summary.removalsTotalCents}
            empty="Aucune annulation demandée."
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
