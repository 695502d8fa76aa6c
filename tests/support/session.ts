import { testSessionId } from './factories';

/** An Auth.js session as `auth()` returns it, for a user built by the factories (with their session row). */
export const sessionOf = (user: { id: number; role: string; familyId: number | null; sessionVersion: number }) => ({
  user: { id: String(user.id), role: user.role, familyId: user.familyId, sessionVersion: user.sessionVersion, sessionId: testSessionId(user.id) },
  expires: '2099-01-01T00:00:00Z',
});

/** Where a page or action redirected (Next's redirect() throws), or an error if it did not. */
export async function redirectOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (digest.startsWith('NEXT_REDIRECT')) return digest.split(';')[2]!;
    throw error;
  }
  throw new Error('No redirect happened.');
}
