import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, walletEntries } from '@/db/schema';
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

describe('the ledger and the audit log are append-only in the database', () => {
  async function aLedgerEntry() {
    const family = await aFamily(handle.db);
    const wallet = await aWallet(handle.db, family.id);
    const [entry] = await handle.db
      .insert(walletEntries)
      .values({ walletId: wallet.id, kind: 'correction', amountCents: 500, occurredOn: '2026-11-26', label: 'Avoir' })
      .returning();
    return entry!;
  }

  it('refuses to change, delete or empty ledger entries; a correction is a new reversing entry', async () => {
    const entry = await aLedgerEntry();
    const changed = handle.db.update(walletEntries).set({ amountCents: 400 }).where(eq(walletEntries.id, entry.id));
    expect(await violation(changed)).toContain('wallet_entries is append-only: UPDATE refused (a correction is a new reversing entry)');
    expect(await violation(handle.db.delete(walletEntries).where(eq(walletEntries.id, entry.id)))).toContain('wallet_entries is append-only: DELETE refused');
    expect(await violation(handle.db.execute(sql`truncate wallet_entries cascade`))).toContain('wallet_entries is append-only: TRUNCATE refused');

    await handle.db
      .insert(walletEntries)
      .values({ walletId: entry.walletId, kind: 'correction', amountCents: -500, occurredOn: '2026-11-27', label: 'Annulation de l’avoir', reversesEntryId: entry.id });
    const [kept] = await handle.db.select().from(walletEntries).where(eq(walletEntries.id, entry.id));
    expect(kept).toEqual(entry);
  });

  it('refuses to change, delete or empty the audit log', async () => {
    const family = await aFamily(handle.db);
    const [record] = await handle.db
      .insert(auditLog)
      .values({ actorRole: 'admin', action: 'family.update', entityType: 'family', entityId: String(family.id), familyId: family.id, at: new Date('2026-11-26T09:00:00Z') })
      .returning();
    const changed = handle.db.update(auditLog).set({ action: 'nothing.happened' }).where(eq(auditLog.id, record!.id));
    expect(await violation(changed)).toContain('audit_log is append-only: UPDATE refused');
    expect(await violation(handle.db.delete(auditLog).where(eq(auditLog.id, record!.id)))).toContain('audit_log is append-only: DELETE refused');
    expect(await violation(handle.db.execute(sql`truncate audit_log`))).toContain('audit_log is append-only: TRUNCATE refused');
    const [kept] = await handle.db.select().from(auditLog).where(eq(auditLog.id, record!.id));
    expect(kept).toEqual(record);
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
