import type { Metadata } from 'next';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { jobRunStatusLabel, jobsWithLastRuns } from '@/lib/jobs/staff-runs';
import { RunJobButton } from './run-job-button';

export const metadata: Metadata = { title: 'Tâches planifiées' };

const duration = (startedAt: Date, finishedAt: Date | null) =>
  finishedAt ? `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format((finishedAt.getTime() - startedAt.getTime()) / 1000)} s` : '—';

export default async function JobsPage() {
  const staff = await requireStaff();
  const jobs = await jobsWithLastRuns(await getDb());
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Tâches planifiées</h1>
      <p className="text-sm text-slate-700">
        Les tâches tournent seules selon leur horaire (heure de Paris). « Lancer maintenant » les exécute tout de suite ; elles peuvent être relancées sans
        risque : une seconde exécution ne trouve que ce qui reste à faire. Les tâches qui déplacent de l’argent sont réservées aux administrateurs.
      </p>
      {jobs.map((job) => (
        <section key={job.name} aria-labelledby={`tache-${job.name}`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id={`tache-${job.name}`} className="text-lg font-semibold">
            {job.name}
          </h2>
          <p>{job.description}</p>
          <p className="text-sm text-slate-700">
            Horaire (cron) : <code>{job.schedule}</code>
            {job.role === 'admin' ? ' · réservée aux administrateurs' : ''}
          </p>
          {(job.role === 'agent' || staff.role === 'admin') && <RunJobButton job={job.name} label={job.name} />}
          {job.runs.length === 0 ? (
            <p className="text-sm">Aucune exécution enregistrée.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <caption className="sr-only">Dernières exécutions de {job.name}</caption>
                <thead className="bg-slate-100 text-left">
                  <tr>
                    <th scope="col" className="px-3 py-2">Début</th>
                    <th scope="col" className="px-3 py-2">Déclenchement</th>
                    <th scope="col" className="px-3 py-2">Statut</th>
                    <th scope="col" className="px-3 py-2 text-right">Durée</th>
                    <th scope="col" className="px-3 py-2">Compte rendu ou erreur</th>
                  </tr>
                </thead>
                <tbody>
                  {job.runs.map((run) => (
                    <tr key={run.id} className="border-t border-slate-200 align-top">
                      <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(run.startedAt)}</td>
                      <td className="px-3 py-2">{run.trigger}</td>
                      <td className={`px-3 py-2 font-medium ${run.status === 'failed' ? 'text-red-800' : ''}`}>
                        {run.status === 'failed' ? '⚠ ' : ''}
                        {jobRunStatusLabel[run.status]}
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{duration(run.startedAt, run.finishedAt)}</td>
                      <td className="px-3 py-2">
                        <code className="text-xs break-all">{run.error ?? (run.report === null ? '—' : JSON.stringify(run.report))}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
