import { format, parseISO } from 'date-fns';
import { fr } from 'date-fns/locale';
import { TOWN_TIME_ZONE, type IsoDate } from './clock';
import type { YearMonth } from './calendar/months';

// Every date, month and amount a person reads goes through here, in French.

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A page writes the same few dozen dates over and over (a month calendar, a history): each
 * wording of a date is computed once per process. Bounded, as the dates a town shows are.
 */
function rememberedByDate(wording: (date: IsoDate) => string): (date: IsoDate) => string {
  const known = new Map<IsoDate, string>();
  return (date) => {
    let text = known.get(date);
    if (text === undefined) {
      text = wording(date);
      if (known.size >= 5_000) known.clear();
      known.set(date, text);
    }
    return text;
  };
}

/** "02/12/2026" */
export function formatDate(date: IsoDate): string {
  const parts = ISO_DATE.exec(date);
  return parts ? `${parts[3]}/${parts[2]}/${parts[1]}` : format(parseISO(date), 'dd/MM/yyyy');
}

/** "mercredi 2 décembre 2026", "lundi 1er mars 2027": French writes the first of a month "1er". */
export const formatLongDate = rememberedByDate((date) => {
  const day = parseISO(date);
  const dayOfMonth = day.getDate() === 1 ? '1er' : String(day.getDate());
  return `${format(day, 'EEEE', { locale: fr })} ${dayOfMonth} ${format(day, 'MMMM yyyy', { locale: fr })}`;
});

/** "Mercredi 2 décembre 2026": a long date opening a sentence or a heading; the month stays in lower case. */
export function formatLongDateTitle(date: IsoDate): string {
  return capitalized(formatLongDate(date));
}

/** "mer. 09/12/2026": the weekday helps a parent who thinks in Wednesdays and holidays. */
export const formatDateWithWeekday = rememberedByDate((date) => format(parseISO(date), 'EEE dd/MM/yyyy', { locale: fr }));

/** "mer.": the weekday alone, where space is short. */
export const formatShortWeekday = rememberedByDate((date) => format(parseISO(date), 'EEE', { locale: fr }));

const dateTimeInParis = new Intl.DateTimeFormat('fr-FR', { timeZone: TOWN_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' });

/** "02/12/2026 à 08:00" in Paris time. */
export function formatDateTime(instant: Date): string {
  return dateTimeInParis.format(instant).replace(' ', ' à ');
}

const MONTH_NAMES = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

const monthParts = (month: YearMonth) => month.split('-').map(Number) as [number, number];

/** "novembre 2026" */
export function formatMonth(month: YearMonth): string {
  const [year, monthNumber] = monthParts(month);
  return `${MONTH_NAMES[monthNumber - 1]} ${year}`;
}

/** "Novembre 2026", as a title. */
export function formatMonthTitle(month: YearMonth): string {
  return capitalized(formatMonth(month));
}

/** "de novembre 2026", "d’octobre 2026": French elides "de" before avril, août and octobre. */
export function formatOfMonth(month: YearMonth): string {
  const label = formatMonth(month);
  return /^[aeiouéèêâîôû]/i.test(label) ? `d’${label}` : `de ${label}`;
}

/** Two consecutive months: "octobre et novembre 2026", "décembre 2025 et janvier 2026". */
export function formatMonthPair(first: YearMonth, second: YearMonth): string {
  const [firstYear, firstNumber] = monthParts(first);
  const [secondYear] = monthParts(second);
  const firstLabel = firstYear === secondYear ? MONTH_NAMES[firstNumber - 1] : formatMonth(first);
  return `${firstLabel} et ${formatMonth(second)}`;
}

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const amount = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "70,55 €" (amounts are integer cents). */
export function formatEuros(cents: number): string {
  return euros.format(cents / 100);
}

/** "70,55": for columns whose heading already says (€). */
export function formatAmount(cents: number): string {
  return amount.format(cents / 100);
}
