import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { baseURL, browserAvailable, demo, expectAccessible, expectNoHorizontalScroll, logIn, sharedBrowser } from './browser';

const browser = sharedBrowser();

/** What a phone's calendar app gets: a plain request, no cookie. */
const subscribe = (url: string) => fetch(url, { redirect: 'manual' });

describe.skipIf(!browserAvailable())('« Agenda de mon téléphone » on the Profil page', () => {
  it('turns the private calendar feed on, renews it and turns it off, on a 360 px phone, passing axe', async () => {
    const context = await browser.newContext({ width: 360 });
    const page = await context.newPage();
    await logIn(page, demo.family.identifier, demo.family.password);
    await page.waitForURL('**/accueil');
    await page.goto('/profil');
    const section = page.getByRole('region', { name: 'Agenda de mon téléphone' });
    await section.waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    await section.getByRole('button', { name: 'Activer le lien d’agenda' }).click();
    await section.getByText('Copiez ce lien maintenant : il ne sera plus affiché.').waitFor();
    const field = section.getByLabel('Lien de votre agenda');
    const first = await field.inputValue();
    expect(first).toMatch(new RegExp(`^${baseURL()}/api/agenda/[A-Za-z0-9_-]{43}$`));
    expect(await field.getAttribute('readonly')).not.toBeNull();
    expect(await section.getByRole('link', { name: 'Ajouter à l’agenda de ce téléphone' }).getAttribute('href')).toBe(first.replace(/^http:/, 'webcal:'));
    await section.getByRole('button', { name: 'Générer un nouveau lien' }).waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await section.screenshot({ path: 'test-results/agenda-telephone-360.png' });

    const feed = await subscribe(first);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(feed.headers.get('cache-control')).toBe('private, no-store');
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');

    // Shown once: after a reload the page no longer has it.
    await page.reload();
    await section.getByRole('button', { name: 'Générer un nouveau lien' }).waitFor();
    expect(await section.getByLabel('Lien de votre agenda').count()).toBe(0);
    expect(await page.content()).not.toContain(first.split('/').at(-1)!);

    await section.getByRole('button', { name: 'Générer un nouveau lien' }).click();
    await section.getByText('Un nouveau lien d’agenda a été créé : l’ancien ne fonctionne plus.', { exact: false }).waitFor();
    const second = await section.getByLabel('Lien de votre agenda').inputValue();
    expect(second).not.toBe(first);
    expect((await subscribe(first)).status).toBe(404);
    expect((await subscribe(second)).status).toBe(200);

    await section.getByRole('button', { name: 'Désactiver le lien' }).click();
    await section.getByText('Le lien d’agenda est désactivé', { exact: false }).waitFor();
    await section.getByRole('button', { name: 'Activer le lien d’agenda' }).waitFor();
    expect(await section.getByLabel('Lien de votre agenda').count()).toBe(0);
    expect((await subscribe(second)).status).toBe(404);
    await expectAccessible(page);
    await context.close();
  });
});
