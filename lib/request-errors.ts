/**
 * The line a server error leaves in the log: its reference (Next's digest, the number the error page
 * shows the person) first, so that staff find the error a parent reads them over the phone.
 */
export function logRequestError(error: unknown, request: { method: string; path: string }, log: (...parts: unknown[]) => void = console.error) {
  const digest = (error as { digest?: unknown } | null)?.digest;
  // notFound() and redirect() travel as errors too; they are answers, not failures.
  if (typeof digest === 'string' && digest.startsWith('NEXT_')) return;
  log(`[erreur] référence ${typeof digest === 'string' ? digest : 'inconnue'} — ${request.method} ${request.path}`, error);
}
