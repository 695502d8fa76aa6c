import type { Metadata } from 'next';
import Link from 'next/link';
import { InformationPage } from '@/components/information-page';
import { hostingProvider, publicationDirector, townAddress, townContactEmail, townName } from '@/lib/town';

export const metadata: Metadata = { title: 'Mentions légales' };

export default function LegalNoticePage() {
  return (
    <InformationPage title="Mentions légales">
      <section>
        <h2>Éditeur</h2>
        <p>
          Le portail Compte Famille est édité par la {townName().replace(/^Mairie/, 'mairie')}, {townAddress()}. Contact :{' '}
          <a href={`mailto:${townContactEmail()}`} className="text-brand-800 underline">
            {townContactEmail()}
          </a>
          .
        </p>
      </section>
      <section>
        <h2>Directeur de la publication</h2>
        <p>{publicationDirector()}</p>
      </section>
      <section>
        <h2>Hébergement</h2>
        <p>{hostingProvider()}</p>
      </section>
      <section>
        <h2>Données personnelles et cookies</h2>
        <p>
          Ce que le portail conserve sur les familles, pourquoi, combien de temps et comment exercer vos droits :{' '}
          <Link href="/donnees-personnelles" className="text-brand-800 underline">
            Données personnelles
          </Link>
          .
        </p>
      </section>
      <section>
        <h2>Accessibilité</h2>
        <p>
          Le portail est partiellement conforme au RGAA :{' '}
          <Link href="/accessibilite" className="text-brand-800 underline">
            Déclaration d’accessibilité
          </Link>
          .
        </p>
      </section>
    </InformationPage>
  );
}
