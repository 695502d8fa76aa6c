import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { PAYFIP_SERVICE_NAMESPACE, escapeXml } from '@/lib/payments/payfip-soap';

export type Resultrans = 'P' | 'V' | 'R' | 'Z' | 'A';

/** A `creerPaiementSecurise` the fake received, and what the test decided the parent did with it. */
export interface FakeOperation {
  idOp: string;
  /** The `<arg0>` fields, as sent. */
  fields: Record<string, string>;
  /** Unset while the parent is still on the payment page (the service answers P5). */
  resultrans?: Resultrans;
  /** Fields of the detail answered instead of the ones sent (an answer that does not match). */
  answerOverrides?: Record<string, string>;
}

export interface FakePayfip {
  /** The SOAP service (PAYFIP_URL). */
  serviceUrl: string;
  /** The payment page (PAYFIP_PAYMENT_URL). */
  paymentUrl: string;
  /** Every SOAP call, in order: the operation and its `<arg0>` fields. */
  requests: { operation: string; fields: Record<string, string>; soapAction: string | undefined; contentType: string | undefined }[];
  operations: Map<string, FakeOperation>;
  /** The parent finished on the payment page: `detail` answers this resultrans from now on. */
  decide(idOp: string, resultrans: Resultrans, answerOverrides?: Record<string, string>): void;
  /** The service calls urlnotif with the idop (form body, or query string); resolves to our HTTP status. */
  notify(idOp: string, options?: { via?: 'form' | 'query' }): Promise<number>;
  /** The next call gets a technical fault (the service is down for a moment). */
  failNextCall(): void;
  close(): Promise<void>;
}

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, ignoreDeclaration: true, parseTagValue: false, trimValues: true });

const envelope = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;

const element = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;

function fault(kind: string, code: string, libelle: string) {
  return envelope(
    '<soap:Fault><faultcode>soap:Server</faultcode>' +
      `<faultstring>fr.gouv.finances.cp.tpa.webservice.exceptions.${kind}</faultstring>` +
      `<detail><ns2:${kind} xmlns:ns2="http://securite.service.tpa.cp.finances.gouv.fr/reponse">` +
      `${element('code', code)}${element('descriptif', libelle)}${element('libelle', libelle)}${element('severite', '2')}` +
      `</ns2:${kind}></detail></soap:Fault>`,
  );
}

const answer = (operation: string, fields: Record<string, string>) =>
  envelope(
    `<ns2:${operation}Response xmlns:ns2="${PAYFIP_SERVICE_NAMESPACE}"><return>` +
      Object.entries(fields)
        .map(([name, value]) => element(name, value))
        .join('') +
      `</return></ns2:${operation}Response>`,
  );

/**
 * A local stand-in for PayFiP's secure-payment SOAP service, answering as the service does:
 * `creerPaiementSecurise` stores the request and returns a new idOp; `recupererDetailPaiementSecurise`
 * returns the transaction's detail once the test decided its resultrans, a FonctionnelleErreur P5
 * until then, and P1 for an idOp it never issued. It can call the stored urlnotif, or not (a lost
 * notification). Listens on a free loopback port.
 */
export async function startFakePayfip({ numcli = '123456', now = () => new Date() }: { numcli?: string; now?: () => Date } = {}): Promise<FakePayfip> {
  const requests: FakePayfip['requests'] = [];
  const operations = new Map<string, FakeOperation>();
  let failNext = false;

  function respond(operation: string, fields: Record<string, string>): { status: number; xml: string } {
    if (failNext) {
      failNext = false;
      return { status: 500, xml: fault('TechIndisponibiliteErreur', 'T1', 'Service momentanément indisponible') };
    }
    if (operation === 'creerPaiementSecurise') {
      if (fields.numcli !== numcli) return { status: 500, xml: fault('FonctionnelleErreur', 'P2', 'Numéro client incorrect') };
      const idOp = randomUUID();
      operations.set(idOp, { idOp, fields });
      return { status: 200, xml: answer(operation, { idOp }) };
    }
    if (operation === 'recupererDetailPaiementSecurise') {
      const stored = operations.get(fields.idOp ?? '');
      if (!stored) return { status: 500, xml: fault('FonctionnelleErreur', 'P1', 'IdOp incorrect') };
      if (!stored.resultrans) return { status: 500, xml: fault('FonctionnelleErreur', 'P5', 'Résultat de la transaction non connu') };
      const at = now();
      const paid = stored.resultrans === 'P' || stored.resultrans === 'V';
      const detail = {
        dattrans: `${String(at.getUTCDate()).padStart(2, '0')}${String(at.getUTCMonth() + 1).padStart(2, '0')}${at.getUTCFullYear()}`,
        heurtrans: `${String(at.getUTCHours()).padStart(2, '0')}${String(at.getUTCMinutes()).padStart(2, '0')}`,
        exer: stored.fields.exer!,
        idOp: stored.idOp,
        mel: stored.fields.mel!,
        montant: stored.fields.montant!,
        numauto: paid ? '123456' : '',
        numcli: stored.fields.numcli!,
        objet: stored.fields.objet ?? '',
        refdet: stored.fields.refdet!,
        resultrans: stored.resultrans,
        saisie: stored.fields.saisie!,
        ...stored.answerOverrides,
      };
      return { status: 200, xml: answer(operation, detail) };
    }
    return { status: 500, xml: envelope(`<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Unknown operation ${escapeXml(operation)}</faultstring></soap:Fault>`) };
  }

  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const send = (status: number, xml: string) => {
        response.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' });
        response.end(xml);
      };
      const parsed = parser.parse(body) as { Envelope?: { Body?: Record<string, { arg0?: Record<string, string> }> } };
      const [operation, call] = Object.entries(parsed.Envelope?.Body ?? {})[0] ?? [];
      // The service answers only requests whose operation is in its namespace.
      if (request.method !== 'POST' || !operation || !call || !body.includes(`="${PAYFIP_SERVICE_NAMESPACE}"`)) {
        send(500, envelope('<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Requête SOAP illisible</faultstring></soap:Fault>'));
        return;
      }
      const fields = Object.fromEntries(Object.entries(call.arg0 ?? {}).map(([name, value]) => [name, String(value)]));
      requests.push({ operation, fields, soapAction: request.headers.soapaction as string | undefined, contentType: request.headers['content-type'] });
      const { status, xml } = respond(operation, fields);
      send(status, xml);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    serviceUrl: `${base}/tpa/services/securite`,
    paymentUrl: `${base}/tpa/paiementws.web`,
    requests,
    operations,
    decide(idOp, resultrans, answerOverrides) {
      const stored = operations.get(idOp);
      if (!stored) throw new Error(`The fake PayFiP never issued ${idOp}.`);
      Object.assign(stored, { resultrans, answerOverrides });
    },
    async notify(idOp, { via = 'form' } = {}) {
      const urlnotif = operations.get(idOp)?.fields.urlnotif;
      if (!urlnotif) throw new Error(`The fake PayFiP has no urlnotif for ${idOp}.`);
      const url = new URL(urlnotif);
      if (via === 'query') url.searchParams.set('idop', idOp);
      const response = await fetch(url, {
        method: 'POST',
        ...(via === 'form' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ idop: idOp }).toString() } : {}),
      });
      return response.status;
    },
    failNextCall() {
      failNext = true;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
