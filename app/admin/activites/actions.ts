'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db';
import { ACTIVITY_FIELDS, activitySchema, createActivity, updateActivity } from '@/lib/activities/activities';
import { BOOKING_PERIOD_FIELDS, bookingPeriodSchema, createBookingPeriod, updateBookingPeriod } from '@/lib/activities/booking-periods';
import { rowId } from '@/lib/activities/form-fields';
import { addPriceBracket, PRICE_BRACKET_FIELDS, priceBracketSchema, removePriceBracket, removePriceBracketSchema } from '@/lib/activities/price-brackets';
import { generateOpeningDays, openingDaySchema, openingDaysSchema, updateOpeningDay } from '@/lib/activities/opening-days';
import { staffAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { deliverAfterResponse } from '@/lib/mail/after-commit';

// Configuration: every write here is the administrators'; agents only read the pages.
const admin = { role: 'admin' } as const;
const activityId = z.object({ activityId: rowId('Activité introuvable.') });
const periodId = z.object({ bookingPeriodId: rowId('Période introuvable.') });

export const createActivityAction = staffAction(
  activitySchema,
  async (input, staff) => {
    const result = await createActivity(await getDb(), appClock(), staff, input);
    if (!result.ok) return result;
    revalidatePath('/admin/activites');
    redirect(`/admin/activites/${result.value.id}?creee=1`);
  },
  { ...admin, keep: ACTIVITY_FIELDS },
);

export const updateActivityAction = staffAction(
  z.intersection(activityId, activitySchema),
  async ({ activityId: id, ...input }, staff) => {
    const result = await updateActivity(await getDb(), appClock(), staff, id, input);
    if (!result.ok) return result;
    revalidatePath('/admin/activites');
    return { ok: true, message: 'L’activité est enregistrée.' };
  },
  { ...admin, keep: ACTIVITY_FIELDS },
);

export const createBookingPeriodAction = staffAction(
  bookingPeriodSchema,
  async (input, staff) => {
    const result = await createBookingPeriod(await getDb(), appClock(), staff, input);
    if (!result.ok) return result;
    revalidatePath('/admin/activites');
    return { ok: true, message: 'La période de réservation est créée.' };
  },
  { ...admin, keep: BOOKING_PERIOD_FIELDS },
);

export const updateBookingPeriodAction = staffAction(
  z.intersection(periodId, bookingPeriodSchema),
  async ({ bookingPeriodId: id, ...input }, staff) => {
    const result = await updateBookingPeriod(await getDb(), appClock(), staff, id, input);
    if (!result.ok) return result;
    revalidatePath('/admin/activites');
    return { ok: true, message: 'La période de réservation est enregistrée.' };
  },
  { ...admin, keep: BOOKING_PERIOD_FIELDS },
);

export const generateOpeningDaysAction = staffAction(
  openingDaysSchema,
  async (input, staff) => {
    const result = await generateOpeningDays(await getDb(), appClock(), staff, input);
    if (!result.ok) return result;
    revalidatePath(`/admin/activites/${input.activityId}`);
    const { created, existing } = result.value;
    const made = created.length === 1 ? '1 jour d’ouverture créé' : `${created.length} jours d’ouverture créés`;
    return { ok: true, message: existing > 0 ? `${made} ; ${existing} existai${existing === 1 ? 't' : 'ent'} déjà.` : `${made}.` };
  },
  { ...admin, keep: ['bookingPeriodId', 'from', 'to', 'holidayFrom', 'holidayTo', 'exclusions'] },
);

export const updateOpeningDayAction = staffAction(
  openingDaySchema,
  async (input, staff) => {
    const result = await updateOpeningDay(await getDb(), appClock(), staff, input);
    if (!result.ok) return result;
    revalidatePath('/admin/activites', 'layout');
    const { closed, cancelled, notifiedFamilies } = result.value;
    if (notifiedFamilies > 0) deliverAfterResponse();
    if (cancelled > 0) {
      return { ok: true, message: `Le jour est fermé : ${cancelled} réservation${cancelled > 1 ? 's' : ''} annulée${cancelled > 1 ? 's' : ''}, ${notifiedFamilies} famille${notifiedFamilies > 1 ? 's' : ''} prévenue${notifiedFamilies > 1 ? 's' : ''} par e-mail.` };
    }
    return { ok: true, message: closed ? 'Le jour est fermé.' : 'Le jour est enregistré.' };
  },
  { ...admin, keep: ['capacity', 'waitlistCapacity'] },
);

export const addPriceBracketAction = staffAction(
  priceBracketSchema,
  async (input, staff) => {
    const result = await addPriceBracket(await getDb(), appClock(), staff, input);
    if (!result.ok) return result;
    revalidatePath(`/admin/activites/${input.activityId}/tarifs`);
    return { ok: true, message: 'La tranche est ajoutée.' };
  },
  { ...admin, keep: [...PRICE_BRACKET_FIELDS] },
);

export const removePriceBracketAction = staffAction(
  removePriceBracketSchema,
  async (input, staff) => {
    const result = await removePriceBracket(await getDb(), appClock(), staff, input);
    if (!result.ok) return result;
    revalidatePath(`/admin/activites/${input.activityId}/tarifs`);
    return { ok: true, message: 'La tranche est supprimée.' };
  },
  admin,
);
