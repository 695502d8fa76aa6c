// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import { auditLog, outboundEmails, paymentAllocations, paymentNotifications, payments, sandboxBankOperations, walletEntries } from '@/db/schema';
import { fixedClock, parisToday } from '@/lib/clock';
import { startCardPayment } from '@/lib/payments/checkout';
import { paymentUrls } from '@/lib/payments/configured-gateway';
import type { PaymentGateway } from '@/lib/payments/gateway';
import { receiveNotification } from '@/lib/payments/notifications';
import { SANDBOX_PAYMENT_LIFETIME_MS, SANDBOX_SIGNATURE_HEADER, type SandboxNotification, sandboxGateway, signSandboxNotification } from '@/lib/payments/sandbox';
import { decideSandboxOperation } from '@/lib/payments/sandbox-bank';
import { walletBalances } from '@/lib/wallets/balances';
import { createTestDatabase, onPostgres } from '../support/db';
import { aConsumption, aChild, aGuardian, anActivity, aWallet, aWalletType } from '../support/factories';

const secret = 'integration-sandbox-secret';
const portal = 'https://famille.example.fr';
process.env.PAYMENT_SANDBOX_SECRET = secret;
process.env.PORTAL_URL = portal;
process.env.PAYMENT_GATEWAY = 'sandbox';
// The route, the page and its action read the app's clock: the same instant as the tests' clock.
process.env.COMPTE_FAMILLE_NOW = '2026-11-27T10:00:00Z';

const { POST } = await import('@/app/api/paiements/notification/[gateway]/route');
const { decideSandboxPaymentAction } = await import('@/app/banque-test/[transaction]/actions');
const { default: SandboxBankPage } = await import('@/app/banque-test/[transaction]/page');

