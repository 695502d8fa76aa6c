import { appClock, type Clock, parisDate } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';
import type { GatewayOutcome, GatewayPayment, NotificationRequest, PaymentGateway, VerifiedNotification } from './gateway';
import { PAYFIP_DETAIL_FIELDS, PayfipFault, type PayfipDetail, payfipObjet, REFDET_PATTERN, soapFault, soapRequest, soapReturn } from './payfip-soap';

export const PAYFIP_DEFAULT_URL = 'https://www.payfip.gouv.fr/tpa/services/securite';
export const PAYFIP_DEFAULT_PAYMENT_URL = 'https://www.payfip.gouv.fr/tpa/paiementws.web';

/**
 * An idOp stays open about 15 minutes on PayFiP's side; until then `recupererDetailPaiementSecurise`
 * answers P5 while the parent may still be paying. Past 20 minutes a P5 means it will never complete.
 */
export const PAYFIP_PENDING_LIFETIME_MS = 20 * 60 * 1000;

const SAISIE_MODES = ['T', 'X', 'W'] as const;

export interface PayfipConfig {
  /** The town's PayFiP client number (6 digits). */
  numcli: string;
  /** T test, X activation, W production. */
  saisie: (typeof SAISIE_MODES)[number];
  /** The SOAP service's address. */
  serviceUrl: string;
  /** The payment page the parent's browser goes to, `?idop=…`. */
  paymentUrl: string;
  /** How long one SOAP call may take. */
  timeoutMs: number;
}

/** PAYFIP_* settings, read when a PayFiP gateway is made (never at import), each missing one named. */
export function payfipConfigFromEnv(env: Record<string, string | undefined> = process.env): PayfipConfig {
  const numcli = env.PAYFIP_NUMCLI?.trim();
  if (!numcli) throw new Error('PAYFIP_NUMCLI is not set: PayFiP needs the town’s client number (6 digits) when PAYMENT_GATEWAY=payfip.');
  if (!/^\d{6}$/.test(numcli)) throw new Error(`PAYFIP_NUMCLI must be PayFiP's 6-digit client number, not "${numcli}".`);
  const saisie = env.PAYFIP_SAISIE?.trim();
  if (!saisie) throw new Error('PAYFIP_SAISIE is not set: T (test), X (activation) or W (production) when PAYMENT_GATEWAY=payfip.');
  if (!isSaisie(saisie)) throw new Error(`PAYFIP_SAISIE must be T (test), X (activation) or W (production), not "${saisie}".`);
  return {
    numcli,
    saisie,
    serviceUrl: env.PAYFIP_URL?.trim() || PAYFIP_DEFAULT_URL,
    paymentUrl: env.PAYFIP_PAYMENT_URL?.trim() || PAYFIP_DEFAULT_PAYMENT_URL,
    timeoutMs: 15_000,
  };
}

const isSaisie = (value: string): value is PayfipConfig['saisie'] => (SAISIE_MODES as readonly string[]).includes(value);

const RESULTRANS: Record<string, 'paid' | 'refused' | 'abandoned'> = {
  P: 'paid', // card
  V: 'paid', // direct debit
  R: 'refused', // card
  Z: 'refused', // direct debit
  A: 'abandoned',
};

/** An idOp as PayFiP writes them (a UUID); anything else in a notification is not PayFiP's. */
const IDOP_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

/** A detail that is not about our transaction or not readable: never settled from. */
class UnexpectedDetail extends Error {}

/**
 * PayFiP (DGFiP), web-service flavour. `start` registers the payment with `creerPaiementSecurise`
 * and sends the parent to PayFiP's page with the idOp it returned. A notification only names an
 * idOp: nothing in it is believed, the outcome comes from asking PayFiP
 * (`recupererDetailPaiementSecurise`), over HTTPS, about that idOp. `clock` tells a slow payment
 * from a dead one (P5 past 20 minutes).
 */
