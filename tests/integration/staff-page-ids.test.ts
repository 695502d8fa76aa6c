import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { authTokens } from '@/db/schema';
import { createTestDatabase } from '../support/db';
import { aGuardian, aUser } from '../support/factories';
import { sessionOf } from '../support/session';

// Only "who is logged in" and the process-wide database are stood in for.
const state = vi.hoisted(() => ({ db: undefined as unknown, session: null as unknown }));
vi.mock('@/auth', () => ({ auth: async () => state.session, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('@/lib/auth/request-session', () => ({ requestSession: async () => state.session }));
vi.mock('@/db', () => ({ getDb: async () => state.db }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const { default: FamilyPage } = await import('@/app/admin/familles/[id]/page');
const { default: EmailPage } = await import('@/app/admin/emails/[id]/page');
const { GET: emailPreview } = await import('@/app/admin/emails/[id]/apercu/route');
const { issueResetLinkAction } = await import('@/app/admin/familles/[id]/actions');
const { default: FamilyPaymentsPage } = await import('@/app/admin/reglements/famille/[id]/page');
const { default: StatementPage } = await import('@/app/admin/reglements/famille/[id]/releve/page');

let handle: DbHandle;
let family: Awaited<ReturnType<typeof aGuardian>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  state.db = handle.db;
  family = await aGuardian(handle.db, { lastName: 'MARTIN' });
  state.session = sessionOf(await aUser(handle.db, { role: 'agent' }));
});
afterAll(() => handle.close());

/** Whether a page answered with Next's notFound() (which throws), or rendered. */
async function isNotFound(page: Promise<unknown>): Promise<boolean> {
  try {
    await page;
    return false;
  } catch (error) {
    if ((error as { digest?: string }).digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return true;
    throw error;
  }
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const badIds = ['99999999999', '2147483648', '0', '-1', '1.5', '1e3', 'abc'];

describe('a staff page asked for an id that cannot exist', () => {
  it('answers 404 for a family, whatever the id looks like', async () => {
    for (const id of badIds) expect(await isNotFound(FamilyPage(params(id))), id).toBe(true);
    expect(await isNotFound(FamilyPage(params('2147483647')))).toBe(true);
  });

  it('still shows a family whose id is well formed', async () => {
    const html = renderToStaticMarkup((await FamilyPage(params(String(family.familyId)))) as React.ReactElement);
    expect(html).toContain('MARTIN Camille');
  });

  it('answers 404 for a family’s payments and statement, whatever the id looks like', async () => {
    for (const id of [...badIds, '2147483647']) {
      expect(await isNotFound(FamilyPaymentsPage(params(id))), id).toBe(true);
      expect(await isNotFound(StatementPage(params(id))), id).toBe(true);
    }
  });

  it('answers 404 for an e-mail and for its preview', async () => {
    for (const id of badIds) {
      expect(await isNotFound(EmailPage(params(id))), id).toBe(true);
      const response = await emailPreview(new Request(`http://localhost/admin/emails/${id}/apercu`), params(id));
      expect(response.status, id).toBe(404);
    }
  });

  it('refuses a desk reset link for an out-of-range account, in French, and creates no token', async () => {
    const form = new FormData();
    form.set('userId', '99999999999');
    const result = await issueResetLinkAction({}, form);
    expect(result).toEqual({ error: 'Compte introuvable.' });
    expect(await handle.db.select().from(authTokens)).toEqual([]);
  });
});
