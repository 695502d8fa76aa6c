import { describe, expect, it } from 'vitest';
import { passwordProblem } from '@/lib/auth/password-policy';

describe('new password rules', () => {
  it('refuses a common password of twelve characters with French feedback', () => {
    const problem = passwordProblem('password1234');
    expect(problem).toMatch(/^Ce mot de passe est trop facile à deviner\./);
    expect(problem).toContain('couramment utilisé');
  });

  it('refuses the town’s and the portal’s own words put together', () => {
    const problem = passwordProblem('cestas-famille');
    expect(problem).toMatch(/^Ce mot de passe est trop facile à deviner\./);
    expect(problem).toContain('données personnelles ou liées au site');
  });

  it('accepts a long passphrase', () => {
    expect(passwordProblem('girafe verte sous la pluie de novembre', { login: 'dupont', email: 'jp.dupont@example.fr' })).toBeNull();
  });

  it('keeps the length rules', () => {
    expect(passwordProblem('court-2026!')).toBe('Le mot de passe doit contenir au moins 12 caractères.');
    expect(passwordProblem('girafe '.repeat(19))).toBe('Le mot de passe ne doit pas dépasser 128 caractères.');
  });

  it('refuses a password containing the login or the e-mail address', () => {
    const message = 'Le mot de passe ne doit pas contenir votre identifiant ni votre adresse e-mail.';
    expect(passwordProblem('girafe-dupont-novembre', { login: 'dupont' })).toBe(message);
    expect(passwordProblem('girafe-jpdurand-novembre', { login: 'dupont', email: 'jpdurand@example.fr' })).toBe(message);
  });
});
