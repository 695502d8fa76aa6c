import type { Metadata } from 'next';
import Link from 'next/link';
import { AppHeader } from '@/components/app-header';
import { familyTabs, staffGroupsFor } from '@/components/portal-tabs';
import { PublicPage } from '@/components/public-page';
import { getCurrentUser } from '@/lib/auth/session';
import { homePath } from '@/lib/auth/types';

export const metadata: Metadata = { title: 'Page introuvable' };

const explanation = 'L’adresse demandée ne correspond à aucune page du portail : le lien est peut-être incomplet, ou la page n’existe plus.';

// Unknown addresses and notFound() land here, outside the family and staff layouts: draw the
// header of the person's own area again, so the page looks like the rest of the portal.
export default async function NotFound() {
  const user = await getCurrentUser();
  if (!user) {
    return (
      <PublicPage title="Page introuvable">
        <p className="text-sm text-slate-700">{explanation}</p>
        <Link href="/connexion" className="text-sm text-brand-800 underline">
          Aller à la connexion
        </Link>
      </PublicPage>
    );
  }
  const family = user.role === 'family';
  return (
    <>
      <AppHeader
        title={family ? `Compte Famille · ${user.familyName}` : 'Compte Famille · Mairie'}
        personName={family ? `${user.lastName} ${user.firstName}` : `${user.lastName} ${user.firstName} (${user.role === 'admin' ? 'administrateur' : 'agent'})`}
        {...(family ? { tabs: familyTabs } : { groups: staffGroupsFor(user.role === 'admin' ? 'admin' : 'agent') })}
        navLabel={family ? 'Compte famille' : 'Espace mairie'}
      />
      <main id="contenu" className="mx-auto max-w-5xl space-y-4 px-4 py-6">
        <h1 className="text-2xl font-bold">Page introuvable</h1>
        <p>{explanation}</p>
        <Link href={homePath(user.role)} className="inline-block text-brand-800 underline">
          {family ? 'Retour à l’accueil' : 'Retour au tableau de bord'}
        </Link>
      </main>
    </>
  );
}
