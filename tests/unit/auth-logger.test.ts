// The class next-auth re-exports (its index needs Next's runtime, which unit tests do not load).
import { CredentialsSignin } from '@auth/core/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authLogger } from '@/lib/auth/auth-logger';

afterEach(() => vi.restoreAllMocks());

class LoginRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

describe('the Auth.js error log', () => {
  it('writes a refused login as one line with its code, without a stack trace', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    authLogger.error(new LoginRefused('invalid'));
    expect(log.mock.calls).toEqual([['[auth] login refused (invalid)']]);
  });

  it('never writes the login ticket a refusal code may carry', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    authLogger.error(new LoginRefused('second-factor:ticket-secret-123'));
    expect(log.mock.calls).toEqual([['[auth] login refused (second-factor)']]);
  });

  it('keeps the stack of any other error', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failure = new Error('connexion à la base perdue');
    authLogger.error(failure);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]).toContain(failure);
    expect(failure.stack).toContain('auth-logger.test.ts');
  });
});
