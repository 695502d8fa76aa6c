import type { Db } from '@/db/client';
import { parisToday, type Clock, type IsoDate } from '@/lib/clock';
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
  /**
   * The business date a dated job acts for, as if it ran that day in Paris (timestamps stay real);
   * today in Paris by default. Only jobs with `dates` take one.
   */
  date?: IsoDate;
  /** Only these opening days (promoteWaitingLists, when a cancellation announces its freed days). */
  dayIds?: number[];
}

export interface Job {
  /** Five-field cron expression, read in Europe/Paris (JOB_TIME_ZONE). */
  schedule: string;
  /** What the job is for, as the runner's usage lists it. */
  description: string;
  /**
   * For a job that acts for a business date, the dates it may be given: up to today (posting what
   * is over) or from today (offering what is still ahead). A job without it takes no date.
   */
  dates?: 'until today' | 'from today';
  run(db: Db, clock: Clock, options: JobOptions): Promise<unknown>;
}

export const JOB_TIME_ZONE = 'Europe/Paris';

/** The event a cancellation sends to start promoteWaitingLists early, with `data: { dayIds }` (lib/jobs/freed-places.ts). */
export const PLACES_FREED_EVENT = 'reservations/places.freed';

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
    dates: 'from today',
    run: (db, clock, { date, dayIds }) => promoteWaitingLists(db, clock, { today: date, dayIds }),
  },
  postConsumptions: {
    schedule: '30 0 * * *',
    description: 'passe en consommations les jours réservés passés, et les débite des porte-monnaie une seule fois',
    dates: 'until today',
    run: (db, clock, { date }) => postConsumptions(db, clock, { today: date }),
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

/** Why `date` cannot be given to the job, in French for the town's agent; null when it can. */
export function dateRefusal(name: JobName, date: IsoDate | undefined, clock: Clock): string | null {
  if (date === undefined) return null;
  const { dates }: Job = jobs[name];
  const today = parisToday(clock);
  if (!dates) return `La tâche ${name} ne dépend pas d’une date : lancez-la sans --date.`;
  if (dates === 'until today' && date > today) return `La tâche ${name} ne passe que des journées terminées : --date ne peut pas dépasser aujourd’hui (${today}).`;
  if (dates === 'from today' && date < today) return `La tâche ${name} n’offre que des journées à venir : --date ne peut pas précéder aujourd’hui (${today}).`;
  return null;
}

/** Runs one job and records the run in `job_runs`; returns its report. A date it cannot take is refused before the run. */
export async function runJob(db: Db, clock: Clock, name: JobName, { trigger, ...options }: JobOptions & { trigger: string }) {
  const refusal = dateRefusal(name, options.date, clock);
  if (refusal) throw new Error(refusal);
  const job: Job = jobs[name];
  return recordJobRun(db, clock, { job: name, trigger }, () => job.run(db, clock, options));
}
