import { isStaff, type Role } from '@/lib/auth/types';

export const STAFF_ENROLMENT_PATH = '/admin/securite';

export interface Deployment {
  production: boolean;
  /** Started with DEMO_DATA=1: the published demo logins must keep working as they are. */
  demo: boolean;
}

export const currentDeployment = (): Deployment => ({
  production: process.env.NODE_ENV === 'production',
  demo: process.env.DEMO_DATA === '1',
});

/** Staff see every family's data on children: in production they may not work without a second factor. */
export function secondFactorRequired(role: Role, deployment: Deployment = currentDeployment()): boolean {
  return isStaff(role) && deployment.production && !deployment.demo;
}
