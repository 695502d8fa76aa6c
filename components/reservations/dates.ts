import { format, parseISO } from 'date-fns';
import { fr } from 'date-fns/locale';
import type { IsoDate } from '@/lib/clock';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Décembre 2026" for '2026-12'. */
export function monthTitle(month: string): string {
  return capitalized(format(parseISO(`${month}-01`), 'LLLL yyyy', { locale: fr }));
}

/** "mer. 09/12/2026": the weekday helps a parent who thinks in Wednesdays and holidays. */
export function dateWithWeekday(date: IsoDate): string {
  return format(parseISO(date), 'EEE dd/MM/yyyy', { locale: fr });
}

/** "mer.": the weekday alone, where space is short. */
export function shortWeekday(date: IsoDate): string {
  return format(parseISO(date), 'EEE', { locale: fr });
}
