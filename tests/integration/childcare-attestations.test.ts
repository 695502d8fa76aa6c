import { unzipSync } from 'fflate';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { attestationsZip } from '@/lib/attestations/bundle';
import { CHILD_NOT_FOUND, childAttestation, familyAttestations, yearAttestations } from '@/lib/attestations/childcare-fees';
import { attestationPdf } from '@/lib/attestations/pdf';
import { systemActor } from '@/lib/audit/record';
import { fixedClock } from '@/lib/clock';
import { reversePayment } from '@/lib/payments/reverse';
import { townName } from '@/lib/town';
import { createTestDatabase } from '../support/db';
import { aChild, aConsumption, aCorrection, aFamily, aGuardian, anActivity, aPayment, aWallet, aWalletType } from '../support/factories';

// The attestations of 2025, issued on 15 March 2026 (Paris).
const clock = fixedClock('2026-03-15T10:00:00Z');
const YEAR = 2025;

let handle: DbHandle;
type Consumed = { childId: number; date: string; totalCents: number; meals: boolean; posted: boolean };
const dupont = {
  familyId: 0,
  lea: 0,
  hugo: 0,
  ines: 0,
  consumed: [] as Consumed[],
  paidIntoChildcareCents: 0,
};
const martin = { familyId: 0, child: 0 };

async function pdfText(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    // One space for any run of spaces, including the no-break spaces of French amounts.
    return (await parser.getText()).text.replace(/[\s\u00a0\u202f]+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  const cdc = await aWalletType(db, { code: 'CDC', label: 'CDC PE2M - APS ET CLSH' });
  const meals = await aWalletType(db, { code: 'RESTAURATION', label: 'RESTAURATION' });
  const alsh = await anActivity(db, { name: 'ALSH 3-6 ans Journée', walletTypeId: cdc.id, unitPriceCents: 665, quantity: 2 });
  const morning = await anActivity(db, { name: 'Accueil périscolaire matin', walletTypeId: cdc.id, unitPriceCents: 180 });
  const canteen = await anActivity(db, { name: 'Restauration scolaire', walletTypeId: meals.id, unitPriceCents: 345 });

  const guardian = await aGuardian(db, { lastName: 'DUPONT', firstName: 'Claire', isPayer: true });
  dupont.familyId = guardian.familyId!;
  const childcareWallet = await aWallet(db, dupont.familyId, cdc.id);
  const mealsWallet = await aWallet(db, dupont.familyId, meals.id);
  dupont.lea = (await aChild(db, dupont.familyId, { lastName: 'DUPONT', firstName: 'Léa', birthDate: '2020-06-15' })).id;
  // 6 on 1 January 2025: no attestation. Inès, a day younger, is still 5 that day.
  dupont.hugo = (await aChild(db, dupont.familyId, { lastName: 'DUPONT', firstName: 'Hugo', birthDate: '2019-01-01' })).id;
  dupont.ines = (await aChild(db, dupont.familyId, { lastName: 'DUPONT', firstName: 'Inès', birthDate: '2019-01-02' })).id;

  const consume = async (childId: number, activity: typeof alsh, date: string, posted = true) => {
    const isMeal = activity.id === canteen.id;
    const consumption = await aConsumption(db, {
      familyId: dupont.familyId,
      childId,
      walletId: isMeal ? mealsWallet.id : childcareWallet.id,
      activityId: activity.id,
      date,
      unitPriceCents: activity.unitPriceCents,
      quantity: activity.quantity,
      posted,
    });
    dupont.consumed.push({ childId, date, totalCents: consumption.totalCents, meals: isMeal, posted });
  };
  await consume(dupont.lea, morning, '2024-12-31');
  await consume(dupont.lea, alsh, '2025-01-01');
  await consume(dupont.lea, morning, '2025-03-04');
  await consume(dupont.lea, canteen, '2025-03-04');
  await consume(dupont.lea, morning, '2025-03-05');
  // Not posted (no wallet debit): not attested.
  await consume(dupont.lea, morning, '2025-06-02', false);
  await consume(dupont.lea, alsh, '2025-12-31');
  await consume(dupont.lea, morning, '2026-01-02');
  await consume(dupont.hugo, alsh, '2025-02-12');
  await consume(dupont.ines, alsh, '2025-02-12');
  await consume(dupont.ines, canteen, '2025-02-12');
  await aPayment(db, { familyId: dupont.familyId, walletId: childcareWallet.id, amountCents: 7000, receivedOn: '2024-12-01' });
  await aPayment(db, { familyId: dupont.familyId, walletId: mealsWallet.id, amountCents: 1000, receivedOn: '2024-12-01' });
  dupont.paidIntoChildcareCents = 7000;

  // MARTIN: a wallet below zero. 3 × 13,30 € consumed, 30,00 € paid and kept, a 20,00 € cheque
  // cancelled, a 5,00 € goodwill credit from the town.
  const family = await aFamily(db, { name: 'MARTIN' });
  martin.familyId = family.id;
  martin.child = (await aChild(db, family.id, { lastName: 'MARTIN', firstName: 'Noé', birthDate: '2021-09-30' })).id;
  const wallet = await aWallet(db, family.id, cdc.id);
  for (const date of ['2025-01-10', '2025-02-10', '2025-03-10']) {
    await aConsumption(db, { familyId: family.id, childId: martin.child, walletId: wallet.id, activityId: alsh.id, date, unitPriceCents: 665, quantity: 2, posted: true });
  }
  await aPayment(db, { familyId: family.id, walletId: wallet.id, amountCents: 3000, receivedOn: '2025-01-05' });
  const bounced = await aPayment(db, { familyId: family.id, walletId: wallet.id, amountCents: 2000, receivedOn: '2025-01-06' });
  const reversal = await reversePayment(db, clock, systemActor, { paymentId: bounced.id, reason: 'Chèque sans provision' });
  expect(reversal.ok).toBe(true);
  await aCorrection(db, wallet.id, 500, '2025-01-20');
});
afterAll(() => handle.close());

