import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { fixedClock } from '@/lib/clock';
import { reservationSelection } from '@/lib/reservations/selection';
import { createTestDatabase } from '../support/db';
import { aBookingPeriod, aChild, anActivity, anActivityDay } from '../support/factories';
import { aFamilyWithChild, anOpenDay } from '../support/reservations';

const clock = fixedClock('2026-11-26T10:00:00Z');

let handle: DbHandle;
let onlyChild: Awaited<ReturnType<typeof aFamilyWithChild>>;
let twoChildren: Awaited<ReturnType<typeof aFamilyWithChild>> & { baby: Awaited<ReturnType<typeof aChild>> };
let open: Awaited<ReturnType<typeof anOpenDay>>;
let forOlderChildren: Awaited<ReturnType<typeof anActivity>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  onlyChild = await aFamilyWithChild(db);
  const family = await aFamilyWithChild(db);
  twoChildren = { ...family, baby: await aChild(db, family.familyId, { firstName: 'Bébé', birthDate: '2025-01-10' }) };
  open = await anOpenDay(db);
  const later = await aBookingPeriod(db, { startsOn: '2027-01-01', endsOn: '2027-01-31', closesAt: new Date('2027-01-31T22:00:00Z') });
  await anActivityDay(db, { activityId: open.activity.id, bookingPeriodId: later.id, date: '2027-01-13' });
  forOlderChildren = await anActivity(db, { minAgeYears: 6, maxAgeYears: 12 });
  await anActivityDay(db, { activityId: forOlderChildren.id, bookingPeriodId: open.period.id, date: '2026-12-09' });
});

afterAll(async () => {
  await handle.close();
});

const select = (familyId: number, params: Record<string, string>) => reservationSelection(handle.db, clock, familyId, params);

describe('reservationSelection: what the Réservations page shows from its address', () => {
  it('chooses a family’s only child without asking, then offers the activities the child may book', async () => {
    const selection = await select(onlyChild.familyId, {});
    expect(selection.child?.id).toBe(onlyChild.child.id);
    expect(selection.activities.map((a) => a.id)).toEqual([open.activity.id]);
    expect(selection.activity).toBeUndefined();
    expect(selection.view).toBeNull();
    expect(selection.problems).toEqual([]);
  });

  it('waits for a family with two children to choose one', async () => {
    const selection = await select(twoChildren.familyId, {});
    expect(selection.children.map((c) => c.id).sort()).toEqual([twoChildren.child.id, twoChildren.baby.id].sort());
    expect(selection.child).toBeUndefined();
    expect(selection.activities).toEqual([]);
    expect(selection.problems).toEqual([]);
  });

  it('shows the month asked for of the chosen child and activity, or the first month with days to book', async () => {
    const january = await select(onlyChild.familyId, { enfant: String(onlyChild.child.id), activite: String(open.activity.id), mois: '2027-01' });
    expect(january.view?.month).toBe('2027-01');
    expect(january.view?.months).toEqual(['2026-12', '2027-01']);
    expect(january.problems).toEqual([]);

    const unknownMonth = await select(onlyChild.familyId, { enfant: String(onlyChild.child.id), activite: String(open.activity.id), mois: '2031-05' });
    expect(unknownMonth.view?.month).toBe('2026-12');
  });

  it('chooses no child of another family, nor a malformed one, and says why', async () => {
    for (const enfant of [String(onlyChild.child.id), 'abc']) {
      const selection = await select(twoChildren.familyId, { enfant, activite: String(open.activity.id) });
      expect(selection.child).toBeUndefined();
      expect(selection.activities).toEqual([]);
      expect(selection.view).toBeNull();
      expect(selection.problems).toEqual(['Cet enfant ne fait pas partie de votre famille : choisissez la personne concernée ci-dessous.']);
    }
  });

  it('chooses no activity the child may not book, nor an unknown one, and says why', async () => {
    for (const activite of [String(forOlderChildren.id), '987654']) {
      const selection = await select(onlyChild.familyId, { enfant: String(onlyChild.child.id), activite });
      expect(selection.child?.id).toBe(onlyChild.child.id);
      expect(selection.activity).toBeUndefined();
      expect(selection.view).toBeNull();
      expect(selection.problems).toEqual([
        'Cette activité n’est pas proposée à la réservation pour cet enfant : choisissez l’activité concernée ci-dessous.',
      ]);
    }
  });
});
