import { ChoiceLink } from '@/components/choice-link';
import { formatEuros } from '@/lib/format';
import { dayCostCents } from '@/lib/reservations/rules';
import type { ReservationSelection } from '@/lib/reservations/selection';

/** "Sélection": the person concerned, then the activity concerned, then that activity's price and times. */
export function SelectionPanel({
  selection: { children, child, activities, activity },
  childHref,
  activityHref,
}: {
  selection: Pick<ReservationSelection, 'children' | 'child' | 'activities' | 'activity'>;
  childHref: (childId: number) => string;
  activityHref: (childId: number, activityId: number) => string;
}) {
  return (
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
                <ChoiceLink href={childHref(c.id)} current={c.id === child?.id}>
                  {c.lastName} {c.firstName}
                </ChoiceLink>
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
                  <ChoiceLink href={activityHref(child.id, a.id)} current={a.id === activity?.id}>
                    {a.name}
                  </ChoiceLink>
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
  );
}
