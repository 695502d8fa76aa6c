import { AppHeader } from '@/components/app-header';
import { requireGuardian } from '@/lib/auth/session';

// The guide's tabs; a tab appears once its page exists.
const familyTabs = [
  { href: '/accueil', label: 'Accueil' },
  { href: '/historiques', label: 'Historiques' },
  { href: '/soldes', label: 'Soldes et paiements' },
  { href: '/reservations', label: 'Réservations' },
  { href: '/suivi', label: 'Suivi' },
  { href: '/profil', label: 'Profil' },
];

export default async function FamilyLayout({ children }: { children: React.ReactNode }) {
  const guardian = await requireGuardian();
  return (
    <>
      <AppHeader
        title={`Compte Famille · ${guardian.familyName}`}
        personName={`${guardian.lastName} ${guardian.firstName}`}
        tabs={familyTabs}
        navLabel="Compte famille"
      />
      <main id="contenu" className="mx-auto max-w-5xl px-4 py-6">
        {/* The header is not printed: a printed page still says whose account it is. */}
        <p className="mb-4 hidden print:block">
          Compte Famille · Famille {guardian.familyName}
        </p>
        {children}
      </main>
    </>
  );
}
