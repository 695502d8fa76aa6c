import Link from 'next/link';

/** A person's own details on their Profil page (family or staff), with the state of their second factor. */
export function ProfileDetails({
  profile,
  secondFactor,
  securityHref,
  manageLabel,
  showPhone = false,
  className = '',
}: {
  profile: { firstName: string; lastName: string; login: string; email: string | null; phone?: string | null };
  secondFactor: boolean;
  securityHref: string;
  /** What the link says once the second factor is on. */
  manageLabel: string;
  /** Families give the town a phone number; staff do not. */
  showPhone?: boolean;
  className?: string;
}) {
  return (
    <dl className={`grid grid-cols-1 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[auto_1fr] ${className}`}>
      <dt className="font-medium text-slate-700">Nom</dt>
      <dd>
        {profile.lastName} {profile.firstName}
      </dd>
      <dt className="font-medium text-slate-700">Identifiant</dt>
      <dd>{profile.login}</dd>
      <dt className="font-medium text-slate-700">Adresse e-mail</dt>
      <dd>{profile.email ?? 'Non renseignée'}</dd>
      {showPhone && (
        <>
          <dt className="font-medium text-slate-700">Téléphone</dt>
          <dd>{profile.phone ?? 'Non renseigné'}</dd>
        </>
      )}
      <dt className="font-medium text-slate-700">Vérification en deux étapes</dt>
      <dd>
        {secondFactor ? 'Activée' : 'Non activée'} ·{' '}
        <Link href={securityHref} className="text-brand-800 underline">
          {secondFactor ? manageLabel : 'Activer la vérification en deux étapes'}
        </Link>
      </dd>
    </dl>
  );
}
