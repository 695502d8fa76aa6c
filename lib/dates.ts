import { format, parseISO } from 'date-fns';
import { fr } from 'date-fns/locale';
import type { IsoDate } from './clock';

/** "02/12/2026" */
export function formatDate(date: IsoDate): string {
  return format(parseISO(date), 'dd/MM/yyyy');
}

/** "mercredi 2 décembre 2026" */
export function formatLongDate(date: IsoDate): string {
  return format(parseISO(date), 'EEEE d MMMM yyyy', { locale: fr });
}

/** "02/12/2026 à 08:00" in Paris time. */
export function formatDateTime(instant: Date): string {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    dateStyle: 'short',
    timeStyle: 'short',
  })
    .format(instant)
    .replace(' ', ' à ');
}
