import { commonPasswords } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

let common: Set<string> | undefined;
function isCommon(password: string): boolean {
  common ??= new Set(commonPasswords.split('\n'));
  return common.has(password.toLowerCase());
}

/** Why a new password is refused (French, for the person), or null when it is acceptable. */
export function passwordProblem(password: string, person: { login?: string | null; email?: string | null } = {}): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`;
  if (length > PASSWORD_MAX_LENGTH) return `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`;
  if (isCommon(password)) return 'Ce mot de passe fait partie des plus courants : choisissez-en un autre.';
  const lowered = password.toLowerCase();
  const identifiers = [person.login, person.email?.split('@')[0]].filter((value): value is string => Boolean(value && value.length >= 3));
  if (identifiers.some((value) => lowered.includes(value.toLowerCase()))) {
    return 'Le mot de passe ne doit pas contenir votre identifiant ni votre adresse e-mail.';
  }
  return null;
}
