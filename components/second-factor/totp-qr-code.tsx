import QRCode from 'qrcode';
import { groupedSecret } from '@/lib/second-factor/totp';

/** The QR code of the otpauth:// address, with the secret in text as its alternative (to type by hand). */
export async function TotpQrCode({ uri, secret }: { uri: string; secret: string }) {
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return (
    <figure className="space-y-3">
      <div
        role="img"
        aria-label="QR code à scanner avec l’application d’authentification. La clé écrite en dessous le remplace."
        className="h-52 w-52 border border-slate-300 bg-white [&>svg]:h-full [&>svg]:w-full"
        // The library's own SVG of our otpauth:// address: no outside input.
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <figcaption className="space-y-1 text-sm text-slate-700">
        <span className="block">Impossible de scanner ? Dans l’application, choisissez « saisir une clé » (type « basé sur l’heure ») et tapez :</span>
        <code id="cle-secrete" className="block break-all font-mono text-base font-semibold tracking-wider text-slate-900">
          {groupedSecret(secret)}
        </code>
      </figcaption>
    </figure>
  );
}
