import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ServerError } from '@/components/server-error';
import { logRequestError } from '@/lib/request-errors';

describe('a server error', () => {
  it('shows the person, in French, the reference the log carries, and a way back', () => {
    const html = renderToStaticMarkup(<ServerError digest="2841907213" retry={() => {}} back={{ href: '/accueil', label: 'Retour à l’accueil' }} />);
    expect(html).toContain('Une erreur est survenue');
    expect(html).toContain('2841907213');
    expect(html).toContain('href="/accueil"');
    expect(html).toContain('Réessayer');
  });

  it('is logged with its reference first', () => {
    const lines: unknown[][] = [];
    const error = Object.assign(new Error('connexion à la base perdue'), { digest: '2841907213' });
    logRequestError(error, { method: 'GET', path: '/soldes' }, (...parts) => lines.push(parts));
    expect(lines).toEqual([['[erreur] référence 2841907213 — GET /soldes', error]]);
  });

  it('logs no error for a page not found or a redirect', () => {
    const lines: unknown[][] = [];
    for (const digest of ['NEXT_HTTP_ERROR_FALLBACK;404', 'NEXT_REDIRECT;replace;/connexion;307;']) {
      logRequestError(Object.assign(new Error(digest), { digest }), { method: 'GET', path: '/x' }, (...parts) => lines.push(parts));
    }
    expect(lines).toEqual([]);
  });
});
