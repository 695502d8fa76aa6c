import type { Db } from '@/db/client';
import type { Clock, IsoDate } from '@/lib/clock';
import { deliverPendingEmails } from '@/lib/mail/deliver';
import { configuredTransport } from '@/lib/mail/transport';
import { recordJobRun } from './record';

export interface JobOptions {
  /** The business date to work on (nightly jobs); their default is the clock's. */
  date?: IsoDate;
}

export interface Job {
  /** Five-field cron expression, read in Europe/Paris (JOB_TIME_ZONE). */
  schedule: string;
  /** What the job is for, as the runner's usage lists it. */
  description: string;
  run(db: Db, clock: Clock, options: JobOptions): Promise<unknown>;
}

export const JOB_TIME_ZONE = 'Europe/Paris';

/**
 * Every scheduled job: the in-process scheduler, `npm run job` and the Inngest functions all run
 * them from here. A new job is one entry: its schedule and a call to its domain's service.
 */
export const jobs = {
  deliverEmails: {
    schedule: '* * * * *',
    description: 'envoie les e-mails en attente (boîte d’envoi), avec reprises',
    run: (db, clock) => deliverPendingEmails(db, configuredTransport(), clock),
  },
} satisfies Record<string, Job>;

export type JobName = keyof typeof jobs;

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobs, name);
}

/** Runs one job and records the run in `job_runs`; returns its report. */
export function runJob(db: Db, clock: Clock, name: JobName, { trigger, ...options }: JobOptions & { trigger: string }) {
  const job: Job = jobs[name];
  return recordJobRun(db, clock, { job: name, trigger }, () => job.run(db, clock, options));
}
