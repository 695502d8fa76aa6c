import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ok, refused } from '@/lib/result';

const session = vi.hoisted(() => ({ user: null as null | { id: number; role: string; familyId: number | null }, databaseDown: null as null | Error }));

// The wrappers authorize through these two; here they answer for the person of the test.
vi.mock('@/lib/auth/session', () => ({
  requireGuardian: async () => {
    if (session.databaseDown) throw session.databaseDown;
    if (session.user?.role !== 'family') throw new Error('NEXT_REDIRECT /connexion');
    return session.user;
  },
  requireStaff: async () => {
    if (session.databaseDown) throw session.databaseDown;
    if (session.user?.role !== 'agent' && session.user?.role !== 'admin') throw new Error('NEXT_REDIRECT /connexion');
    return session.user;
  },
}));

const { familyAction, publicAction, staffAction } = await import('@/lib/actions');

const formOf = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
};

const schema = z.object({
  dayId: z.coerce.number({ error: 'Choisissez un jour.' }).int({ error: 'Choisissez un jour.' }),
  remarks: z.string().max(5, 'Cinq caractères au plus.'),
});

describe('server action wrappers', () => {
  const body = vi.fn();
  beforeEach(() => {
    body.mockReset();
    session.user = { id: 7, role: 'family', familyId: 3 };
    session.databaseDown = null;
  });

  it('passes the parsed input and the guardian to the body, and answers ok for a done result', async () => {
    body.mockResolvedValue(ok(42));
    const action = familyAction(schema, body);
    expect(await action({}, formOf({ dayId: '12', remarks: 'oui' }))).toEqual({ ok: true });
    expect(body).toHaveBeenCalledWith({ dayId: 12, remarks: 'oui' }, session.user, expect.any(FormData));
  });

  it('turns a refusal into the form message, beside its field', async () => {
    body.mockResolvedValue(refused('Ce jour est complet.', { field: 'dayId' }));
    const state = await familyAction(schema, body)({}, formOf({ dayId: '12', remarks: '' }));
    expect(state).toEqual({ error: 'Ce jour est complet.', fieldErrors: { dayId: 'Ce jour est complet.' } });
  });

  it('shows errors beside the shown fields under a summary, and never calls the body', async () => {
    const action = familyAction(schema, body, { shown: ['remarks'], invalid: 'Raccourcissez vos remarques.' });
    expect(await action({}, formOf({ dayId: '12', remarks: 'beaucoup trop long' }))).toEqual({
      error: 'Raccourcissez vos remarques.',
      fieldErrors: { remarks: 'Cinq caractères au plus.' },
    });
    expect(body).not.toHaveBeenCalled();
  });

  it('answers a forged hidden field with its own message only', async () => {
    const action = familyAction(schema, body, { shown: ['remarks'] });
    expect(await action({}, formOf({ dayId: 'mercredi', remarks: 'beaucoup trop long' }))).toEqual({ error: 'Choisissez un jour.' });
    expect(body).not.toHaveBeenCalled();
  });

  it('gives back what was typed in the kept fields after a refusal', async () => {
    body.mockResolvedValue(refused('Vos demandes ont changé.'));
    const action = familyAction(schema, body, { keep: ['remarks'] });
    expect(await action({}, formOf({ dayId: '1', remarks: 'merci' }))).toMatchObject({ error: 'Vos demandes ont changé.', values: { remarks: 'merci' } });
  });

  it('lets the body answer with a message of its own', async () => {
    body.mockResolvedValue({ ok: true, message: 'L’actualité est publiée.' });
    expect(await publicAction(schema, body)({}, formOf({ dayId: '1', remarks: '' }))).toEqual({ ok: true, message: 'L’actualité est publiée.' });
    expect(body.mock.calls[0]![1]).toEqual({ id: null, role: 'anonymous' });
  });

  it('refuses a family action to anyone but a logged-in family, before parsing', async () => {
    session.user = null;
    await expect(familyAction(schema, body)({}, formOf({ dayId: '1', remarks: '' }))).rejects.toThrow('NEXT_REDIRECT');
    session.user = { id: 1, role: 'agent', familyId: null };
    await expect(familyAction(schema, body)({}, formOf({ dayId: '1', remarks: '' }))).rejects.toThrow('NEXT_REDIRECT');
    expect(body).not.toHaveBeenCalled();
  });

  it('refuses an admin-only action to an agent, and lets an admin through', async () => {
    body.mockResolvedValue(ok());
    const action = staffAction(schema, body, { role: 'admin' });
    session.user = { id: 1, role: 'agent', familyId: null };
    expect(await action({}, formOf({ dayId: '1', remarks: '' }))).toEqual({ error: 'Cette action est réservée aux administrateurs.' });
    expect(body).not.toHaveBeenCalled();
    session.user = { id: 2, role: 'admin', familyId: null };
    expect(await action({}, formOf({ dayId: '1', remarks: '' }))).toEqual({ ok: true });
    session.user = { id: 3, role: 'family', familyId: 3 };
    await expect(action({}, formOf({ dayId: '1', remarks: '' }))).rejects.toThrow('NEXT_REDIRECT');
  });

  it('answers a lost database connection with a message to try again in a moment, keeping what was typed', async () => {
    const action = familyAction(schema, body, { keep: ['remarks'] });
    const unavailable = { error: 'Le service est momentanément indisponible. Réessayez dans un instant.', values: { remarks: 'merci' } };
    // postgres.js's own error, then PostgreSQL's "terminated by an administrator" wrapped by Drizzle.
    body.mockRejectedValueOnce(Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' }));
    expect(await action({}, formOf({ dayId: '1', remarks: 'merci' }))).toEqual(unavailable);
    body.mockRejectedValueOnce(new Error('Failed query: select 1', { cause: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) }));
    expect(await action({}, formOf({ dayId: '1', remarks: 'merci' }))).toEqual(unavailable);
  });

  it('answers the same when the session cannot be checked because the database is down', async () => {
    session.databaseDown = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(await staffAction(schema, body)({}, formOf({ dayId: '1', remarks: '' }))).toEqual({
      error: 'Le service est momentanément indisponible. Réessayez dans un instant.',
    });
    expect(body).not.toHaveBeenCalled();
  });

  it('lets redirects and every other error through', async () => {
    body.mockRejectedValueOnce(new Error('NEXT_REDIRECT /reservations/validees/1'));
    await expect(familyAction(schema, body)({}, formOf({ dayId: '1', remarks: '' }))).rejects.toThrow('NEXT_REDIRECT');
    body.mockRejectedValueOnce(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }));
    await expect(familyAction(schema, body)({}, formOf({ dayId: '1', remarks: '' }))).rejects.toThrow('duplicate key');
  });
});
