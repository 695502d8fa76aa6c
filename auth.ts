import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getDb } from '@/db';
import { logIn, loginRefusalCode } from '@/lib/auth/login';
import { appClock } from '@/lib/clock';
import { requestIp } from '@/lib/auth/request-ip';
import type { Role, SessionUser } from '@/lib/auth/types';
import { afterPassword, completeLogin, renewSession } from '@/lib/second-factor/login';
import { authenticatorClock } from '@/lib/second-factor/totp';
import type { Result } from '@/lib/result';

// JWT sessions: the token carries who is logged in and their role; the server re-checks both
// against the database on every page and action (lib/auth/session.ts).
const authConfig = {
  pages: { signIn: '/connexion' },
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
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
        return { ...result.value, id: String(result.value.id) };
      },
    }),
  ],
});
