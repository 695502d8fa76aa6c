import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TableHead } from '@/components/table-head';
import { TableRegion } from '@/components/table-region';
import { buttonStyles } from '@/components/reservations/buttons';
import { getDb } from '@/db';
import { profileOf } from '@/lib/account/profile';
import { requireGuardian } from '@/lib/auth/session';
import { appClock, parisToday } from '@/lib/clock';
import { formatDate, formatDateTime, formatEuros } from '@/lib/format';
import { suggestedCardPayment } from '@/lib/payments/suggested-payment';
import { queryId } from '@/lib/query-params';
import { outcomeLabel } from '@/lib/reservations/labels';
import type { OutcomeResult, ValidationOutcome } from '@/lib/reservations/types';
import { validationResult } from '@/lib/reservations/validate';

export const metadata: Metadata = { title: 'Résultat de vos demandes' };

const cell = 'px-1.5 py-2 sm:px-3';

const GROUPS: Array<{ result: OutcomeResult; id: string; title: string; tone: string }> = [
  { result: 'pending', id: 'acceptees', title: 'Réservations acceptées', tone: 'text-green-900' },
  { result: 'waitlisted', id: 'attente', title: 'Mises en liste d’attente', tone: 'text-amber-900' },
  { result: 'refused', id: 'refusees', title: 'Demandes refusées', tone: 'text-red-800' },
  { result: 'cancelled', id: 'annulees', title: 'Annulations enregistrées', tone: 'text-slate-900' },
  { result: 'unchanged', id: 'inchangees', title: 'Demandes sans changement', tone: 'text-slate-900' },
];

function OutcomesTable({ id, title, tone, outcomes }: { id: string; title: string; tone: string; outcomes: ValidationOutcome[] }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">
        {title} ({outcomes.length})
      </h2>
      <TableRegion label={title}>
        <table aria-labelledby={id} className="w-full text-xs sm:text-sm">
          <TableHead cellClassName={cell} columns={['Date', 'Activité', 'Arrivée', 'Départ', 'Statut']} />
          <tbody>
            {outcomes.map((outcome, index) => (
              <tr key={index} className="border-t border-slate-200">
                <td className={`${cell} whitespace-nowrap`}>{formatDate(outcome.date)}</td>
                <td className={cell}>
                  {outcome.activityName}
                  <span className="block text-xs text-slate-700">{outcome.childName}</span>
                </td>
                <td className={`${cell} tabular-nums`}>{outcome.arrivalTime}</td>
                <td className={`${cell} tabular-nums`}>{outcome.departureTime}</td>
                <td className={`${cell} font-medium ${tone}`}>{outcomeLabel(outcome.result, outcome.waitlistRank, outcome.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

export default async function ValidationResultPage({ params }: { params: Promise<{ id: string }> }) {
  const guardian = await requireGuardian();
  const validationId = queryId((await params).id);
  if (validationId === null) notFound();
  const db = await getDb();
  const result = await validationResult(db, guardian.familyId, validationId);
  if (!result) notFound();
  const profile = await profileOf(db, guardian.id);
  const acceptedDays = result.outcomes.filter((outcome) => outcome.result === 'pending').map((outcome) => outcome.date);
  const payment =
    result.acceptedCostCents > 0
      ? await suggestedCardPayment(db, guardian.familyId, parisToday(appClock()), acceptedDays.toSorted().at(-1) ?? null)
      : null;
  const accepted = result.outcomes.filter((outcome) => outcome.result === 'pending').length;
  const waitlisted = result.outcomes.filter((outcome) => outcome.result === 'waitlisted').length;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Résultat de vos demandes</h1>
      <p className="text-slate-700">Demandes validées le {formatDateTime(result.validatedAt)}.</p>

      {GROUPS.map((group) => {
        const outcomes = result.outcomes.filter((outcome) => outcome.result === group.result);
        return outcomes.length > 0 && <OutcomesTable key={group.id} id={group.id} title={group.title} tone={group.tone} outcomes={outcomes} />;
      })}

      {payment && (
        <section aria-labelledby="paiement" className="space-y-2 rounded-lg border-2 border-brand-700 bg-brand-50 p-4">
          <h2 id="paiement" className="text-lg font-semibold">
            Paiement
          </h2>
          <p>
            Montant de vos réservations acceptées : <strong className="tabular-nums">{formatEuros(result.acceptedCostCents)}</strong>
          </p>
          <p className="text-sm">Ce montant sera débité de votre porte-monnaie pour chaque journée réservée.</p>
          {payment.totalCents > 0 ? (
            <p className="text-sm">
              Compte tenu du solde de vos porte-monnaie et de toutes vos réservations, vous devez{' '}
              <strong className="tabular-nums">{formatEuros(payment.totalCents)}</strong> ({payment.amounts.map((amount) => `${amount.walletType} : ${formatEuros(amount.amountCents)}`).join(', ')}).
            </p>
          ) : (
            <p className="text-sm">Le solde de vos porte-monnaie couvre déjà toutes vos réservations : aucun paiement n’est nécessaire.</p>
          )}
          <p>
            <Link prefetch={false} href={payment.href} className={buttonStyles.validate}>
              Payer par carte bancaire
            </Link>
          </p>
        </section>
      )}

      <section aria-labelledby="suite" className="space-y-2">
        <h2 id="suite" className="text-lg font-semibold">
          Et ensuite ?
        </h2>
        {accepted > 0 && (
          <p>
            Les réservations acceptées sont dans l’état « Non transmis » : elles seront transmises dans la nuit et vous pourrez consulter
            le lendemain leur état définitif dans l’onglet « Suivi ».
          </p>
        )}
        {waitlisted > 0 && (
          <p>
            Vos demandes en liste d’attente recevront une place, dans l’ordre de la liste, quand une place se libérera ; suivez leur rang
            dans l’onglet « Suivi ».
          </p>
        )}
        {accepted === 0 && waitlisted === 0 && <p>Aucune nouvelle réservation n’a été enregistrée par ces demandes.</p>}
        <p>
          {profile?.email ? (
            <>
              Un e-mail de confirmation de ces demandes est envoyé dès maintenant à {profile.email} (et non le lendemain) ; il reprend ce
              que vous voyez sur cette page.
            </>
          ) : (
            <>
              Renseignez votre adresse e-mail dans l’onglet « Profil » pour recevoir la confirmation de vos demandes et l’évolution de vos
              places en liste d’attente.
            </>
          )}
        </p>
        <p className="flex flex-wrap gap-3 pt-2">
          <Link prefetch={false} href="/suivi" className={buttonStyles.validate}>
            Voir le Suivi
          </Link>
          <Link prefetch={false} href="/reservations" className={buttonStyles.back}>
            Faire d’autres réservations
          </Link>
        </p>
      </section>
    </div>
  );
}
