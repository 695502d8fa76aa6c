// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { outboundEmails } from '@/db/schema';
import { createTestDatabase } from '../support/db';
import { aChild, aConsumption, aGuardian, anActivityDay, aPayment, aUser, aWallet } from '../support/factories';
import { sessionOf } from '../support/session';

/**
 * The authorization matrix of the staff area: every page, route handler and server action under
 * app/admin, found by walking the tree, × anonymous, family, agent and admin. A new page or action
 * without a row fails the first test. Adding one is one line: its route (and `#export` for an
 * action) and the least role that may use it; `params` for a dynamic segment, from the fixture.
 */
interface Fixture {
  familyId: number;
  emailId: number;
  staffId: number;
  activityId: number;
  dayId: number;
  periodId: number;
  date: string;
  /** A child under 6 with a paid consumption this year: an attestation de frais de garde to produce. */
  childId: number;
  year: string;
}
type Role = 'agent' | 'admin';
interface Row {
  role: Role;
  params?: (fixture: Fixture) => Record<string, string>;
  /** The query a page or route needs to show something (a day, a period). */
  search?: (fixture: Fixture) => Record<string, string>;
  /** Where an admin-only page sends an agent, when not to a 404. */
  agentRedirect?: string;
}

const pages: Record<string, Row> = {
  '/admin': { role: 'agent' },
  '/admin/actualites': { role: 'agent' },
  '/admin/emails': { role: 'agent' },
  '/admin/emails/[id]': { role: 'agent', params: (f) => ({ id: String(f.emailId) }) },
  '/admin/familles': { role: 'agent' },
  '/admin/familles/[id]': { role: 'agent', params: (f) => ({ id: String(f.familyId) }) },
  '/admin/profil': { role: 'agent' },
  '/admin/securite': { role: 'agent' },
  '/admin/taches': { role: 'agent' },
  '/admin/journal': { role: 'agent' },
  '/admin/personnel': { role: 'admin' },
  '/admin/activites': { role: 'agent' },
  '/admin/activites/nouvelle': { role: 'admin', agentRedirect: '/admin/activites' },
  '/admin/activites/[id]': { role: 'agent', params: (f) => ({ id: String(f.activityId) }) },
  '/admin/activites/[id]/jours/[jourId]': { role: 'agent', params: (f) => ({ id: String(f.activityId), jourId: String(f.dayId) }) },
  '/admin/activites/[id]/tarifs': { role: 'agent', params: (f) => ({ id: String(f.activityId) }) },
  '/admin/activites/periodes/[id]': { role: 'admin', params: (f) => ({ id: String(f.periodId) }), agentRedirect: '/admin/activites' },
  '/admin/reservations': { role: 'agent' },
  '/admin/reservations/impression': { role: 'agent', search: (f) => ({ activite: String(f.activityId), date: f.date }) },
  '/admin/reglements': { role: 'agent' },
  '/admin/reglements/cartes': { role: 'agent' },
  '/admin/reglements/famille/[id]': { role: 'agent', params: (f) => ({ id: String(f.familyId) }) },
  '/admin/reglements/famille/[id]/releve': { role: 'agent', params: (f) => ({ id: String(f.familyId) }) },
  '/admin/exports': { role: 'agent' },
};

const routes: Record<string, Row> = {
  '/admin/emails/[id]/apercu': { role: 'agent', params: (f) => ({ id: String(f.emailId) }) },
  '/admin/exports/reservations': { role: 'agent', search: (f) => ({ date: f.date }) },
  '/admin/exports/consommations': { role: 'agent', search: (f) => ({ mois: f.date.slice(0, 7) }) },
  '/admin/exports/reglements': { role: 'agent', search: (f) => ({ du: f.date, au: f.date }) },
  '/admin/exports/attestations': { role: 'agent', search: (f) => ({ annee: f.year }) },
  '/admin/familles/[id]/attestations/[enfant]': { role: 'agent', params: (f) => ({ id: String(f.familyId), enfant: String(f.childId) }), search: (f) => ({ annee: f.year }) },
};

