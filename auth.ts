import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getDb } from '@/db';
import { authLogger } from '@/lib/auth/auth-logger';
import { logIn, loginRefusalCode } from '@/lib/auth/login';
import { appClock } from '@/lib/clock';
import { requestIp } from '@/lib/auth/request-ip';
import { startSession } from '@/lib/auth/sessions';
import type { Role } from '@/lib/auth/types';

// JWT sessions: the token carries who is logged in, their role and the id of their session row;
// the server re-checks all three against the database on every page and action
// (lib/auth/session.ts), where logout, idle and absolute limits end a session.
const authConfig = {
  pages: { signIn: '/connexion' },
  logger: authLogger,
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
        token.familyId = user.familyId;
        token.sessionVersion = user.sessionVersion;
        token.sessionId = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(token.uid);
      session.user.role = token.role as Role;
      session.user.familyId = (token.familyId as number | null) ?? null;
      session.user.sessionVersion = (token.sessionVersion as number) ?? 0;
      session.user.sessionId = token.sessionId ?? '';
      return session;
    },
  },
} satisfies Omit<NextAuthConfig, "providers">;

class LoginRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

const credentialsSchema = z.object({
  identifier: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
});

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { identifier: {}, password: {} },
      async authorize(credentials, request) {
        const input = credentialsSchema.safeParse(credentials);
        if (!input.success) throw new LoginRefused('invalid');
        const db = await getDb();
        const result = await logIn(db, appClock(), { ...input.data, ip: requestIp(request.headers) });
        // The code travels to the login page, which turns it into the French message.
        if (!result.ok) throw new LoginRefused(loginRefusalCode(result));
        const sessionId = await startSession(db, appClock(), result.value.id);
        return { ...result.value, id: String(result.value.id), sessionId };
      },
    }),
  ],
});
