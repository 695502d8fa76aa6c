// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { count, eq } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, authTokens, children, families, newsItems, users } from '@/db/schema';
import { redirectOf, sessionOf } from '../support/session';
import { createTestDatabase } from '../support/db';
import { aGuardian, aUser } from '../support/factories';

const { publishNewsItemAction } = await import('@/app/admin/actualites/actions');
const { default: AdminHome } = await import('@/app/admin/page');
const { default: FamiliesPage } = await import('@/app/admin/familles/page');
const { issueResetLinkAction } = await import('@/app/admin/familles/[id]/actions');
const { createFamilyAction } = await import('@/app/admin/familles/actions');
const familyActions = await import('@/app/admin/familles/[id]/actions');
const { default: FamilyPage } = await import('@/app/admin/familles/[id]/page');
const { GET: emailPreview } = await import('@/app/admin/emails/[id]/apercu/route');

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

describe('the Familles pages and actions', () => {
  const familyCount = async () => (await handle.db.select({ n: count() }).from(families))[0]!.n;
  const formOf = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    return form;
  };
  const writes = () => ({
    createFamilyAction: [createFamilyAction, { name: 'Nouvelle' }],
    updateFamilyAction: [familyActions.updateFamilyAction, { familyId: String(family.familyId), name: 'Renommée' }],
    addGuardianAction: [familyActions.addGuardianAction, { familyId: String(family.familyId), firstName: 'Léo', lastName: 'Intrus', email: '', phone: '' }],
    updateGuardianAction: [familyActions.updateGuardianAction, { familyId: String(family.familyId), userId: String(family.id), firstName: 'Léo', lastName: 'Intrus' }],
    setGuardianActiveAction: [familyActions.setGuardianActiveAction, { familyId: String(family.familyId), userId: String(family.id), active: '0' }],
    addChildAction: [familyActions.addChildAction, { familyId: String(family.familyId), firstName: 'Zoé', lastName: 'Intrus', birthDate: '2021-01-01' }],
  }) as const;
  const state0 = async () => ({
    families: await familyCount(),
    users: (await handle.db.select({ n: count() }).from(users))[0]!.n,
    children: (await handle.db.select({ n: count() }).from(children))[0]!.n,
    active: (await handle.db.select({ active: users.active }).from(users).where(eq(users.id, family.id)))[0]!.active,
    audit: await auditCount(),
  });

  for (const [who, session, where] of [
    ['anonymous', () => null, '/connexion'],
    ['a family', () => sessionOf(family), '/accueil'],
  ] as const) {
    it(`sends ${who} away from the family page and refuses every write, writing nothing`, async () => {
      state.session = session();
      expect(await redirectOf(FamilyPage({ params: Promise.resolve({ id: String(family.familyId) }) }))).toBe(where);
      const before = await state0();
      for (const [name, [action, fields]] of Object.entries(writes())) {
        expect(await redirectOf(action({}, formOf(fields))), name).toBe(where);
      }
      expect(await state0()).toEqual(before);
    });
  }

  for (const role of ['agent', 'admin'] as const) {
    it(`lets ${role === 'agent' ? 'an agent' : 'an admin'} see a family and change it`, async () => {
      const member = role === 'agent' ? agent : await aUser(handle.db, { role: 'admin' });
      state.session = sessionOf(member);
      expect(renderToStaticMarkup(await FamilyPage({ params: Promise.resolve({ id: String(family.familyId) }) }))).toContain('Ajouter un responsable');
      const { updateFamilyAction, addChildAction, setGuardianActiveAction } = writes();
      expect(await updateFamilyAction[0]({}, formOf(updateFamilyAction[1]))).toMatchObject({ ok: true });
      expect(await addChildAction[0]({}, formOf(addChildAction[1]))).toMatchObject({ ok: true });
      expect(await setGuardianActiveAction[0]({}, formOf({ ...setGuardianActiveAction[1], active: '1' }))).toMatchObject({ ok: true });
      expect(await redirectOf(createFamilyAction({}, formOf({ name: `Créée par ${role}` })))).toMatch(/^\/admin\/familles\/\d+\?cree=1$/);
    });
  }
});
