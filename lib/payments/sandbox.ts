import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { sandboxBankOperations } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import { ok, refused } from '@/lib/result';
import type { GatewayOutcome, PaymentGateway } from './gateway';

// The sandbox gateway (PAYMENT_GATEWAY=sandbox, the default): a pretend bank inside the portal.
// `start` opens an operation in `sandbox_bank_operations` and sends the parent to the test card
// page (/banque-test/<transaction>); that page decides the operation (lib/payments/sandbox-bank.ts)
// and sends the portal a notification signed with HMAC-SHA-256 under PAYMENT_SANDBOX_SECRET, as a
// real gateway's server would. The gateway side believes a notification only for its signature.

/** How long the test card page waits for the parent: past it, the operation is expired. */
export const SANDBOX_PAYMENT_LIFETIME_MS = 15 * 60_000;

/** The header carrying the notification's signature: `sha256=<hex HMAC of the raw body>`. */
export const SANDBOX_SIGNATURE_HEADER = 'x-sandbox-signature';

/**
 * The development secret used when PAYMENT_SANDBOX_SECRET is unset outside production: public (it
 * is written here), so it proves nothing; production refuses to run the sandbox without a real one.
 */
export const DEVELOPMENT_SANDBOX_SECRET = 'compte-famille-sandbox-development-secret';

type Env = Record<string, string | undefined>;

/** PAYMENT_SANDBOX_SECRET; in development and tests, the published development secret when unset. */
export function sandboxSecret(env: Env = process.env): string {
  const secret = env.PAYMENT_SANDBOX_SECRET;
  if (secret) return secret;
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'PAYMENT_SANDBOX_SECRET is not set: the sandbox payment gateway signs its notifications with it. ' +
        'Set it to a long random value (openssl rand -hex 32), or choose another gateway with PAYMENT_GATEWAY.',
    );
  }
  return DEVELOPMENT_SANDBOX_SECRET;
}

/** The signature header's value for a notification body. */
export function signSandboxNotification(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Whether `signature` is the body's, compared in constant time. */
export function isSandboxSignatureValid(body: string, signature: string | null, secret: string): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signSandboxNotification(body, secret), 'utf8');
  const given = Buffer.from(signature.trim(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The bank's word on an operation: P paid, R refused, A abandoned. */
export const sandboxResults = ['P', 'R', 'A'] as const;
export type SandboxResult = (typeof sandboxResults)[number];

/** The body of the sandbox bank's notification (JSON). */
export const sandboxNotificationSchema = z.object({
  transactionId: z.string().min(1).max(100),
  reference: z.string().min(1).max(100),
  amountCents: z.number().int().positive(),
  result: z.enum(sandboxResults),
  cardLast4: z.string().regex(/^\d{4}$/).optional(),
  at: z.iso.datetime(),
});
export type SandboxNotification = z.infer<typeof sandboxNotificationSchema>;

const statusOfResult = { P: 'paid', R: 'refused', A: 'abandoned' } as const;

function outcomeOfResult(operation: { result: SandboxResult; reference: string; amountCents: number; cardLast4?: string | null; at: string }): GatewayOutcome {
  return {
    status: statusOfResult[operation.result],
    reference: operation.reference,
    amountCents: operation.amountCents,
    details: { result: operation.result, at: operation.at, ...(operation.cardLast4 ? { cardLast4: operation.cardLast4 } : {}) },
  };
}

export interface SandboxGatewayOptions {
  /** The database the pretend bank keeps its operations in (the portal's own). */
  db: () => Promise<Db>;
  clock: Clock;
  secret: string;
  /** The portal's public address, without a trailing slash: the test card page is there. */
  portalUrl: string;
}

export function sandboxGateway({ db, clock, secret, portalUrl }: SandboxGatewayOptions): PaymentGateway {
  return {
    name: 'sandbox',

    async start(payment) {
      // 128 random bits: the transaction id is the only key to the test card page.
      const transactionId = randomBytes(16).toString('hex');
      await (await db()).insert(sandboxBankOperations).values({
        transactionId,
        reference: payment.reference,
        amountCents: payment.amountCents,
        email: payment.email,
        notifyUrl: payment.notifyUrl,
        returnUrl: payment.returnUrl,
        createdAt: clock.now(),
      });
      return { transactionId, redirectUrl: `${portalUrl}/banque-test/${transactionId}` };
    },

    async verifyNotification(request) {
      if (!isSandboxSignatureValid(request.body, request.headers.get(SANDBOX_SIGNATURE_HEADER), secret)) {
        return refused('Notification refusée : signature absente ou invalide.', { code: 'signature' });
      }
      let json: unknown;
      try {
        json = JSON.parse(request.body);
      } catch {
        return refused('Notification refusée : le contenu n’est pas du JSON lisible.', { code: 'malformed' });
      }
      const parsed = sandboxNotificationSchema.safeParse(json);
      if (!parsed.success) return refused('Notification refusée : contenu incomplet ou mal formé.', { code: 'malformed' });
      return ok({ transactionId: parsed.data.transactionId, outcome: outcomeOfResult(parsed.data) });
    },

    async outcomeOf(transactionId) {
      const [operation] = await (await db()).select().from(sandboxBankOperations).where(eq(sandboxBankOperations.transactionId, transactionId));
      if (!operation) return { status: 'expired', details: { reason: 'unknown transaction' } };
      if (operation.result === null) {
        const alive = clock.now().getTime() - operation.createdAt.getTime() < SANDBOX_PAYMENT_LIFETIME_MS;
        return alive ? { status: 'pending' } : { status: 'expired', details: { reason: 'no decision within the lifetime' } };
      }
      return outcomeOfResult({
        result: operation.result as SandboxResult,
        reference: operation.reference,
        amountCents: operation.amountCents,
        cardLast4: operation.cardLast4,
        at: (operation.decidedAt ?? operation.createdAt).toISOString(),
      });
    },
  };
}
