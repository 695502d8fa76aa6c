import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/clock';
import { startCardPayment } from '@/lib/payments/checkout';
import { aFamilyPayingByCard, moneyOf, notificationsOf, payfipTestWorld, paymentRow } from '../support/card-payments';

const clock = fixedClock('2026-11-26T09:00:00Z');
const world = payfipTestWorld(clock);
const db = world.db;

describe('starting a PayFiP payment', () => {
  it('registers it with creerPaiementSecurise (amount in cents, our reference as refdet) and sends the parent to PayFiP with its idop', async () => {
    const { family, started, payment, idOp } = await world.aStartedPayment();
    const call = world.fake.requests.at(-1)!;
    expect(call.operation).toBe('creerPaiementSecurise');
    expect(call.contentType).toBe('text/xml; charset=utf-8');
    expect(call.soapAction).toBe('""');
    expect(call.fields).toEqual({
      exer: '2026',
      mel: family.guardian.email,
      montant: '7900',
      numcli: '123456',
      objet: `Compte Famille ${started.reference}`,
      refdet: started.reference,
      saisie: 'T',
      urlnotif: world.endpoint.notifyUrl(started.reference),
      urlredirect: `https://famille.example.fr/paiement/retour?ref=${started.reference}`,
    });
    expect(world.fake.operations.has(idOp)).toBe(true);
    expect(started.redirectUrl).toBe(`${world.fake.paymentUrl}?idop=${idOp}`);
    expect(payment).toMatchObject({ status: 'initiated', gateway: 'payfip', amountCents: 7900, reference: started.reference });
  });

  it('sends an objet of plain letters, digits and spaces, whatever the label', async () => {
    await world.gateway.start({ ...world.urls('CFOBJET000001'), reference: 'CFOBJET000001', amountCents: 100, email: 'x@example.fr', label: 'Périscolaire – été & cantine', createdAt: clock.now() });
    expect(world.fake.requests.at(-1)!.fields).toMatchObject({ refdet: 'CFOBJET000001', objet: 'Periscolaire ete cantine' });
  });

  it('closes the payment as abandoned, charging nothing, when PayFiP does not answer', async () => {
    const family = await aFamilyPayingByCard(db());
    world.fake.failNextCall();
    const started = await startCardPayment(db(), clock, world.gateway, family.actor, family.request([1000, 0]), world.urls);
    expect(started).toMatchObject({ ok: false, message: expect.stringContaining('rien n’a été débité') });
    expect(await moneyOf(db(), family.familyId)).toEqual({ entries: 0, creditedCents: 0, confirmations: 0 });
  });
});

