// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { and, count, eq } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, paymentAllocations, payments, walletEntries, wallets } from '@/db/schema';
import type { GatewayPayment, PaymentGateway } from '@/lib/payments/gateway';
import { createTestDatabase, onPostgres } from '../support/db';
import {
  aBookingPeriod,
  aChild,
  aCorrection,
  aGuardian,
  anActivity,
  anActivityDay,
  aReservation,
  aWallet,
  aWalletType,
} from '../support/factories';
import { sessionOf } from '../support/session';

// The gateway stands in for the sandbox or PayFiP: it records what the portal asked and answers with its page.
const started: GatewayPayment[] = [];
const fakeGateway: PaymentGateway = {
  name: 'sandbox',
  async start(payment) {
    started.push(payment);
    return { transactionId: `T-${payment.reference}`, redirectUrl: `https://banque.example/payer/${payment.reference}` };
  },
  verifyNotification: async () => {
    throw new Error('not used');
  },
  outcomeOf: async () => ({ status: 'pending' }),
};
// The return page's poll asks the App Router to refresh: there is no router outside a browser.
vi.mock('next/navigation', async (importOriginal) => ({ ...(await importOriginal<typeof import('next/navigation')>()), useRouter: () => ({ refresh: vi.fn() }) }));
vi.mock('@/lib/payments/configured-gateway', () => ({
  configuredGateway: () => fakeGateway,
  paymentUrls: () => (reference: string) => ({
    notifyUrl: `https://portail.example/api/paiements/notification/sandbox`,
    returnUrl: `https://portail.example/soldes/paiement/retour/${reference}`,
  }),
}));

const { payByCardAction } = await import('@/app/(famille)/soldes/paiement/actions');
const { default: PaymentPage } = await import('@/app/(famille)/soldes/paiement/page');
const { default: ReturnPage } = await import('@/app/(famille)/soldes/paiement/retour/[reference]/page');
const { default: BalancesPage } = await import('@/app/(famille)/soldes/page');
const { settlePayment } = await import('@/lib/payments/settle');
const { paymentHistory } = await import('@/lib/history/month-lines');
const { familyWalletsOfTypes } = await import('@/lib/wallets/family-wallets');
const { startCardPayment } = await import('@/lib/payments/checkout');
const { appClock } = await import('@/lib/clock');

let handle: DbHandle;
type Guardian = Awaited<ReturnType<typeof aGuardian>>;
let parentA: Guardian;
let parentB: Guardian;
const types = {} as Record<'cdc' | 'restauration' | 'periscolaire', { id: number; label: string }>;
let walletA: { id: number };
let walletB: { id: number };

const search = (params: Record<string, string | string[]>) => ({ searchParams: Promise.resolve(params) });
const html = async (page: Promise<React.ReactNode>) => renderToStaticMarkup(await page);
const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');
const actAs = (guardian: Guardian) => {
  state.session = sessionOf(guardian);
};
function formOf(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}
async function outcomeOf(promise: Promise<unknown>): Promise<{ redirect?: string; notFound?: boolean; value?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (digest.startsWith('NEXT_REDIRECT')) return { redirect: digest.split(';')[2]! };
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return { notFound: true };
    throw error;
  }
}
const rows = async (table: typeof payments | typeof paymentAllocations | typeof wallets | typeof walletEntries | typeof auditLog) =>
  (await handle.db.select({ n: count() }).from(table))[0]!.n;
const snapshot = async () => ({
  payments: await rows(payments),
  allocations: await rows(paymentAllocations),
  wallets: await rows(wallets),
  entries: await rows(walletEntries),
  audit: await rows(auditLog),
});
const field = (typeId: number) => `montant-${typeId}`;
/** The row of a wallet in the payment table: its cells' text. */
function rowOf(markup: string, label: string) {
  const row = [...markup.matchAll(/<tr role="row"[^>]*>([\s\S]*?)<\/tr>/g)].map(([, inside]) => inside!).find((inside) => inside.includes(`>${label}<`));
  if (!row) throw new Error(`No row for ${label}`);
  const input = /<input[^>]*value="([^"]*)"/.exec(row)?.[1];
  const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, inside]) => text(inside!).trim());
  return { solde: cells[0], cout: cells[1], montant: input, nouveau: cells[3] };
}

