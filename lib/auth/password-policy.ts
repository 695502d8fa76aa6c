import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as commonLanguage from '@zxcvbn-ts/language-common';
import * as frenchLanguage from '@zxcvbn-ts/language-fr';
import { townName } from '@/lib/town';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-length';

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

/** zxcvbn's score: 3 means about 10^8 guesses or more, safely unguessable behind a slow hash and throttling. */
export const PASSWORD_MIN_SCORE = 3;

// Building the ranked dictionaries takes a moment: once per process, on first use.
let estimator: ZxcvbnFactory | undefined;
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonLanguage.dictionary, ...frenchLanguage.dictionary },
    graphs: commonLanguage.adjacencyGraphs,
    translations: frenchLanguage.translations,
    useLevenshteinDistance: true,
  });
  return estimator;
}

// The portal's and the town's own words, alone or two together ("cestas-famille"): the first
// guesses of anyone attacking this site.
function siteWords(): string[] {
  const words = [...new Set(['compte', 'famille', 'mairie', ...townName().toLowerCase().split(/[^\p{L}\p{N}]+/u)])].filter((word) => word.length >= 3);
  const pairs = words.flatMap((first) => words.filter((second) => second !== first).flatMap((second) => ['', '-', ' ', '_', '.'].map((separator) => `${first}${separator}${second}`)));
  return [...words, ...pairs];
}

/** Why a new password is refused (French, for the person), or null when it is acceptable. */
export function passwordProblem(password: string, person: { login?: string | null; email?: string | null } = {}): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`;
  if (length > PASSWORD_MAX_LENGTH) return `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`;
  const lowered = password.toLowerCase();
  const identifiers = [person.login, person.email?.split('@')[0]].filter((value): value is string => Boolean(value && value.length >= 3));
  if (identifiers.some((value) => lowered.includes(value.toLowerCase()))) {
    return 'Le mot de passe ne doit pas contenir votre identifiant ni votre adresse e-mail.';
  }
  const personal = [person.login, person.email, ...identifiers].filter((value): value is string => Boolean(value));
  const { score, feedback } = strengthEstimator().check(password, [...personal, ...siteWords()]);
  if (score >= PASSWORD_MIN_SCORE) return null;
  return ['Ce mot de passe est trop facile à deviner.', feedback.warning, ...feedback.suggestions].filter(Boolean).join(' ');
}
