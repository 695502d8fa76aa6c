import { XMLParser } from 'fast-xml-parser';

/** The namespace of PayFiP's secure-payment web service (its operations' elements). */
export const PAYFIP_SERVICE_NAMESPACE =
  'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService';

const SOAP_ENVELOPE_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';

/** What `recupererDetailPaiementSecurise` answers about a transaction, every field as text. */
export const PAYFIP_DETAIL_FIELDS = [
  'dattrans',
  'heurtrans',
  'exer',
  'idOp',
  'mel',
  'montant',
  'numauto',
  'numcli',
  'objet',
  'refdet',
  'resultrans',
  'saisie',
] as const;
export type PayfipDetail = Record<(typeof PAYFIP_DETAIL_FIELDS)[number], string>;

/** PayFiP's `objet`: at most 100 characters, letters, digits and spaces only (accents dropped). */
export const OBJET_MAX_LENGTH = 100;

/** PayFiP's `refdet`: 6 to 30 letters and digits. */
export const REFDET_PATTERN = /^[A-Za-z0-9]{6,30}$/;

/** A SOAP fault from PayFiP: a business error (`FonctionnelleErreur`, with its code, e.g. P1, P5) or a technical one. */
export class PayfipFault extends Error {
  constructor(
    /** The fault detail's element: FonctionnelleErreur, TechDysfonctionnementErreur, … ('' when none). */
    readonly kind: string,
    readonly code: string,
    readonly libelle: string,
    readonly descriptif: string,
    readonly faultString: string,
  ) {
    super(`PayFiP fault ${kind || 'without detail'} ${code}: ${descriptif || libelle || faultString}`);
    this.name = 'PayfipFault';
  }

  get isBusinessError(): boolean {
    return this.kind === 'FonctionnelleErreur';
  }
}

/** Characters XML 1.0 cannot carry at all, even escaped. */
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Escapes text for an XML element or attribute value. */
export function escapeXml(value: string): string {
  if (FORBIDDEN_IN_XML.test(value)) throw new Error('A PayFiP field holds a control character that XML cannot carry.');
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!);
}

/**
 * A SOAP 1.1 request for one operation of the service: `<op><arg0>…fields…</arg0></op>`, the
 * fields in the order given (the WSDL's sequence), each value escaped.
 */
export function soapRequest(operation: string, fields: [name: string, value: string][]): string {
  const arg0 = fields.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENVELOPE_NAMESPACE}" xmlns:pai="${PAYFIP_SERVICE_NAMESPACE}">` +
    `<soapenv:Header/><soapenv:Body><pai:${operation}><arg0>${arg0}</arg0></pai:${operation}></soapenv:Body></soapenv:Envelope>`
  );
}

const LIGATURES: Record<string, string> = { Œ: 'OE', œ: 'oe', Æ: 'AE', æ: 'ae', ß: 'ss' };

/** PayFiP's `objet` from a label: accents and ligatures to plain letters, anything else to spaces, at most 100 characters. */
export function payfipObjet(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ŒœÆæß]/g, (char) => LIGATURES[char]!)
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .slice(0, OBJET_MAX_LENGTH)
    .trim();
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
});

type XmlNode = string | { [name: string]: XmlNode } | XmlNode[] | undefined;

const asObject = (node: XmlNode): Record<string, XmlNode> => (node && typeof node === 'object' && !Array.isArray(node) ? node : {});
const asText = (node: XmlNode): string => (typeof node === 'string' ? node : '');

/** The SOAP body of an answer, namespace prefixes ignored. Throws on anything that is not a SOAP envelope. */
function soapBody(xml: string): Record<string, XmlNode> {
  // The service never sends a DTD; one in an answer can only be an attack on the parser.
  if (/<!DOCTYPE/i.test(xml)) throw new Error('PayFiP answered with a DTD: refused.');
  let document: Record<string, XmlNode>;
  try {
    document = parser.parse(xml) as Record<string, XmlNode>;
  } catch (error) {
    throw new Error('PayFiP answered something that is not XML.', { cause: error });
  }
  const body = asObject(asObject(document.Envelope).Body);
  if (Object.keys(body).length === 0) throw new Error('PayFiP answered something that is not a SOAP envelope.');
  return body;
}

/** The fault a SOAP answer carries, if any. */
export function soapFault(xml: string): PayfipFault | null {
  return faultIn(soapBody(xml));
}

function faultIn(body: Record<string, XmlNode>): PayfipFault | null {
  if (body.Fault === undefined) return null;
  const fault = asObject(body.Fault);
  const [kind = '', error] = Object.entries(asObject(fault.detail))[0] ?? [];
  const fields = asObject(error);
  return new PayfipFault(kind, asText(fields.code), asText(fields.libelle), asText(fields.descriptif), asText(fault.faultstring));
}

/**
 * The `<return>` of an operation's answer, as text fields. Throws the answer's fault (PayfipFault)
 * when it is one, or an error when it holds no `<return>`.
 */
export function soapReturn(xml: string, operation: string): Record<string, string> {
  const body = soapBody(xml);
  const fault = faultIn(body);
  if (fault) throw fault;
  const found = asObject(body[`${operation}Response`]).return;
  if (!found || typeof found !== 'object' || Array.isArray(found)) throw new Error(`PayFiP's answer to ${operation} holds no <return>.`);
  return Object.fromEntries(Object.entries(found).map(([name, value]) => [name, asText(value)]));
}
