import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { payfipConfigFromEnv } from '@/lib/payments/payfip';
import { escapeXml, PAYFIP_SERVICE_NAMESPACE, PayfipFault, payfipObjet, soapFault, soapRequest, soapReturn } from '@/lib/payments/payfip-soap';

describe('PayFiP requests', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
  });

  it('refuses characters XML cannot carry instead of sending a broken request', () => {
    expect(() => escapeXml('parent\u0000@example.fr')).toThrow(/control character/);
  });

  it('puts the fields, in order and escaped, in <arg0> of the operation, in the service’s namespace', () => {
    const xml = soapRequest('creerPaiementSecurise', [
      ['exer', '2026'],
      ['mel', 'o’brien+<test>@example.fr'],
      ['urlnotif', 'https://famille.example.fr/notif?a=1&b=2'],
    ]);
    expect(xml).toContain(`xmlns:pai="${PAYFIP_SERVICE_NAMESPACE}"`);
    expect(xml).toContain(
      '<pai:creerPaiementSecurise><arg0><exer>2026</exer><mel>o’brien+&lt;test&gt;@example.fr</mel><urlnotif>https://famille.example.fr/notif?a=1&amp;b=2</urlnotif></arg0></pai:creerPaiementSecurise>',
    );
    const parsed = new XMLParser({ removeNSPrefix: true, parseTagValue: false }).parse(xml);
    expect(parsed.Envelope.Body.creerPaiementSecurise.arg0).toEqual({ exer: '2026', mel: 'o’brien+<test>@example.fr', urlnotif: 'https://famille.example.fr/notif?a=1&b=2' });
  });

  it.each([
    ['Compte Famille CF2345', 'Compte Famille CF2345'],
    ['Périscolaire – été : cœur d’Ævie', 'Periscolaire ete coeur d AEvie'],
    ['  <script>alert("x")</script>  ', 'script alert x script'],
    ['ÇA CRÈCHE', 'CA CRECHE'],
  ])('makes an objet of letters, digits and spaces only: %s', (label, objet) => {
    expect(payfipObjet(label)).toBe(objet);
  });

  it('keeps an objet within 100 characters, without a trailing space', () => {
    const objet = payfipObjet(`${'é'.repeat(99)} suite`);
    expect(objet).toBe('e'.repeat(99));
    expect(payfipObjet('x'.repeat(150))).toHaveLength(100);
  });
});

const envelope = (body: string) =>
  `<?xml version="1.0"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>${body}</S:Body></S:Envelope>`;

describe('PayFiP answers', () => {
  it('reads <return>, whatever the namespace prefixes, every field as text', () => {
    const xml = envelope(
      '<ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2="urn:x"><return><montant>007900</montant><numauto/><objet>A &amp; B</objet></return></ns2:recupererDetailPaiementSecuriseResponse>',
    );
    expect(soapReturn(xml, 'recupererDetailPaiementSecurise')).toEqual({ montant: '007900', numauto: '', objet: 'A & B' });
  });

  it('throws the FonctionnelleErreur of a fault, with its code and words', () => {
    const xml = envelope(
      '<S:Fault><faultcode>S:Server</faultcode><faultstring>fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur</faultstring>' +
        '<detail><ns1:FonctionnelleErreur xmlns:ns1="urn:r"><code>P5</code><descriptif>Résultat non connu</descriptif><libelle>Transaction en cours</libelle></ns1:FonctionnelleErreur></detail></S:Fault>',
    );
    const fault = soapFault(xml)!;
    expect(fault).toBeInstanceOf(PayfipFault);
    expect(fault).toMatchObject({ kind: 'FonctionnelleErreur', code: 'P5', descriptif: 'Résultat non connu', libelle: 'Transaction en cours', isBusinessError: true });
    expect(() => soapReturn(xml, 'recupererDetailPaiementSecurise')).toThrow(fault);
  });

  it('tells a technical fault from a business one', () => {
    const xml = envelope('<S:Fault><faultstring>down</faultstring><detail><TechIndisponibiliteErreur><code>T1</code></TechIndisponibiliteErreur></detail></S:Fault>');
    expect(soapFault(xml)).toMatchObject({ kind: 'TechIndisponibiliteErreur', code: 'T1', isBusinessError: false });
  });

  it.each([
    ['an HTML error page', '<html><body>502 Bad Gateway</body></html>'],
    ['an answer without <return>', envelope('<ns2:creerPaiementSecuriseResponse xmlns:ns2="urn:x"/>')],
    ['a DTD', `<!DOCTYPE x [<!ENTITY a "b">]>${envelope('<r><return><idOp>&a;</idOp></return></r>')}`],
  ])('refuses %s', (_case, xml) => {
    expect(() => soapReturn(xml, 'creerPaiementSecurise')).toThrow();
  });
});

describe('PAYFIP_* settings', () => {
  const env = { PAYFIP_NUMCLI: '123456', PAYFIP_SAISIE: 'W' };

  it('defaults to PayFiP’s own addresses', () => {
    expect(payfipConfigFromEnv(env)).toMatchObject({
      numcli: '123456',
      saisie: 'W',
      serviceUrl: 'https://www.payfip.gouv.fr/tpa/services/securite',
      paymentUrl: 'https://www.payfip.gouv.fr/tpa/paiementws.web',
    });
  });

  it.each([
    [{ PAYFIP_SAISIE: 'T' }, /PAYFIP_NUMCLI is not set/],
    [{ PAYFIP_NUMCLI: '12345', PAYFIP_SAISIE: 'T' }, /PAYFIP_NUMCLI must be/],
    [{ PAYFIP_NUMCLI: '123456' }, /PAYFIP_SAISIE is not set/],
    [{ PAYFIP_NUMCLI: '123456', PAYFIP_SAISIE: 'P' }, /PAYFIP_SAISIE must be/],
  ])('names the missing or wrong variable: %o', (settings, message) => {
    expect(() => payfipConfigFromEnv(settings)).toThrow(message);
  });
});
