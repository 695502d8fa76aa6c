import type { Db } from '@/db/client';
import { parseYearMonth } from '@/lib/calendar/months';
import type { Clock } from '@/lib/clock';
import { queryId, queryValue } from '@/lib/query-params';
import { bookableActivities, childCalendarView, familyChildChoices } from './calendar';
import type { ActivityChoice, CalendarView, ChildChoice } from './types';

/** The Réservations page's query: `?enfant=…&activite=…&mois=…`, each as the URL gives it. */
export interface SelectionParams {
  enfant?: string | string[];
  activite?: string | string[];
  mois?: string | string[];
}

export interface ReservationSelection {
  /** "Personne concernée": the family's children. */
  children: ChildChoice[];
  /** The child chosen, or the only one. */
  child: ChildChoice | undefined;
  /** "Activité concernée": what the chosen child may book now (none without a child). */
  activities: ActivityChoice[];
  activity: ActivityChoice | undefined;
  /** The month calendar, once a child and an activity are chosen and have days to book. */
  view: CalendarView | null;
  /** Why part of the address was not followed, in French, one message each. */
  problems: string[];
}

/**
 * Which child, activity and month the Réservations page shows, from its address. Anything that
 * is not the family's or not bookable is left unselected with a message saying so, never shown.
 */
export async function reservationSelection(
  db: Db,
  clock: Clock,
  familyId: number,
  params: SelectionParams,
): Promise<ReservationSelection> {
  const children = await familyChildChoices(db, familyId);
  const problems: string[] = [];
  let child = children.length === 1 ? children[0] : undefined;
  if (params.enfant !== undefined) {
    const childId = queryId(params.enfant);
    child = children.find((c) => c.id === childId);
    if (!child) problems.push('Cet enfant ne fait pas partie de votre famille : choisissez la personne concernée ci-dessous.');
  }

  const activities = child ? await bookableActivities(db, clock, child) : [];
  let activity: ActivityChoice | undefined;
  if (child && params.activite !== undefined) {
    const activityId = queryId(params.activite);
    activity = activities.find((a) => a.id === activityId);
    if (!activity) {
      problems.push('Cette activité n’est pas proposée à la réservation pour cet enfant : choisissez l’activité concernée ci-dessous.');
    }
  }

  let view: CalendarView | null = null;
  if (child && activity) {
    const result = await childCalendarView(db, clock, familyId, child, { activityId: activity.id, month: parseYearMonth(queryValue(params.mois)) ?? undefined });
    if (result.ok) {
      view = result.value;
      // With the family's price (its QF bracket), for « Tarif de l'activité ».
      activity = view.activity;
    } else problems.push(result.message);
  }
  return { children, child, activities, activity, view, problems };
}
