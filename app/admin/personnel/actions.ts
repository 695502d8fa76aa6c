'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { staffAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { formatDateTime } from '@/lib/format';
import { createStaffAccount, resetStaffSecondFactor, setStaffActive, staffAccountSchema } from '@/lib/staff/accounts';

const admin = { role: 'admin' } as const;
const userId = z.coerce
  .number({ error: 'Compte introuvable.' })
  .int({ error: 'Compte introuvable.' })
  .positive({ error: 'Compte introuvable.' })
  .max(2_147_483_647, { error: 'Compte introuvable.' });

export const createStaffAccountAction = staffAction(
  staffAccountSchema,
  async (input, staff) => {
    const result = await createStaffAccount(await getDb(), appClock(), staff, input);
    if (!result.ok) return result;
    revalidatePath('/admin/personnel');
    return {
      ok: true,
      message: `Compte « ${input.login} » créé. Lien d’activation à transmettre (une seule utilisation, valable jusqu’au ${formatDateTime(result.value.expiresAt)}) :\n${result.value.link}`,
    };
  },
  { ...admin, keep: ['login', 'email', 'firstName', 'lastName', 'role'], invalid: 'Le compte n’est pas créé : corrigez les champs signalés.' },
);

export const setStaffActiveAction = staffAction(
  z.object({ userId, active: z.enum(['true', 'false'], { error: 'Choix inconnu.' }) }),
  async (input, staff) => {
    const result = await setStaffActive(await getDb(), appClock(), staff, input.userId, input.active === 'true');
    if (!result.ok) return result;
    revalidatePath('/admin/personnel');
    return { ok: true, message: input.active === 'true' ? 'Le compte est réactivé.' : 'Le compte est désactivé.' };
  },
  { ...admin, shown: [] },
);

export const resetStaffSecondFactorAction = staffAction(
  z.object({ userId }),
  async (input, staff) => {
    const result = await resetStaffSecondFactor(await getDb(), appClock(), staff, input.userId);
    if (!result.ok) return result;
    revalidatePath('/admin/personnel');
    return { ok: true, message: 'La vérification en deux étapes est retirée : la personne en configurera une nouvelle à sa prochaine connexion.' };
  },
  { ...admin, shown: [] },
);