let handle: DbHandle;
let db: Db;
const clock = fixedClock('2026-11-27T10:00:00Z');
let gateway: PaymentGateway;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  state.db = db;
  gateway = sandboxGateway({ db: async () => db, clock, secret, portalUrl: portal });
});
afterAll(() => handle.close());
beforeEach(() => {
  clock.set('2026-11-27T10:00:00Z');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

/** A family with two wallets, one in debt, and a card payment started for them with the sandbox gateway. */
async function aStartedCardPayment(amounts: [number, number] = [7900, 2100]) {
  const guardian = await aGuardian(db);
  const familyId = guardian.familyId!;
  const owed = await aWallet(db, familyId, (await aWalletType(db, { label: 'CDC PE2M - APS ET CLSH' })).id);
  const other = await aWallet(db, familyId, (await aWalletType(db, { label: 'RESTAURATION' })).id);
  const child = await aChild(db, familyId);
  const activity = await anActivity(db);
  await aConsumption(db, { familyId, childId: child.id, walletId: owed.id, activityId: activity.id, date: '2026-11-10', unitPriceCents: 4605, posted: true });
  const started = await startCardPayment(
    db,
    clock,
    gateway,
    { id: guardian.id, role: 'family' },
    {
      familyId,
      payerName: 'DUPONT Jean-Paul',
      email: 'parent@example.fr',
      allocations: [
        { walletId: owed.id, amountCents: amounts[0] },
        { walletId: other.id, amountCents: amounts[1] },
      ],
    },
    paymentUrls('sandbox'),
  );
  if (!started.ok) throw new Error(started.message);
  const [payment] = await db.select().from(payments).where(eq(payments.id, started.value.paymentId));
  return { familyId, wallets: [owed, other], payment: payment!, transactionId: payment!.gatewayReference!, redirectUrl: started.value.redirectUrl };
}

type Started = Awaited<ReturnType<typeof aStartedCardPayment>>;

/** The notification the sandbox bank would send for a payment, signed, with what a test changes. */
function notification(paid: Started, changes: Partial<SandboxNotification> = {}, sign: (body: string) => string | null = (body) => signSandboxNotification(body, secret)) {
  const body = JSON.stringify({
    transactionId: paid.transactionId,
    reference: paid.payment.reference!,
    amountCents: paid.payment.amountCents,
    result: 'P',
    cardLast4: '4242',
    at: clock.now().toISOString(),
    ...changes,
  } satisfies SandboxNotification);
  const signature = sign(body);
  const headers = new Headers({ 'content-type': 'application/json' });
  if (signature) headers.set(SANDBOX_SIGNATURE_HEADER, signature);
  return { body, contentType: 'application/json', headers, query: new URLSearchParams() };
}

const receive = (request: ReturnType<typeof notification>, on: Db = db) => receiveNotification(on, clock, gateway, request, '203.0.113.9');

const balancesOf = async (familyId: number) => Object.fromEntries((await walletBalances(db, familyId)).map((wallet) => [wallet.walletId, wallet.balanceCents]));

/** Everything a notification may change: balances, ledger, payment statuses, e-mails. */
async function moneyState(...started: Started[]) {
  return {
    balances: await Promise.all(started.map((one) => balancesOf(one.familyId))),
    entries: (await db.select({ n: count() }).from(walletEntries))[0]!.n,
    statuses: await db.select({ id: payments.id, status: payments.status, receivedOn: payments.receivedOn }).from(payments).orderBy(payments.id),
    emails: (await db.select({ n: count() }).from(outboundEmails))[0]!.n,
  };
}

const creditsOf = async (paymentId: number) =>
  db
    .select({ walletId: walletEntries.walletId, amountCents: walletEntries.amountCents })
    .from(walletEntries)
    .innerJoin(paymentAllocations, eq(paymentAllocations.id, walletEntries.paymentAllocationId))
    .where(eq(paymentAllocations.paymentId, paymentId))
    .orderBy(walletEntries.walletId);

const notificationsOf = (transactionId: string) =>
  db.select().from(paymentNotifications).where(eq(paymentNotifications.transactionId, transactionId)).orderBy(paymentNotifications.id);

describe('the sandbox gateway, from the start of a card payment', () => {
  it('opens an operation at the bank under an unguessable transaction id and sends the parent to the test card page', async () => {
    const paid = await aStartedCardPayment();
    expect(paid.transactionId).toMatch(/^[0-9a-f]{32}$/);
    expect(paid.redirectUrl).toBe(`${portal}/banque-test/${paid.transactionId}`);
    const [operation] = await db.select().from(sandboxBankOperations).where(eq(sandboxBankOperations.transactionId, paid.transactionId));
    expect(operation).toMatchObject({
      reference: paid.payment.reference,
      amountCents: 10000,
      email: 'parent@example.fr',
      notifyUrl: `${portal}/api/paiements/notification/sandbox`,
      returnUrl: `${portal}/soldes/paiement/retour/${paid.payment.reference}`,
      result: null,
    });
  });

  it('answers the reconciliation: pending while the page may still be used, expired after its lifetime, then the bank’s decision', async () => {
    const open = await aStartedCardPayment();
    expect(await gateway.outcomeOf(open.transactionId, open.payment.createdAt)).toEqual({ status: 'pending' });
    clock.advance(SANDBOX_PAYMENT_LIFETIME_MS);
    expect(await gateway.outcomeOf(open.transactionId, open.payment.createdAt)).toMatchObject({ status: 'expired' });
    expect(await gateway.outcomeOf('0'.repeat(32), open.payment.createdAt)).toMatchObject({ status: 'expired' });

    clock.set('2026-11-27T10:00:00Z');
    const decided = await aStartedCardPayment();
    const lost = vi.fn(async () => {
      throw new Error('connection refused');
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const decision = await decideSandboxOperation(db, clock, { transaction: decided.transactionId, choix: 'payer', numero: '4242424242424242', expiration: '12/30', cryptogramme: '123' }, lost);
    // The notification was lost: the parent is sent back all the same, and the bank still knows.
    expect(decision).toEqual({ ok: true, value: { returnUrl: `${portal}/soldes/paiement/retour/${decided.payment.reference}` } });
    expect(lost).toHaveBeenCalledOnce();
    clock.advance(SANDBOX_PAYMENT_LIFETIME_MS * 2);
    expect(await gateway.outcomeOf(decided.transactionId, decided.payment.createdAt)).toEqual({
      status: 'paid',
      reference: decided.payment.reference,
      amountCents: 10000,
      details: { result: 'P', cardLast4: '4242', at: '2026-11-27T10:00:00.000Z' },
    });
  });
});

describe('a verified sandbox notification', () => {
  it('credits each allocated wallet once, marks the payment paid, queues the confirmation and writes the audit line', async () => {
    const paid = await aStartedCardPayment();
    const before = await balancesOf(paid.familyId);
    expect(before[paid.wallets[0]!.id]).toBe(-4605);

    expect(await receive(notification(paid))).toEqual({ httpStatus: 200, message: 'paid' });

    const after = await balancesOf(paid.familyId);
    expect(after[paid.wallets[0]!.id]! - before[paid.wallets[0]!.id]!).toBe(7900);
    expect(after[paid.wallets[1]!.id]! - before[paid.wallets[1]!.id]!).toBe(2100);
    expect(await creditsOf(paid.payment.id)).toEqual([
      { walletId: paid.wallets[0]!.id, amountCents: 7900 },
      { walletId: paid.wallets[1]!.id, amountCents: 2100 },
    ]);
    const [payment] = await db.select().from(payments).where(eq(payments.id, paid.payment.id));
    expect(payment).toMatchObject({ status: 'paid', receivedOn: parisToday(clock), settledAt: clock.now(), gatewayResult: { result: 'P', cardLast4: '4242' } });

    const emails = await db.select().from(outboundEmails).where(eq(outboundEmails.familyId, paid.familyId));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ template: 'payment-confirmation', toAddress: 'parent@example.fr' });
    expect(emails[0]!.props).toMatchObject({
      reference: paid.payment.reference,
      amountCents: 10000,
      wallets: [
        { label: 'CDC PE2M - APS ET CLSH', amountCents: 7900 },
        { label: 'RESTAURATION', amountCents: 2100 },
      ],
    });
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.entityType, 'payment'), eq(auditLog.entityId, String(paid.payment.id))));
    expect(audit.map((line) => line.action)).toEqual(['payment.initiate', 'payment.paid']);
    expect((await notificationsOf(paid.transactionId)).map((logged) => [logged.outcome, logged.detail, logged.sourceIp])).toEqual([['settled', 'paid', '203.0.113.9']]);
  });

  it.runIf(onPostgres)('sent 20 times in parallel, credits once and queues one e-mail', async () => {
    const paid = await aStartedCardPayment();
    const before = await balancesOf(paid.familyId);

    // Counts the settlement transactions open at once, to show the 20 copies really raced.
    let open = 0;
    let mostOpen = 0;
    const counting = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== 'transaction') return Reflect.get(target, property, receiver);
        return async (work: (tx: Db) => Promise<unknown>) =>
          target.transaction(async (tx) => {
            mostOpen = Math.max(mostOpen, ++open);
            try {
              // Each copy holds its transaction a moment after its update, so the others reach theirs meanwhile.
              const result = await work(tx);
              await new Promise((resolve) => setTimeout(resolve, 20));
              return result;
            } finally {
              open--;
            }
          });
      },
    });
    const answers = await Promise.all(Array.from({ length: 20 }, () => receive(notification(paid), counting)));

    expect(mostOpen).toBeGreaterThan(1);
    expect(answers.map((answer) => answer.httpStatus)).toEqual(Array(20).fill(200));
    expect(answers.filter((answer) => answer.message === 'paid')).toHaveLength(1);
    expect(answers.filter((answer) => answer.message === 'unchanged')).toHaveLength(19);
    expect(await creditsOf(paid.payment.id)).toHaveLength(2);
    const after = await balancesOf(paid.familyId);
    expect(after[paid.wallets[0]!.id]! - before[paid.wallets[0]!.id]!).toBe(7900);
    expect(after[paid.wallets[1]!.id]! - before[paid.wallets[1]!.id]!).toBe(2100);
    expect(await db.select().from(outboundEmails).where(eq(outboundEmails.familyId, paid.familyId))).toHaveLength(1);
    const logged = await notificationsOf(paid.transactionId);
    expect(logged.filter((entry) => entry.outcome === 'settled')).toHaveLength(1);
    expect(logged.filter((entry) => entry.outcome === 'unchanged')).toHaveLength(19);
  });

  it.runIf(onPostgres)('control: without the status condition, the same 20 racing copies would move the payment more than once', async () => {
    const paid = await aStartedCardPayment();
    // What settlement would be with a read, then an unconditional write: each copy that read
    // `initiated` would go on to credit. The conditional update is what stops all but one.
    const movedBy = await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          const [read] = await tx.select({ status: payments.status }).from(payments).where(eq(payments.id, paid.payment.id));
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (read!.status !== 'initiated') return false;
          await tx.update(payments).set({ status: 'paid', receivedOn: parisToday(clock) }).where(eq(payments.id, paid.payment.id));
          return true;
        }),
      ),
    );
    expect(movedBy.filter(Boolean).length).toBeGreaterThan(1);
  });

  it('changes nothing more when it comes back late, after the payment was paid', async () => {
    const paid = await aStartedCardPayment();
    await receive(notification(paid));
    const settled = await moneyState(paid);
    clock.advance(3 * 24 * 3_600_000);
    expect(await receive(notification(paid))).toEqual({ httpStatus: 200, message: 'unchanged' });
    expect(await receive(notification(paid, { result: 'R' }))).toEqual({ httpStatus: 200, message: 'unchanged' });
    expect(await moneyState(paid)).toEqual(settled);
  });

  it('marks a refused card refused and an abandon abandoned, crediting nothing and sending no e-mail', async () => {
    const refusedOne = await aStartedCardPayment();
    const abandonedOne = await aStartedCardPayment();
    const before = await moneyState(refusedOne, abandonedOne);

    expect(await receive(notification(refusedOne, { result: 'R' }))).toEqual({ httpStatus: 200, message: 'refused' });
    expect(await receive(notification(abandonedOne, { result: 'A', cardLast4: undefined }))).toEqual({ httpStatus: 200, message: 'abandoned' });

    const after = await moneyState(refusedOne, abandonedOne);
    expect(after.balances).toEqual(before.balances);
    expect(after.entries).toBe(before.entries);
    expect(after.emails).toBe(before.emails);
    const statuses = await db.select({ id: payments.id, status: payments.status }).from(payments).where(inArray(payments.id, [refusedOne.payment.id, abandonedOne.payment.id]));
    expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({ [refusedOne.payment.id]: 'refused', [abandonedOne.payment.id]: 'abandoned' });
  });
});

