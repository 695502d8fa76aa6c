import type { Db } from '@/db/client';
import { appClock, type Clock } from '@/lib/clock';
import { configuredPortalUrl } from '@/lib/town';
import type { PaymentGateway } from './gateway';
import type { PaymentUrls } from './checkout';
import { payfipConfigFromEnv, payfipGateway } from './payfip';
import { sandboxGateway, sandboxSecret } from './sandbox';

type Env = Record<string, string | undefined>;

/** The gateways this build can use: a new one gets its name here and its case in configuredGateway. */
export const implementedGatewayNames: readonly PaymentGateway['name'][] = ['sandbox', 'payfip'];

/** PAYMENT_GATEWAY, `sandbox` when unset. An unknown value is an error, never a silent fallback to the sandbox. */
export function configuredGatewayName(env: Env = process.env): PaymentGateway['name'] {
  const name = env.PAYMENT_GATEWAY?.trim() || 'sandbox';
  if (!(implementedGatewayNames as readonly string[]).includes(name)) {
    throw new Error(`PAYMENT_GATEWAY is "${name}": accepted values are ${implementedGatewayNames.map((known) => `"${known}"`).join(', ')}.`);
  }
  return name as PaymentGateway['name'];
}

/**
 * The card gateway PAYMENT_GATEWAY chooses, with its settings (a missing required one throws,
 * naming it). A job passes its own database and clock; pages and routes use the application's.
 */
export function configuredGateway({ db, clock = appClock() }: { db?: Db; clock?: Clock } = {}, env: Env = process.env): PaymentGateway {
  const name = configuredGatewayName(env);
  switch (name) {
    case 'sandbox':
      return sandboxGateway({ db: db ? async () => db : appDatabase, clock, secret: sandboxSecret(env), portalUrl: portalAddress(env) });
    case 'payfip':
      return payfipGateway(payfipConfigFromEnv(env), { clock });
    default:
      throw new Error(`PAYMENT_GATEWAY is "${name}": accepted values are ${implementedGatewayNames.map((known) => `"${known}"`).join(', ')}.`);
  }
}

// Imported when first used: the server's launcher reads this module's settings check, outside Next.
const appDatabase = async () => (await import('@/db')).getDb();

function portalAddress(env: Env = process.env): string {
  const url = configuredPortalUrl(env);
  if (!url) throw new Error('PORTAL_URL is not set: the card gateway needs the portal’s public address to notify it and send the parent back.');
  return url;
}

/** What is wrong with the payment settings, for the server to say at start; null when nothing is. */
export function paymentConfigurationProblem(env: Env = process.env): string | null {
  try {
    const name = configuredGatewayName(env);
    if (name === 'sandbox') sandboxSecret(env);
    if (name === 'payfip') payfipConfigFromEnv(env);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Where the configured gateway notifies the portal, and where it sends the parent back, for a payment. */
export function paymentUrls(gateway: PaymentGateway['name'] = configuredGatewayName()): PaymentUrls {
  const portal = portalAddress();
  return (reference) => ({
    notifyUrl: `${portal}/api/paiements/notification/${gateway}`,
    returnUrl: `${portal}/soldes/paiement/retour/${encodeURIComponent(reference)}`,
  });
}
