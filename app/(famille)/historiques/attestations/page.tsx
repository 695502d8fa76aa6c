import type { Metadata } from 'next';
import Link from 'next/link';
import { Euros } from '@/components/money';
import { Notice } from '@/components/notice';
import { TableRegion } from '@/components/table-region';
import { getDb } from '@/db';
import { familyAttestations } from '@/lib/attestations/childcare-fees';
import { CHILDCARE_SERVICE, MEALS_EXCLUDED } from '@/lib/attestations/pdf';
import { attestationYears, selectAttestationYear } from '@/lib/attestations/rules';
import { requireGuardian } from '@/lib/auth/session';
import { appClock, parisToday } from '@/lib/clock';
import { formatDate } from '@/lib/format';
import { townName } from '@/lib/town';

export const metadata: Metadata = { title: 'Attestations de frais de garde' };

const cell = 'px-3 py-2';

export default async function ChildcareAttestationsPage({ searchParams }: { searchParams: Promise<{ annee?: string | string[] }> }) {
  const guardian = await requireGuardian();
  const clock = appClock();
  const today = parisToday(clock);
  const { year, notice } = selectAttestationYear((await searchParams).annee, today);
  const attestations = await familyAttestations(await getDb(), clock, guardian.familyId, year);

  return (
    <div className="space-y-5">
      <p className="no-print">
        <Link href="/historiques" className="text-brand-800 underline">← Historiques</Link>
      </p>
      <h1 className="text-2xl font-bold">Attestations de frais de garde</h1>
      <div className="max-w-3xl space-y-2">
        <p>
          Pour le crédit d’impôt des frais de garde, {townName()} atteste, pour chaque enfant de moins de 6 ans au 1er janvier de l’année, ce que vous avez
          payé au service {CHILDCARE_SERVICE}.
        </p>
        <p>
          Le montant attesté est celui des consommations de l’enfant datées de l’année, débitées de vos porte-monnaie et couvertes par vos règlements
          (les plus anciennes consommations sont réglées en premier) à la date d’émission. {MEALS_EXCLUDED}
        </p>
      </div>
      {notice && <Notice>{notice}</Notice>}

      <form method="get" action="/historiques/attestations" className="no-print flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="annee" className="mb-1 block font-medium">Année</label>
          <select id="annee" name="annee" defaultValue={String(year)} className="rounded-md border border-slate-400 bg-white px-3 py-2">
            {attestationYears(today).map((choice) => (
              <option key={choice} value={choice}>{choice}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-800 px-4 py-2 font-semibold text-white hover:bg-brand-700">Afficher</button>
      </form>

      <section aria-labelledby="annee-affichee" className="space-y-3">
        <h2 id="annee-affichee" className="text-lg font-semibold">Année {year}</h2>
        {attestations.length === 0 ? (
          <p>Aucun enfant de moins de 6 ans au 1er janvier {year} : pas d’attestation pour cette année.</p>
        ) : (
          <TableRegion label={`Attestations de l’année ${year}`}>
            <table className="w-full text-sm">
              <caption className="sr-only">Attestations de frais de garde de l’année {year}</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className={cell}>Enfant</th>
                  <th scope="col" className={`${cell} text-right`}>Montant payé</th>
                  <th scope="col" className={cell}>Attestation</th>
                </tr>
              </thead>
              <tbody>
                {attestations.map(({ child, totalCents, uncoveredCents }) => {
                  const name = `${child.lastName} ${child.firstName}`;
                  return (
                    <tr key={child.id} className="border-t border-slate-200 align-top">
                      <th scope="row" className={`${cell} text-left font-medium`}>
                        {name}
                        <span className="block text-xs font-normal">né(e) le {formatDate(child.birthDate)}</span>
                      </th>
                      <td className={`${cell} text-right`}>
                        <Euros cents={totalCents} />
                        {uncoveredCents > 0 && (
                          <span className="block text-xs">
                            non couvert par vos règlements, non attesté : <Euros cents={uncoveredCents} />
                          </span>
                        )}
                      </td>
                      <td className={cell}>
                        {totalCents > 0 ? (
                          <a href={`/historiques/attestations/${child.id}?annee=${year}`} download className="text-brand-800 underline">
                            Télécharger l’attestation (PDF)<span className="sr-only"> de {name} pour {year}</span>
                          </a>
                        ) : (
                          <span>Aucun montant payé en {year}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
        )}
        <p className="text-sm">Les enfants de 6 ans ou plus au 1er janvier {year} n’ont pas d’attestation pour cette année.</p>
      </section>
    </div>
  );
}
