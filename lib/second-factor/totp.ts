import { Secret, TOTP } from 'otpauth';
import { systemClock, type Clock } from '@/lib/clock';

// RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps.
const PARAMETERS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
// One step either side of now: a phone clock a little off still works.
const DRIFT_STEPS = 1;

/** A new random secret (160 bits, as RFC 4226 recommends), in base32 as apps take it. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The otpauth:// address the QR code carries. */
export function totpUri(secret: string, issuer: string, accountName: string): string {
  return new TOTP({ ...PARAMETERS, issuer, label: accountName, secret: Secret.fromBase32(secret) }).toString();
}

/** The 30-second step an instant falls in. */
export const totpStepAt = (now: Date): number => Math.floor(now.getTime() / 1000 / PARAMETERS.period);

/** The step whose code `code` is (now, or one step before or after), or null when it matches none. */
export function matchingTotpStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({ ...PARAMETERS, token: code, secret: Secret.fromBase32(secret), timestamp: now.getTime(), window: DRIFT_STEPS });
  return delta === null ? null : totpStepAt(now) + delta;
}

/** The code of the step `now` falls in (what the app shows). */
export const totpCodeAt = (secret: string, now: Date): string =>
  TOTP.generate({ ...PARAMETERS, secret: Secret.fromBase32(secret), timestamp: now.getTime() });

/** The secret in groups of four, easier to type by hand. */
export const groupedSecret = (secret: string): string => secret.match(/.{1,4}/g)!.join(' ');

/** What a person typed as a code: digits only (apps show "123 456"). */
export const normalizeTotpCode = (input: string): string => input.replace(/[\s-]/g, '');

/** An authenticator app counts real time, even when a demo pins the app's clock (COMPTE_FAMILLE_NOW). */
export const authenticatorClock: Clock = systemClock;
