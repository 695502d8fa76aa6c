// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { count, eq } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, authTokens, newsItems, users } from '@/db/schema';
import { redirectOf, sessionOf } from '../support/session';
import { createTestDatabase } from '../support/db';
import { aGuardian, anActivityDay, aUser } from '../support/factories';

const { publishNewsItemAction } = await import('@/app/admin/actualites/actions');
const { default: AdminHome } = await import('@/app/admin/page');
const { default: FamiliesPage } = await import('@/app/admin/familles/page');
const { issueResetLinkAction } = await import('@/app/admin/familles/[id]/actions');
const { GET: emailPreview } = await import('@/app/admin/emails/[id]/apercu/route');
const activitesActions = await import('@/app/admin/activites/actions');
const { default: ActivitiesPage } = await import('@/app/admin/activites/page');
const { default: NewActivityPage } = await import('@/app/admin/activites/nouvelle/page');
const { default: ActivityPage } = await import('@/app/admin/activites/[id]/page');
const { default: OpeningDayPage } = await import('@/app/admin/activites/[id]/jours/[jourId]/page');
const { default: BookingPeriodPage } = await import('@/app/admin/activites/periodes/[id]/page');

let handle: DbHandle;
let family: Awaited<ReturnType<typeof aGuardian>>;
let agent: Awaited<ReturnType<typeof aUser>>;

function newsForm(title = 'Fermeture exceptionnelle') {
  const form = new FormData();
  form.set('title', title);
  form.set('body', 'Le centre de loisirs sera fermé le 24 décembre.');
  form.set('visibleFrom', '2026-11-26');
  form.set('visibleUntil', '');
  return form;
}

const newsCount = async () => (await handle.db.select({ n: count() }).from(newsItems))[0]!.n;
const auditCount = async () => (await handle.db.select({ n: count() }).from(auditLog))[0]!.n;

beforeAll(async () => {
  handle = await createTestDatabase();
  state.db = handle.db;
  family = await aGuardian(handle.db);
  agent = await aUser(handle.db, { role: 'agent' });
});
afterAll(() => handle.close());
beforeEach(() => {
  state.session = null;
});

describe('staff pages and actions refuse anyone but staff, on the server', () => {
  it('sends a family away from a staff page without rendering staff data', async () => {
    state.session = sessionOf(family);
    expect(await redirectOf(AdminHome())).toBe('/accueil');
    expect(await redirectOf(FamiliesPage({ searchParams: Promise.resolve({ q: '' }) }))).toBe('/accueil');
  });

  it('refuses a staff action to a family and writes nothing', async () => {
    state.session = sessionOf(family);
    expect(await redirectOf(publishNewsItemAction({}, newsForm()))).toBe('/accueil');
    expect(await newsCount()).toBe(0);
    expect(await auditCount()).toBe(0);
  });

  it('refuses a desk reset link to a family, and creates no token', async () => {
    state.session = sessionOf(family);
    const form = new FormData();
    form.set('userId', String(family.id));
    expect(await redirectOf(issueResetLinkAction({}, form))).toBe('/accueil');
    expect(await handle.db.select().from(authTokens)).toEqual([]);
  });

  it('refuses the e-mail preview to a family', async () => {
    state.session = sessionOf(family);
    const response = await emailPreview(new Request('http://localhost/admin/emails/1/apercu'), { params: Promise.resolve({ id: '1' }) });
    expect(response.status).toBe(403);
  });

  it('sends an anonymous request to the login page', async () => {
    expect(await redirectOf(publishNewsItemAction({}, newsForm()))).toBe('/connexion');
    expect(await redirectOf(AdminHome())).toBe('/connexion');
    expect(await newsCount()).toBe(0);
  });

  it('does not trust a token issued before a password change', async () => {
    const staleAgent = await aUser(handle.db, { role: 'admin' });
    state.session = sessionOf(staleAgent);
    await handle.db.update(users).set({ sessionVersion: 1 }).where(eq(users.id, staleAgent.id));
    expect(await redirectOf(publishNewsItemAction({}, newsForm()))).toBe('/connexion');
    expect(await newsCount()).toBe(0);
  });

  it('lets an agent publish, with the change in the audit log', async () => {
    state.session = sessionOf(agent);
    const result = await publishNewsItemAction({}, newsForm('Inscriptions des vacances'));
    expect(result).toEqual({ ok: true, message: 'L’actualité est publiée.' });
    expect(await newsCount()).toBe(1);
    const [entry] = await handle.db.select().from(auditLog);
    expect(entry).toMatchObject({ actorUserId: agent.id, actorRole: 'agent', action: 'news.publish', entityType: 'news_item' });
  });

  it('shows staff the dashboard and the families list', async () => {
    state.session = sessionOf(agent);
    const dashboard = renderToStaticMarkup(await AdminHome());
    expect(dashboard).toContain('Tableau de bord');
    expect(dashboard).toMatch(/Familles<\/dt><dd[^>]*>\d+<\/dd>/);
    const list = renderToStaticMarkup(await FamiliesPage({ searchParams: Promise.resolve({ q: family.lastName }) }));
    expect(list).toContain('1 famille');
  });

  it('answers bad input with French messages and writes nothing', async () => {
    state.session = sessionOf(agent);
    const before = await newsCount();
    const form = newsForm('');
    form.set('visibleFrom', '2026-02-30');
    const result = await publishNewsItemAction({}, form);
    expect(result.fieldErrors).toMatchObject({ title: 'Le titre est obligatoire.', visibleFrom: 'Saisissez une date valide.' });
    expect(await newsCount()).toBe(before);
  });
});

