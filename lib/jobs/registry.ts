import type { Db } from '@/db/client';
import type { Clock, IsoDate } from '@/lib/clock';
import { deliverPendingEmails } from '@/lib/mail/deliver';
import { configuredTransport } from '@/lib/mail/transport';
import { configuredGateway } from '@/lib/payments/configured-gateway';
import { reconcilePayments } from '@/lib/payments/reconcile';
import { sendDailyReports } from '@/lib/reservations/daily-report';
import { transmitRequests } from '@/lib/reservations/transmit';
import { promoteWaitingLists } from '@/lib/reservations/waiting-list';
import { postConsumptions } from '@/lib/wallets/post-consumptions';
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
  transmitRequests: {
    schedule: '30 23 * * *',
    description: 'transmet les demandes « Non transmis » des activités en validation automatique (« Réservée »)',
    run: (db, clock) => transmitRequests(db, clock),
  },
  promoteWaitingLists: {
    schedule: '45 23 * * *',
    description: 'donne les places libérées aux listes d’attente, dans l’ordre des rangs, et prévient les familles',
    run: (db, clock) => promoteWaitingLists(db, clock),
  },
  postConsumptions: {
    schedule: '30 0 * * *',
    description: 'passe en consommations les jours réservés passés, et les débite des porte-monnaie une seule fois',
    run: (db, clock) => postConsumptions(db, clock),
  },
  sendDailyReports: {
    schedule: '0 7 * * *',
    description: 'envoie le « Compte-rendu de vos réservations » aux familles dont des demandes ont changé',
    run: (db, clock) => sendDailyReports(db, clock),
  },
  reconcilePayments: {
    schedule: '*/10 * * * *',
    description: 'demande à la banque l’issue des paiements CB toujours en cours après 20 minutes (notification perdue) et les règle une seule fois',
    run: (db, clock) => reconcilePayments(db, configuredGateway({ db, clock }), clock),
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
