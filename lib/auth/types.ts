export type Role = 'family' | 'agent' | 'admin';

/** What the session (JWT) carries about the person logged in. */
export interface SessionUser {
  id: number;
  role: Role;
  familyId: number | null;
  sessionVersion: number;
}

export const isStaff = (role: Role) => role === 'agent' || role === 'admin';

/** Where a logged-in person starts. */
export function homePath(role: Role): string {
  return isStaff(role) ? '/admin' : '/accueil';
}
