/** The address of the Réservations page for a child, an activity and a month (each optional). */
export function calendarHref(place: { childId?: number; activityId?: number; month?: string; abandoned?: boolean; added?: number }): string {
  const query = new URLSearchParams();
  if (place.childId) query.set('enfant', String(place.childId));
  if (place.childId && place.activityId) query.set('activite', String(place.activityId));
  if (place.childId && place.activityId && place.month) query.set('mois', place.month);
  if (place.abandoned) query.set('abandon', '1');
  if (place.added) query.set('ajoutes', String(place.added));
  const search = query.toString();
  return search ? `/reservations?${search}` : '/reservations';
}

/** The « Semaine type » page of a child and an activity. */
export function typicalWeekHref(place: { childId: number; activityId: number }): string {
  return `/reservations/semaine-type?${new URLSearchParams({ enfant: String(place.childId), activite: String(place.activityId) })}`;
}
