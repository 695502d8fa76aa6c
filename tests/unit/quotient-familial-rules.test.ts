import { describe, expect, it } from 'vitest';
import { bracketLabel, bracketsOverlap, overlappingBracket } from '@/lib/activities/rules';
import { validitiesOverlap } from '@/lib/families/quotient-rules';

describe('brackets of a price grid by quotient familial', () => {
  const grid = [
    { qfMin: 0, qfMax: 450 },
    { qfMin: 451, qfMax: 700 },
  ];

  it('overlap when they share a QF, bounds included', () => {
    expect(bracketsOverlap({ qfMin: 0, qfMax: 450 }, { qfMin: 450, qfMax: 500 })).toBe(true);
    expect(bracketsOverlap({ qfMin: 0, qfMax: 450 }, { qfMin: 451, qfMax: 500 })).toBe(false);
    expect(bracketsOverlap({ qfMin: 100, qfMax: 200 }, { qfMin: 0, qfMax: 1000 })).toBe(true);
  });

  it('treat a bracket without an upper bound as reaching every QF above its minimum', () => {
    expect(bracketsOverlap({ qfMin: 1001, qfMax: null }, { qfMin: 5000, qfMax: 6000 })).toBe(true);
    expect(bracketsOverlap({ qfMin: 5000, qfMax: 6000 }, { qfMin: 1001, qfMax: null })).toBe(true);
    expect(bracketsOverlap({ qfMin: 1001, qfMax: null }, { qfMin: 0, qfMax: 1000 })).toBe(false);
    expect(bracketsOverlap({ qfMin: 1001, qfMax: null }, { qfMin: 2000, qfMax: null })).toBe(true);
  });

  it('name the bracket a new one would overlap, or none', () => {
    expect(overlappingBracket(grid, { qfMin: 600, qfMax: 800 })).toBe(grid[1]);
    expect(overlappingBracket(grid, { qfMin: 701, qfMax: null })).toBeNull();
  });

  it('read in French', () => {
    expect(bracketLabel({ qfMin: 0, qfMax: 450 })).toBe('0 – 450');
    expect(bracketLabel({ qfMin: 1001, qfMax: null })).toBe('1\u202f001 et plus');
  });
});

describe('validity periods of a family’s quotients', () => {
  it('overlap when they share a day, both ends included', () => {
    expect(validitiesOverlap({ validFrom: '2026-01-01', validTo: '2026-12-31' }, { validFrom: '2026-12-31', validTo: '2027-06-30' })).toBe(true);
    expect(validitiesOverlap({ validFrom: '2026-01-01', validTo: '2026-12-31' }, { validFrom: '2027-01-01', validTo: '2027-06-30' })).toBe(false);
    expect(validitiesOverlap({ validFrom: '2026-03-01', validTo: '2026-03-31' }, { validFrom: '2026-01-01', validTo: '2026-12-31' })).toBe(true);
  });
});
