import { PrintButton } from './print-button';

/**
 * The letter staff print for a guardian without e-mail: their login and the one-time link. Shown
 * once, after the action that made the link; printed alone (see the print stylesheet).
 */
export function AccessLetter({ letter, town, activation }: { letter: { name: string; login: string; link: string; validUntil: string }; town: string; activation: boolean }) {
  return (
    <div className="space-y-3">
      <PrintButton />
      <article aria-label={`Lettre pour ${letter.name}`} className="access-letter space-y-3 rounded-lg border border-slate-300 bg-white p-4 text-sm">
        <p className="font-semibold">{town} · Compte Famille</p>
        <p>{letter.name}</p>
        <p>Madame, Monsieur,</p>
        <p>
          {activation
            ? 'La mairie a créé votre accès au Compte Famille. Pour l’activer, ouvrez le lien ci-dessous et choisissez votre mot de passe.'
            : 'Voici un lien pour choisir un nouveau mot de passe pour votre Compte Famille.'}{' '}
          Ce lien ne sert qu’une fois et reste valable jusqu’au {letter.validUntil}.
        </p>
        <dl className="grid gap-1 sm:grid-cols-[auto_1fr] sm:gap-x-3">
          <dt className="font-semibold">Identifiant</dt>
          <dd className="font-mono">{letter.login}</dd>
          <dt className="font-semibold">Lien</dt>
          <dd className="font-mono text-xs break-all">{letter.link}</dd>
        </dl>
        <p>Ensuite, connectez-vous avec votre identifiant et votre mot de passe.</p>
      </article>
    </div>
  );
}
