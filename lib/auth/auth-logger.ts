/**
 * Auth.js's logger. A refused login (wrong password, unknown identifier, throttled guess) is
 * routine: one line with its refusal code, not a stack trace. Any other error keeps its stack.
 */
export const authLogger = {
  error(error: Error) {
    // Auth.js errors carry their class's `type`; a subclass of CredentialsSignin keeps it.
    const { type, code } = error as Error & { type?: string; code?: string };
    if (type === 'CredentialsSignin') {
      // Only the kind: a code may carry a wait or a login ticket (`second-factor:<ticket>`), which stays out of logs.
      console.error(`[auth] login refused (${(code ?? 'credentials').split(':')[0]})`);
      return;
    }
    console.error('[auth][error]', error);
  },
};
