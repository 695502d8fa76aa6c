// The only randomness of the demo data: a seeded PRNG, drawn from in a fixed order, so two runs on
// the same day give the same data.

/** mulberry32: small, fast and good enough for demo data. */
export function demoRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    shuffle: <T>(items: readonly T[]): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
    /** An instant between two instants, to the minute. */
    between: (from: Date, to: Date) =>
      new Date(from.getTime() + Math.floor((next() * (to.getTime() - from.getTime())) / 60_000) * 60_000),
  };
}

export type DemoRandom = ReturnType<typeof demoRandom>;
