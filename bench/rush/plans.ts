// What each parent does on the morning: 5 to 10 clicks, one child per click, mostly on the popular
// days, 1 to 3 s apart; and when each parent arrives.
import type { ParentPlan } from './parent';
import { RUSH_PASSWORD, type RushDay, type RushFamily, type Town } from './town';
import { seededRandom } from '../../tests/support/seeded-random';

export interface PlannedParent {
  family: RushFamily;
  plan: ParentPlan;
  /** Milliseconds after the start of the morning. */
  arrivesAfterMs: number;
}

const POPULAR_SHARE = 0.65;

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * One parent's clicks: 5 to 10 distinct (child, day) pairs, 65 % on a popular day of the day camp,
 * the rest on its roomy days or the after-school slot. Ordered as a parent goes: child by child,
 * activity by activity, month by month.
 */
export function planClicks(family: RushFamily, town: Town, random: () => number): ParentPlan['clicks'] {
  const popular = town.days.filter((day) => day.popular);
  const ordinary = town.days.filter((day) => !day.popular);
  const wanted = 5 + Math.floor(random() * 6);
  const chosen = new Map<string, { childId: number; day: RushDay }>();
  for (let tries = 0; chosen.size < wanted && tries < 200; tries++) {
    const childId = pick(family.childIds, random);
    const day = pick(random() < POPULAR_SHARE ? popular : ordinary, random);
    chosen.set(`${childId}:${day.id}`, { childId, day });
  }
  return [...chosen.values()]
    .sort((a, b) => a.childId - b.childId || a.day.activityId - b.day.activityId || a.day.date.localeCompare(b.day.date))
    .map(({ childId, day }) => ({ childId, activityId: day.activityId, activityDayId: day.id, month: day.month }));
}

/**
 * The morning's parents: `families` arriving over `minutes` as a Poisson process (exponential gaps,
 * scaled so the last one arrives at the end of the window), each with its clicks and a think time of
 * 1 to 3 s between requests.
 */
export function planMorning(families: RushFamily[], town: Town, minutes: number, seed: number): PlannedParent[] {
  const random = seededRandom(seed);
  const gaps = families.map(() => -Math.log(1 - random()));
  const total = gaps.reduce((sum, gap) => sum + gap, 0);
  const windowMs = minutes * 60_000;
  let at = 0;
  return families.map((family, i) => {
    const arrivesAfterMs = at;
    at += (gaps[i]! / total) * windowMs;
    const thinkRandom = seededRandom(seed * 31 + family.familyId);
    return {
      family,
      arrivesAfterMs,
      plan: { login: family.login, password: RUSH_PASSWORD, clicks: planClicks(family, town, random), thinkMs: () => 1000 + thinkRandom() * 2000 },
    };
  });
}
