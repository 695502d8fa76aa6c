import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeSharedAgent, logIn, runParent, type ParentPlan } from '@/bench/rush/parent';

// runParent against a stand-in server answering with pages and action answers captured from the
// app (tests/unit/fixtures/rush): what it sends, and how it counts busy answers, 5xx and lost requests.
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures/rush', name), 'utf8');
const calendarPage = `<!DOCTYPE html><html><body>${fixture('calendar-form.html')}</body></html>`;

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let validationAnswers: Array<'busy' | 'error' | 'hang' | 'ok'> = [];
let received: Received[] = [];
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => {
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      const url = new URL(request.url!, 'http://stand-in');
      const html = (page: string) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      const flight = (text: string, headers: Record<string, string> = {}) => response.writeHead(200, { 'content-type': 'text/x-component', ...headers }).end(text);
      if (request.method === 'GET') {
        if (url.pathname === '/connexion') return html(fixture('login.html'));
        if (url.pathname === '/reservations') return html(calendarPage);
        if (url.pathname === '/reservations/recapitulatif') return html(fixture('recap.html'));
        if (url.pathname === '/reservations/resultat/42') return html('<h1>Résultat de vos demandes</h1>');
        return response.writeHead(404).end();
      }
      if (url.pathname === '/connexion') {
        return flight('0:{"a":"$undefined"}\n', { 'x-action-redirect': '/;push', 'set-cookie': 'authjs.session-token=session-1; Path=/; HttpOnly; SameSite=lax' });
      }
      if (url.pathname === '/reservations') {
        return flight(fixture(request.headers.cookie?.includes('session-1') ? 'click-ok.flight' : 'click-refused.flight'));
      }
      const answer = validationAnswers.shift() ?? 'ok';
      if (answer === 'busy') return flight('0:{"a":"$@1"}\n1:{"error":"Forte affluence : votre demande n’est pas encore enregistrée, réessayez."}\n');
      if (answer === 'error') return response.writeHead(500).end('Internal Server Error');
      if (answer === 'hang') return; // never answered
      return flight('0:{"a":"$undefined"}\n', { 'x-action-redirect': '/reservations/resultat/42;push' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  validationAnswers = [];
  received = [];
});

afterAll(async () => {
  await closeSharedAgent();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const plan: ParentPlan = {
  login: 'dupont',
  password: 'compte-famille-demo',
  clicks: [
    { childId: 2, activityId: 2, activityDayId: 57, month: '2026-12' },
    { childId: 2, activityId: 2, activityDayId: 62, month: '2026-12' },
    { childId: 2, activityId: 2, activityDayId: 57, month: '2027-01' },
  ],
  thinkMs: () => 1,
};

const posts = () => received.filter((request) => request.method === 'POST');

describe('runParent', () => {
  it('logs in, clicks each day with the calendar’s action, follows the month, validates and reads the result', async () => {
    const run = await runParent(base, plan);
    expect(run).toMatchObject({ validated: true, validationId: 42, error: null, serverErrors: 0, lostRequests: 0, busyAnswers: 0, acceptedClicks: 3 });
    expect(run.samples.map((sample) => sample.kind)).toEqual(['page', 'login', 'page', 'click', 'click', 'page', 'click', 'recap', 'validation', 'page']);
    expect(run.samples.every((sample) => sample.status === 200 && sample.ms >= 0)).toBe(true);
    // A new month is a new calendar page; its form's state starts again from {}.
    expect(received.filter((request) => request.method === 'GET' && request.url.startsWith('/reservations?')).map((request) => request.url)).toEqual([
      '/reservations?enfant=2&activite=2&mois=2026-12',
      '/reservations?enfant=2&activite=2&mois=2027-01',
    ]);

    const [login, firstClick, secondClick, , validation] = posts();
    expect(login!.headers['next-action']).toBe('7fe1cbcab9ab81e4ff7da65f8003f95854c48de240');
    expect(login!.body).toContain('name="_1_identifier"\r\n\r\ndupont\r\n');
    expect(login!.body).toContain('name="_1_$ACTION_KEY"');
    for (const click of [firstClick!, secondClick!]) {
      expect(click.url).toBe('/reservations?enfant=2&activite=2&mois=2026-12');
      expect(click.headers).toMatchObject({ 'next-action': '7f7fa1e40f42b60a655fe0f557048122bac3a246b4', accept: 'text/x-component', cookie: 'authjs.session-token=session-1' });
      expect(click.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      expect(click.body).toContain('name="_1_affichage"\r\n\r\ndynamique\r\n');
    }
    expect(firstClick!.body).toContain('name="_1_activityDayId"\r\n\r\n57\r\n');
    expect(firstClick!.body).toContain('name="0"\r\n\r\n[{},"$K1"]\r\n');
    // The calendar was loaded by its address: the browser sends the no-JS action inputs hydration left in the form.
    expect(firstClick!.body).toContain('name="_1_$ACTION_KEY"');
    // The next click carries the state the previous one returned, as useActionState does.
    const answered = fixture('click-ok.flight').split('\n').find((row) => row.startsWith('1:'))!.slice(2);
    expect(secondClick!.body).toContain(`name="0"\r\n\r\n[${answered},"$K1"]\r\n`);
    expect(validation!.headers['next-action']).toBe('7fa797939af2bf827cc05b9fa25fa7542c63724d65');
    expect(validation!.body).toContain('name="_1_basketId"\r\n\r\n9\r\n');
    expect(validation!.body).toContain('name="_1_version"\r\n\r\n1\r\n');
    expect(validation!.headers['next-router-state-tree']).toContain('recapitulatif');
  });

  it('sends the validation again after each « Forte affluence » answer', async () => {
    validationAnswers = ['busy', 'busy', 'ok'];
    // The base address may be chosen per request (the orchestrator's round robin).
    let calls = 0;
    const run = await runParent(() => (calls++, base), { ...plan, clicks: plan.clicks.slice(0, 1) });
    expect(calls).toBeGreaterThanOrEqual(run.samples.length);
    expect(run).toMatchObject({ validated: true, validationId: 42, busyAnswers: 2, serverErrors: 0, error: null });
    expect(run.samples.filter((sample) => sample.kind === 'validation')).toHaveLength(3);
  }, 15_000);

  it('stops at a server error, and counts it', async () => {
    validationAnswers = ['error'];
    const run = await runParent(base, { ...plan, clicks: plan.clicks.slice(0, 1) });
    expect(run).toMatchObject({ validated: false, serverErrors: 1, lostRequests: 0 });
    expect(run.error).toMatch(/HTTP 500/);
    expect(run.samples.at(-1)).toMatchObject({ kind: 'validation', status: 500 });
  });

  it('counts a request left unanswered as lost when its time is up', async () => {
    validationAnswers = ['hang'];
    const run = await runParent(base, { ...plan, clicks: plan.clicks.slice(0, 1) }, { timeoutMs: 300 });
    expect(run).toMatchObject({ validated: false, serverErrors: 0, lostRequests: 1 });
    expect(run.error).toMatch(/no answer within 300 ms/);
    expect(run.samples.at(-1)).toMatchObject({ kind: 'validation', status: 0 });
  });

  it('stops when the login page is not where it should be', async () => {
    const run = await runParent(`${base}/nowhere`, plan);
    expect(run).toMatchObject({ validated: false, error: 'GET /connexion: HTTP 404' });
  });
});

describe('logIn', () => {
  it('logs in with the login page’s action, as runParent does, and returns the session cookie', async () => {
    expect(await logIn(base, 'dupont', 'compte-famille-demo')).toBe('authjs.session-token=session-1');
    const [action] = posts();
    expect(action).toMatchObject({ url: '/connexion', headers: { 'next-action': expect.any(String) } });
    expect(action!.body).toContain('dupont');
  });

  it('throws with the reason when the login does not go through', async () => {
    await expect(logIn(`${base}/nowhere`, 'dupont', 'compte-famille-demo')).rejects.toThrow('login dupont: GET /connexion: HTTP 404');
  });
});