describe('a notification that does not hold', () => {
  it.each([
    ['a bad signature', 400, (a: Started) => notification(a, {}, (body) => signSandboxNotification(body, 'not-the-secret'))],
    ['no signature', 400, (a: Started) => notification(a, {}, () => null)],
    ['a body signed but not the notification’s shape', 400, (a: Started) => notification(a, { amountCents: '100,00' as unknown as number })],
    ['an amount that does not match the payment', 409, (a: Started) => notification(a, { amountCents: 1 })],
    ['a reference that does not match the payment', 409, (a: Started) => notification(a, { reference: 'CFAAAAAAAAAAAAAA' })],
    ['the transaction of one payment with the reference and amount of another', 409, (a: Started, b: Started) => notification(a, { reference: b.payment.reference!, amountCents: b.payment.amountCents })],
    ['an unknown transaction', 404, (a: Started) => notification(a, { transactionId: 'f'.repeat(32) })],
  ] as const)('is refused for %s with a 4xx, changes nothing and is logged as rejected', async (_case, httpStatus, forge) => {
    const a = await aStartedCardPayment();
    const b = await aStartedCardPayment([1500, 0]);
    const before = await moneyState(a, b);
    const rejectedBefore = (await db.select({ n: count() }).from(paymentNotifications).where(eq(paymentNotifications.outcome, 'rejected')))[0]!.n;

    const answer = await receive(forge(a, b));

    expect(answer.httpStatus).toBe(httpStatus);
    expect(answer.message).toMatch(/refusée|inconnue|ne correspond pas/);
    expect(await moneyState(a, b)).toEqual(before);
    const statuses = await db.select({ status: payments.status }).from(payments).where(inArray(payments.id, [a.payment.id, b.payment.id]));
    expect(statuses.map((row) => row.status)).toEqual(['initiated', 'initiated']);
    const rejected = await db.select().from(paymentNotifications).where(eq(paymentNotifications.outcome, 'rejected')).orderBy(paymentNotifications.id);
    expect(rejected).toHaveLength(rejectedBefore + 1);
    expect(rejected.at(-1)).toMatchObject({ gateway: 'sandbox', sourceIp: '203.0.113.9', detail: answer.message });
  });
});

