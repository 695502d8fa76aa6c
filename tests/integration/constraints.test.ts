import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { walletEntries } from '@/db/schema';
import { createTestDatabase } from '../support/db';
import { aChild, aFamily, anActivity, anActivityDay, aReservation, aWallet } from '../support/factories';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

// Drizzle wraps driver errors; the constraint name is on the cause.
async function violation(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { constraint?: string; constraint_name?: string; message?: string } }).cause;
    return cause?.constraint ?? cause?.constraint_name ?? cause?.message ?? String(error);
  }
  throw new Error('The database accepted the row.');
}

describe('database constraints carry the invariants', () => {
  it('refuses a zero-amount ledger entry', async () => {
    const family = await aFamily(handle.db);
    const wallet = await aWallet(handle.db, family.id);
    const insert = handle.db
      .insert(walletEntries)
      .values({ walletId: wallet.id, kind: 'correction', amountCents: 0, occurredOn: '2026-11-26', label: 'Erreur' });
    expect(await violation(insert)).toContain('wallet_entries_amount_nonzero');

    await handle.db
      .insert(walletEntries)
      .values({ walletId: wallet.id, kind: 'correction', amountCents: -1, occurredOn: '2026-11-26', label: 'Correction' });
  });

  it('refuses a second live reservation of one child on one activity day, but keeps history', async () => {
    const family = await aFamily(handle.db);
    const child = await aChild(handle.db, family.id);
    const day = await anActivityDay(handle.db);
    const reservation = (status: 'pending' | 'confirmed' | 'cancelled' | 'refused') =>
      aReservation(handle.db, { familyId: family.id, childId: child.id, activityDayId: day.id, status });

    await reservation('cancelled');
    await reservation('refused');
    await reservation('pending');
    expect(await violation(reservation('confirmed'))).toContain('reservations_live_unique');
  });

  it('refuses a negative capacity on an activity day and on an activity', async () => {
    expect(await violation(anActivityDay(handle.db, { capacity: -1 }))).toContain('activity_days_capacity_nonnegative');
    expect(await violation(anActivityDay(handle.db, { waitlistCapacity: -2 }))).toContain(
      'activity_days_waitlist_nonnegative',
    );
    expect(await violation(anActivity(handle.db, { defaultCapacity: -5 }))).toContain('activities_capacity_nonnegative');
  });

  it('refuses a waiting-list rank on a reservation that is not waitlisted', async () => {
    const family = await aFamily(handle.db);
    const child = await aChild(handle.db, family.id);
    const day = await anActivityDay(handle.db);
    const insert = aReservation(handle.db, { familyId: family.id, childId: child.id, activityDayId: day.id, status: 'confirmed', waitlistRank: 2 });
    expect(await violation(insert)).toContain('reservations_rank_only_waitlisted');
  });
});

describe('a reservation belongs to its child’s family', () => {
  it('refuses a reservation of one family for another family’s child', async () => {
    const family = await aFamily(handle.db);
    const otherFamily = await aFamily(handle.db);
    const othersChild = await aChild(handle.db, otherFamily.id);
    const day = await anActivityDay(handle.db);
    const insert = aReservation(handle.db, { familyId: family.id, childId: othersChild.id, activityDayId: day.id, status: 'pending' });
    expect(await violation(insert)).toContain('reservations_child_family_fk');

    await aReservation(handle.db, { familyId: otherFamily.id, childId: othersChild.id, activityDayId: day.id, status: 'pending' });
  });
});
