import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { sandboxBankOperations } from '@/db/schema';
import { type Clock, parisToday } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';
import { SANDBOX_PAYMENT_LIFETIME_MS, SANDBOX_SIGNATURE_HEADER, type SandboxNotification, type SandboxResult, sandboxSecret, signSandboxNotification } from './sandbox';
import { cardDigits, isCardExpired, testCardResult } from './sandbox-cards';

// The bank side of the sandbox gateway: what the test card page (/banque-test/<transaction>) shows
// and decides. It stands for the bank's own servers, so it talks to the portal only as a bank
// would: by a signed notification over HTTP, and by sending the browser back.

/** How long the bank waits for the portal to take its notification. */
const NOTIFICATION_TIMEOUT_MS = 10_000;

export type SandboxOperationView =
  | { state: 'open'; transactionId: string; reference: string; amountCents: number }
  | { state: 'expired'; returnUrl: string };

/** The operation the test card page shows: open, or past its lifetime; null when unknown or already decided. */
export async function sandboxOperationToDecide(db: Db, clock: Clock, transactionId: string): Promise<SandboxOperationView | null> {
  const [operation] = await db.select().from(sandboxBankOperations).where(eq(sandboxBankOperations.transactionId, transactionId));
  if (!operation || operation.result !== null) return null;
  if (clock.now().getTime() - operation.createdAt.getTime() >= SANDBOX_PAYMENT_LIFETIME_MS) return { state: 'expired', returnUrl: operation.returnUrl };
  return { state: 'open', transactionId, reference: operation.reference, amountCents: operation.amountCents };
}

const transaction = z.string({ error: 'Opération de paiement inconnue.' }).regex(/^[0-9a-f]{32}$/, 'Opération de paiement inconnue.');
const numberMessage = 'Saisissez le numéro de la carte : 13 à 19 chiffres.';
const expiryMessage = 'Saisissez la date d’expiration au format MM/AA (par exemple 08/29).';
const cvvMessage = 'Saisissez le cryptogramme visuel : les 3 chiffres au dos de la carte.';

/** The card page's form: « Payer » with the card, or « Abandonner » (no card needed). */
export const sandboxDecisionSchema = z.discriminatedUnion(
  'choix',
  [
    z.object({ transaction, choix: z.literal('abandonner') }),
    z.object({
      transaction,
      choix: z.literal('payer'),
      numero: z.string({ error: numberMessage }).transform(cardDigits).pipe(z.string().regex(/^\d{13,19}$/, numberMessage)),
      expiration: z.string({ error: expiryMessage }).trim().regex(/^(0[1-9]|1[0-2])\/\d{2}$/, expiryMessage),
      cryptogramme: z.string({ error: cvvMessage }).trim().regex(/^\d{3}$/, cvvMessage),
    }),
  ],
  { error: 'Choisissez « Payer » ou « Abandonner ».' },
);
export type SandboxDecision = z.infer<typeof sandboxDecisionSchema>;

/** Sends a notification to the portal; what the portal answers does not change the bank's decision. */
export type NotificationSender = (url: string, body: string, signature: string) => Promise<void>;

export const postSandboxNotification: NotificationSender = async (url, body, signature) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signature },
    body,
    signal: AbortSignal.timeout(NOTIFICATION_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`the portal answered ${response.status} ${await response.text().catch(() => '')}`.trim());
};

/**
 * The parent's choice on the test card page: decides the operation exactly once (a conditional
 * update on an undecided, unexpired operation), then notifies the portal, then tells where to send
 * the browser. A card the sandbox does not know decides nothing. A notification that does not get
 * through is logged only: the parent is sent back all the same, and the reconciliation asks the
 * bank (`outcomeOf`) later, as with a real gateway.
 */
export async function decideSandboxOperation(
  db: Db,
  clock: Clock,
  decision: SandboxDecision,
  send: NotificationSender = postSandboxNotification,
): Promise<Result<{ returnUrl: string }>> {
  let result: SandboxResult = 'A';
  let cardLast4: string | null = null;
  if (decision.choix === 'payer') {
    if (isCardExpired(decision.expiration, parisToday(clock))) return refused('Cette carte est expirée.', { field: 'expiration' });
    const known = testCardResult(decision.numero);
    if (!known) return refused('Carte non reconnue en environnement de test : utilisez une des cartes de test indiquées.', { field: 'numero' });
    result = known;
    cardLast4 = decision.numero.slice(-4);
  }

  const now = clock.now();
  const [decided] = await db
    .update(sandboxBankOperations)
    .set({ result, cardLast4, decidedAt: now })
    .where(
      and(
        eq(sandboxBankOperations.transactionId, decision.transaction),
        isNull(sandboxBankOperations.result),
        gt(sandboxBankOperations.createdAt, new Date(now.getTime() - SANDBOX_PAYMENT_LIFETIME_MS)),
      ),
    )
    .returning();
  if (!decided) return refused(await whyUndecidable(db, decision.transaction));

  const notification: SandboxNotification = {
    transactionId: decided.transactionId,
    reference: decided.reference,
    amountCents: decided.amountCents,
    result,
    ...(cardLast4 ? { cardLast4 } : {}),
    at: now.toISOString(),
  };
  const body = JSON.stringify(notification);
  try {
    await send(decided.notifyUrl, body, signSandboxNotification(body, sandboxSecret()));
  } catch (error) {
    console.error(`Sandbox bank: the notification of ${decided.transactionId} (${decided.reference}) did not get through (${error instanceof Error ? error.message : String(error)}); the reconciliation will settle it.`);
  }
  return ok({ returnUrl: decided.returnUrl });
}

async function whyUndecidable(db: Db, transactionId: string): Promise<string> {
  const [operation] = await db
    .select({ result: sandboxBankOperations.result })
    .from(sandboxBankOperations)
    .where(eq(sandboxBankOperations.transactionId, transactionId));
  if (!operation) return 'Opération de paiement inconnue.';
  if (operation.result !== null) return 'Cette opération de paiement a déjà été traitée.';
  return 'Le délai de paiement est dépassé : cette opération a expiré. Rien n’a été débité.';
}
