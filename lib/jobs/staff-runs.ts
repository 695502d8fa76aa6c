import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { jobRuns } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { StaffMember } from '@/lib/auth/session';
import type { Clock } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';
import { jobs, runJob, type JobName } from './registry';

/**
 * Who may start a job from the staff page. Jobs that move money (debiting wallets, crediting card
 * payments) are for admins; the others are safe for any agent to run again. A new job must be
 * given a role here (the type requires it).
 */
export const jobStaffRole: Record<JobName, 'agent' | 'admin'> = {
  deliverEmails: 'agent',
  transmitRequests: 'agent',
  promoteWaitingLists: 'agent',
  postConsumptions: 'admin',
  sendDailyReports: 'agent',
  reconcilePayments: 'admin',
};

export const jobRunStatusLabel = { running: 'En cours', succeeded: 'Réussie', failed: 'Échec' } as const;

/** Each job of the registry with its schedule, what it is for, who may start it and its last runs, newest first. */
export async function jobsWithLastRuns(db: Db, runsPerJob = 5) {
  return Promise.all(
    (Object.keys(jobs) as JobName[]).map(async (name) => ({
      name,
      schedule: jobs[name].schedule,
      description: jobs[name].description,
      role: jobStaffRole[name],
      runs: await db.select().from(jobRuns).where(eq(jobRuns.job, name)).orderBy(desc(jobRuns.startedAt), desc(jobRuns.id)).limit(runsPerJob),
    })),
  );
}

/**
 * Runs a job now for a staff member ("Lancer maintenant"): the start is in the audit log with the
 * actor, the run in `job_runs` (trigger `staff`) with its report or its error. Jobs are idempotent,
 * so a second click only finds less to do.
 */
export async function runJobForStaff(db: Db, clock: Clock, staff: StaffMember, name: JobName): Promise<Result<unknown>> {
  if (jobStaffRole[name] === 'admin' && staff.role !== 'admin') return refused('Cette tâche déplace de l’argent : seul un administrateur peut la lancer.');
  await recordAudit(db, clock, staff, { action: 'job.run', entityType: 'job', entityId: name, details: { trigger: 'staff' } });
  try {
    return ok(await runJob(db, clock, name, { trigger: 'staff' }));
  } catch (error) {
    return refused(`La tâche a échoué : ${error instanceof Error ? error.message : String(error)}`);
  }
}
