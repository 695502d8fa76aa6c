'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { getDb } from '@/db';
import { currentPasswordField } from '@/lib/account/schemas';
import { familyAction } from '@/lib/actions';
import { requestIp } from '@/lib/auth/request-ip';
import { confirmEnrolment, disableSecondFactor, regenerateRecoveryCodes, startEnrolment } from '@/lib/second-factor/enrolment';
import { enrolmentCodeSchema } from '@/lib/second-factor/schemas';
import { authenticatorClock } from '@/lib/second-factor/totp';

const passwordSchema = z.object({ currentPassword: currentPasswordField });

export const startFamilyEnrolmentAction = familyAction(z.object({}), async (_input, guardian) => {
  const result = await startEnrolment(await getDb(), authenticatorClock, guardian.id);
  if (result.ok) revalidatePath('/profil/securite');
  return result;
});

export const confirmFamilyEnrolmentAction = familyAction(enrolmentCodeSchema, async (input, guardian) => {
  const result = await confirmEnrolment(await getDb(), authenticatorClock, guardian.id, { code: input.code, ip: requestIp(await headers()) });
  return result.ok ? { ok: true, oneTimeCodes: result.value } : result;
});

export const regenerateFamilyRecoveryCodesAction = familyAction(passwordSchema, async (input, guardian) => {
  const result = await regenerateRecoveryCodes(await getDb(), authenticatorClock, guardian.id, { ...input, ip: requestIp(await headers()) });
  return result.ok ? { ok: true, oneTimeCodes: result.value } : result;
});

export const disableFamilySecondFactorAction = familyAction(passwordSchema, async (input, guardian) => {
  const result = await disableSecondFactor(await getDb(), authenticatorClock, guardian.id, { ...input, ip: requestIp(await headers()) });
  if (result.ok) revalidatePath('/profil/securite');
  return result;
});
