import crypto from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/i/l: a code copied from paper is read back without doubt. 31 symbols × 16 ≈ 79 bits,
// too many to guess, so a plain SHA-256 is a safe way to store them.
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const LENGTH = 16;

/** A new code, shown as four groups of four: "abcd-efgh-jkmn-pqrs". */
export function newRecoveryCode(): string {
  const symbols = Array.from({ length: LENGTH }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join('');
  return symbols.match(/.{4}/g)!.join('-');
}

export const newRecoveryCodes = (): string[] => Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);

/** What a person typed, without case, spaces or dashes. */
export const normalizeRecoveryCode = (input: string): string => input.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Only this hash is stored. */
export const hashRecoveryCode = (code: string): string => crypto.createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');
