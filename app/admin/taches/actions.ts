'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { staffAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { isJobName } from '@/lib/jobs/registry';
import { runJobForStaff } from '@/lib/jobs/staff-runs';

export const runJobNowAction = staffAction(
  z.object({ job: z.string().refine(isJobName, { error: 'Tâche inconnue.' }) }),
  async (input, staff) => {
    const result = await runJobForStaff(await getDb(), appClock(), staff, input.job as Parameters<typeof runJobForStaff>[3]);
    revalidatePath('/admin/taches');
    if (!result.ok) return result;
    return { ok: true, message: `Tâche terminée. Compte rendu : ${JSON.stringify(result.value)}` };
  },
  { shown: [] },
);
