import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { emailSchema } from '@/lib/account/email';
import { recordAudit, systemActor } from '@/lib/audit/record';
import { hashPassword } from '@/lib/auth/password';
import { passwordProblem } from '@/lib/auth/password-policy';
import type { Clock } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';

/** A staff member's login: chosen by whoever creates the account, lowercase, no accents. */
export const staffLoginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, {
    error: 'L’identifiant doit faire de 3 à 64 caractères : lettres sans accent, chiffres, point, tiret ou souligné.',
  });

const administratorSchema = z.object({
  login: staffLoginSchema,
  email: emailSchema,
  firstName: z.string().trim().min(1, 'Le prénom est obligatoire.').max(100),
  lastName: z.string().trim().min(1, 'Le nom est obligatoire.').max(100),
});

export type NewAdministrator = z.input<typeof administratorSchema> & { password: string };

/**
 * Creates a town administrator: how a production database gets its first account, since demo
 * data (whose passwords the README publishes) is never loaded there. Run from the command line
 * (`npm run admin:create`), by whoever already holds the database.
 */
export async function createAdministrator(db: Db, clock: Clock, input: NewAdministrator): Promise<Result<{ id: number; login: string }>> {
  const parsed = administratorSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return refused(issue.message, { field: String(issue.path[0]) });
  }
  const person = parsed.data;
  const problem = passwordProblem(input.password, person);
  if (problem) return refused(problem, { field: 'password' });

  const [taken] = await db
    .select({ login: users.login, email: users.email })
    .from(users)
    .where(sql`lower(${users.login}) = ${person.login} or lower(${users.email}) = ${person.email}`)
    .limit(1);
  if (taken?.login.toLowerCase() === person.login) return refused('Cet identifiant est déjà utilisé par un autre compte.', { field: 'login' });
  if (taken) return refused('Cette adresse e-mail est déjà utilisée par un autre compte.', { field: 'email' });

  const passwordHash = await hashPassword(input.password);
  const created = await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ role: 'admin', ...person, passwordHash })
      .returning({ id: users.id, login: users.login });
    await recordAudit(tx, clock, systemActor, { action: 'staff.create', entityType: 'user', entityId: user!.id, details: { role: 'admin', login: person.login } });
    return user!;
  });
  return ok(created);
}
