'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { staffAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { announceFreedPlaces } from '@/lib/jobs/freed-places';
import {
  approveRequest,
  attendanceSchema,
  cancelByStaff,
  moveInWaitingList,
  promoteByHand,
  recordAttendance,
  refuseRequest,
  reservationIdSchema,
  moveSchema,
} from '@/lib/reservations/staff-decisions';

const done = (message: string) => {
  revalidatePath('/admin/reservations');
  return { ok: true, message };
};

export const approveRequestAction = staffAction(reservationIdSchema, async (input, staff) => {
  const result = await approveRequest(await getDb(), appClock(), staff, input);
  return result.ok ? done('La demande est acceptée : « Réservée ».') : result;
});

export const refuseRequestAction = staffAction(reservationIdSchema, async (input, staff) => {
  const result = await refuseRequest(await getDb(), appClock(), staff, input);
  if (!result.ok) return result;
  announceFreedPlaces(result.value.freedDayIds);
  return done('La demande est refusée.');
});

export const cancelReservationAction = staffAction(reservationIdSchema, async (input, staff) => {
  const result = await cancelByStaff(await getDb(), appClock(), staff, input);
  if (!result.ok) return result;
  announceFreedPlaces(result.value.freedDayIds);
  return done('La réservation est annulée.');
});

export const promoteByHandAction = staffAction(reservationIdSchema, async (input, staff) => {
  const result = await promoteByHand(await getDb(), appClock(), staff, input);
  return result.ok ? done('La demande est passée en « Réservée ».') : result;
});

export const moveInWaitingListAction = staffAction(moveSchema, async (input, staff) => {
  const result = await moveInWaitingList(await getDb(), appClock(), staff, input);
  return result.ok ? done('La liste d’attente est modifiée.') : result;
});

export const recordAttendanceAction = staffAction(attendanceSchema, async (input, staff) => {
  const result = await recordAttendance(await getDb(), appClock(), staff, input);
  return result.ok ? done('Pointage enregistré.') : result;
});
