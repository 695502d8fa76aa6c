'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { getDb } from '@/db';
import { currentPasswordField } from '@/lib/account/schemas';
import { staffAction } from '@/lib/actions';
import { requestIp } from '@/lib/auth/request-ip';
import { confirmEnrolment, regenerateRecoveryCodes, startEnrolment } from '@/lib/second-factor/enrolment';
import { enrolmentCodeSchema } from '@/lib/second-factor/schemas';
import { authenticatorClock } from '@/lib/second-factor/totp';

// A staff member who must enrol may use these: they are the way out of the enrolment page.
const enrolling = { enrolling: true };

export const startStaffEnrolmentAction = staffAction(
  z.object({}),
  async (_input, staff) => {
    const result = await startEnrolment(await getDb(), authenticatorClock, staff.id);
    if (result.ok) revalidatePath('/admin/securite');
    return result;
  },
  enrolling,
);

export const confirmStaffEnrolmentAction = staffAction(
  enrolmentCodeSchema,
  async (input, staff) => {
    const result = await confirmEnrolment(await getDb(), authenticatorClock, staff.id, { code: input.code, ip: requestIp(await headers()) });
    return result.ok ? { ok: true, oneTimeCodes: result.value } : result;
  },
  enrolling,
);

export const regenerateStaffRecoveryCodesAction = staffAction(
  z.object({ currentPassword: currentPasswordField }),
  async (input, staff) => {
    const result = await regenerateRecoveryCodes(await getDb(), authenticatorClock, staff.id, { ...input, ip: requestIp(await headers()) });
    return result.ok ? { ok: true, oneTimeCodes: result.value } : result;
  },
  enrolling,
);
