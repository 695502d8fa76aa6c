import type { Result } from '@/lib/result';

/** What the portal tells a gateway about a card payment before the parent leaves for it. */
export interface GatewayPayment {
  /** Our unique reference (PayFiP's refdet): letters and digits only. */
  reference: string;
  amountCents: number;
  /** Where the gateway sends its confirmation (PayFiP's mel). */
  email: string;
  /** What the payment is for, as the bank statement and the gateway page show it. */
  label: string;
  /** Server-to-server notification address (PayFiP's urlnotif). */
  notifyUrl: string;
  /** Where the parent's browser comes back (PayFiP's urlredirect). */
  returnUrl: string;
  createdAt: Date;
}

/**
 * A gateway's final or interim word on a transaction. `reference` and `amountCents` are what the
 * gateway says it processed: the portal checks them against its payment before settling anything.
 */
export type GatewayOutcome =
  | { status: 'paid' | 'refused' | 'abandoned'; reference: string; amountCents: number; details: Record<string, string> }
  /** Not final yet (PayFiP's P5 while the parent may still be on its page): ask again later. */
  | { status: 'pending' }
  /** The transaction will never complete (PayFiP's P5 past its lifetime, P1): nothing was paid. */
  | { status: 'expired'; details: Record<string, string> };

/** A notification, read and verified: the transaction it concerns and the gateway's outcome for it. */
export interface VerifiedNotification {
  transactionId: string;
  outcome: GatewayOutcome;
}

/** The request a notification arrived with, as the route handler hands it over. */
export interface NotificationRequest {
  body: string;
  contentType: string | null;
  headers: Headers;
  query: URLSearchParams;
}

/**
 * A card gateway (PAYMENT_GATEWAY chooses one: lib/payments/configured-gateway.ts). The portal
 * registers a payment with `start`, sends the browser to `redirectUrl`, and settles the payment
 * only from `verifyNotification` or, for reconciliation, `outcomeOf`: never from the browser's
 * return.
 */
export interface PaymentGateway {
  readonly name: 'sandbox' | 'payfip';
  /** Registers the payment: the gateway's transaction id and where to send the browser. Network: never inside a transaction. */
  start(payment: GatewayPayment): Promise<{ transactionId: string; redirectUrl: string }>;
  /**
   * Reads a notification: verified by its signature (sandbox) or by asking the gateway itself
   * about the transaction it names (PayFiP). Refused when forged or unreadable.
   */
  verifyNotification(request: NotificationRequest): Promise<Result<VerifiedNotification>>;
  /** Asks the gateway how a transaction ended (reconciliation). `startedAt` tells a slow payment from a dead one. */
  outcomeOf(transactionId: string, startedAt: Date): Promise<GatewayOutcome>;
}