const actions: Record<string, Row> = {
  '/admin/actualites#publishNewsItemAction': { role: 'agent' },
  '/admin/actualites#saveMenuAction': { role: 'agent' },
  '/admin/familles/[id]#issueResetLinkAction': { role: 'agent' },
  '/admin/profil#changeStaffPasswordAction': { role: 'agent' },
  '/admin/securite#startStaffEnrolmentAction': { role: 'agent' },
  '/admin/securite#confirmStaffEnrolmentAction': { role: 'agent' },
  '/admin/securite#regenerateStaffRecoveryCodesAction': { role: 'agent' },
  '/admin/emails/[id]#resendEmailAction': { role: 'agent' },
  '/admin/taches#runJobNowAction': { role: 'agent' },
  '/admin/personnel#createStaffAccountAction': { role: 'admin' },
  '/admin/personnel#setStaffActiveAction': { role: 'admin' },
  '/admin/personnel#resetStaffSecondFactorAction': { role: 'admin' },
  '/admin/activites#createActivityAction': { role: 'admin' },
  '/admin/activites#updateActivityAction': { role: 'admin' },
  '/admin/activites#createBookingPeriodAction': { role: 'admin' },
  '/admin/activites#updateBookingPeriodAction': { role: 'admin' },
  '/admin/activites#generateOpeningDaysAction': { role: 'admin' },
  '/admin/activites#updateOpeningDayAction': { role: 'admin' },
  '/admin/activites#addPriceBracketAction': { role: 'admin' },
  '/admin/activites#removePriceBracketAction': { role: 'admin' },
  '/admin/familles#createFamilyAction': { role: 'agent' },
  '/admin/familles/[id]#updateFamilyAction': { role: 'agent' },
  '/admin/familles/[id]#addGuardianAction': { role: 'agent' },
  '/admin/familles/[id]#updateGuardianAction': { role: 'agent' },
  '/admin/familles/[id]#setGuardianActiveAction': { role: 'agent' },
  '/admin/familles/[id]#addChildAction': { role: 'agent' },
  '/admin/familles/[id]#updateChildAction': { role: 'agent' },
  '/admin/familles/[id]#recordQuotientAction': { role: 'agent' },
  '/admin/familles/[id]#deleteQuotientAction': { role: 'agent' },
  '/admin/reglements#recordDeskPaymentAction': { role: 'agent' },
  '/admin/reglements#reversePaymentAction': { role: 'agent' },
  '/admin/reglements#adjustWalletAction': { role: 'agent' },
  '/admin/reservations#approveRequestAction': { role: 'agent' },
  '/admin/reservations#refuseRequestAction': { role: 'agent' },
  '/admin/reservations#cancelReservationAction': { role: 'agent' },
  '/admin/reservations#promoteByHandAction': { role: 'agent' },
  '/admin/reservations#moveInWaitingListAction': { role: 'agent' },
  '/admin/reservations#recordAttendanceAction': { role: 'agent' },
};

// The enrolment action seals a second-factor secret with it.
vi.stubEnv('AUTH_SECRET', 'integration-secret-0123456789abcdef');

const ADMIN_ONLY = 'Cette action est réservée aux administrateurs.';
const root = path.resolve('app');

/** `app/admin/emails/[id]/page.tsx` → `/admin/emails/[id]` (route groups left out). */
function routeOf(file: string): string {
  const segments = path.relative(root, path.dirname(file)).split(path.sep);
  return `/${segments.filter((segment) => !/^\(.*\)$/.test(segment)).join('/')}`;
}

function filesNamed(directory: string, names: string[]): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return filesNamed(full, names);
    return names.includes(entry.name) ? [full] : [];
  });
}

const staffFiles = filesNamed(path.join(root, 'admin'), ['page.tsx', 'route.ts', 'actions.ts']);
const fileOf = (route: string, name: string) => staffFiles.find((file) => routeOf(file) === route && path.basename(file) === name)!;
const load = (file: string) => import(/* @vite-ignore */ file) as Promise<Record<string, unknown>>;

let handle: DbHandle;
let fixture: Fixture;
const sessions = {} as Record<'anonymous' | 'family' | Role, unknown>;

beforeAll(async () => {
  handle = await createTestDatabase();
  state.db = handle.db;
  const guardian = await aGuardian(handle.db);
  const agent = await aUser(handle.db, { role: 'agent' });
  const admin = await aUser(handle.db, { role: 'admin' });
  const [email] = await handle.db
    .insert(outboundEmails)
    .values({ toAddress: 'famille@example.fr', subject: 'Essai', template: 'legacy', html: '<p>Bonjour</p>', text: 'Bonjour', familyId: guardian.familyId })
    .returning();
  const day = await anActivityDay(handle.db);
  const year = String(new Date().getFullYear());
  const child = await aChild(handle.db, guardian.familyId!, { birthDate: `${Number(year) - 2}-03-01` });
  const wallet = await aWallet(handle.db, guardian.familyId!);
  await aConsumption(handle.db, { familyId: guardian.familyId!, childId: child.id, walletId: wallet.id, activityId: day.activityId, date: `${year}-01-02`, posted: true });
  await aPayment(handle.db, { familyId: guardian.familyId!, walletId: wallet.id, receivedOn: `${year}-01-01` });
  fixture = {
    familyId: guardian.familyId!,
    emailId: email!.id,
    staffId: agent.id,
    activityId: day.activityId,
    dayId: day.id,
    periodId: day.bookingPeriodId,
    date: day.date,
    childId: child.id,
    year,
  };
  Object.assign(sessions, { anonymous: null, family: sessionOf(guardian), agent: sessionOf(agent), admin: sessionOf(admin) });
});
afterAll(() => handle.close());
beforeEach(() => {
  state.session = null;
});