describe('the notification route', () => {
  const post = (gatewayName: string, request: ReturnType<typeof notification>, forwardedFor?: string) => {
    const headers = new Headers(request.headers);
    if (forwardedFor) headers.set('x-forwarded-for', forwardedFor);
    return POST(new Request(`${portal}/api/paiements/notification/${gatewayName}`, { method: 'POST', headers, body: request.body }), {
      params: Promise.resolve({ gateway: gatewayName }),
    });
  };

  it('answers 200 to a genuine notification, 400 to a forged one, 404 for a gateway that is not the configured one', async () => {
    const paid = await aStartedCardPayment();
    const forged = await post('sandbox', notification(paid, {}, (body) => signSandboxNotification(body, 'guess')));
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('signature');

    const elsewhere = await post('payfip', notification(paid));
    expect(elsewhere.status).toBe(404);

    const genuine = await post('sandbox', notification(paid), '198.51.100.4');
    expect(genuine.status).toBe(200);
    expect(await genuine.text()).toBe('paid');
    // The confirmation leaves right after the answer, not with the next minute's delivery run.
    await Promise.all(state.afterWork);
    const [confirmation] = await db.select().from(outboundEmails).where(and(eq(outboundEmails.template, 'payment-confirmation'), eq(outboundEmails.familyId, paid.familyId)));
    expect(confirmation?.status).toBe('sent');
    expect((await post('sandbox', notification(paid))).status).toBe(200);
    expect(await creditsOf(paid.payment.id)).toHaveLength(2);
    // Without TRUSTED_PROXIES, X-Forwarded-For is the client's own word: the address is not kept.
    expect((await notificationsOf(paid.transactionId)).map((logged) => [logged.outcome, logged.sourceIp])).toEqual([
      ['settled', null],
      ['unchanged', null],
    ]);
  });

  it('answers 413 to a body no gateway sends, and logs nothing', async () => {
    const paid = await aStartedCardPayment();
    const huge = notification(paid);
    const answer = await post('sandbox', { ...huge, body: 'x'.repeat(70 * 1024) });
    expect(answer.status).toBe(413);
    expect(await notificationsOf(paid.transactionId)).toEqual([]);
  });
});

