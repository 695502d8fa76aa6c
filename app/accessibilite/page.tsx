import type { Metadata } from 'next';
import { InformationPage } from '@/components/information-page';
import { formatLongDate } from '@/lib/format';
import { townAddress, townContactEmail, townName } from '@/lib/town';

export const metadata: Metadata = { title: 'Déclaration d’accessibilité' };

// Change these when an audit is made: until then the portal is « partiellement conforme ».
const STATEMENT_DATE = '2026-11-27';
const PAGES_CHECKED = [
  'Connexion, Mot de passe oublié',
  'Accueil',
  'Historiques et Historiques des règlements',
  'Soldes et paiements',
  'Réservations : calendrier, récapitulatif de vos demandes et résultat',
  'Suivi',
  'Profil, modification du mot de passe et de l’adresse e-mail, vérification en deux étapes',
  'Accessibilité, Mentions légales, Données personnelles',
];

export default function AccessibilityPage() {
  const town = townName();
  return (
    <InformationPage title="Déclaration d’accessibilité">
      <p>
        La {town.replace(/^Mairie/, 'mairie')} s’engage à rendre ses services en ligne accessibles, conformément à l’article 47 de la loi
        n° 2005-102 du 11 février 2005. Cette déclaration s’applique au portail Compte Famille.
      </p>
      <section>
        <h2>État de conformité</h2>
        <p>
          Le portail Compte Famille est <strong>partiellement conforme</strong> avec le référentiel général d’amélioration de
          l’accessibilité (RGAA), version 4.1. Aucun audit de conformité complet n’a encore été réalisé : le portail restera déclaré
          partiellement conforme tant qu’un audit n’en aura pas décidé autrement.
        </p>
      </section>
      <section>
        <h2>Établissement de cette déclaration</h2>
        <p>Cette déclaration a été établie le {formatLongDate(STATEMENT_DATE)}, à partir des vérifications faites pendant le développement :</p>
        <ul>
          <li>un contrôle automatique (axe-core) de chaque page, sur ordinateur et sur un écran de téléphone de 360 pixels ;</li>
          <li>la navigation au clavier, le lien d’évitement « Aller au contenu », les libellés des formulaires, les tableaux avec en-têtes ;</li>
          <li>le code couleur du calendrier, toujours doublé d’un texte et d’une icône.</li>
        </ul>
        <p>Pages vérifiées :</p>
        <ul>
          {PAGES_CHECKED.map((page) => (
            <li key={page}>{page}</li>
          ))}
        </ul>
      </section>
      <section>
        <h2>Contenus non accessibles</h2>
        <ul>
          <li>Le portail n’a pas encore été testé avec des lecteurs d’écran par des personnes qui les utilisent au quotidien.</li>
          <li>
            Les contrôles automatiques ne couvrent pas tous les critères du RGAA (pertinence des textes alternatifs et des intitulés, ordre
            de lecture, restitution des messages dynamiques) : ces critères n’ont pas été vérifiés un par un.
          </li>
          <li>Les e-mails envoyés par le portail et les pages imprimées n’ont pas été vérifiés.</li>
          <li>L’espace réservé aux agents de la mairie n’a fait l’objet que du contrôle automatique.</li>
        </ul>
      </section>
      <section>
        <h2>Signaler un problème</h2>
        <p>
          Si vous n’arrivez pas à accéder à un contenu ou à un service du portail, écrivez-nous : nous vous orienterons vers une
          alternative accessible ou vous fournirons le contenu sous une autre forme.
        </p>
        <ul>
          <li>
            par e-mail : <a href={`mailto:${townContactEmail()}`} className="text-brand-800 underline">{townContactEmail()}</a>
          </li>
          <li>par courrier : {town}, {townAddress()}</li>
        </ul>
      </section>
      <section>
        <h2>Voies de recours</h2>
        <p>
          Si vous nous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service et que vous
          n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits : par son formulaire en ligne
          (defenseurdesdroits.fr), auprès de l’un de ses délégués dans votre région, ou par courrier gratuit, sans timbre, à
          « Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07 ».
        </p>
      </section>
    </InformationPage>
  );
}