export function payfipGateway(config: PayfipConfig = payfipConfigFromEnv(), { clock = appClock() }: { clock?: Clock } = {}): PaymentGateway {
  const call = (operation: string, fields: [string, string][]) => callPayfip(config, operation, fields);

  async function detailOf(idOp: string): Promise<PayfipDetail> {
    const found = await call('recupererDetailPaiementSecurise', [['idOp', idOp]]);
    return Object.fromEntries(PAYFIP_DETAIL_FIELDS.map((field) => [field, found[field] ?? ''])) as PayfipDetail;
  }

  function outcomeOfDetail(idOp: string, detail: PayfipDetail): GatewayOutcome {
    if (detail.numcli !== config.numcli) throw new UnexpectedDetail(`PayFiP's detail of ${idOp} is for client ${detail.numcli}, not ours (${config.numcli}).`);
    if (detail.idOp && detail.idOp !== idOp) throw new UnexpectedDetail(`PayFiP answered about ${detail.idOp} when asked about ${idOp}.`);
    const status = RESULTRANS[detail.resultrans];
    if (!status) throw new UnexpectedDetail(`PayFiP's detail of ${idOp} has an unknown resultrans "${detail.resultrans}".`);
    return {
      status,
      reference: detail.refdet,
      amountCents: /^\d+$/.test(detail.montant) ? Number(detail.montant) : Number.NaN,
      details: { gateway: 'payfip', ...detail },
    };
  }

  /** P5 (not final yet) and P1 (unknown idOp) are answers about the transaction; any other fault is an error. */
  function outcomeOfFault(idOp: string, fault: PayfipFault, startedAt: Date | null): GatewayOutcome | null {
    if (!fault.isBusinessError) return null;
    const details = { gateway: 'payfip', idOp, code: fault.code, libelle: fault.libelle || fault.descriptif };
    if (fault.code === 'P1') return { status: 'expired', details };
    if (fault.code !== 'P5') return null;
    const stillOpen = startedAt === null || clock.now().getTime() - startedAt.getTime() < PAYFIP_PENDING_LIFETIME_MS;
    return stillOpen ? { status: 'pending' } : { status: 'expired', details };
  }

  async function outcome(idOp: string, startedAt: Date | null): Promise<GatewayOutcome> {
    let detail: PayfipDetail;
    try {
      detail = await detailOf(idOp);
    } catch (error) {
      const answer = error instanceof PayfipFault ? outcomeOfFault(idOp, error, startedAt) : null;
      if (answer) return answer;
      throw error;
    }
    return outcomeOfDetail(idOp, detail);
  }

  return {
    name: 'payfip',

    async start(payment: GatewayPayment) {
      if (!REFDET_PATTERN.test(payment.reference)) throw new Error(`Reference ${payment.reference} is not a PayFiP refdet (6 to 30 letters and digits).`);
      if (!Number.isSafeInteger(payment.amountCents) || payment.amountCents <= 0) throw new Error(`Amount ${payment.amountCents} is not a positive number of cents.`);
      const answer = await call('creerPaiementSecurise', [
        ['exer', parisDate(payment.createdAt).slice(0, 4)],
        ['mel', payment.email],
        ['montant', String(payment.amountCents)],
        ['numcli', config.numcli],
        ['objet', payfipObjet(payment.label)],
        ['refdet', payment.reference],
        ['saisie', config.saisie],
        ['urlnotif', payment.notifyUrl],
        ['urlredirect', payment.returnUrl],
      ]);
      const idOp = answer.idOp ?? '';
      if (!IDOP_PATTERN.test(idOp)) throw new Error(`PayFiP's answer to creerPaiementSecurise holds no usable idOp ("${idOp}").`);
      const redirectUrl = new URL(config.paymentUrl);
      redirectUrl.searchParams.set('idop', idOp);
      return { transactionId: idOp, redirectUrl: redirectUrl.toString() };
    },

    async verifyNotification(request: NotificationRequest): Promise<Result<VerifiedNotification>> {
      const idOp = notifiedIdOp(request);
      if (!idOp.ok) return idOp;
      try {
        // The notification's age is unknown here: a P5 stays pending, and the reconciliation expires it later.
        return ok({ transactionId: idOp.value, outcome: await outcome(idOp.value, null) });
      } catch (error) {
        if (error instanceof UnexpectedDetail) return refused(`Notification PayFiP refusée : ${error.message}`);
        throw error;
      }
    },

    outcomeOf: (transactionId, startedAt) => outcome(transactionId, startedAt),
  };
}

/** The idOp a notification names, in its form body or its query string (PayFiP calls urlnotif with it). */
function notifiedIdOp(request: NotificationRequest): Result<string> {
  const isForm = !request.contentType || request.contentType.toLowerCase().startsWith('application/x-www-form-urlencoded');
  const form = isForm ? new URLSearchParams(request.body) : new URLSearchParams();
  const named = [form.get('idop'), form.get('idOp'), request.query.get('idop'), request.query.get('idOp')].filter((value) => value !== null);
  const idOps = [...new Set(named.map((value) => value.trim()))];
  if (idOps.length === 0) return refused('Notification PayFiP sans idop.');
  if (idOps.length > 1) return refused('Notification PayFiP avec plusieurs idop différents.');
  if (!IDOP_PATTERN.test(idOps[0]!)) return refused('Notification PayFiP avec un idop illisible.');
  return ok(idOps[0]!);
}

/** One SOAP 1.1 call: POST, with a timeout; the `<return>` fields, or a PayfipFault, or a network error. */
async function callPayfip(config: PayfipConfig, operation: string, fields: [string, string][]): Promise<Record<string, string>> {
  const response = await fetch(config.serviceUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
    body: soapRequest(operation, fields),
    signal: AbortSignal.timeout(config.timeoutMs),
  });
  const xml = await response.text();
  // A SOAP 1.1 fault comes with HTTP 500: look for it before judging by the status.
  if (!response.ok) throw faultOrNull(xml) ?? new Error(`PayFiP answered ${operation} with HTTP ${response.status}.`);
  return soapReturn(xml, operation);
}

function faultOrNull(xml: string): PayfipFault | null {
  try {
    return soapFault(xml);
  } catch {
    return null; // an error page, not SOAP
  }
}