describe('a PayFiP notification', () => {
  it.each(['P', 'V'] as const)('with resultrans %s makes the payment paid and credits each wallet once, however often it arrives', async (resultrans) => {
    const { family, payment, idOp } = await world.aStartedPayment();
    world.fake.decide(idOp, resultrans);
    expect(await world.fake.notify(idOp)).toBe(200);
    expect(await world.fake.notify(idOp)).toBe(200);
    expect(await world.fake.notify(idOp, { via: 'query' })).toBe(200);

    expect(await paymentRow(db(), payment.id)).toMatchObject({ status: 'paid', receivedOn: '2026-11-26', gatewayResult: expect.objectContaining({ resultrans, idOp }) });
    expect(await moneyOf(db(), family.familyId)).toEqual({ entries: 2, creditedCents: 7900, confirmations: 1 });
    expect((await notificationsOf(db(), idOp)).map((n) => n.outcome)).toEqual(['settled', 'unchanged', 'unchanged']);
  });

  it.each([
    ['R', 'refused'],
    ['Z', 'refused'],
    ['A', 'abandoned'],
  ] as const)('with resultrans %s makes the payment %s and credits nothing', async (resultrans, status) => {
    const { family, payment, idOp } = await world.aStartedPayment();
    world.fake.decide(idOp, resultrans);
    expect(await world.fake.notify(idOp)).toBe(200);
    expect(await paymentRow(db(), payment.id)).toMatchObject({ status, gatewayResult: expect.objectContaining({ resultrans }) });
    expect(await moneyOf(db(), family.familyId)).toEqual({ entries: 0, creditedCents: 0, confirmations: 0 });
  });

  it('leaves the payment initiated while PayFiP answers P5 (not final yet), then settles it when the result is known', async () => {
    const { family, payment, idOp } = await world.aStartedPayment();
    expect(await world.fake.notify(idOp)).toBe(200);
    expect(await paymentRow(db(), payment.id)).toMatchObject({ status: 'initiated', settledAt: null });
    expect(await moneyOf(db(), family.familyId)).toEqual({ entries: 0, creditedCents: 0, confirmations: 0 });

    world.fake.decide(idOp, 'P');
    expect(await world.fake.notify(idOp)).toBe(200);
    expect(await paymentRow(db(), payment.id)).toMatchObject({ status: 'paid' });
    expect((await notificationsOf(db(), idOp)).map((n) => n.outcome)).toEqual(['pending', 'settled']);
  });

  it('is believed only through the detail call: an idop the portal does not know gets a 404 and changes nothing', async () => {
    const { family, payment, idOp } = await world.aStartedPayment();
    world.fake.decide(idOp, 'P');
    const unknownToPayfip = randomUUID();
    expect(await world.endpoint.post(`idop=${unknownToPayfip}`)).toBe(404);
    // A transaction PayFiP did make, but for no payment of this portal.
    const elsewhere = await world.gateway.start({ ...world.urls('CFAILLEURS0001'), reference: 'CFAILLEURS0001', amountCents: 7900, email: 'x@example.fr', label: 'Ailleurs', createdAt: clock.now() });
    world.fake.decide(elsewhere.transactionId, 'P');
    expect(await world.fake.notify(elsewhere.transactionId)).toBe(404);

    expect(await paymentRow(db(), payment.id)).toMatchObject({ status: 'initiated' });
    expect(await moneyOf(db(), family.familyId)).toEqual({ entries: 0, creditedCents: 0, confirmations: 0 });
    expect((await notificationsOf(db(), unknownToPayfip)).map((n) => n.outcome)).toEqual(['rejected']);
  });

  it.each([
    ['refdet', { refdet: 'CFAUTREREFERENCE' }],
    ['montant', { montant: '790' }],
  ])('is refused (409) when PayFiP’s detail has another %s, and changes nothing', async (_field, overrides) => {
    const { family, payment, idOp } = await world.aStartedPayment();
    world.fake.decide(idOp, 'P', overrides);
    expect(await world.fake.notify(idOp)).toBe(409);
    expect(await paymentRow(db(), payment.id)).toMatchObject({ status: 'initiated', settledAt: null });
    expect(await moneyOf(db(), family.familyId)).toEqual({ entries: 0, creditedCents: 0, confirmations: 0 });
    expect((await notificationsOf(db(), idOp)).map((n) => n.outcome)).toEqual(['rejected']);
  });

  it('is refused (400) when PayFiP’s detail is for another client number', async () => {
    const { family, payment, idOp } = await world.aStartedPayment();
    world.fake.decide(idOp, 'P', { numcli: '654321' });
    expect(await world.fake.notify(idOp)).toBe(400);
    expect(await paymentRow(db(), payment.id)).toMatchObject({ status: 'initiated' });
    expect(await moneyOf(db(), family.familyId)).toEqual({ entries: 0, creditedCents: 0, confirmations: 0 });
  });

  it.each([
    ['no idop', 'resultrans=P&montant=7900'],
    ['an unreadable idop', 'idop=%3Cscript%3E'],
    ['two different idops', `idop=${randomUUID()}&idOp=${randomUUID()}`],
  ])('is refused (400) with %s, without asking PayFiP', async (_case, body) => {
    const calls = world.fake.requests.length;
    expect(await world.endpoint.post(body)).toBe(400);
    expect(world.fake.requests).toHaveLength(calls);
  });

  it('fails (500, nothing changed) while PayFiP has a technical fault, and settles at the next notification', async () => {
    const { family, payment, idOp } = await world.aStartedPayment();
    world.fake.decide(idOp, 'P');
    world.fake.failNextCall();
    expect(await world.fake.notify(idOp)).toBe(500);
    expect(await paymentRow(db(), payment.id)).toMatchObject({ status: 'initiated' });
    expect(await world.fake.notify(idOp)).toBe(200);
    expect(await moneyOf(db(), family.familyId)).toEqual({ entries: 2, creditedCents: 7900, confirmations: 1 });
  });

  it('credits once when twenty copies arrive together', async () => {
    const { family, payment, idOp } = await world.aStartedPayment();
    world.fake.decide(idOp, 'P');
    const statuses = await Promise.all(Array.from({ length: 20 }, () => world.fake.notify(idOp)));
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(await paymentRow(db(), payment.id)).toMatchObject({ status: 'paid' });
    expect(await moneyOf(db(), family.familyId)).toEqual({ entries: 2, creditedCents: 7900, confirmations: 1 });
    expect((await notificationsOf(db(), idOp)).filter((n) => n.outcome === 'settled')).toHaveLength(1);
  });
});
