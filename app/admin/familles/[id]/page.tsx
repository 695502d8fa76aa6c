import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Notice } from '@/components/notice';
import { WalletBalancesTable } from '@/components/wallet-balances-table';
import { getDb } from '@/db';
import { familyAttestations } from '@/lib/attestations/childcare-fees';
import { attestationYears, selectAttestationYear } from '@/lib/attestations/rules';
import { requireStaff } from '@/lib/auth/session';
import { appClock, parisToday } from '@/lib/clock';
import { familyDetails } from '@/lib/families/details';
import { QUOTIENT_SOURCES, quotientInForce } from '@/lib/families/quotient-rules';
import { familyQuotientHistory } from '@/lib/families/quotients';
import { formatDate, formatDateTime, formatEuros } from '@/lib/format';
import { queryId } from '@/lib/query-params';
import { townName } from '@/lib/town';
import { AccessLinkForm, AccountActiveForm, ChildForm, DeleteQuotientForm, FamilyForm, GuardianForm, NewChildForm, NewGuardianForm, QuotientForm } from './forms';

export const metadata: Metadata = { title: 'Famille' };

const details = 'rounded-lg border border-slate-200 bg-white p-4 [&_summary]:cursor-pointer [&_summary]:font-semibold [&_summary]:text-brand-800';