beforeAll(async () => {
  vi.stubEnv('COMPTE_FAMILLE_NOW', '2026-11-26T10:00:00Z');
  handle = await createTestDatabase();
  state.db = handle.db;
  types.restauration = await aWalletType(handle.db, { code: 'RESTAURATION', label: 'RESTAURATION', position: 1 });
  types.periscolaire = await aWalletType(handle.db, { code: 'PERISCOLAIRE', label: 'PERISCOLAIRE', position: 2 });
  types.cdc = await aWalletType(handle.db, { code: 'CDC', label: 'CDC PE2M - APS ET CLSH', position: 3 });
  parentA = await aGuardian(handle.db, { firstName: 'Jean-Paul', lastName: 'DUPONT', email: 'jean-paul.dupont@example.fr' });
  parentB = await aGuardian(handle.db);
  const childA = await aChild(handle.db, parentA.familyId!);
  const period = await aBookingPeriod(handle.db);
  // The guide's line: CDC PE2M - APS ET CLSH, Coût estimé 33,25 (7 × 4,75), Montant à créditer 79,00, Nouveau solde 0,00 (the
  // guide prints a Solde of -45,75, which does not add up: -45,75 does).
  walletA = await aWallet(handle.db, parentA.familyId!, types.cdc.id);
  await aCorrection(handle.db, walletA.id, -4575);
  const alsh = await anActivity(handle.db, { walletTypeId: types.cdc.id, unitPriceCents: 475, quantity: 7 });
  const alshDay = await anActivityDay(handle.db, { activityId: alsh.id, bookingPeriodId: period.id, date: '2026-12-09' });
  await aReservation(handle.db, { familyId: parentA.familyId!, childId: childA.id, activityDayId: alshDay.id, status: 'pending' });
  // RESTAURATION in credit: nothing owed. PERISCOLAIRE: reservations but no wallet yet.
  const restaurationWallet = await aWallet(handle.db, parentA.familyId!, types.restauration.id);
  await aCorrection(handle.db, restaurationWallet.id, 1000);
  const garderie = await anActivity(handle.db, { walletTypeId: types.periscolaire.id, unitPriceCents: 250, quantity: 1 });
  const garderieDay = await anActivityDay(handle.db, { activityId: garderie.id, bookingPeriodId: period.id, date: '2026-12-10' });
  await aReservation(handle.db, { familyId: parentA.familyId!, childId: childA.id, activityDayId: garderieDay.id, status: 'confirmed' });
  walletB = await aWallet(handle.db, parentB.familyId!, types.cdc.id);
});
afterAll(() => handle.close());
beforeEach(() => {
  state.session = null;
  started.length = 0;
});

