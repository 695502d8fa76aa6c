// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { count, eq } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, paymentAllocations, paymentNotifications, payments, walletEntries } from '@/db/schema';
import { formatEuros } from '@/lib/format';
import { paymentHistory } from '@/lib/history/month-lines';
import { walletBalances } from '@/lib/wallets/balances';
import { familyStatement } from '@/lib/wallets/statement';
import { createTestDatabase } from '../support/db';
import { aConsumption, aChild, aGuardian, anActivity, aUser, aWallet, aWalletType } from '../support/factories';
import { sessionOf } from '../support/session';

const { recordDeskPaymentAction, reversePaymentAction, adjustWalletAction } = await import('@/app/admin/reglements/actions');
const { default: PaymentHistoryPage } = await import('@/app/(famille)/historiques/reglements/page');
const { default: FamilyPaymentsPage } = await import('@/app/admin/reglements/famille/[id]/page');
const { default: StatementPage } = await import('@/app/admin/reglements/famille/[id]/releve/page');
const { default: CardPaymentsPage } = await import('@/app/admin/reglements/cartes/page');

let handle: DbHandle;
const db = () => handle.db;
let agent: Awaited<ReturnType<typeof aUser>>;
let restauration: Awaited<ReturnType<typeof aWalletType>>;
let periscolaire: Awaited<ReturnType<typeof aWalletType>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  state.db = handle.db;
  agent = await aUser(handle.db, { role: 'agent' });
  restauration = await aWalletType(handle.db, { label: 'RESTAURATION' });
  periscolaire = await aWalletType(handle.db, { label: 'PERISCOLAIRE' });
});
afterAll(() => handle.close());
beforeEach(() => {
  state.session = sessionOf(agent);
});

function chequeForm(familyId: number, values: Record<string, string> = {}) {
  const form = new FormData();
  const fields: Record<string, string> = {
    familyId: String(familyId),
    mode: 'CH',
    pieceNumber: '8812345',
    payerName: 'DUPONT Hélène',
    bankName: 'Crédit Agricole',
    amount: '70,55',
    receivedOn: '2026-11-24',
    [`ventilation-${restauration.id}`]: '50,00',
    [`ventilation-${periscolaire.id}`]: '20,55',
    ...values,
  };
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

const entriesOf = async (familyId: number) =>
  (await walletBalances(db(), familyId)).map((wallet) => [wallet.walletType, wallet.balanceCents]);
const countOf = async (table: typeof payments | typeof walletEntries | typeof auditLog | typeof paymentAllocations) =>
  (await db().select({ n: count() }).from(table))[0]!.n;

describe('a payment received at the desk', () => {
  it('credits the allocated wallets once, is audited with the agent, and shows in the family’s history and balances', async () => {
    const guardian = await aGuardian(db());
    const result = await recordDeskPaymentAction({}, chequeForm(guardian.familyId!));
    expect(result).toEqual({ ok: true, message: `Le règlement de ${formatEuros(7055)} est enregistré.` });

    const [payment] = await db().select().from(payments).where(eq(payments.familyId, guardian.familyId!));
    expect(payment).toMatchObject({ mode: 'CH', status: 'paid', amountCents: 7055, pieceNumber: '8812345', payerName: 'DUPONT Hélène', bankName: 'Crédit Agricole', receivedOn: '2026-11-24', recordedBy: agent.id });
    expect(await entriesOf(guardian.familyId!)).toEqual(
      expect.arrayContaining([
        ['RESTAURATION', 5000],
        ['PERISCOLAIRE', 2055],
      ]),
    );
    const credits = await db().select().from(walletEntries).innerJoin(paymentAllocations, eq(paymentAllocations.id, walletEntries.paymentAllocationId)).where(eq(paymentAllocations.paymentId, payment!.id));
    expect(credits).toHaveLength(2);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.entityId, String(payment!.id)));
    expect(audit).toMatchObject({ action: 'payment.record', actorUserId: agent.id, actorRole: 'agent', familyId: guardian.familyId });

    const history = await paymentHistory(db(), guardian.familyId!, '2026-11');
    expect(history.lines).toEqual([expect.objectContaining({ id: payment!.id, mode: 'CH', amountCents: 7055, cancelled: false })]);
    expect(history.totalCents).toBe(7055);
    state.session = sessionOf(guardian);
    const page = renderToStaticMarkup(await PaymentHistoryPage({ searchParams: Promise.resolve({ mois: '2026-11' }) }));
    expect(page).toContain('DUPONT Hélène');
    expect(page).toContain('8812345');
  });

  it('refuses an allocation that does not add up to the amount, with a French message, and writes nothing', async () => {
    const guardian = await aGuardian(db());
    const before = await Promise.all([countOf(payments), countOf(walletEntries), countOf(auditLog), countOf(paymentAllocations)]);
    const result = await recordDeskPaymentAction({}, chequeForm(guardian.familyId!, { [`ventilation-${periscolaire.id}`]: '10,00' }));
    expect(result.fieldErrors).toEqual({ allocations: `La ventilation (${formatEuros(6000)}) doit être égale au montant du règlement (${formatEuros(7055)}).` });
    expect(await Promise.all([countOf(payments), countOf(walletEntries), countOf(auditLog), countOf(paymentAllocations)])).toEqual(before);
  });

  it('asks a cheque for its number and bank, beside the fields', async () => {
    const guardian = await aGuardian(db());
    expect((await recordDeskPaymentAction({}, chequeForm(guardian.familyId!, { pieceNumber: ' ' }))).fieldErrors).toEqual({ pieceNumber: 'Saisissez le numéro du chèque.' });
    expect((await recordDeskPaymentAction({}, chequeForm(guardian.familyId!, { bankName: '' }))).fieldErrors).toEqual({ bankName: 'Saisissez la banque du chèque.' });
    expect((await recordDeskPaymentAction({}, chequeForm(guardian.familyId!, { amount: 'douze' }))).fieldErrors).toMatchObject({ amount: 'Saisissez un montant en euros, par exemple 45,50.' });
    expect((await recordDeskPaymentAction({}, chequeForm(guardian.familyId!, { mode: 'CB' }))).fieldErrors).toMatchObject({ mode: 'Choisissez le mode de règlement.' });
    expect(await db().select().from(payments).where(eq(payments.familyId, guardian.familyId!))).toEqual([]);
  });

  it('takes cash without a piece number or bank', async () => {
    const guardian = await aGuardian(db());
    const form = chequeForm(guardian.familyId!, { mode: 'ESP', pieceNumber: '', bankName: '', amount: '12', [`ventilation-${restauration.id}`]: '12', [`ventilation-${periscolaire.id}`]: '' });
    expect(await recordDeskPaymentAction({}, form)).toMatchObject({ ok: true });
    expect(await entriesOf(guardian.familyId!)).toEqual([['RESTAURATION', 1200]]);
  });
});