describe('Activités: agents read, only administrators configure', () => {
  type Who = 'anonymous' | 'family' | 'agent' | 'admin';
  let day: Awaited<ReturnType<typeof anActivityDay>>;
  let admin: Awaited<ReturnType<typeof aUser>>;
  beforeAll(async () => {
    day = await anActivityDay(handle.db);
    admin = await aUser(handle.db, { role: 'admin' });
  });
  const login = (who: Who) => {
    state.session = who === 'anonymous' ? null : sessionOf({ family, agent, admin }[who]);
  };
  const pages = () => [
    ['/admin/activites', () => ActivitiesPage(), 'Activités'],
    ['/admin/activites/nouvelle', () => NewActivityPage(), 'Créer une activité'],
    ['/admin/activites/[id]', () => ActivityPage({ params: Promise.resolve({ id: String(day.activityId) }), searchParams: Promise.resolve({}) }), 'Jours d’ouverture'],
    ['/admin/activites/[id]/jours/[jourId]', () => OpeningDayPage({ params: Promise.resolve({ id: String(day.activityId), jourId: String(day.id) }) }), 'Réservations du jour'],
    ['/admin/activites/periodes/[id]', () => BookingPeriodPage({ params: Promise.resolve({ id: String(day.bookingPeriodId) }) }), 'Modifier la période'],
  ] as const;
  // Expected outcome per page: a redirect target, or 'render'.
  const pageRows: Record<string, Record<Who, string>> = {
    '/admin/activites': { anonymous: '/connexion', family: '/accueil', agent: 'render', admin: 'render' },
    '/admin/activites/nouvelle': { anonymous: '/connexion', family: '/accueil', agent: '/admin/activites', admin: 'render' },
    '/admin/activites/[id]': { anonymous: '/connexion', family: '/accueil', agent: 'render', admin: 'render' },
    '/admin/activites/[id]/jours/[jourId]': { anonymous: '/connexion', family: '/accueil', agent: 'render', admin: 'render' },
    '/admin/activites/periodes/[id]': { anonymous: '/connexion', family: '/accueil', agent: '/admin/activites', admin: 'render' },
  };

  for (const who of ['anonymous', 'family', 'agent', 'admin'] as const) {
    it(`pages × ${who}`, async () => {
      login(who);
      for (const [route, render, text] of pages()) {
        const expected = pageRows[route]![who];
        if (expected === 'render') expect(renderToStaticMarkup(await render()), route).toContain(text);
        else expect(await redirectOf(render()), route).toBe(expected);
      }
    });
  }

  // Every action of app/admin/activites/actions.ts, with a form that an administrator's call would accept or refuse on its content.
  const actionForms: Record<keyof typeof activitesActions, () => FormData> = {
    createActivityAction: () => new FormData(),
    updateActivityAction: () => new FormData(),
    createBookingPeriodAction: () => new FormData(),
    updateBookingPeriodAction: () => new FormData(),
    generateOpeningDaysAction: () => new FormData(),
    updateOpeningDayAction: () => {
      const form = new FormData();
      form.set('activityDayId', String(day.id));
      form.set('capacity', '7');
      form.set('waitlistCapacity', '2');
      return form;
    },
  };

  it('actions × anonymous, family, agent: refused, nothing written', async () => {
    const before = await auditCount();
    for (const [name, form] of Object.entries(actionForms)) {
      const action = activitesActions[name as keyof typeof activitesActions];
      login('anonymous');
      expect(await redirectOf(action({}, form())), name).toBe('/connexion');
      login('family');
      expect(await redirectOf(action({}, form())), name).toBe('/accueil');
      login('agent');
      expect(await action({}, form()), name).toMatchObject({ error: 'Cette action est réservée aux administrateurs.' });
    }
    expect(await auditCount()).toBe(before);
  });

  it('actions × admin: allowed (checked on their input)', async () => {
    login('admin');
    for (const [name, form] of Object.entries(actionForms)) {
      const result = await activitesActions[name as keyof typeof activitesActions]({}, form());
      expect(result.error, name).not.toBe('Cette action est réservée aux administrateurs.');
    }
    expect(await activitesActions.updateOpeningDayAction({}, actionForms.updateOpeningDayAction())).toEqual({ ok: true, message: 'Le jour est enregistré.' });
  });
});
