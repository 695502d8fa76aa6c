'use client';

/** What a person reads when the server failed: a French apology, the log's reference, and a way on. */
export function ServerError({ digest, retry, back }: { digest?: string; retry: () => void; back: { href: string; label: string } }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Une erreur est survenue</h1>
      <p>La page n’a pas pu être affichée. Réessayez dans un instant ; si l’erreur revient, signalez-la à la mairie.</p>
      {digest && (
        <p>
          Référence de l’erreur, à donner à la mairie : <strong className="font-mono">{digest}</strong>
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={retry} className="rounded bg-brand-800 px-4 py-2 font-medium text-white">
          Réessayer
        </button>
        {/* A full page load: after an error, start again from a fresh page. */}
        <a href={back.href} className="rounded border border-brand-800 px-4 py-2 font-medium text-brand-800">
          {back.label}
        </a>
      </div>
    </div>
  );
}
