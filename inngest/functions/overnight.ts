import { jobFunction } from '../job-function';

/** The overnight jobs, each at its hour in Europe/Paris (lib/jobs/registry.ts). */
export const transmitRequests = jobFunction('transmitRequests');
export const promoteWaitingLists = jobFunction('promoteWaitingLists');
export const postConsumptions = jobFunction('postConsumptions');
export const sendDailyReports = jobFunction('sendDailyReports');
