import { AppHeader } from '@/components/app-header';
import { familyTabs } from '@/components/portal-tabs';
import { requireGuardian } from '@/lib/auth/session';

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
