import { formatLongDate } from '@/lib/format';
import { REASONS, slotName, type Overlap } from '@/lib/reservations/rules';
import type { CalendarView } from '@/lib/reservations/types';
import { monthWeeks, type GridCell } from './month-grid';

/** How a date of the calendar looks: the guide's six colours, the child's waiting-list place and the basket's requests. */
export type Tone =
  | 'closed'
  | 'available'
  | 'booked'
  | 'locked'
  | 'waitlistOpen'
  | 'full'
  | 'waitlisted'
  | 'elsewhere'
  | 'requestedAdd'
  | 'requestedWaitlist'
  | 'requestedRemove';

/** Colour is a second signal only: each tone also has an icon and a word. */
export const TONE_CLASSES: Record<Tone, string> = {
  closed: 'bg-[#f1e9d6] text-stone-700',
  full: 'bg-[#d6c29a] text-stone-950',
  available: 'bg-green-400 text-green-950',
  waitlistOpen: 'bg-green-100 text-green-950 border-2 border-dashed border-green-700',
  booked: 'bg-orange-400 text-orange-950',
  locked: 'bg-red-700 text-white',
  waitlisted: 'bg-yellow-200 text-yellow-950 border-2 border-dotted border-yellow-800',
  elsewhere: 'bg-[#f1e9d6] text-stone-800 border-2 border-stone-500',
  requestedAdd: 'bg-orange-300 text-orange-950 border-2 border-dashed border-orange-900',
  requestedWaitlist: 'bg-yellow-100 text-yellow-950 border-2 border-dashed border-yellow-800',
  requestedRemove: 'bg-green-300 text-green-950 border-2 border-dashed border-green-900',
};

/** The word under the date (the waiting-list place shows its rank instead). */
export const TONE_WORDS: Record<Tone, string> = {
  closed: 'fermé',
  full: 'complet',
  available: 'disponible',
  waitlistOpen: 'liste d’attente',
  booked: 'réservé',
  locked: 'non modifiable',
  waitlisted: 'liste d’attente',
  elsewhere: 'déjà réservé',
  requestedAdd: 'demandé',
  requestedWaitlist: 'liste d’attente demandée',
  requestedRemove: 'annulation demandée',
};

export interface DayLook {
  date: string;
  dayOfMonth: number;
  tone: Tone;
  /** What the cell shows under the date: the tone's word, or "rang 2" on the child's waiting-list place. */
  word: string;
  /** The whole date and state, for screen readers: a closed cell's hidden text, and what is announced after a click. */
  label: string;
  /**
   * The label cut around the date the cell shows (`beforeDay` + dayOfMonth + `afterDay` + `state`),
   * so that a button's name is built on its visible date rather than replaced by an aria-label.
   */
  spoken: { beforeDay: string; afterDay: string; state: string };
  /** Why it cannot be clicked, in French; null when it can. */
  reason: string | null;
  /** The opening day a click asks for or gives back; null when the day cannot be clicked. */
  activityDayId: number | null;
  /** How the day looks while its click is being sent (the request it makes, or the request taken back). */
  pendingTone: Tone;
}

const rankWord = (rank: number | null) => `rang ${rank ?? '?'}`;

/** The word under a day the child already spends in another activity: reserved, on its waiting list, or asked for. */
const ELSEWHERE_WORDS: Record<Overlap['kind'], string> = { reserved: 'déjà réservé', waitlisted: 'déjà en attente', requested: 'déjà demandé' };
const elsewhereWord = (overlap: Overlap | undefined) => ELSEWHERE_WORDS[overlap?.kind ?? 'reserved'];
/** « déjà réservé sur ALSH 3-6 ans Journée (08:30–17:30) » */
const elsewhereState = (overlap: Overlap | undefined) => (overlap ? `${elsewhereWord(overlap)} sur ${slotName(overlap.slot)}` : elsewhereWord(overlap));

/** "mercredi 9 décembre 2026, " + state, whole and cut around the "9" (or the "1" of "1er"). */
function say(date: string, dayOfMonth: number, state: string): Pick<DayLook, 'label' | 'spoken'> {
  const long = formatLongDate(date);
  const at = long.indexOf(' ') + 1;
  return {
    label: `${long}, ${state}`,
    spoken: { beforeDay: long.slice(0, at), afterDay: `${long.slice(at + String(dayOfMonth).length)}, `, state },
  };
}

