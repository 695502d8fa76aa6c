import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { winAnsiText } from '@/lib/attestations/pdf';
import { eligibleForAttestation, paidShares, parseAttestationYear, selectAttestationYear, YEAR_NOT_OFFERED } from '@/lib/attestations/rules';
import { formatEuros } from '@/lib/format';

describe('who gets an attestation for a year', () => {
  it('is a child under 6 on 1 January of the year, born by its end', () => {
    expect(eligibleForAttestation('2019-01-02', 2025)).toBe(true);
    expect(eligibleForAttestation('2019-01-01', 2025)).toBe(false);
    expect(eligibleForAttestation('2025-12-31', 2025)).toBe(true);
    expect(eligibleForAttestation('2026-01-01', 2025)).toBe(false);
  });
});

describe('the year asked for', () => {
  it('is last year by default, and one of the six years offered, else last year with a notice', () => {
    expect(selectAttestationYear(undefined, '2026-03-15')).toEqual({ year: 2025, notice: null });
    expect(selectAttestationYear('2026', '2026-03-15')).toEqual({ year: 2026, notice: null });
    expect(selectAttestationYear('2021', '2026-03-15')).toEqual({ year: 2021, notice: null });
    for (const param of ['2020', '2027', '25', 'tout']) expect(selectAttestationYear(param, '2026-03-15')).toEqual({ year: 2025, notice: YEAR_NOT_OFFERED });
    expect(parseAttestationYear('2027', '2026-03-15')).toBeNull();
    expect(parseAttestationYear(null, '2026-03-15')).toBeNull();
    expect(parseAttestationYear('2024', '2026-03-15')).toBe(2024);
  });
});

describe('what of each consumption the family paid', () => {
  const debits = [
    { consumptionId: 3, date: '2025-03-01', totalCents: 1000 },
    { consumptionId: 1, date: '2025-01-01', totalCents: 1000 },
    { consumptionId: 2, date: '2025-01-01', totalCents: 1000 },
  ];

  it('pays the oldest consumptions first, as far as the family’s money goes', () => {
    expect(paidShares({ paidInCents: 2500, creditedCents: 0 }, debits)).toEqual(new Map([[1, 1000], [2, 1000], [3, 500]]));
  });

  it('lets the town’s credits pay before the family’s money, and never counts them', () => {
    expect(paidShares({ paidInCents: 2500, creditedCents: 1200 }, debits)).toEqual(new Map([[2, 800], [3, 1000]]));
  });

  it('counts nothing when cancellations and debits leave the family’s money at or below zero', () => {
    expect(paidShares({ paidInCents: -300, creditedCents: 0 }, debits)).toEqual(new Map());
  });
});

describe('text in the PDF’s standard font', () => {
  it('keeps French accents, quotes and the euro sign and replaces what WinAnsi lacks', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    expect(winAnsiText(font, 'Léa Œuvré « d’été »')).toBe('Léa Œuvré « d’été »');
    expect(winAnsiText(font, formatEuros(123456))).toBe('1\u00a0234,56\u00a0€');
    expect(winAnsiText(font, 'Łukasz Őz 日')).toBe('Lukasz Oz ?');
    expect(() => font.encodeText(winAnsiText(font, `Łukasz ${formatEuros(123456)} 日`))).not.toThrow();
  });
});
