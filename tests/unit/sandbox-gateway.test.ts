import { describe, expect, it, vi } from 'vitest';
import { fixedClock } from '@/lib/clock';
import { configuredGatewayName, paymentConfigurationProblem, paymentUrls } from '@/lib/payments/configured-gateway';
import {
  DEVELOPMENT_SANDBOX_SECRET,
  isSandboxSignatureValid,
  SANDBOX_SIGNATURE_HEADER,
  sandboxGateway,
  sandboxSecret,
  signSandboxNotification,
} from '@/lib/payments/sandbox';
import { isCardExpired, testCardResult } from '@/lib/payments/sandbox-cards';

const secret = 'unit-sandbox-secret';
const body = JSON.stringify({ transactionId: 'a'.repeat(32), reference: 'CFABCDEFGHJKLMNP', amountCents: 7900, result: 'P', cardLast4: '4242', at: '2026-11-27T10:00:00.000Z' });

describe('the sandbox notification signature', () => {
  it('is sha256= and the hex HMAC-SHA-256 of the raw body under the secret', () => {
    // RFC 4231 test case 2: HMAC-SHA-256 of "what do ya want for nothing?" under "Jefe".
    expect(signSandboxNotification('what do ya want for nothing?', 'Jefe')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('accepts the body’s own signature and nothing else', () => {
    const signature = signSandboxNotification(body, secret);
    expect(isSandboxSignatureValid(body, signature, secret)).toBe(true);
    expect(isSandboxSignatureValid(body, null, secret)).toBe(false);
    expect(isSandboxSignatureValid(body, '', secret)).toBe(false);
    expect(isSandboxSignatureValid(body, signSandboxNotification(body, 'another-secret'), secret)).toBe(false);
    expect(isSandboxSignatureValid(body.replace('7900', '7901'), signature, secret)).toBe(false);
    expect(isSandboxSignatureValid(body, signature.replace(/.$/, (last) => (last === '0' ? '1' : '0')), secret)).toBe(false);
    expect(isSandboxSignatureValid(body, signature.slice(0, -2), secret)).toBe(false);
    expect(isSandboxSignatureValid(body, signature.replace('sha256=', ''), secret)).toBe(false);
  });
});

describe('the sandbox gateway’s reading of a notification', () => {
  const gateway = sandboxGateway({
    db: () => Promise.reject(new Error('a notification is read without the database')),
    clock: fixedClock('2026-11-27T10:00:00Z'),
    secret,
    portalUrl: 'https://famille.example.fr',
  });
  const read = (text: string, signature: string | null = signSandboxNotification(text, secret)) =>
    gateway.verifyNotification({
      body: text,
      contentType: 'application/json',
      headers: new Headers(signature ? { [SANDBOX_SIGNATURE_HEADER]: signature } : {}),
      query: new URLSearchParams(),
    });

  it('turns P, R and A into paid, refused and abandoned, with the reference and amount the bank recorded', async () => {
    expect(await read(body)).toEqual({
      ok: true,
      value: {
        transactionId: 'a'.repeat(32),
        outcome: { status: 'paid', reference: 'CFABCDEFGHJKLMNP', amountCents: 7900, details: { result: 'P', cardLast4: '4242', at: '2026-11-27T10:00:00.000Z' } },
      },
    });
    expect(await read(body.replace('"P"', '"R"'))).toMatchObject({ ok: true, value: { outcome: { status: 'refused' } } });
    expect(await read(body.replace('"P"', '"A"'))).toMatchObject({ ok: true, value: { outcome: { status: 'abandoned' } } });
  });

  it('refuses in French a missing or wrong signature, unreadable JSON and a body of the wrong shape', async () => {
    expect(await read(body, null)).toMatchObject({ ok: false, message: 'Notification refusée : signature absente ou invalide.' });
    expect(await read(body, signSandboxNotification(body, DEVELOPMENT_SANDBOX_SECRET))).toMatchObject({ ok: false, code: 'signature' });
    expect(await read('{"transactionId":')).toMatchObject({ ok: false, message: expect.stringContaining('JSON') });
    expect(await read(body.replace('"P"', '"V"'))).toMatchObject({ ok: false, message: 'Notification refusée : contenu incomplet ou mal formé.' });
    expect(await read(body.replace('7900', '-7900'))).toMatchObject({ ok: false, code: 'malformed' });
    expect(await read(body.replace('7900', '79.5'))).toMatchObject({ ok: false, code: 'malformed' });
    expect(await read(JSON.stringify({ transactionId: 'a'.repeat(32) }))).toMatchObject({ ok: false, code: 'malformed' });
  });
});

describe('the sandbox settings', () => {
  it('requires PAYMENT_SANDBOX_SECRET in production and uses the published development secret elsewhere', () => {
    expect(sandboxSecret({ PAYMENT_SANDBOX_SECRET: 's3cret', NODE_ENV: 'production' })).toBe('s3cret');
    expect(sandboxSecret({ NODE_ENV: 'development' })).toBe(DEVELOPMENT_SANDBOX_SECRET);
    expect(sandboxSecret({ NODE_ENV: 'test' })).toBe(DEVELOPMENT_SANDBOX_SECRET);
    expect(() => sandboxSecret({ NODE_ENV: 'production' })).toThrow(/PAYMENT_SANDBOX_SECRET is not set/);
    expect(paymentConfigurationProblem({ NODE_ENV: 'production' })).toMatch(/PAYMENT_SANDBOX_SECRET is not set/);
    expect(paymentConfigurationProblem({ NODE_ENV: 'production', PAYMENT_SANDBOX_SECRET: 's3cret' })).toBeNull();
    expect(paymentConfigurationProblem({ NODE_ENV: 'development' })).toBeNull();
  });

  it('chooses the sandbox by default and names the accepted values for any other', () => {
    expect(configuredGatewayName({})).toBe('sandbox');
    expect(configuredGatewayName({ PAYMENT_GATEWAY: 'sandbox' })).toBe('sandbox');
    expect(() => configuredGatewayName({ PAYMENT_GATEWAY: 'stripe' })).toThrow('PAYMENT_GATEWAY is "stripe": accepted values are "sandbox", "payfip".');
    expect(paymentConfigurationProblem({ PAYMENT_GATEWAY: 'stripe' })).toContain('accepted values');
  });

  it('says at start which PayFiP setting is missing', () => {
    expect(configuredGatewayName({ PAYMENT_GATEWAY: 'payfip' })).toBe('payfip');
    expect(paymentConfigurationProblem({ PAYMENT_GATEWAY: 'payfip', PAYFIP_SAISIE: 'T' })).toContain('PAYFIP_NUMCLI');
    expect(paymentConfigurationProblem({ PAYMENT_GATEWAY: 'payfip', PAYFIP_NUMCLI: '123456', PAYFIP_SAISIE: 'T' })).toBeNull();
  });

  it('sends the notification to the gateway’s route and the parent back to the payment’s return page', () => {
    vi.stubEnv('PORTAL_URL', 'https://famille.example.fr/');
    expect(paymentUrls('sandbox')('CFABCDEFGHJKLMNP')).toEqual({
      notifyUrl: 'https://famille.example.fr/api/paiements/notification/sandbox',
      returnUrl: 'https://famille.example.fr/soldes/paiement/retour/CFABCDEFGHJKLMNP',
    });
    vi.unstubAllEnvs();
  });
});

describe('the test cards', () => {
  it('pays with 4242 4242 4242 4242, refuses with 4000 0000 0000 0002 and knows no other card', () => {
    expect(testCardResult('4242424242424242')).toBe('P');
    expect(testCardResult('4000000000000002')).toBe('R');
    expect(testCardResult('5555555555554444')).toBeNull();
    expect(testCardResult('424242424242424')).toBeNull();
  });

  it('takes a card as valid through the end of its expiry month', () => {
    expect(isCardExpired('11/26', '2026-11-30')).toBe(false);
    expect(isCardExpired('10/26', '2026-11-01')).toBe(true);
    expect(isCardExpired('01/27', '2026-12-31')).toBe(false);
    expect(isCardExpired('12/25', '2026-01-15')).toBe(true);
  });
});