describe('the attestation de frais de garde', () => {
  it('attests the sum of the child’s posted, paid, non-meal consumptions of the year', async () => {
    const result = await childAttestation(handle.db, clock, dupont.familyId, dupont.lea, YEAR);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const expected = dupont.consumed
      .filter((c) => c.childId === dupont.lea && c.date.startsWith(`${YEAR}-`) && !c.meals && c.posted)
      .reduce((sum, c) => sum + c.totalCents, 0);
    // The payments into the childcare wallet cover every consumption posted on it: all of it is paid.
    const postedOnChildcare = dupont.consumed.filter((c) => !c.meals && c.posted).reduce((sum, c) => sum + c.totalCents, 0);
    expect(postedOnChildcare).toBeLessThanOrEqual(dupont.paidIntoChildcareCents);
    expect(expected).toBe(1330 + 180 + 180 + 1330);
    expect(result.value.totalCents).toBe(expected);
    expect(result.value.uncoveredCents).toBe(0);
    expect(result.value.lines).toEqual([
      { month: '2025-01', activity: 'ALSH 3-6 ans Journée', days: 1, chargedCents: 1330, paidCents: 1330 },
      { month: '2025-03', activity: 'Accueil périscolaire matin', days: 2, chargedCents: 360, paidCents: 360 },
      { month: '2025-12', activity: 'ALSH 3-6 ans Journée', days: 1, chargedCents: 1330, paidCents: 1330 },
    ]);
    expect(result.value.lines.reduce((sum, line) => sum + line.paidCents, 0)).toBe(result.value.totalCents);
    expect(result.value.family).toMatchObject({ name: expect.any(String), guardians: ['DUPONT Claire'] });
    expect(result.value.issuedOn).toBe('2026-03-15');
  });

  it('prints that total, the town, the child and the exclusion of meals in the PDF', async () => {
    const result = await childAttestation(handle.db, clock, dupont.familyId, dupont.lea, YEAR);
    if (!result.ok) throw new Error(result.message);
    const bytes = await attestationPdf(result.value);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('Attestation de frais de garde — année 2025');
    expect(text).toContain(townName());
    expect(text).toContain('Accueil de loisirs / périscolaire');
    expect(text).toContain('DUPONT Léa, né(e) le 15/06/2020');
    expect(text).toContain('Responsable : DUPONT Claire');
    expect(text).toContain('Montants hors frais de repas');
    expect(text).toContain('Émise le 15/03/2026');
    expect(text).toContain('Total payé pour l’année 2025 : 30,20 €');
    expect(text).not.toContain('Restauration scolaire');
  });

  it('counts only what the family’s payments cover when a wallet went below zero, oldest first', async () => {
    const result = await childAttestation(handle.db, clock, martin.familyId, martin.child, YEAR);
    if (!result.ok) throw new Error(result.message);
    // 39,90 € consumed; 30,00 € paid and kept (the cancelled cheque does not count). The town's
    // 5,00 € credit pays the oldest consumption first and is not attested as paid by the family.
    expect(result.value.lines.map((line) => [line.month, line.chargedCents, line.paidCents])).toEqual([
      ['2025-01', 1330, 830],
      ['2025-02', 1330, 1330],
      ['2025-03', 1330, 840],
    ]);
    expect(result.value.totalCents).toBe(3000);
    expect(result.value.uncoveredCents).toBe(990);
    const text = await pdfText(await attestationPdf(result.value));
    expect(text).toContain('Total payé pour l’année 2025 : 30,00 €');
    expect(text).toContain('non couverte par les règlements de la famille à la date d’émission : 9,90 €');
  });

  it('gives none to a child aged 6 or more on 1 January, and one to a child of 5 that day', async () => {
    const attestations = await familyAttestations(handle.db, clock, dupont.familyId, YEAR);
    expect(attestations.map((attestation) => attestation.child.firstName)).toEqual(['Inès', 'Léa']);
    const hugo = await childAttestation(handle.db, clock, dupont.familyId, dupont.hugo, YEAR);
    expect(hugo).toEqual({ ok: false, message: 'Hugo avait 6 ans ou plus au 1er janvier 2025 : pas d’attestation de frais de garde pour cette année.' });
    const ines = await childAttestation(handle.db, clock, dupont.familyId, dupont.ines, YEAR);
    expect(ines.ok && ines.value.totalCents).toBe(1330);
    // The next year Inès is 6 on 1 January too.
    expect((await familyAttestations(handle.db, clock, dupont.familyId, 2026)).map((attestation) => attestation.child.firstName)).toEqual(['Léa']);
  });

  it('refuses another family’s child and a year without any amount paid', async () => {
    expect(await childAttestation(handle.db, clock, martin.familyId, dupont.lea, YEAR)).toEqual({ ok: false, message: CHILD_NOT_FOUND });
    expect(await childAttestation(handle.db, clock, martin.familyId, martin.child, 2024)).toEqual({ ok: false, message: 'Aucun montant de garde payé pour Noé en 2024.' });
  });

  it('produces every attestation of the year with an amount in one ZIP, one PDF per child', async () => {
    const attestations = await yearAttestations(handle.db, clock, YEAR);
    expect(attestations.map((attestation) => [attestation.child.firstName, attestation.totalCents])).toEqual([
      ['Inès', 1330],
      ['Léa', 3020],
      ['Noé', 3000],
    ]);
    const files = unzipSync(await attestationsZip(attestations));
    expect(Object.keys(files).sort()).toEqual([
      `attestation-garde-2025-DUPONT-Ines-${dupont.ines}.pdf`,
      `attestation-garde-2025-DUPONT-Lea-${dupont.lea}.pdf`,
      `attestation-garde-2025-MARTIN-Noe-${martin.child}.pdf`,
    ]);
    expect(await pdfText(files[`attestation-garde-2025-MARTIN-Noe-${martin.child}.pdf`]!)).toContain('Total payé pour l’année 2025 : 30,00 €');
  });
});