describe('Paiement CB: the payment page', () => {
  it('proposes per wallet what brings « Nouveau solde » back to 0,00, nothing where nothing is owed, and the total', async () => {
    actAs(parentA);
    const page = await html(PaymentPage(search({})));
    expect(rowOf(page, 'CDC PE2M - APS ET CLSH')).toEqual({ solde: '-45,75 à régulariser', cout: '33,25', montant: '79,00', nouveau: '0,00' });
    expect(rowOf(page, 'RESTAURATION')).toEqual({ solde: '10,00', cout: '0,00', montant: '0,00', nouveau: '10,00' });
    expect(rowOf(page, 'PERISCOLAIRE')).toEqual({ solde: '0,00', cout: '2,50', montant: '2,50', nouveau: '0,00' });
    expect(text(page)).toContain('TOTAL Paiement (€) : 81,50');
    for (const heading of ['Porte-monnaie', 'Solde', 'Coût estimé', 'Montant à créditer', 'Nouveau solde']) {
      expect(page).toContain(`<th scope="col" role="columnheader"`);
      expect(text(page)).toContain(heading);
    }
    // Every amount has its own label; the e-mail is the profile's; the button is the guide's.
    expect(page).toContain(`<label for="${field(types.cdc.id)}" class="sr-only">Montant à créditer sur CDC PE2M - APS ET CLSH, en euros</label>`);
    expect(page).toMatch(/<input id="email" type="email"[^>]*name="email" value="jean-paul.dupont@example.fr"/);
    expect(page).toMatch(/<button type="submit"[^>]*>Paiement CB<\/button>/);
  });

  it('uses the estimate date of Soldes, and the amounts a link prefills', async () => {
    actAs(parentA);
    // Until 30 November, the December reservations are not in the estimate.
    const november = await html(PaymentPage(search({ jusquau: '2026-11-30' })));
    expect(rowOf(november, 'CDC PE2M - APS ET CLSH')).toEqual({ solde: '-45,75 à régulariser', cout: '0,00', montant: '45,75', nouveau: '0,00' });
    const prefilled = await html(PaymentPage(search({ montant: [`${types.cdc.id}:5000`, `${types.restauration.id}:abc`] })));
    expect(rowOf(prefilled, 'CDC PE2M - APS ET CLSH')).toEqual({ solde: '-45,75 à régulariser', cout: '33,25', montant: '50,00', nouveau: '-29,00 à régulariser' });
    expect(rowOf(prefilled, 'RESTAURATION').montant).toBe('0,00');
    expect(text(prefilled)).toContain('TOTAL Paiement (€) : 52,50');
    // Soldes links to the payment page with its own date.
    const soldes = await html(BalancesPage(search({ jusquau: '2026-11-30' })));
    expect(soldes).toMatch(/<a [^>]*href="\/soldes\/paiement\?jusquau=2026-11-30"[^>]*>Paiement CB<\/a>/);
  });
});

