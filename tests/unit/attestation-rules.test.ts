import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { attestationPdf, winAnsiText } from '@/lib/attestations/pdf';
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

describe('a long attestation', () => {
  it('goes on over pages, repeating the table’s headings, numbering the pages, total last', async () => {
    const lines = Array.from({ length: 60 }, (_, index) => ({ month: `2025-${String((index % 12) + 1).padStart(2, '0')}`, activity: `Activité ${index + 1}`, days: 1, chargedCents: 100, paidCents: 100 }));
    const bytes = await attestationPdf({
      year: 2025,
      issuedOn: '2026-03-15',
      family: { id: 1, name: 'DUPONT', address: null, guardians: ['DUPONT Jean-Paul'] },
      child: { id: 2, firstName: 'Łucja', lastName: 'DUPONT', birthDate: '2021-02-03' },
      lines,
      totalCents: 6000,
      uncoveredCents: 0,
    });
    const parser = new PDFParse({ data: bytes });
    const { pages } = await parser.getText();
    await parser.destroy();
    expect(pages.length).toBe(2);
    for (const page of pages) expect(page.text).toMatch(/Mois\s+Activité\s+Jours\s+Facturé\s+Payé/);
    expect(pages[1]!.text).toContain('Page 2 / 2');
    expect(pages[1]!.text).toContain('Activité 60');
    expect(pages[1]!.text.replace(/\s+/g, ' ')).toContain('Total payé pour l’année 2025 : 60,00 €');
    expect(pages[0]!.text).toContain('DUPONT Lucja');
  });
});
