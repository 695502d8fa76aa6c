import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { authConfig } from '@/auth.config';
import { getDb } from '@/db';
import { logIn } from '@/lib/auth/login';
import { appClock } from '@/lib/clock';
import { requestIp } from '@/lib/auth/request-ip';

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
        const result = await logIn(await getDb(), appClock(), { ...input.data, ip: requestIp(request.headers) });
        // The code travels to the login page, which turns it into the French message.
        if (!result.ok) throw new LoginRefused(result.reason === 'throttled' ? `throttled:${result.waitMs}` : 'invalid');
        return { ...result.user, id: String(result.user.id) };
      },
    }),
  ],
});