describe('the test card page', () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    return data;
  };
  /** Runs the page's action; Next's redirect() is thrown, with its target in the digest. */
  async function submit(fields: Record<string, string>) {
    try {
      return await decideSandboxPaymentAction({}, form(fields));
    } catch (error) {
      const digest = (error as { digest?: string }).digest ?? '';
      if (digest.startsWith('NEXT_REDIRECT')) return { redirect: digest.split(';')[2]! };
      throw error;
    }
  }
  async function page(transaction: string) {
    try {
      return await SandboxBankPage({ params: Promise.resolve({ transaction }) });
    } catch (error) {
      if ((error as { digest?: string }).digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return 'not found';
      throw error;
    }
  }
  // The page's notification goes to the route handler itself, as over the network.
  beforeEach(() => {
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const gatewayName = new URL(url).pathname.split('/').pop()!;
      return POST(new Request(url, init), { params: Promise.resolve({ gateway: gatewayName }) });
    });
    return () => vi.unstubAllGlobals();
  });

  it('pays with 4242 4242 4242 4242: the signed notification credits the wallets before the parent is sent back', async () => {
    const paid = await aStartedCardPayment();
    expect(await page(paid.transactionId)).not.toBe('not found');

    const answer = await submit({ transaction: paid.transactionId, choix: 'payer', numero: '4242 4242 4242 4242', expiration: '12/30', cryptogramme: '123' });

    expect(answer).toEqual({ redirect: `${portal}/soldes/paiement/retour/${paid.payment.reference}` });
    expect(await creditsOf(paid.payment.id)).toHaveLength(2);
    const [operation] = await db.select().from(sandboxBankOperations).where(eq(sandboxBankOperations.transactionId, paid.transactionId));
    expect(operation).toMatchObject({ result: 'P', cardLast4: '4242' });
    // Decided once: the page is gone, and the same form sent again decides nothing.
    expect(await page(paid.transactionId)).toBe('not found');
    expect(await submit({ transaction: paid.transactionId, choix: 'abandonner' })).toMatchObject({ error: 'Cette opération de paiement a déjà été traitée.' });
    expect((await db.select({ status: payments.status }).from(payments).where(eq(payments.id, paid.payment.id)))[0]!.status).toBe('paid');
  });

  it.runIf(onPostgres)('decides an operation once when « Payer » and « Abandonner » arrive together, and notifies once', async () => {
    const paid = await aStartedCardPayment();
    const sent: string[] = [];
    const send = async (_url: string, body: string) => {
      sent.push(JSON.parse(body).result);
    };
    const card = { transaction: paid.transactionId, choix: 'payer', numero: '4242424242424242', expiration: '12/30', cryptogramme: '123' } as const;
    const decisions = await Promise.all(
      Array.from({ length: 10 }, (_, i) => decideSandboxOperation(db, clock, i % 2 ? { transaction: paid.transactionId, choix: 'abandonner' } : card, send)),
    );
    expect(decisions.filter((decision) => decision.ok)).toHaveLength(1);
    expect(decisions.filter((decision) => !decision.ok).map((decision) => !decision.ok && decision.message)).toEqual(Array(9).fill('Cette opération de paiement a déjà été traitée.'));
    expect(sent).toHaveLength(1);
    const [operation] = await db.select().from(sandboxBankOperations).where(eq(sandboxBankOperations.transactionId, paid.transactionId));
    expect(operation!.result).toBe(sent[0]);
  });

  it('refuses with 4000 0000 0000 0002 and abandons with « Abandonner », crediting nothing', async () => {
    const refusedOne = await aStartedCardPayment();
    const abandonedOne = await aStartedCardPayment();
    const before = await moneyState(refusedOne, abandonedOne);

    await submit({ transaction: refusedOne.transactionId, choix: 'payer', numero: '4000000000000002', expiration: '01/29', cryptogramme: '999' });
    await submit({ transaction: abandonedOne.transactionId, choix: 'abandonner' });

    const after = await moneyState(refusedOne, abandonedOne);
    expect(after.balances).toEqual(before.balances);
    expect(after.emails).toBe(before.emails);
    const statuses = await db.select({ id: payments.id, status: payments.status }).from(payments).where(inArray(payments.id, [refusedOne.payment.id, abandonedOne.payment.id]));
    expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({ [refusedOne.payment.id]: 'refused', [abandonedOne.payment.id]: 'abandoned' });
  });

  it('decides nothing on a card it does not know, an expired card or a badly typed one, and says why in French', async () => {
    const paid = await aStartedCardPayment();
    const fields = { transaction: paid.transactionId, choix: 'payer', numero: '4242 4242 4242 4242', expiration: '12/30', cryptogramme: '123' };

    expect(await submit({ ...fields, numero: '5555 5555 5555 4444' })).toMatchObject({
      fieldErrors: { numero: expect.stringContaining('Carte non reconnue en environnement de test') },
    });
    expect(await submit({ ...fields, expiration: '10/26' })).toMatchObject({ fieldErrors: { expiration: 'Cette carte est expirée.' } });
    expect(await submit({ ...fields, numero: '4242', expiration: '13/30', cryptogramme: '12' })).toMatchObject({
      error: 'Vérifiez les informations de la carte.',
      fieldErrors: { numero: expect.stringContaining('13 à 19 chiffres'), expiration: expect.stringContaining('MM/AA'), cryptogramme: expect.stringContaining('3 chiffres') },
    });
    expect(await submit({ ...fields, transaction: 'x' })).toMatchObject({ error: 'Opération de paiement inconnue.' });
    expect(await submit({ ...fields, transaction: '0'.repeat(32) })).toMatchObject({ error: 'Opération de paiement inconnue.' });

    const [operation] = await db.select().from(sandboxBankOperations).where(eq(sandboxBankOperations.transactionId, paid.transactionId));
    expect(operation!.result).toBeNull();
    expect(await notificationsOf(paid.transactionId)).toEqual([]);
  });

  it('lets nobody pay an operation past its lifetime, and is not found for an unknown one or with another gateway', async () => {
    const late = await aStartedCardPayment();
    clock.advance(SANDBOX_PAYMENT_LIFETIME_MS);
    // The page and action read the app's clock: pin it past the lifetime.
    vi.stubEnv('COMPTE_FAMILLE_NOW', clock.now().toISOString());
    try {
      expect(await submit({ transaction: late.transactionId, choix: 'payer', numero: '4242424242424242', expiration: '12/30', cryptogramme: '123' })).toMatchObject({
        error: expect.stringContaining('a expiré'),
      });
      expect(await page(late.transactionId)).not.toBe('not found');
    } finally {
      vi.unstubAllEnvs();
    }
    expect((await db.select({ status: payments.status }).from(payments).where(eq(payments.id, late.payment.id)))[0]!.status).toBe('initiated');

    expect(await page('0'.repeat(32))).toBe('not found');
    expect(await page('not-an-id')).toBe('not found');
  });
});
