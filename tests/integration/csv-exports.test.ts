// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { csvAmount, csvField, toCsv } from '@/lib/csv';
import { createTestDatabase } from '../support/db';
import { aChild, aConsumption, aFamily, aGuardian, anActivity, anActivityDay, aPayment, aReservation, aUser, aWallet, aWalletType } from '../support/factories';
import { sessionOf } from '../support/session';

const { GET: reservationsExport } = await import('@/app/admin/exports/reservations/route');
const { GET: consumptionsExport } = await import('@/app/admin/exports/consommations/route');
const { GET: paymentsExport } = await import('@/app/admin/exports/reglements/route');

let handle: DbHandle;
let agent: Awaited<ReturnType<typeof aUser>>;
let guardian: Awaited<ReturnType<typeof aGuardian>>;
let activityId: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  state.db = handle.db;
  const db = handle.db;
  agent = await aUser(db, { role: 'agent' });
  const family = await aFamily(db, { name: 'LEFÈVRE; "Zoé"', identifier: 'lefevre' });
  guardian = await aGuardian(db, { familyId: family.id });
  const child = await aChild(db, family.id, { firstName: 'Éloïse', lastName: 'LEFÈVRE' });
  const type = await aWalletType(db, { label: 'RESTAURATION' });
  const wallet = await aWallet(db, family.id, type.id);
  const activity = await anActivity(db, { name: 'ALSH 3-6 ans Journée', walletTypeId: type.id, unitPriceCents: 665, quantity: 2 });
  activityId = activity.id;
  const day = await anActivityDay(db, { activityId: activity.id, date: '2026-12-02' });
  await aReservation(db, { familyId: family.id, childId: child.id, activityDayId: day.id, status: 'waitlisted', requestedAt: new Date('2026-11-20T18:05:00Z') });
  await aConsumption(db, { familyId: family.id, childId: child.id, walletId: wallet.id, activityId: activity.id, date: '2026-11-04', unitPriceCents: 665, quantity: 2 });
  await aPayment(db, { familyId: family.id, walletId: wallet.id, amountCents: 123456, receivedOn: '2026-11-03', pieceNumber: '0042', payerName: 'LEFÈVRE Hélène', bankName: 'Crédit "Mutuel"\nAgence', mode: 'CH' });
});
afterAll(() => handle.close());
beforeEach(() => {
  state.session = sessionOf(agent);
});

const get = (handler: (request: Request) => Promise<Response>, path: string) => handler(new Request(`http://localhost${path}`));

async function csvOf(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  expect(text.endsWith('\r\n')).toBe(true);
  return text.slice(1).split('\r\n').slice(0, -1);
}

describe('CSV exports open in a French Excel', () => {
  it('reservations of a day and activity: columns, accents, quoting, Paris request time', async () => {
    const lines = await csvOf(await get(reservationsExport, `/admin/exports/reservations?date=2026-12-02&activite=${activityId}`));
    expect(lines).toEqual([
      'Date;Activité;Enfant;Famille;Identifiant famille;Statut;Date de la demande',
      '02/12/2026;ALSH 3-6 ans Journée;LEFÈVRE Éloïse;"LEFÈVRE; ""Zoé""";lefevre;En liste d’attente (rang 1);20/11/2026 19:05',
    ]);
  });

  it('consumptions of a month with decimal commas', async () => {
    const lines = await csvOf(await get(consumptionsExport, '/admin/exports/consommations?mois=2026-11'));
    expect(lines).toEqual([
      'Date;Famille;Identifiant famille;Enfant;Activité;Prix unitaire;Quantité;Total',
      '04/11/2026;"LEFÈVRE; ""Zoé""";lefevre;LEFÈVRE Éloïse;ALSH 3-6 ans Journée;6,65;2;13,30',
    ]);
  });

  it('payments of a period, a line break inside a field kept in quotes', async () => {
    const response = await get(paymentsExport, '/admin/exports/reglements?du=2026-11-01&au=2026-11-30');
    const text = (await csvOf(response)).join('\r\n');
    expect(text).toBe(
      'Date;Famille;Identifiant famille;Mode;N° pièce;Payeur;Banque;Montant;Statut\r\n' +
        '03/11/2026;"LEFÈVRE; ""Zoé""";lefevre;CH;0042;LEFÈVRE Hélène;"Crédit ""Mutuel""\nAgence";1234,56;Payé',
    );
    expect((await csvOf(await get(paymentsExport, '/admin/exports/reglements?du=2026-12-01&au=2026-12-31'))).length).toBe(1);
  });

  it('answers bad parameters with a French message', async () => {
    const response = await get(consumptionsExport, '/admin/exports/consommations?mois=2026-13');
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Choisissez un mois valide (AAAA-MM).');
    expect((await get(paymentsExport, '/admin/exports/reglements?du=2026-12-01&au=2026-11-01')).status).toBe(400);
    expect((await get(reservationsExport, '/admin/exports/reservations?date=2026-02-30')).status).toBe(400);
  });

  it('refuses anonymous requests and families', async () => {
    for (const session of [null, sessionOf(guardian)]) {
      state.session = session;
      for (const [handler, path] of [
        [reservationsExport, '/admin/exports/reservations?date=2026-12-02'],
        [consumptionsExport, '/admin/exports/consommations?mois=2026-11'],
        [paymentsExport, '/admin/exports/reglements?du=2026-11-01&au=2026-11-30'],
      ] as const) {
        const response = await get(handler, path);
        expect(response.status).toBe(403);
        expect(await response.text()).not.toContain('LEFÈVRE');
      }
    }
  });
});

describe('CSV fields', () => {
  it('quotes only what needs it and writes amounts without a thousands separator', () => {
    expect(csvField('simple')).toBe('simple');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('dit "bonjour"')).toBe('"dit ""bonjour"""');
    expect(csvField('ligne\r\nsuivante')).toBe('"ligne\r\nsuivante"');
    expect(csvField(null)).toBe('');
    expect([csvAmount(0), csvAmount(5), csvAmount(-1250), csvAmount(123456789)]).toEqual(['0,00', '0,05', '-12,50', '1234567,89']);
    expect(toCsv(['a'], [[1]])).toBe('\uFEFFa\r\n1\r\n');
  });
});
