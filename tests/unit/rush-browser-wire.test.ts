import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  actionForms,
  actionRedirect,
  actionReplyParts,
  actionResult,
  CookieJar,
  fieldValue,
  multipartBody,
  pathOf,
  routerStateTree,
} from '@/bench/rush/browser-wire';

// Pages and answers captured from the production build with the demo data (bench/rush/parent.ts
// reads them the same way); the expected headers and bodies are what Chromium sent for them.
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures/rush', name), 'utf8');

describe('CookieJar', () => {
  const session =
    'authjs.session-token=eyJhbGciOiJkaXIi..7ADuijlyDaTG; Path=/; Expires=Fri, 27 Nov 2026 22:40:39 GMT; HttpOnly; SameSite=lax';
  const now = Date.parse('2026-11-27T14:40:39Z');

  it('keeps what Set-Cookie gives and sends it back as one Cookie header', () => {
    const jar = new CookieJar();
    expect(jar.header()).toBeNull();
    jar.store(['authjs.callback-url=http%3A%2F%2F127.0.0.1%3A3103%2F; Path=/; HttpOnly; SameSite=lax', session], now);
    expect(jar.get('authjs.session-token')).toBe('eyJhbGciOiJkaXIi..7ADuijlyDaTG');
    expect(jar.header()).toBe('authjs.callback-url=http%3A%2F%2F127.0.0.1%3A3103%2F; authjs.session-token=eyJhbGciOiJkaXIi..7ADuijlyDaTG');
  });

  it('replaces a cookie set again, and forgets one the server expires', () => {
    const jar = new CookieJar();
    jar.store([session, 'other=1'], now);
    jar.store(['authjs.session-token=renewed; Path=/'], now);
    expect(jar.get('authjs.session-token')).toBe('renewed');
    jar.store(['authjs.session-token=; Path=/; Max-Age=0'], now);
    jar.store(['other=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT'], now);
    expect(jar.header()).toBeNull();
  });
});

describe('actionForms', () => {
  it('reads the login form: its action id, the useActionState initial state and the no-JS inputs a loaded page sends', () => {
    const [form, ...others] = actionForms(fixture('login.html'));
    expect(others).toHaveLength(0);
    expect(form!.actionId).toBe('7fe1cbcab9ab81e4ff7da65f8003f95854c48de240');
    expect(form!.bound).toEqual([{}]);
    expect(form!.fields).toEqual([
      ['identifier', ''],
      ['password', ''],
    ]);
    // The order Chromium sent them in (multipart parts _1_$ACTION_REF_1 … _1_password).
    expect(form!.loadedFields.map(([name]) => name)).toEqual(['$ACTION_REF_1', '$ACTION_1:0', '$ACTION_1:1', '$ACTION_KEY', 'identifier', 'password']);
  });

  it('reads the recap: the validate action, not the « Abandonner » button’s own action inside the same form', () => {
    const forms = actionForms(fixture('recap.html'));
    expect(forms.map((form) => form.actionId)).toEqual([
      '00c78108cd0f0e9bcef3f18f350f4d4fe9a5445899', // « Se déconnecter », an unbound action ($ACTION_ID_…)
      '7fa797939af2bf827cc05b9fa25fa7542c63724d65',
    ]);
    const validate = forms.find((form) => fieldValue(form, 'basketId') !== null)!;
    expect(validate.actionId).not.toBe('7f7f091e80f5ed0ddc3473869cc16bf24454135438'); // abandonBasketAction
    expect(validate.bound).toEqual([{}]);
    expect(validate.fields).toEqual([
      ['basketId', '9'],
      ['version', '1'],
      ['remarks', ''],
    ]);
  });

  it('reads the calendar: its place fields and one submit button per clickable day', () => {
    const [calendar] = actionForms(fixture('calendar-form.html'));
    expect(calendar!.actionId).toBe('7f7fa1e40f42b60a655fe0f557048122bac3a246b4');
    expect(calendar!.fields).toEqual([
      ['childId', '2'],
      ['activite', '2'],
      ['mois', '2026-12'],
    ]);
    expect(calendar!.buttons.map((button) => [button.name, button.value])).toEqual([
      ['activityDayId', '57'],
      ['activityDayId', '62'],
    ]);
    expect(calendar!.buttons[0]!.html).toContain('disponible, cliquer pour réserver');
  });
});