describe('cancelling a payment', () => {
  it('reverses its credits once, shows it « Annulé » in the family’s history, out of the total', async () => {
    const guardian = await aGuardian(db());
    const familyId = guardian.familyId!;
    await recordDeskPaymentAction({}, chequeForm(familyId));
    const [payment] = await db().select().from(payments).where(eq(payments.familyId, familyId));
    const cancel = (reason: string) => {
      const form = new FormData();
      form.set('familyId', String(familyId));
      form.set('paymentId', String(payment!.id));
      form.set('reason', reason);
      return reversePaymentAction({}, form);
    };
    expect((await cancel('  ')).fieldErrors).toEqual({ reason: 'Indiquez le motif de l’annulation du règlement.' });
    expect(await cancel('Chèque sans provision')).toEqual({ ok: true, message: `Le règlement est annulé : ${formatEuros(7055)} retirés des porte-monnaie.` });
    expect(await cancel('Deuxième clic')).toMatchObject({ error: 'Ce règlement a déjà été annulé.' });
    expect(await entriesOf(familyId)).toEqual(expect.arrayContaining([['RESTAURATION', 0], ['PERISCOLAIRE', 0]]));
    const staffView = renderToStaticMarkup((await FamilyPaymentsPage({ params: Promise.resolve({ id: String(familyId) }) })) as React.ReactElement);
    expect(staffView).toContain('Annulé');
    expect(staffView).not.toContain('name="paymentId"');

    const history = await paymentHistory(db(), familyId, '2026-11');
    expect(history.lines).toEqual([expect.objectContaining({ id: payment!.id, cancelled: true })]);
    expect(history.totalCents).toBe(0);
    state.session = sessionOf(guardian);
    const page = renderToStaticMarkup(await PaymentHistoryPage({ searchParams: Promise.resolve({ mois: '2026-11' }) }));
    expect(page).toContain('Annulé');
  });
});