/** Every table's row count: a refused action must leave each one as it was. */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await handle.db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like '%drizzle%' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of rowsOf<{ table_name: string }>(tables)) {
    const [row] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from ${sql.identifier(table_name)}`));
    counts[table_name] = row!.n;
  }
  return counts;
}
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/** What a page, a route or an action answered: a redirect, a 404, a refusal, or done. */
type Outcome = { redirect: string } | { notFound: true } | { status: number } | { refused: string } | { allowed: true };

async function outcomeOf(work: () => Promise<unknown>): Promise<Outcome | { value: unknown }> {
  try {
    return { value: await work() };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (digest.startsWith('NEXT_REDIRECT')) return { redirect: digest.split(';')[2]! };
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return { notFound: true };
    throw error;
  }
}

const actors = ['anonymous', 'family', 'agent', 'admin'] as const;
type ActorName = (typeof actors)[number];
const allowed = (row: Row, actor: ActorName) => actor === 'admin' || (actor === 'agent' && row.role === 'agent');

describe('the staff authorization matrix', () => {
  it('has a row for every staff page, route handler and action, and none for what is gone', async () => {
    const found = { pages: [] as string[], routes: [] as string[], actions: [] as string[] };
    for (const file of staffFiles) {
      const route = routeOf(file);
      if (file.endsWith('page.tsx')) found.pages.push(route);
      else if (file.endsWith('route.ts')) found.routes.push(route);
      else {
        for (const [name, value] of Object.entries(await load(file))) if (typeof value === 'function') found.actions.push(`${route}#${name}`);
      }
    }
    const missing = (kind: keyof typeof found, rows: Record<string, Row>) => found[kind].filter((key) => !(key in rows));
    const stale = (kind: keyof typeof found, rows: Record<string, Row>) => Object.keys(rows).filter((key) => !found[kind].includes(key));
    expect({ pages: missing('pages', pages), routes: missing('routes', routes), actions: missing('actions', actions) }, 'staff routes without a row').toEqual({
      pages: [],
      routes: [],
      actions: [],
    });
    expect([...stale('pages', pages), ...stale('routes', routes), ...stale('actions', actions)], 'rows of nothing').toEqual([]);
  });

  describe.each(Object.entries(pages))('page %s', (route, row) => {
    it.each(actors)('as %s', async (actor) => {
      state.session = sessions[actor];
      const { default: Page } = (await load(fileOf(route, 'page.tsx'))) as { default: (props: unknown) => Promise<React.ReactElement> };
      const props = { params: Promise.resolve(row.params?.(fixture) ?? {}), searchParams: Promise.resolve(row.search?.(fixture) ?? {}) };
      const outcome = await outcomeOf(async () => renderToStaticMarkup(await Page(props)));
      if (actor === 'anonymous') expect(outcome).toEqual({ redirect: '/connexion' });
      else if (actor === 'family') expect(outcome).toEqual({ redirect: '/accueil' });
      else if (!allowed(row, actor)) expect(outcome).toEqual(row.agentRedirect ? { redirect: row.agentRedirect } : { notFound: true });
      else expect(outcome).toMatchObject({ value: expect.stringContaining('<h1') });
    });
  });

  describe.each(Object.entries(routes))('route %s', (route, row) => {
    it.each(actors)('as %s', async (actor) => {
      state.session = sessions[actor];
      const { GET } = (await load(fileOf(route, 'route.ts'))) as { GET: (request: Request, context: unknown) => Promise<Response> };
      const query = new URLSearchParams(row.search?.(fixture) ?? {}).toString();
      const response = await GET(new Request(`http://localhost${route}${query ? `?${query}` : ''}`), { params: Promise.resolve(row.params?.(fixture) ?? {}) });
      expect(response.status).toBe(allowed(row, actor) ? 200 : 403);
    });
  });

  describe.each(Object.entries(actions))('action %s', (key, row) => {
    it.each(actors)('as %s', async (actor) => {
      state.session = sessions[actor];
      const [route, name] = key.split('#') as [string, string];
      const action = (await load(fileOf(route, 'actions.ts')))[name] as (state: object, form: FormData) => Promise<{ error?: string }>;
      const before = await rowCounts();
      // An empty form: a refusal comes before the form is read; an allowed actor gets past the guard.
      const outcome = await outcomeOf(() => action({}, new FormData()));
      if (allowed(row, actor)) {
        expect(outcome).not.toEqual({ redirect: '/connexion' });
        expect(outcome).not.toEqual({ redirect: '/accueil' });
        expect(outcome).not.toMatchObject({ value: { error: ADMIN_ONLY } });
        return;
      }
      if (actor === 'anonymous') expect(outcome).toEqual({ redirect: '/connexion' });
      else if (actor === 'family') expect(outcome).toEqual({ redirect: '/accueil' });
      else expect(outcome).toMatchObject({ value: { error: ADMIN_ONLY } });
      expect(await rowCounts()).toEqual(before);
    });
  });
});
