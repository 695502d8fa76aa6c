// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { eq } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { basketItems, baskets, basketValidations, reservations } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { AdmissionGate, BUSY, validateBasketWhenAdmitted, validationGate } from '@/lib/reservations/admission';
import { basketSummary, toggleBasketDay } from '@/lib/reservations/basket';
import { BusyPanel } from '@/components/reservations/busy-panel';
import { createTestDatabase, onPostgres } from '../support/db';
import { sessionOf } from '../support/session';
import { aFamilyWithChild, anOpenDay } from '../support/reservations';

vi.mock('@/lib/mail/after-commit', () => ({ deliverAfterResponse: vi.fn() }));
const { validateBasketAction } = await import('@/app/(famille)/reservations/actions');

const clock = fixedClock('2026-11-26T09:00:00Z');
let handle: DbHandle;
beforeAll(async () => {
  vi.stubEnv('COMPTE_FAMILLE_NOW', '2026-11-26T09:00:00Z');
  handle = await createTestDatabase();
  state.db = handle.db;
});
afterAll(() => handle?.close());

/** A family whose basket asks for one open day, and what the recap shows of it. */
async function aFamilyReadyToValidate() {
  const { day } = await anOpenDay(handle.db, { capacity: 5 });
  const family = await aFamilyWithChild(handle.db);
  await toggleBasketDay(handle.db, clock, family.familyId, { childId: family.child.id, activityDayId: day.id });
  const summary = await basketSummary(handle.db, clock, family.familyId);
  return { ...family, day, input: { basketId: summary.basketId!, version: summary.version } };
}

/** What a family has in the database: its basket lines, reservations and validations. */
async function stateOf(familyId: number) {
  const [basket] = await handle.db.select().from(baskets).where(eq(baskets.familyId, familyId));
  return {
    basket: basket ? { id: basket.id, version: basket.version, items: (await handle.db.select().from(basketItems).where(eq(basketItems.basketId, basket.id))).length } : null,
    reservations: (await handle.db.select().from(reservations).where(eq(reservations.familyId, familyId))).length,
    validations: (await handle.db.select().from(basketValidations).where(eq(basketValidations.familyId, familyId))).length,
  };
}

/** Fills a gate's slots and queue with work that ends when `release` is called. */
function saturate(gate: AdmissionGate) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = Array.from({ length: gate.slots + gate.maxWaiting }, () => gate.run(() => released));
  return {
    release: async () => {
      release();
      await Promise.all(held);
    },
  };
}

describe('« Forte affluence »: validation turned away when saturated, the basket kept', () => {
  it('answers « Forte affluence » while every turn is taken, changes nothing, and validates on a later try', async () => {
    const family = await aFamilyReadyToValidate();
    const gate = new AdmissionGate(2, 30, 1);
    const full = saturate(gate);
    const before = await stateOf(family.familyId);

    const busy = await validateBasketWhenAdmitted(handle.db, clock, family.familyId, family.actor, family.input, { gate });
    expect(busy).toMatchObject({ ok: false, code: BUSY, message: expect.stringContaining('Forte affluence') });
    expect(!busy.ok && busy.retryAfterMs).toBeGreaterThanOrEqual(3000);
    expect(await stateOf(family.familyId)).toEqual(before);
    expect(before).toMatchObject({ basket: { items: 1 }, reservations: 0, validations: 0 });

    await full.release();
    const later = await validateBasketWhenAdmitted(handle.db, clock, family.familyId, family.actor, family.input, { gate });
    expect(later.ok && later.value.outcomes.map((o) => o.result)).toEqual(['pending']);
    expect(await stateOf(family.familyId)).toMatchObject({ basket: null, reservations: 1, validations: 1 });
  });

  it('lets no more validations run at once than its slots, and gives a freed slot to the one waiting longest', async () => {
    const gate = new AdmissionGate(2, 1000, 10);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const work = (n: number) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push(n);
      running--;
      return n;
    };
    expect(await Promise.all([0, 1, 2, 3, 4, 5].map((n) => gate.run(work(n))))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(order.slice(2)).toEqual([2, 3, 4, 5]);
  });

  it('gives the recap form the « Forte affluence » state with the remarks typed, never an error, then validates when sent again', async () => {
    const family = await aFamilyReadyToValidate();
    state.session = sessionOf(family.guardian);
    const form = new FormData();
    for (const [name, value] of Object.entries({ ...family.input, remarks: 'Arrivée à 8 h 30', tentative: 0 })) form.set(name, String(value));

    const full = saturate(validationGate);
    const answer = await validateBasketAction({}, form);
    await full.release();
    expect(answer).toEqual({
      message: expect.stringContaining('Forte affluence'),
      busy: { retryAfterMs: expect.any(Number), attempt: 1 },
      values: { remarks: 'Arrivée à 8 h 30' },
    });
    expect(await stateOf(family.familyId)).toMatchObject({ basket: { items: 1 }, reservations: 0, validations: 0 });

    form.set('tentative', '1');
    const retried = await validateBasketAction({}, form).catch((error: { digest?: string }) => error.digest);
    expect(retried).toMatch(/^NEXT_REDIRECT;.*;\/reservations\/resultat\/\d+;/);
    const [validation] = await handle.db.select().from(basketValidations).where(eq(basketValidations.familyId, family.familyId));
    expect(validation!.remarks).toBe('Arrivée à 8 h 30');
  });

  it('shows a polite status with « Réessayer » and, without JavaScript, a refresh back to the recap', () => {
    const markup = renderToStaticMarkup(
      <BusyPanel message="Forte affluence : patientez." retryAfterMs={4200} recapHref="/reservations/recapitulatif?enfant=1&activite=2" onRetry={() => {}} />,
    );
    expect(markup).toContain('role="status"');
    expect(markup).toContain('Forte affluence');
    // The server's HTML, as a browser without JavaScript shows it; with JavaScript it counts down and sends itself again.
    expect(markup).toContain('Cliquez sur « Réessayer » pour les envoyer à nouveau, ou patientez : le récapitulatif s’affichera de nouveau dans 5 s.');
    expect(markup).toMatch(/<button type="submit"[^>]*>Réessayer<\/button>/);
    expect(markup).toContain('<noscript><meta http-equiv="refresh" content="5;url=/reservations/recapitulatif?enfant=1&amp;activite=2"></noscript>');
  });

  // Real PostgreSQL only: PGlite has a single connection, nothing else can hold a lock.
  it.runIf(onPostgres)('answers « Forte affluence » when a day stays locked past the lock timeout, with the basket untouched', async () => {
    const family = await aFamilyReadyToValidate();
    const before = await stateOf(family.familyId);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = handle.db.transaction(async (tx) => {
      await tx.execute(`select id from activity_days where id = ${family.day.id} for update`);
      locked();
      await released;
    });
    await isLocked;
    const busy = await validateBasketWhenAdmitted(handle.db, clock, family.familyId, family.actor, family.input, { maxAttempts: 1 });
    release();
    await holder;
    expect(busy).toMatchObject({ ok: false, code: BUSY });
    expect(await stateOf(family.familyId)).toEqual(before);
  }, 20_000);
});
