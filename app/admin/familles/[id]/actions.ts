'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { staffAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { addGuardian, issueAccessLink, setGuardianActive, updateGuardian } from '@/lib/families/guardians';
import { deleteFamilyQuotient, deleteQuotientSchema, QUOTIENT_FIELDS, quotientSchema, recordFamilyQuotient } from '@/lib/families/quotients';
import { addChild, updateChild, updateFamily } from '@/lib/families/records';
import { deliverAfterResponse } from '@/lib/mail/after-commit';
import { childFields, childIdField, familyFields, familyIdField, guardianFields, guardianIdField } from '@/lib/families/schemas';

const accountId = z.coerce
  .number({ error: 'Compte introuvable.' })
  .int({ error: 'Compte introuvable.' })
  .positive({ error: 'Compte introuvable.' })
  .max(2_147_483_647, { error: 'Compte introuvable.' });

const saved = (familyId: number, message = 'Modifications enregistrées.') => {
  revalidatePath(`/admin/familles/${familyId}`);
  return { ok: true, message };
};

export const updateFamilyAction = staffAction(familyFields.extend({ familyId: familyIdField }), async ({ familyId, ...input }, staff) => {
  const result = await updateFamily(await getDb(), appClock(), staff, familyId, input);
  return result.ok ? saved(familyId) : result;
});

export const addGuardianAction = staffAction(
  guardianFields.extend({ familyId: familyIdField }),
  async ({ familyId, ...input }, staff) => {
    const result = await addGuardian(await getDb(), appClock(), staff, familyId, input);
    if (!result.ok) return result;
    revalidatePath(`/admin/familles/${familyId}`);
    if (result.value.emailed) deliverAfterResponse();
    const { login } = result.value;
    return result.value.emailed
      ? { ok: true, message: `Responsable ajouté, identifiant « ${login} ». Le lien d’activation est envoyé par e-mail.` }
      : { ok: true, message: `Responsable ajouté, identifiant « ${login} ». Imprimez la lettre d’activation à lui remettre.`, letter: result.value.letter };
  },
  { shown: ['firstName', 'lastName', 'email', 'phone'], keep: ['firstName', 'lastName', 'email', 'phone'] },
);

export const updateGuardianAction = staffAction(
  guardianFields.extend({ userId: guardianIdField, familyId: familyIdField }),
  async ({ userId, familyId, ...input }, staff) => {
    const result = await updateGuardian(await getDb(), appClock(), staff, userId, input);
    return result.ok ? saved(familyId) : result;
  },
  { shown: ['firstName', 'lastName', 'email', 'phone'] },
);

export const issueResetLinkAction = staffAction(
  z.object({ userId: accountId }),
  async (input, staff) => {
    const result = await issueAccessLink(await getDb(), appClock(), staff, input.userId);
    if (!result.ok) return result;
    if (result.value.emailed) deliverAfterResponse();
    return result.value.emailed
      ? { ok: true, message: 'Le lien de nouveau mot de passe est envoyé par e-mail.' }
      : { ok: true, message: 'Imprimez la lettre à remettre à la famille.', letter: result.value.letter };
  },
  { shown: [] },
);

export const setGuardianActiveAction = staffAction(
  z.object({ userId: accountId, familyId: familyIdField, active: z.enum(['0', '1'], { error: 'Action inconnue.' }) }),
  async ({ userId, familyId, active }, staff) => {
    const result = await setGuardianActive(await getDb(), appClock(), staff, userId, active === '1');
    return result.ok ? saved(familyId, active === '1' ? 'Le compte est réactivé.' : 'Le compte est désactivé : il ne peut plus se connecter.') : result;
  },
  { shown: [] },
);

export const addChildAction = staffAction(
  childFields.extend({ familyId: familyIdField }),
  async ({ familyId, ...input }, staff) => {
    const result = await addChild(await getDb(), appClock(), staff, familyId, input);
    return result.ok ? saved(familyId, 'Enfant ajouté.') : result;
  },
  { shown: ['firstName', 'lastName', 'birthDate'], keep: ['firstName', 'lastName', 'birthDate'] },
);

export const updateChildAction = staffAction(
  childFields.extend({ childId: childIdField, familyId: familyIdField }),
  async ({ childId, familyId, ...input }, staff) => {
    const result = await updateChild(await getDb(), appClock(), staff, childId, input);
    return result.ok ? saved(familyId) : result;
  },
  { shown: ['firstName', 'lastName', 'birthDate'] },
);

export const recordQuotientAction = staffAction(
  quotientSchema,
  async (input, staff) => {
    const result = await recordFamilyQuotient(await getDb(), appClock(), staff, input);
    return result.ok ? saved(input.familyId, 'Le quotient familial est enregistré.') : result;
  },
  { keep: [...QUOTIENT_FIELDS] },
);

export const deleteQuotientAction = staffAction(deleteQuotientSchema, async (input, staff) => {
  const result = await deleteFamilyQuotient(await getDb(), appClock(), staff, input);
  return result.ok ? saved(input.familyId, 'Le quotient familial est supprimé.') : result;
});
