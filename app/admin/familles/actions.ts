'use server';

import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { staffAction } from '@/lib/actions';
import { appClock } from '@/lib/clock';
import { createFamily } from '@/lib/families/records';
import { familyFields } from '@/lib/families/schemas';

export const createFamilyAction = staffAction(
  familyFields,
  async (input, staff) => {
    const result = await createFamily(await getDb(), appClock(), staff, input);
    if (result.ok) redirect(`/admin/familles/${result.value.id}?cree=1`);
    return result;
  },
  { keep: ['name', 'address'] },
);
