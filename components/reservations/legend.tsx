import { TONE_CLASSES, type Tone } from './day-look';
import { ToneIcon } from './tone-icon';

// The guide's "Code couleur", word for word, then the states the guide shows without naming them.
const GUIDE_ENTRIES: Array<[Tone, string]> = [
  ['closed', "(beige) : ce jour n'est pas ouvert à la réservation"],
  ['available', "(vert) : ce jour est ouvert à la réservation, aucune réservation n'a été faite ce jour-là."],
  ['booked', '(orange) : vous avez une réservation sur ce jour, vous pouvez la modifier ou la supprimer en cliquant dessus.'],
  ['locked', "(rouge) : vous avez une réservation sur ce jour, vous n'êtes plus dans les délais pour la modifier."],
  ['waitlistOpen', "(vert) : l'activité est complète, mais vous pouvez demander d'être mis en liste d'attente."],
  ['full', "(beige) : l'activité est complète, la liste d'attente est complète, vous ne pouvez pas faire de réservation."],
];

const OUR_ENTRIES: Array<[Tone, string]> = [
  ['waitlisted', '(jaune, « rang 2 ») : votre enfant est sur la liste d’attente de ce jour, à ce rang.'],
  [
    'elsewhere',
    '(beige encadré, « déjà réservé ») : votre enfant est déjà inscrit ce jour-là, ou l’a demandé, à une autre activité aux mêmes heures.',
  ],
  ['requestedAdd', '(orange, « demandé ») : vous avez demandé ce jour ; il sera réservé quand vous aurez cliqué sur « Valider ».'],
  [
    'requestedWaitlist',
    '(jaune pâle, « liste d’attente demandée ») : ce jour est complet ou d’autres familles attendent déjà une place ; votre demande sera mise en liste d’attente, derrière elles, quand vous aurez cliqué sur « Valider ».',
  ],
  [
    'requestedRemove',
    '(vert, « annulation demandée ») : vous avez demandé l’annulation de ce jour ; elle sera faite quand vous aurez cliqué sur « Valider ».',
  ],
];

function Entry({ tone, text }: { tone: Tone; text: string }) {
  return (
    <li className="flex items-start gap-2">
      <span aria-hidden="true" className={`inline-flex h-7 w-7 shrink-0 items-center justify-center rounded ${TONE_CLASSES[tone]}`}>
        <ToneIcon tone={tone} />
      </span>
      <span className="pt-1">{text}</span>
    </li>
  );
}

/** The "Code couleur" under the calendar: each colour with its icon and its meaning. */
export function CalendarLegend() {
  return (
    <section aria-labelledby="code-couleur" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="code-couleur" className="mb-2 font-semibold">
        Code couleur :
      </h2>
      <ul className="space-y-2">
        {[...GUIDE_ENTRIES, ...OUR_ENTRIES].map(([tone, text]) => (
          <Entry key={tone} tone={tone} text={text} />
        ))}
      </ul>
    </section>
  );
}
