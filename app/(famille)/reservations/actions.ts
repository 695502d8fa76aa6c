'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ValidateState } from '@/components/reservations/validate-form';
import { getDb } from '@/db';
import type { ActionState } from '@/lib/action-state';
import { requireGuardian } from '@/lib/auth/session';
import { appClock } from '@/lib/clock';
import { deliverAfterResponse } from '@/lib/mail/after-commit';
import { abandonBasket, REMARKS_MAX_LENGTH, toggleBasketDay } from '@/lib/reservations/basket';
import { validateBasket } from '@/lib/reservations/validate';
import { calendarHref } from './links';

const idField = (message: string) => z.coerce.number({ error: message }).int({ error: message }).positive({ error: message }).max(2_147_483_647, { error: message });
const monthField = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

// Where the calendar was, to come back to it; a wrong value only loses the place, never the request.
const placeSchema = z.object({
  enfant: idField('').optional().catch(undefined),
  activite: idField('').optional().catch(undefined),
  mois: monthField.optional().catch(undefined),
});

const toggleSchema = z.object({
  childId: idField('Choisissez un de vos enfants.'),
  activityDayId: idField('Choisissez un jour du calendrier.'),
});

/** A click on a day of the calendar: asks for it, asks to cancel it, or takes the request back. */
export async function toggleDayAction(_: ActionState, form: FormData): Promise<ActionState> {
  const guardian = await requireGuardian();
  const fields = Object.fromEntries(form);
  const input = toggleSchema.safeParse(fields);
  if (!input.success) return { error: input.error.issues[0]!.message };
  const result = await toggleBasketDay(await getDb(), appClock(), guardian.familyId, input.data);
  revalidatePath('/reservations');
  if (!result.ok) return { error: result.message };
  // The calendar re-renders in place (focus and scroll kept); a plain form post is redirected instead.
  if (fields.affichage === 'dynamique') return { ok: true };
  const place = placeSchema.parse(fields);
  redirect(calendarHref({ childId: input.data.childId, activityId: place.activite, month: place.mois }));
}

/** "Abandonner": clears every request not yet validated, then shows the selection again. */
export async function abandonBasketAction(form: FormData): Promise<void> {
  const guardian = await requireGuardian();
  await abandonBasket(await getDb(), appClock(), guardian.familyId, { id: guardian.id, role: guardian.role });
  revalidatePath('/reservations');
  const place = placeSchema.parse(Object.fromEntries(form));
  redirect(calendarHref({ childId: place.enfant, activityId: place.activite, month: place.mois, abandoned: true }));
}

const validateSchema = z.object({
  basketId: idField('Vos demandes sont introuvables : affichez à nouveau le récapitulatif.'),
  version: z.coerce.number({ error: 'Affichez à nouveau le récapitulatif, puis validez.' }).int().nonnegative(),
  remarks: z
    .string()
    .trim()
    .max(REMARKS_MAX_LENGTH, { error: `Vos remarques ne doivent pas dépasser ${REMARKS_MAX_LENGTH} caractères.` })
    .default(''),
});

/** The recap's "Valider": the basket becomes reservations and cancellations, then the results are shown. */
export async function validateBasketAction(_: ValidateState, form: FormData): Promise<ValidateState> {
  const guardian = await requireGuardian();
  const remarks = typeof form.get('remarks') === 'string' ? (form.get('remarks') as string) : '';
  const input = validateSchema.safeParse(Object.fromEntries(form));
  if (!input.success) {
    const issue = input.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    return field === 'remarks'
      ? { error: 'Vos demandes ne sont pas validées : raccourcissez vos remarques.', fieldErrors: { remarks: issue.message }, remarks }
      : { error: issue.message, remarks };
  }
  const response = await validateBasket(await getDb(), appClock(), guardian.familyId, { id: guardian.id, role: guardian.role }, input.data);
  if (!response.ok) {
    revalidatePath('/reservations/recapitulatif');
    return { error: response.message, remarks };
  }
  deliverAfterResponse();
  revalidatePath('/reservations');
  revalidatePath('/suivi');
  redirect(`/reservations/resultat/${response.value.validationId}`);
}
