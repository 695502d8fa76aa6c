import type { OutcomeResult, FamilyReservationRow } from './types';

/** "1re", "2e", "3e"… */
export const ordinal = (n: number) => (n === 1 ? '1re' : `${n}e`);

/** The Suivi tab's status words. */
export function statusLabel(status: FamilyReservationRow['status'], rank: number | null): string {
  switch (status) {
    case 'pending':
      return 'Non transmis';
    case 'confirmed':
      return 'Réservée';
    case 'waitlisted':
      return `En liste d’attente (rang ${rank ?? '?'})`;
    case 'refused':
      return 'Refusée';
    case 'cancelled':
      return 'Annulée';
    case 'attended':
      return 'Présent';
    case 'absent':
      return 'Absent';
  }
}

/** What happened to one request at "Valider". */
export function outcomeLabel(result: OutcomeResult, rank: number | null, reason: string | null): string {
  switch (result) {
    case 'pending':
      return 'Acceptée (Non transmis)';
    case 'waitlisted':
      return `Mise en liste d’attente : ${ordinal(rank ?? 1)} sur la liste d’attente`;
    case 'refused':
      return `Refusée${reason ? ` : ${reason}` : ''}`;
    case 'cancelled':
      return 'Annulée';
    case 'unchanged':
      return reason ?? 'Sans changement';
  }
}