export default async function FamilyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams?: Promise<{ cree?: string | string[]; annee?: string | string[] }> }) {
  await requireStaff();
  const id = queryId((await params).id);
  if (id === null) notFound();
  const db = await getDb();
  const [family, quotients] = await Promise.all([familyDetails(db, id), familyQuotientHistory(db, id)]);
  if (!family) notFound();
  const query = await searchParams;
  const created = query?.cree === '1';
  const clock = appClock();
  const today = parisToday(clock);
  const current = quotientInForce(quotients, today);
  const attestationYear = selectAttestationYear(query?.annee, today);
  const attestations = await familyAttestations(db, clock, family.id, attestationYear.year);
  const town = townName();
  return (
    <div className="space-y-6">
      <p className="no-print">
        <Link href="/admin/familles" className="text-brand-800 underline">← Familles</Link>
      </p>
      <h1 className="text-2xl font-bold">
        Famille {family.name} <span className="text-base font-normal text-slate-700">({family.identifier})</span>
      </h1>
      {created && <Notice tone="success">La famille est créée. Ajoutez ses responsables et ses enfants.</Notice>}
      {family.address && <p>{family.address}</p>}
      <details className={`${details} no-print`}>
        <summary>Modifier la famille</summary>
        <div className="mt-3">
          <FamilyForm familyId={family.id} name={family.name} address={family.address} />
        </div>
      </details>

      <section aria-labelledby="responsables" className="space-y-3">
        <h2 id="responsables" className="text-lg font-semibold">Responsables</h2>
        {family.guardians.length === 0 && <p>Aucun responsable pour l’instant.</p>}
        {family.guardians.map((guardian) => {
          const name = `${guardian.lastName} ${guardian.firstName}`;
          return (
            <div key={guardian.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <p className="font-semibold">
                {name} {guardian.isPayer && <span className="text-sm font-normal">(payeur)</span>}{' '}
                <span className={`ml-1 rounded px-2 py-0.5 text-sm font-normal ${guardian.active ? 'bg-green-50 text-green-900' : 'bg-red-50 text-red-900'}`}>
                  {guardian.active ? 'Compte actif' : 'Compte désactivé'}
                </span>
              </p>
              <p className="text-sm">
                Identifiant : {guardian.login} · E-mail : {guardian.email ?? 'non renseigné'} · Téléphone : {guardian.phone ?? 'non renseigné'}
              </p>
              <div className="flex flex-wrap items-start gap-3">
                {guardian.active && <AccessLinkForm userId={guardian.id} name={name} town={town} />}
                <AccountActiveForm familyId={family.id} userId={guardian.id} name={name} active={guardian.active} />
              </div>
              <details className="no-print [&_summary]:cursor-pointer [&_summary]:font-semibold [&_summary]:text-brand-800">
                <summary>
                  Modifier<span className="sr-only"> {name}</span>
                </summary>
                <div className="mt-3">
                  <GuardianForm familyId={family.id} guardian={guardian} />
                </div>
              </details>
            </div>
          );
        })}
        <section aria-labelledby="ajouter-responsable" className="rounded-lg border border-slate-200 bg-white p-4">
          <h3 id="ajouter-responsable" className="no-print mb-3 font-semibold">Ajouter un responsable</h3>
          <NewGuardianForm familyId={family.id} town={town} />
        </section>
      </section>

      <section aria-labelledby="enfants" className="space-y-3">
        <h2 id="enfants" className="text-lg font-semibold">Enfants</h2>
        {family.children.length === 0 ? (
          <p>Aucun enfant pour l’instant.</p>
        ) : (
          <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-sm">
              <caption className="sr-only">Enfants de la famille</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2">Nom</th>
                  <th scope="col" className="px-3 py-2">Prénom</th>
                  <th scope="col" className="px-3 py-2">Date de naissance</th>
                  <th scope="col" className="no-print px-3 py-2">Modifier</th>
                </tr>
              </thead>
              <tbody>
                {family.children.map((child) => (
                  <tr key={child.id} className="border-t border-slate-200 align-top">
                    <th scope="row" className="px-3 py-2 text-left font-medium">{child.lastName}</th>
                    <td className="px-3 py-2">{child.firstName}</td>
                    <td className="px-3 py-2">{formatDate(child.birthDate)}</td>
                    <td className="no-print px-3 py-2">
                      <details className="[&_summary]:cursor-pointer [&_summary]:text-brand-800 [&_summary]:underline">
                        <summary>
                          Modifier<span className="sr-only"> {child.firstName}</span>
                        </summary>
                        <div className="mt-3 min-w-64">
                          <ChildForm familyId={family.id} child={child} />
                        </div>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <section aria-labelledby="ajouter-enfant" className="no-print rounded-lg border border-slate-200 bg-white p-4">
          <h3 id="ajouter-enfant" className="mb-3 font-semibold">Ajouter un enfant</h3>
          <NewChildForm familyId={family.id} familyName={family.name} />
        </section>
      </section>

      <section aria-labelledby="quotient-familial" className="space-y-3">
        <h2 id="quotient-familial" className="text-lg font-semibold">Quotient familial</h2>
        <p>
          {current ? (
            <>
              En vigueur aujourd’hui : <strong>{current.quotient}</strong> ({QUOTIENT_SOURCES[current.source]}, valable du {formatDate(current.validFrom)} au {formatDate(current.validTo)}).
            </>
          ) : (
            'Aucun quotient familial en vigueur aujourd’hui : la famille paie le tarif de chaque activité.'
          )}
        </p>
        {quotients.length > 0 && (
          <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-sm">
              <caption className="sr-only">Quotients familiaux enregistrés</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2 text-right">Quotient familial</th>
                  <th scope="col" className="px-3 py-2">Valable du</th>
                  <th scope="col" className="px-3 py-2">Valable au</th>
                  <th scope="col" className="px-3 py-2">Justificatif</th>
                  <th scope="col" className="px-3 py-2">Enregistré</th>
                  <th scope="col" className="no-print px-3 py-2">Supprimer</th>
                </tr>
              </thead>
              <tbody>
                {quotients.map((quotient) => {
                  const label = `${quotient.quotient} du ${formatDate(quotient.validFrom)} au ${formatDate(quotient.validTo)}`;
                  return (
                    <tr key={quotient.id} className="border-t border-slate-200 align-top">
                      <th scope="row" className="px-3 py-2 text-right font-medium tabular-nums">{quotient.quotient}</th>
                      <td className="px-3 py-2 whitespace-nowrap">{formatDate(quotient.validFrom)}</td>
                      <td className="px-3 py-2 whitespace-nowrap">{formatDate(quotient.validTo)}</td>
                      <td className="px-3 py-2">{QUOTIENT_SOURCES[quotient.source]}</td>
                      <td className="px-3 py-2">
                        {formatDateTime(quotient.recordedAt)}
                        {quotient.recordedByLastName && ` par ${quotient.recordedByFirstName} ${quotient.recordedByLastName}`}
                      </td>
                      <td className="no-print px-3 py-2">
                        <DeleteQuotientForm familyId={family.id} quotientId={quotient.id} label={label} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <section aria-labelledby="enregistrer-quotient" className="no-print rounded-lg border border-slate-200 bg-white p-4">
          <h3 id="enregistrer-quotient" className="mb-3 font-semibold">Enregistrer un quotient familial</h3>
          <p className="mb-3 text-sm text-slate-700">
            Le tarif d’un jour est fixé quand la famille valide sa demande : un nouveau quotient vaut pour les demandes validées ensuite, jamais pour les consommations passées.
          </p>
          <QuotientForm familyId={family.id} />
        </section>
      </section>

      <section aria-labelledby="porte-monnaie">
        <h2 id="porte-monnaie" className="mb-2 text-lg font-semibold">Porte-monnaie</h2>
        <div className="max-w-lg">
          <WalletBalancesTable wallets={family.wallets} />
        </div>
        <p className="mt-2">
          <Link href={`/admin/reglements/famille/${family.id}`} className="text-brand-800 underline">Règlements, régularisations et relevé</Link>
        </p>
      </section>

      <section aria-labelledby="attestations" className="no-print space-y-3">
        <h2 id="attestations" className="text-lg font-semibold">Attestations de frais de garde</h2>
        <form method="get" action={`/admin/familles/${family.id}#attestations`} className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="attestation-annee" className="mb-1 block font-medium">Année</label>
            <select id="attestation-annee" name="annee" defaultValue={String(attestationYear.year)} className="rounded-md border border-slate-400 bg-white px-3 py-2">
              {attestationYears(today).map((choice) => (
                <option key={choice} value={choice}>{choice}</option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-md bg-brand-800 px-4 py-2 font-semibold text-white">Afficher</button>
        </form>
        {attestationYear.notice && <Notice>{attestationYear.notice}</Notice>}
        {attestations.length === 0 ? (
          <p>Aucun enfant de moins de 6 ans au 1er janvier {attestationYear.year}.</p>
        ) : (
          <ul className="list-disc space-y-1 pl-6">
            {attestations.map(({ child, totalCents }) => (
              <li key={child.id}>
                {child.lastName} {child.firstName} : {formatEuros(totalCents)} payés en {attestationYear.year}
                {totalCents > 0 ? (
                  <>
                    {' — '}
                    <a href={`/admin/familles/${family.id}/attestations/${child.id}?annee=${attestationYear.year}`} download className="text-brand-800 underline">
                      Télécharger l’attestation (PDF)<span className="sr-only"> de {child.firstName}</span>
                    </a>
                  </>
                ) : (
                  ' — pas d’attestation'
                )}
              </li>
            ))}
          </ul>
        )}
        <p className="text-sm">
          Toutes les attestations d’une année : <Link href="/admin/exports#attestations" className="text-brand-800 underline">Exports</Link>.
        </p>
      </section>
    </div>
  );
}
