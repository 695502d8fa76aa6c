import { and, asc, eq, gte, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, children, consumptions, families, reservations, users } from '@/db/schema';
import { ageOn, type IsoDate } from '@/lib/clock';
import type { FamilyReservationRow } from './types';

export type ReservationStatus = FamilyReservationRow['status'];

export interface ActivityChoice {
  id: number;
  name: string;
  approval: 'automatic' | 'manual';
}

/** The activities staff may pick on the Réservations page, by name. */
export async function activityChoices(db: Db): Promise<ActivityChoice[]> {
  return db.select({ id: activities.id, name: activities.name, approval: activities.approval }).from(activities).orderBy(asc(activities.name), asc(activities.id));
}

/** The next opening days of an activity from `from` on (to pick one without guessing dates). */
export async function upcomingDays(db: Db, activityId: number, from: IsoDate, limit = 10): Promise<IsoDate[]> {
  const rows = await db
    .select({ date: activityDays.date })
    .from(activityDays)
    .where(and(eq(activityDays.activityId, activityId), gte(activityDays.date, from)))
    .orderBy(asc(activityDays.date))
    .limit(limit);
  return rows.map((row) => row.date);
}

export interface Contact {
  name: string;
  phone: string | null;
  email: string | null;
}

export interface DayListRow {
  reservationId: number;
  childName: string;
  age: number;
  familyId: number;
  familyName: string;
  status: ReservationStatus;
  waitlistRank: number | null;
  absenceJustified: boolean | null;
  requestedAt: Date;
  transmittedAt: Date | null;
  /** A consumption was posted: attendance and cancellation no longer change anything billed. */
  posted: boolean;
  contacts: Contact[];
}

export interface DayList {
  activityDayId: number;
  activityId: number;
  activityName: string;
  approval: 'automatic' | 'manual';
  date: IsoDate;
  arrivalTime: string;
  departureTime: string;
  capacity: number;
  waitlistCapacity: number;
  /** Places taken: « Non transmis » and « Réservée ». */
  taken: number;
  /** The children expected (pending, confirmed, attended, absent), by name. */
  expected: DayListRow[];
  /** The waiting list, by rank. */
  waiting: DayListRow[];
  /** Refused and cancelled requests, most recent request first. */
  history: DayListRow[];
}

const EXPECTED: ReservationStatus[] = ['pending', 'confirmed', 'attended', 'absent'];

/** One opening day of an activity with every request on it, for the staff's day page and its printed list. */
export async function dayList(db: Db, activityId: number, date: IsoDate): Promise<DayList | null> {
  const [day] = await db
    .select({ day: activityDays, activity: activities })
    .from(activityDays)
    .innerJoin(activities, eq(activities.id, activityDays.activityId))
    .where(and(eq(activityDays.activityId, activityId), eq(activityDays.date, date)));
  if (!day) return null;
  const rows = await db
    .select({
      reservationId: reservations.id,
      firstName: children.firstName,
      lastName: children.lastName,
      birthDate: children.birthDate,
      familyId: families.id,
      familyName: families.name,
      status: reservations.status,
      waitlistRank: reservations.waitlistRank,
      absenceJustified: reservations.absenceJustified,
      requestedAt: reservations.requestedAt,
      transmittedAt: reservations.transmittedAt,
      consumptionId: consumptions.id,
    })
    .from(reservations)
    .innerJoin(children, eq(children.id, reservations.childId))
    .innerJoin(families, eq(families.id, reservations.familyId))
    .leftJoin(consumptions, eq(consumptions.reservationId, reservations.id))
    .where(eq(reservations.activityDayId, day.day.id))
    .orderBy(asc(children.lastName), asc(children.firstName), asc(reservations.id));
  const familyIds = [...new Set(rows.map((row) => row.familyId))];
  const guardians =
    familyIds.length === 0
      ? []
      : await db
          .select({ familyId: users.familyId, firstName: users.firstName, lastName: users.lastName, phone: users.phone, email: users.email })
          .from(users)
          .where(and(inArray(users.familyId, familyIds), eq(users.active, true), isNotNull(users.familyId)))
          .orderBy(asc(users.id));
  const list: DayListRow[] = rows.map((row) => ({
    reservationId: row.reservationId,
    childName: `${row.lastName} ${row.firstName}`,
    age: ageOn(row.birthDate, date),
    familyId: row.familyId,
    familyName: row.familyName,
    status: row.status,
    waitlistRank: row.waitlistRank,
    absenceJustified: row.absenceJustified,
    requestedAt: row.requestedAt,
    transmittedAt: row.transmittedAt,
    posted: row.consumptionId !== null,
    contacts: guardians
      .filter((guardian) => guardian.familyId === row.familyId)
      .map((guardian) => ({ name: `${guardian.lastName} ${guardian.firstName}`, phone: guardian.phone, email: guardian.email })),
  }));
  return {
    activityDayId: day.day.id,
    activityId: day.activity.id,
    activityName: day.activity.name,
    approval: day.activity.approval,
    date,
    arrivalTime: day.activity.arrivalTime.slice(0, 5),
    departureTime: day.activity.departureTime.slice(0, 5),
    capacity: day.day.capacity,
    waitlistCapacity: day.day.waitlistCapacity,
    taken: list.filter((row) => row.status === 'pending' || row.status === 'confirmed').length,
    expected: list.filter((row) => EXPECTED.includes(row.status)),
    waiting: list.filter((row) => row.status === 'waitlisted').sort((a, b) => a.waitlistRank! - b.waitlistRank! || a.reservationId - b.reservationId),
    history: list.filter((row) => row.status === 'refused' || row.status === 'cancelled').sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime()),
  };
}
