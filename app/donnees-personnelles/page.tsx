import type { Metadata } from 'next';
import { InformationPage } from '@/components/information-page';
import { dpoEmail, townAddress, townName } from '@/lib/town';

export const metadata: Metadata = { title: 'Données personnelles' };

// Set by the town; change them here when its register of processing activities says otherwise.
const KEPT = [
  {
    what: 'Identité et coordonnées des responsables (nom, prénom, identifiant, adresse e-mail, téléphone)',
    howLong: 'tant que la famille est inscrite aux services, puis un an après la dernière prestation',
  },
  {
    what: 'Enfants : nom, prénom et date de naissance (qui décide des activités ouvertes à chaque âge)',
    howLong: 'tant que l’enfant est inscrit aux services, puis un an après la dernière prestation',
  },
  { what: 'Réservations, listes d’attente et présences', howLong: 'cinq ans' },
  { what: 'Consommations, porte-monnaie et règlements (pièces comptables)', howLong: 'dix ans, durée de conservation des pièces comptables publiques' },
  { what: 'Journaux de connexion et journal des modifications (qui a fait quoi, quand)', howLong: 'un an' },
  { what: 'E-mails envoyés par le portail', howLong: 'un an' },
];

export default function PersonalDataPage() {
  const town = townName().replace(/^Mairie/, 'mairie');
  const dpo = dpoEmail();
  return (
    <InformationPage title="Données personnelles">
      <section>
        <h2>Responsable du traitement</h2>
        <p>
          La {town}, {townAddress()}, traite les données personnelles du portail Compte Famille. Son délégué à la protection des
          données (DPO) répond à vos questions :{' '}
          <a href={`mailto:${dpo}`} className="text-brand-800 underline">
            {dpo}
          </a>
          .
        </p>
      </section>
      <section>
        <h2>Pourquoi</h2>
        <p>
          Pour l’exécution d’une mission de service public (article 6.1.e du RGPD) : l’inscription des enfants aux services de la
          commune (restauration scolaire, périscolaire, accueils de loisirs), les réservations, le suivi des présences, la facturation
          et l’encaissement des règlements, et la sécurité des comptes. Les données ne sont ni vendues, ni utilisées à des fins
          commerciales, ni transférées hors de l’Union européenne par la mairie.
        </p>
        <p>
          Elles sont lues par les agents habilités de la mairie, par le comptable public pour les règlements, et par les prestataires
          techniques qui hébergent le portail et acheminent ses e-mails, pour ce seul usage.
        </p>
      </section>
      <section>
        <h2>Ce qui est conservé, et combien de temps</h2>
        <p>Ces durées sont fixées par la mairie ; à leur terme, les données sont supprimées ou rendues anonymes.</p>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Données conservées et durée de conservation</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-4">
                  Données
                </th>
                <th scope="col" className="py-2">
                  Durée de conservation
                </th>
              </tr>
            </thead>
            <tbody>
              {KEPT.map((row) => (
                <tr key={row.what} className="border-b border-slate-200 align-top">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {row.what}
                  </th>
                  <td className="py-2">{row.howLong}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2>Vos droits</h2>
        <ul>
          <li>droit d’accès : savoir quelles données sont conservées sur vous et vos enfants, et en obtenir une copie ;</li>
          <li>droit de rectification : faire corriger une donnée inexacte (vous pouvez modifier vous-même votre adresse e-mail dans Profil) ;</li>
          <li>
            droit à l’effacement, lorsqu’il s’applique : il ne vaut pas pour les données que la mairie doit garder pour sa mission ou
            ses obligations légales, comme les pièces comptables ;
          </li>
          <li>droit à la limitation du traitement ;</li>
          <li>droit d’opposition, pour des raisons tenant à votre situation particulière.</li>
        </ul>
        <p>
          Pour les exercer, écrivez au délégué à la protection des données à{' '}
          <a href={`mailto:${dpo}`} className="text-brand-800 underline">
            {dpo}
          </a>{' '}
          ou par courrier à la {town}, {townAddress()}. Une réponse vous est donnée dans un délai d’un mois.
        </p>
        <p>
          Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL (cnil.fr, ou par courrier :
          CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris CEDEX 07).
        </p>
      </section>
      <section>
        <h2>Cookies</h2>
        <p>
          Le portail n’utilise que des cookies strictement nécessaires : le cookie de session, qui vous garde connecté, et, pendant la
          connexion, les cookies techniques qui la protègent (jeton anti-falsification, page de retour). Aucun cookie de mesure
          d’audience, de publicité ou de réseau social n’est déposé. Ces cookies étant indispensables au service, la loi ne demande pas
          votre consentement : c’est pourquoi aucun bandeau ne vous le demande.
        </p>
      </section>
    </InformationPage>
  );
}