describe('a wallet adjustment', () => {
  it('requires a reason, then writes one signed correction, audited', async () => {
    const guardian = await aGuardian(db());
    const wallet = await aWallet(db(), guardian.familyId!, restauration.id);
    const adjust = (amount: string, reason: string) => {
      const form = new FormData();
      form.set('familyId', String(guardian.familyId));
      form.set('walletId', String(wallet.id));
      form.set('amount', amount);
      form.set('reason', reason);
      return adjustWalletAction({}, form);
    };
    expect((await adjust('-4,75', '')).fieldErrors).toEqual({ reason: 'Indiquez le motif de la régularisation.' });
    expect(await db().select().from(walletEntries).where(eq(walletEntries.walletId, wallet.id))).toEqual([]);
    expect(await adjust('-4,75', 'Repas du 12/11 oublié')).toMatchObject({ ok: true });
    expect(await db().select().from(walletEntries).where(eq(walletEntries.walletId, wallet.id))).toEqual([
      expect.objectContaining({ kind: 'correction', amountCents: -475, label: 'Régularisation : Repas du 12/11 oublié', createdBy: agent.id }),
    ]);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, 'wallet.adjust'));
    expect(audit).toMatchObject({ actorUserId: agent.id, familyId: guardian.familyId, details: { amountCents: -475, reason: 'Repas du 12/11 oublié' } });
  });

  it('refuses a wallet of another family', async () => {
    const guardian = await aGuardian(db());
    const other = await aGuardian(db());
    const wallet = await aWallet(db(), other.familyId!, restauration.id);
    const form = new FormData();
    form.set('familyId', String(guardian.familyId));
    form.set('walletId', String(wallet.id));
    form.set('amount', '5');
    form.set('reason', 'Geste commercial');
    expect((await adjustWalletAction({}, form)).fieldErrors).toEqual({ walletId: 'Ce porte-monnaie n’est pas celui de la famille.' });
    expect(await db().select().from(walletEntries).where(eq(walletEntries.walletId, wallet.id))).toEqual([]);
  });
});

describe('a family’s statement', () => {
  it('lists each wallet’s entries by date with the running balance', async () => {
    const guardian = await aGuardian(db());
    const familyId = guardian.familyId!;
    const child = await aChild(db(), familyId);
    const wallet = await aWallet(db(), familyId, restauration.id);
    const activity = await anActivity(db(), { walletTypeId: restauration.id, unitPriceCents: 415 });
    await aConsumption(db(), { familyId, childId: child.id, walletId: wallet.id, activityId: activity.id, date: '2026-11-05', unitPriceCents: 415, posted: true });
    await aConsumption(db(), { familyId, childId: child.id, walletId: wallet.id, activityId: activity.id, date: '2026-11-02', unitPriceCents: 415, quantity: 2, posted: true });
    await recordDeskPaymentAction({}, chequeForm(familyId, { amount: '20', receivedOn: '2026-11-03', [`ventilation-${restauration.id}`]: '20', [`ventilation-${periscolaire.id}`]: '' }));

    const [statement] = await familyStatement(db(), familyId);
    expect(statement!.lines.map((line) => [line.occurredOn, line.amountCents, line.balanceCents])).toEqual([
      ['2026-11-02', -830, -830],
      ['2026-11-03', 2000, 1170],
      ['2026-11-05', -415, 755],
    ]);
    expect(statement!.balanceCents).toBe(755);
    const page = renderToStaticMarkup((await StatementPage({ params: Promise.resolve({ id: String(familyId) }) })) as React.ReactElement);
    expect(page).toMatch(/Règlement CH n° 8812345<\/td><td[^>]*>Règlement<\/td><td[^>]*><span[^>]*>20,00<\/span><\/td><td[^>]*><span[^>]*>11,70</);
    expect(page).toContain('Imprimer');
  });
});

describe('card payments for staff', () => {
  it('shows each one’s status, reference, the gateway’s answer and the notifications received', async () => {
    const guardian = await aGuardian(db(), { lastName: 'CARTE' });
    const [payment] = await db()
      .insert(payments)
      .values({ familyId: guardian.familyId!, mode: 'CB', status: 'refused', amountCents: 3000, payerName: 'CARTE Camille', gateway: 'sandbox', gatewayReference: 'T-991', reference: 'CF-2026-000991', gatewayResult: { resultrans: 'R' }, settledAt: new Date('2026-11-20T10:00:00Z') })
      .returning();
    await db().insert(paymentNotifications).values([
      { gateway: 'sandbox', receivedAt: new Date('2026-11-20T10:00:00Z'), paymentId: payment!.id, transactionId: 'T-991', outcome: 'settled', detail: 'refused' },
      { gateway: 'sandbox', receivedAt: new Date('2026-11-20T10:05:00Z'), paymentId: payment!.id, transactionId: 'T-991', outcome: 'unchanged' },
    ]);
    const page = renderToStaticMarkup((await CardPaymentsPage({ searchParams: Promise.resolve({ statut: 'refused' }) })) as React.ReactElement);
    expect(page).toContain('CF-2026-000991');
    expect(page).toContain('Refusé');
    expect(page).toContain('resultrans');
    expect(page).toContain('20/11/2026 à 11:00 : traitée (refused)');
    expect(page).toContain('20/11/2026 à 11:05 : sans effet (déjà traitée)');
    const paid = renderToStaticMarkup((await CardPaymentsPage({ searchParams: Promise.resolve({ statut: 'paid' }) })) as React.ReactElement);
    expect(paid).not.toContain('CF-2026-000991');
  });
});