describe('routerStateTree', () => {
  // Chromium's Next-Router-State-Tree headers for server actions sent from these pages.
  it('is the header the browser sends, from the router tree in the page’s inline payload', () => {
    expect(routerStateTree(fixture('login.html'))).toBe(
      '%5B%22%22%2C%7B%22children%22%3A%5B%22connexion%22%2C%7B%22children%22%3A%5B%22__PAGE__%22%2C%7B%7D%2Cnull%2Cnull%2C0%5D%7D%2Cnull%2Cnull%2C0%5D%7D%2Cnull%2Cnull%2C16%5D',
    );
    expect(routerStateTree(fixture('recap.html'))).toBe(
      '%5B%22%22%2C%7B%22children%22%3A%5B%22(famille)%22%2C%7B%22children%22%3A%5B%22reservations%22%2C%7B%22children%22%3A%5B%22recapitulatif%22%2C%7B%22children%22%3A%5B%22__PAGE__%22%2C%7B%7D%2Cnull%2Cnull%2C0%5D%7D%2Cnull%2Cnull%2C0%5D%7D%2Cnull%2Cnull%2C0%5D%7D%2Cnull%2Cnull%2C0%5D%7D%2Cnull%2Cnull%2C16%5D',
    );
  });

  it('is null for a page without one', () => {
    expect(routerStateTree(fixture('calendar-form.html'))).toBeNull();
  });
});

describe('the action request body', () => {
  it('encodes the previous state and the form as React does: parts _1_<field>, then 0 = [state, "$K1"]', () => {
    const parts = actionReplyParts([
      { ok: true },
      {
        form: [
          ['childId', '18'],
          ['activite', '5'],
          ['mois', '2026-12'],
          ['affichage', 'dynamique'],
          ['activityDayId', '85'],
        ],
      },
    ]);
    // Chromium's second click on the calendar.
    expect(parts).toEqual([
      ['_1_childId', '18'],
      ['_1_activite', '5'],
      ['_1_mois', '2026-12'],
      ['_1_affichage', 'dynamique'],
      ['_1_activityDayId', '85'],
      ['0', '[{"ok":true},"$K1"]'],
    ]);
    expect(multipartBody(parts.slice(4), '----B')).toBe(
      '------B\r\nContent-Disposition: form-data; name="_1_activityDayId"\r\n\r\n85\r\n' +
        '------B\r\nContent-Disposition: form-data; name="0"\r\n\r\n[{"ok":true},"$K1"]\r\n------B--\r\n',
    );
  });
});

describe('the action answer', () => {
  it('reads the value the action returned, accepted or refused, with the calendar it brings', () => {
    const accepted = actionResult(fixture('click-ok.flight')) as { ok: boolean; view: { weeks: unknown[][]; requests: { additions: number } } };
    expect(accepted).toMatchObject({ ok: true, view: { requests: { additions: 1, removals: 0 } } });
    expect(accepted.view.weeks.flat().filter(Boolean)).toHaveLength(31);
    const refused = actionResult(fixture('click-refused.flight')) as { error: string; view: unknown };
    expect(refused).toMatchObject({ error: 'Ce jour ou cet enfant est introuvable.', view: { weeks: expect.any(Array) } });
    // Sent back as the next click's previous state, it holds no Flight marker ("$undefined", "$1:…").
    const [[, sentBack]] = actionReplyParts([refused, { form: [] }]) as [[string, string]];
    expect(JSON.parse(sentBack)).toEqual([refused, '$K1']);
    expect(sentBack).not.toMatch(/"\$(?!K1")/);
  });

  it('finds no result in a page that is not an action answer', () => {
    expect(actionResult('<!DOCTYPE html><html></html>')).toBeUndefined();
  });

  it('follows the redirect of an action called with JavaScript, or of a form posted without', () => {
    expect(actionRedirect(200, { 'x-action-redirect': '/reservations/resultat/10;push' })).toBe('/reservations/resultat/10');
    expect(actionRedirect(200, { 'x-action-redirect': 'http://127.0.0.1:3103/;push' })).toBe('http://127.0.0.1:3103/');
    expect(actionRedirect(303, { location: '/reservations/resultat/11' })).toBe('/reservations/resultat/11');
    expect(actionRedirect(200, { 'content-type': 'text/x-component' })).toBeNull();
    expect(pathOf('http://127.0.0.1:3103/reservations/resultat/10?x=1')).toBe('/reservations/resultat/10?x=1');
    expect(pathOf('/reservations/resultat/10')).toBe('/reservations/resultat/10');
  });
});
