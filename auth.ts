import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getDb } from '@/db';
import { authLogger } from '@/lib/auth/auth-logger';
import { logIn, loginRefusalCode } from '@/lib/auth/login';
import { appClock } from '@/lib/clock';
import { requestIp } from '@/lib/auth/request-ip';
import { sessionUserOf } from '@/lib/auth/request-session';
import { startSession } from '@/lib/auth/sessions';
import type { SessionUser } from '@/lib/auth/types';
import type { Result } from '@/lib/result';
import { afterPassword, completeLogin, renewSession } from '@/lib/second-factor/login';
import { authenticatorClock } from '@/lib/second-factor/totp';

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
      Object.assign(session.user, sessionUserOf(token));
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

// The second step: the ticket of the password step (or of a session renewal) and a code.
const ticketSchema = z.object({
  ticket: z.string().min(1).max(500),
  code: z.string().max(20).optional(),
  recoveryCode: z.string().max(50).optional(),
});

async function authorizeTicket(input: z.output<typeof ticketSchema>, ip: string): Promise<Result<SessionUser>> {
  const db = await getDb();
  if (input.code !== undefined) return completeLogin(db, authenticatorClock, { ticket: input.ticket, proof: { code: input.code }, ip });
  if (input.recoveryCode !== undefined) return completeLogin(db, authenticatorClock, { ticket: input.ticket, proof: { recoveryCode: input.recoveryCode }, ip });
  return renewSession(db, authenticatorClock, input.ticket);
}

async function authorizePassword(input: z.output<typeof credentialsSchema>, ip: string): Promise<Result<SessionUser>> {
  const db = await getDb();
  const result = await logIn(db, appClock(), { ...input, ip });
  if (!result.ok) return { ...result, code: loginRefusalCode(result) };
  return afterPassword(db, authenticatorClock, result.value);
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { identifier: {}, password: {}, ticket: {}, code: {}, recoveryCode: {} },
      async authorize(credentials, request) {
        const ip = requestIp(request.headers);
        const byTicket = ticketSchema.safeParse(credentials);
        const byPassword = credentialsSchema.safeParse(credentials);
        let result: Result<SessionUser>;
        if (byTicket.success) result = await authorizeTicket(byTicket.data, ip);
        else if (byPassword.success) result = await authorizePassword(byPassword.data, ip);
        else throw new LoginRefused('invalid');
        // The code travels to the login page, which turns it into the French message (or the code step).
        if (!result.ok) throw new LoginRefused(result.code ?? 'invalid');
        const sessionId = await startSession(await getDb(), appClock(), result.value.id);
        return { ...result.value, id: String(result.value.id), sessionId };
      },
    }),
  ],
});
