import type { Role } from '@/lib/auth/types';

declare module 'next-auth' {
  interface User {
    role: Role;
    familyId: number | null;
    sessionVersion: number;
    sessionId: string;
  }
  interface Session {
    user: { id: string; role: Role; familyId: number | null; sessionVersion: number; sessionId: string; name?: string | null; email?: string | null };
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    uid?: number;
    role?: Role;
    familyId?: number | null;
    sessionVersion?: number;
    sessionId?: string;
  }
}