/** The look of one date of the grid for the child and activity shown. */
export function dayLook(cell: GridCell): DayLook {
  const dayOfMonth = Number(cell.date.slice(8, 10));
  const day = cell.day;
  if (!day) {
    const reason = REASONS.notOpeningDay;
    return { date: cell.date, dayOfMonth, tone: 'closed', word: '', ...say(cell.date, dayOfMonth, `fermé. ${reason}`), reason, activityDayId: null, pendingTone: 'closed' };
  }
  const rank = rankWord(day.waitlistRank);
  // A request in the basket can always be taken back, even if the day has filled up since.
  if (day.basket) {
    // A request on a day that is full, or whose waiting list is not empty, will join the list.
    const toList = day.basket === 'add' && day.state === 'waitlistOpen';
    const tone: Tone = day.basket === 'remove' ? 'requestedRemove' : toList ? 'requestedWaitlist' : 'requestedAdd';
    const state =
      day.basket === 'add'
        ? toList
          ? 'liste d’attente demandée, pas encore validée, cliquer pour retirer la demande'
          : 'demandé, pas encore validé, cliquer pour retirer la demande'
        : `annulation demandée, pas encore validée, cliquer pour garder ${day.state === 'waitlisted' ? 'la place en liste d’attente' : 'la réservation'}`;
    return { date: cell.date, dayOfMonth, tone, word: TONE_WORDS[tone], ...say(cell.date, dayOfMonth, state), reason: null, activityDayId: day.activityDayId, pendingTone: day.state };
  }
  const word = day.state === 'waitlisted' ? rank : day.state === 'elsewhere' ? elsewhereWord(day.overlap) : TONE_WORDS[day.state];
  if (day.clickable && day.activityDayId !== null) {
    const state = {
      available: 'disponible, cliquer pour réserver',
      waitlistOpen: 'complet, liste d’attente possible, cliquer pour demander une place en liste d’attente',
      booked: 'réservé, cliquer pour annuler la réservation',
      waitlisted: `en liste d’attente, ${rank}, cliquer pour annuler la demande`,
      locked: 'réservé, non modifiable',
      full: 'complet',
      closed: 'fermé',
      elsewhere: elsewhereState(day.overlap),
    }[day.state];
    const pendingTone: Tone =
      day.state === 'booked' || day.state === 'waitlisted' ? 'requestedRemove' : day.state === 'waitlistOpen' ? 'requestedWaitlist' : 'requestedAdd';
    return { date: cell.date, dayOfMonth, tone: day.state, word, ...say(cell.date, dayOfMonth, state), reason: null, activityDayId: day.activityDayId, pendingTone };
  }
  const reason = day.reason ?? REASONS.notOpeningDay;
  const state = {
    closed: 'fermé',
    full: 'complet',
    locked: 'réservé, non modifiable',
    waitlisted: `en liste d’attente, ${rank}, non modifiable`,
    booked: 'réservé',
    available: 'disponible',
    waitlistOpen: 'complet, liste d’attente possible',
    elsewhere: elsewhereState(day.overlap),
  }[day.state];
  return { date: cell.date, dayOfMonth, tone: day.state, word, ...say(cell.date, dayOfMonth, `${state}. ${reason}`), reason, activityDayId: null, pendingTone: day.state };
}

/**
 * What crosses from the server to the calendar in the browser for one date: its `DayLook` less
 * what the browser rebuilds (`expandLook`) — the label, the day of the month, the tone's own word,
 * the reason repeated in the spoken state. The page's data shrinks by half; what is shown and
 * read out is the same.
 */
export interface CompactLook {
  date: string;
  tone: Tone;
  /** Only when it is not the tone's own word. */
  word?: string;
  beforeDay: string;
  afterDay: string;
  /** The spoken state, without the reason that ends it (". " + reason) when there is one. */
  state: string;
  reason?: string;
  activityDayId?: number;
  /** Only when it is not the tone itself. */
  pendingTone?: Tone;
}

export function compactLook(look: DayLook): CompactLook {
  const ending = look.reason === null ? '' : `. ${look.reason}`;
  if (!look.spoken.state.endsWith(ending)) throw new Error(`The spoken state of ${look.date} does not end with its reason.`);
  return {
    date: look.date,
    tone: look.tone,
    ...(look.word !== TONE_WORDS[look.tone] ? { word: look.word } : {}),
    beforeDay: look.spoken.beforeDay,
    afterDay: look.spoken.afterDay,
    state: look.spoken.state.slice(0, look.spoken.state.length - ending.length),
    ...(look.reason !== null ? { reason: look.reason } : {}),
    ...(look.activityDayId !== null ? { activityDayId: look.activityDayId } : {}),
    ...(look.pendingTone !== look.tone ? { pendingTone: look.pendingTone } : {}),
  };
}

export function expandLook(compact: CompactLook): DayLook {
  const dayOfMonth = Number(compact.date.slice(8, 10));
  const state = compact.reason === undefined ? compact.state : `${compact.state}. ${compact.reason}`;
  const spoken = { beforeDay: compact.beforeDay, afterDay: compact.afterDay, state };
  return {
    date: compact.date,
    dayOfMonth,
    tone: compact.tone,
    word: compact.word ?? TONE_WORDS[compact.tone],
    label: `${spoken.beforeDay}${dayOfMonth}${spoken.afterDay}${spoken.state}`,
    spoken,
    reason: compact.reason ?? null,
    activityDayId: compact.activityDayId ?? null,
    pendingTone: compact.pendingTone ?? compact.tone,
  };
}

/** The month calendar of a view, week by week, as it crosses to the browser: each date of the month's look, null for the dates around it. */
export function monthLooks(view: CalendarView): Array<Array<CompactLook | null>> {
  return monthWeeks(view.month, view.days).map((week) => week.map((cell) => (cell.inMonth ? compactLook(dayLook(cell)) : null)));
}
