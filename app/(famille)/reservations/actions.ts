'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db';
import type { CalendarBoard } from '@/components/reservations/calendar-board';
import type { ActionState } from '@/lib/action-state';
import { familyAction } from '@/lib/actions';
import { parseYearMonth } from '@/lib/calendar/months';
import { appClock } from '@/lib/clock';
import { announceFreedPlaces } from '@/lib/jobs/freed-places';
import { deliverAfterResponse } from '@/lib/mail/after-commit';
import { abandonBasket, REMARKS_MAX_LENGTH, toggleBasketDay } from '@/lib/reservations/basket';
import { BUSY, validateBasketWhenAdmitted } from '@/lib/reservations/admission';
import { addTypicalWeek } from '@/lib/reservations/typical-week';
import type { Result } from '@/lib/result';
import { boardAfterClick } from './board';
import { calendarHref } from './links';

const idField = (message: string) => z.coerce.number({ error: message }).int({ error: message }).positive({ error: message }).max(2_147_483_647, { error: message });

// Where the calendar was, to come back to it; a wrong value only loses the place, never the request.
const placeFields = {
  enfant: idField('').optional().catch(undefined),
  activite: idField('').optional().catch(undefined),
  mois: z.string().refine((value) => parseYearMonth(value) !== null).optional().catch(undefined),
};

const toggleSchema = z.object({
  childId: idField('Choisissez un de vos enfants.'),
  activityDayId: idField('Choisissez un jour du calendrier.'),
  affichage: z.string().optional(),
  ...placeFields,
});

/**
 * A click on a day of the calendar: asks for it, asks to cancel it, or takes the request back.
 * With JavaScript the answer carries the calendar's new board and the page updates itself: the
 * server does not render the page again. A plain form post is redirected back to the page.
 */
export const toggleDayAction = familyAction(
  toggleSchema,
  async (input, guardian): Promise<Result<unknown> | ActionState<CalendarBoard>> => {
    const db = await getDb();
    const clock = appClock();
    const result = await toggleBasketDay(db, clock, guardian.familyId, input);
    const place = { childId: input.childId, activityId: input.activite, month: input.mois };
    if (input.affichage === 'dynamique') {
      // Refused too: the day may have filled up since the page was shown.
      const view = await boardAfterClick(db, clock, guardian.familyId, place);
      if (view) return result.ok ? { ok: true, view } : { error: result.message, view };
    }
    revalidatePath('/reservations');
    if (!result.ok || input.affichage === 'dynamique') return result;
    redirect(calendarHref(place));
  },
  { shown: [] },
);

/** "Abandonner": clears every request not yet validated, then shows the selection again. */
export const abandonBasketAction = familyAction(z.object(placeFields), async (place, guardian) => {
  await abandonBasket(await getDb(), appClock(), guardian.familyId, guardian);
  revalidatePath('/reservations');
  redirect(calendarHref({ childId: place.enfant, activityId: place.activite, month: place.mois, abandoned: true }));
});

const validateSchema = z.object({
  basketId: idField('Vos demandes sont introuvables : affichez à nouveau le récapitulatif.'),
  version: z.coerce.number({ error: 'Affichez à nouveau le récapitulatif, puis validez.' }).int().nonnegative(),
  remarks: z
    .string()
    .trim()
    .max(REMARKS_MAX_LENGTH, { error: `Vos remarques ne doivent pas dépasser ${REMARKS_MAX_LENGTH} caractères.` })
    .default(''),
  // How many « Forte affluence » answers this submission had: the next wait grows with it.
  tentative: z.coerce.number().int().min(0).max(100).catch(0).default(0),
});

/**
 * The recap's "Valider": the basket becomes reservations and cancellations, then the results are
 * shown. When validation is saturated the form gets « Forte affluence » and sends itself again.
 */
export const validateBasketAction = familyAction(
  validateSchema,
  async ({ tentative, ...input }, guardian, form) => {
    const result = await validateBasketWhenAdmitted(await getDb(), appClock(), guardian.familyId, guardian, input, { attempt: tentative });
    if (!result.ok && result.code === BUSY) {
      return { message: result.message, busy: { retryAfterMs: result.retryAfterMs!, attempt: tentative + 1 }, values: { remarks: String(form.get('remarks') ?? '') } };
    }
    if (!result.ok) {
      revalidatePath('/reservations/recapitulatif');
      return result;
    }
    deliverAfterResponse();
    announceFreedPlaces(result.value.freedDayIds);
    revalidatePath('/reservations');
    revalidatePath('/suivi');
    redirect(`/reservations/resultat/${result.value.validationId}`);
  },
  { shown: ['remarks'], invalid: 'Vos demandes ne sont pas validées : raccourcissez vos remarques.', keep: ['remarks'] },
);

const typicalWeekSchema = z.object({
  enfant: idField('Choisissez un de vos enfants.'),
  activite: idField('Choisissez une activité.'),
  // The weekdays shown in the preview, as one hidden field: "3" or "1,2,3,4,5".
  jours: z
    .string({ error: 'Choisissez au moins un jour de la semaine.' })
    .regex(/^([1-7](,[1-7])*)?$/, { error: 'Choisissez au moins un jour de la semaine.' })
    .transform((value) => (value ? value.split(',').map(Number) : [])),
  du: z.string({ error: 'Saisissez une date de début valide.' }),
  au: z.string({ error: 'Saisissez une date de fin valide.' }),
});

/**
 * « Semaine type »: « Ajouter au panier » puts the pattern's requestable days in the basket, then
 * shows the calendar at the first of them with how many were added.
 */
export const addTypicalWeekAction = familyAction(
  typicalWeekSchema,
  async (input, guardian) => {
    const result = await addTypicalWeek(await getDb(), appClock(), guardian.familyId, guardian, {
      childId: input.enfant,
      activityId: input.activite,
      weekdays: input.jours,
      from: input.du,
      to: input.au,
    });
    if (!result.ok) return result;
    revalidatePath('/reservations');
    const first = result.value.plan.days.find((day) => day.requested)!;
    redirect(calendarHref({ childId: input.enfant, activityId: input.activite, month: first.date.slice(0, 7), added: result.value.added }));
  },
  { shown: [] },
);
