import type { NextAuthConfig } from 'next-auth';
import type { Role } from '@/lib/auth/types';

// The part of the Auth.js configuration that needs no database, shared by proxy.ts and auth.ts.
export const authConfig = {
  pages: { signIn: '/connexion' },
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
        token.familyId = user.familyId;
        token.sessionVersion = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(token.uid);
      session.user.role = token.role as Role;
      session.user.familyId = (token.familyId as number | null) ?? null;
      session.user.sessionVersion = (token.sessionVersion as number) ?? 0;
      return session;
    },
  },
} satisfies NextAuthConfig;
