import type { Metadata } from 'next';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { addMonths, firstDayOf, lastDayOf, monthOf } from '@/lib/calendar/months';
import { appClock, parisToday } from '@/lib/clock';
import { attestationYears } from '@/lib/attestations/rules';
import { activityChoices } from '@/lib/reservations/day-export';

export const metadata: Metadata = { title: 'Exports CSV' };

const box = 'space-y-3 rounded-lg border border-slate-200 bg-white p-4';
const input = 'rounded-md border border-slate-400 px-3 py-2';
const button = 'rounded-md bg-brand-800 px-4 py-2 font-semibold text-white';

// Plain GET forms: the browser downloads the file the route handler answers.
export default async function ExportsPage() {
  await requireStaff();
  const today = parisToday(appClock());
  const lastMonth = addMonths(monthOf(today), -1);
  const activities = await activityChoices(await getDb());
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Exports CSV</h1>
      <p className="text-sm">Fichiers pour Excel : séparateur « ; », montants avec une virgule, dates JJ/MM/AAAA.</p>
      <form method="get" action="/admin/exports/reservations" className={box}>
        <h2 className="text-lg font-semibold">Réservations d’un jour</h2>
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="export-date" className="mb-1 block font-medium">Jour</label>
            <input id="export-date" name="date" type="date" required defaultValue={today} className={input} />
          </div>
          <div>
            <label htmlFor="export-activite" className="mb-1 block font-medium">Activité</label>
            <select id="export-activite" name="activite" className={input}>
              <option value="">Toutes</option>
              {activities.map((activity) => (
                <option key={activity.id} value={activity.id}>{activity.name}</option>
              ))}
            </select>
          </div>
          <button type="submit" className={button}>Télécharger</button>
        </div>
      </form>
      <form method="get" action="/admin/exports/consommations" className={box}>
        <h2 className="text-lg font-semibold">Consommations d’un mois</h2>
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="export-mois" className="mb-1 block font-medium">Mois</label>
            <input id="export-mois" name="mois" type="month" required defaultValue={lastMonth} className={input} />
          </div>
          <button type="submit" className={button}>Télécharger</button>
        </div>
      </form>
      <form method="get" action="/admin/exports/reglements" className={box}>
        <h2 className="text-lg font-semibold">Règlements d’une période</h2>
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="export-du" className="mb-1 block font-medium">Du</label>
            <input id="export-du" name="du" type="date" required defaultValue={firstDayOf(lastMonth)} className={input} />
          </div>
          <div>
            <label htmlFor="export-au" className="mb-1 block font-medium">Au (inclus)</label>
            <input id="export-au" name="au" type="date" required defaultValue={lastDayOf(lastMonth)} className={input} />
          </div>
          <button type="submit" className={button}>Télécharger</button>
        </div>
      </form>
      <form method="get" action="/admin/exports/attestations" className={box} aria-labelledby="attestations">
        <h2 id="attestations" className="text-lg font-semibold">Attestations de frais de garde d’une année</h2>
        <p className="text-sm">Un fichier ZIP : une attestation PDF par enfant de moins de 6 ans au 1er janvier ayant un montant payé, comme la famille la télécharge.</p>
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="export-annee" className="mb-1 block font-medium">Année</label>
            <select id="export-annee" name="annee" defaultValue={String(attestationYears(today)[1])} className={input}>
              {attestationYears(today).map((year) => (
                <option key={year} value={year}>{year}</option>
              ))}
            </select>
          </div>
          <button type="submit" className={button}>Télécharger</button>
        </div>
      </form>
    </div>
  );
}
