import 'server-only';
import { getCurrentUser, mustEnrolSecondFactor, type StaffMember } from './session';
import { isStaff } from './types';

/**
 * The staff member behind a route handler's request (a CSV export), or null: anonymous, a family,
 * or staff who must first enrol a second factor. A handler answers null with 403, not a redirect.
 */
export async function staffOfRequest(): Promise<StaffMember | null> {
  const user = await getCurrentUser();
  if (!user || !isStaff(user.role) || (await mustEnrolSecondFactor(user))) return null;
  return user as StaffMember;
}

export const STAFF_ONLY = 'Accès réservé au personnel de la mairie.';