describe('Paiement CB: the action', () => {
  it('records the payment initiated, creates the wallet the family lacked, and sends the parent to the gateway', async () => {
    actAs(parentA);
    expect(await handle.db.select().from(wallets).where(and(eq(wallets.familyId, parentA.familyId!), eq(wallets.walletTypeId, types.periscolaire.id)))).toEqual([]);
    const outcome = await outcomeOf(
      payByCardAction({}, formOf({ [field(types.cdc.id)]: '79,00', [field(types.restauration.id)]: '0,00', [field(types.periscolaire.id)]: ' 2,5 ', email: ' Parent@Example.fr ' })),
    );
    const [payment] = await handle.db.select().from(payments).where(eq(payments.familyId, parentA.familyId!));
    expect(outcome).toEqual({ redirect: `https://banque.example/payer/${payment!.reference}` });
    expect(payment).toMatchObject({ status: 'initiated', mode: 'CB', amountCents: 8150, payerName: 'DUPONT Jean-Paul', email: 'parent@example.fr', gateway: 'sandbox' });
    expect(payment!.gatewayReference).toBe(`T-${payment!.reference}`);
    const [periscolaire] = await handle.db.select().from(wallets).where(and(eq(wallets.familyId, parentA.familyId!), eq(wallets.walletTypeId, types.periscolaire.id)));
    const allocations = await handle.db.select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, payment!.id));
    expect(allocations.map(({ walletId, amountCents }) => ({ walletId, amountCents })).sort((x, y) => x.walletId - y.walletId)).toEqual([
      { walletId: walletA.id, amountCents: 7900 },
      { walletId: periscolaire!.id, amountCents: 250 },
    ]);
    expect(started).toEqual([
      expect.objectContaining({ reference: payment!.reference, amountCents: 8150, returnUrl: `https://portail.example/soldes/paiement/retour/${payment!.reference}` }),
    ]);
    // Nothing is credited before the bank's answer.
    expect(await handle.db.select().from(walletEntries).where(eq(walletEntries.walletId, periscolaire!.id))).toEqual([]);
  });

  const refusals: Array<[string, Record<string, string>, Record<string, string>]> = [
    ['three decimals', { cdc: '79,001' }, { cdc: 'Saisissez un montant en euros avec au plus deux décimales, par exemple 79,00.' }],
    ['words', { cdc: 'soixante' }, { cdc: 'Saisissez un montant en euros avec au plus deux décimales, par exemple 79,00.' }],
    ['a negative amount', { cdc: '-5,00', restauration: '10' }, { cdc: 'Le montant à créditer ne peut pas être négatif.' }],
    ['nothing to pay', { cdc: '0', restauration: '' }, { total: 'Le paiement doit être d’au moins 1,00 € au total.' }],
    ['less than 1,00 € in total', { cdc: '0,50', restauration: '0,49' }, { total: 'Le paiement doit être d’au moins 1,00 € au total.' }],
    ['more than 9 999,99 € in total', { cdc: '5 000,00', restauration: '4999,99', periscolaire: '0,01' }, { total: 'Le paiement ne peut pas dépasser 9 999,99 € au total.' }],
    ['more than 9 999,99 € on one wallet', { cdc: '10000' }, { cdc: 'Le montant à créditer ne peut pas dépasser 9 999,99 €.' }],
    ['a bad e-mail', { cdc: '79,00', email: 'parent@' }, { email: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.' }],
    ['no e-mail', { cdc: '79,00', email: '' }, { email: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.' }],
  ];
  it.each(refusals)('refuses %s with a French message beside the field, and writes nothing', async (_case, amounts, expected) => {
    actAs(parentA);
    const before = await snapshot();
    const fields: Record<string, string> = { email: amounts.email ?? 'parent@example.fr' };
    for (const [type, value] of Object.entries(amounts)) if (type !== 'email') fields[field(types[type as keyof typeof types].id)] = value;
    const state = await payByCardAction({}, formOf(fields));
    const fieldErrors = Object.fromEntries(
      Object.entries(expected).map(([name, message]) => [name in types ? field(types[name as keyof typeof types].id) : name, message]),
    );
    expect(state).toEqual({ error: 'Le paiement n’a pas été lancé : corrigez les champs signalés.', fieldErrors });
    expect(await snapshot()).toEqual(before);
    expect(started).toEqual([]);
  });

  it('refuses a wallet type that does not exist, and writes nothing', async () => {
    actAs(parentA);
    const before = await snapshot();
    const state = await payByCardAction({}, formOf({ [field(999_999)]: '10,00', email: 'parent@example.fr' }));
    expect(state).toMatchObject({ error: 'Ce porte-monnaie n’existe pas.' });
    expect(await snapshot()).toEqual(before);
  });

  it('only ever pays into the family’s own wallets: another family’s wallet is refused', async () => {
    // The form names wallet types: family B's « CDC » is family B's wallet, never family A's.
    actAs(parentB);
    const outcome = await outcomeOf(payByCardAction({}, formOf({ [field(types.cdc.id)]: '12,00', email: 'b@example.fr' })));
    expect(outcome.redirect).toMatch(/^https:\/\/banque\.example\/payer\/CF/);
    const [payment] = await handle.db.select().from(payments).where(eq(payments.familyId, parentB.familyId!));
    expect(await handle.db.select({ walletId: paymentAllocations.walletId }).from(paymentAllocations).where(eq(paymentAllocations.paymentId, payment!.id))).toEqual([
      { walletId: walletB.id },
    ]);
    // And a payment naming family A's wallet for family B is refused by the checkout itself.
    const before = await snapshot();
    const forged = await startCardPayment(handle.db, appClock(), fakeGateway, parentB, { familyId: parentB.familyId!, payerName: 'B', email: 'b@example.fr', allocations: [{ walletId: walletA.id, amountCents: 500 }] }, () => ({
      notifyUrl: 'https://portail.example/n',
      returnUrl: 'https://portail.example/r',
    }));
    expect(forged).toMatchObject({ ok: false, message: 'Ce porte-monnaie n’est pas le vôtre.' });
    expect(await snapshot()).toEqual(before);
  });

  it.runIf(onPostgres)('creates a missing wallet once, however many payments ask for it at the same time', async () => {
    const parent = await aGuardian(handle.db);
    const found = await Promise.all(Array.from({ length: 8 }, () => familyWalletsOfTypes(handle.db, parent.familyId!, [types.restauration.id, types.cdc.id])));
    const created = await handle.db.select().from(wallets).where(eq(wallets.familyId, parent.familyId!));
    expect(created).toHaveLength(2);
    const cdcWallet = created.find((wallet) => wallet.walletTypeId === types.cdc.id)!;
    for (const result of found) expect(result.ok && result.value.get(types.cdc.id)).toBe(cdcWallet.id);
  });
});

describe('Paiement CB: the return page', () => {
  async function aCardPayment(parent: Guardian, amount = '12,00') {
    actAs(parent);
    const outcome = await outcomeOf(payByCardAction({}, formOf({ [field(types.cdc.id)]: amount, email: 'retour@example.fr' })));
    const reference = outcome.redirect!.split('/').pop()!;
    const [payment] = await handle.db.select().from(payments).where(eq(payments.reference, reference));
    return payment!;
  }
  const page = (reference: string) => ReturnPage({ params: Promise.resolve({ reference }) });

  it('shows only the family’s own payment', async () => {
    const paymentOfB = await aCardPayment(parentB);
    actAs(parentA);
    expect(await outcomeOf(page(paymentOfB.reference!))).toEqual({ notFound: true });
    expect(await outcomeOf(page('CFAAAAAAAAAAAAAA'))).toEqual({ notFound: true });
    expect(await outcomeOf(page("CF' or 1=1"))).toEqual({ notFound: true });
    actAs(parentB);
    expect(text(await html(page(paymentOfB.reference!)))).toContain(paymentOfB.reference!);
  });

  it('says « Paiement en cours de vérification » while the bank has not answered, and credits nothing', async () => {
    const payment = await aCardPayment(parentA);
    const before = await snapshot();
    const markup = await html(page(payment.reference!));
    expect(markup).toMatch(/<div role="status"[^>]*>[\s\S]*Paiement en cours de vérification/);
    expect(markup).toContain(`href="/soldes"`);
    expect(markup).toContain(`href="/soldes/paiement/retour/${payment.reference}"`);
    expect(await snapshot()).toEqual(before);
    expect((await handle.db.select().from(payments).where(eq(payments.id, payment.id)))[0]!.status).toBe('initiated');
  });

  it('shows a paid payment: amount, wallets credited, reference and where the confirmation went', async () => {
    const payment = await aCardPayment(parentA, '79,00');
    await settlePayment(handle.db, appClock(), payment, { status: 'paid', reference: payment.reference!, amountCents: 7900, details: {} });
    const shown = text(await html(page(payment.reference!)));
    expect(shown).toContain('Paiement accepté : 79,00 €');
    expect(shown).toContain('CDC PE2M - APS ET CLSH : 79,00 €');
    expect(shown).toContain(payment.reference!);
    expect(shown).toContain('Un e-mail de confirmation vous a été envoyé à retour@example.fr.');
    expect(shown).not.toContain('en cours de vérification');
    // Historiques des règlements: mode CB, and the reference as the piece number.
    const history = await paymentHistory(handle.db, parentA.familyId!, '2026-11');
    expect(history.lines.filter((line) => line.mode === 'CB')).toEqual([expect.objectContaining({ pieceNumber: payment.reference, amountCents: 7900, receivedOn: '2026-11-26' })]);
  });

  it.each([
    ['refused', 'Paiement refusé par la banque : aucun montant n’a été débité.'],
    ['abandoned', 'Paiement abandonné : aucun montant n’a été débité.'],
    ['expired', 'Paiement non abouti dans le délai imparti : aucun montant n’a été débité.'],
  ] as const)('shows a %s payment, which no history lists', async (status, message) => {
    const payment = await aCardPayment(parentA);
    const outcome = status === 'expired' ? { status, details: {} } : { status, reference: payment.reference!, amountCents: payment.amountCents, details: {} };
    await settlePayment(handle.db, appClock(), payment, outcome);
    const markup = await html(page(payment.reference!));
    expect(text(markup)).toContain(message);
    expect(markup).not.toContain('en cours de vérification');
    expect(markup).toContain('href="/soldes"');
    const history = await paymentHistory(handle.db, parentA.familyId!, '2026-11');
    expect(history.lines.map((line) => line.pieceNumber)).not.toContain(payment.reference);
  });
});
