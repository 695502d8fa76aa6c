import { describe, expect, it } from 'vitest';
import { browserAvailable, demo, expectAccessible, expectNoHorizontalScroll, linkIn, logIn, mailsTo, mailTo, sharedBrowser } from './browser';

const browser = sharedBrowser();
const path = (url: string) => new URL(url).pathname;

describe.skipIf(!browserAvailable())('the family account', () => {
  it('shows Accueil: news, booking opening dates, the week’s menus, children and wallets', async () => {
    const context = await browser.newContext({ width: 360 });
    const page = await context.newPage();
    await logIn(page, demo.family.identifier, demo.family.password);
    await page.waitForURL('**/accueil');
    const main = page.locator('main');
    await main.getByRole('heading', { name: 'Date d’ouverture des réservations' }).waitFor();
    expect(await main.getByText('Réservations ouvertes').first().isVisible()).toBe(true);
    expect(await main.getByText('Ouverture des réservations', { exact: false }).first().isVisible()).toBe(true);
    expect(await main.getByRole('heading', { name: /^Menus de la semaine/ }).isVisible()).toBe(true);
    expect(await main.getByRole('heading', { name: 'Actualités' }).isVisible()).toBe(true);
    expect(await main.getByText('DUPONT Liou').isVisible()).toBe(true);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await context.close();
  });

  it('changes the password: the old one stops working, the new one works, a second browser is logged out', async () => {
    const login = 'bertrand';
    const newPassword = 'trois pommes vertes sur la table';
    const first = await browser.newContext({ width: 360 });
    const second = await browser.newContext();
    const page = await first.newPage();
    const other = await second.newPage();
    await logIn(page, login, demo.family.password);
    await page.waitForURL('**/accueil');
    await logIn(other, login, demo.family.password);
    await other.waitForURL('**/accueil');

    await page.getByRole('link', { name: 'Profil' }).click();
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.waitForURL('**/profil/modifier');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // A weak password is refused with a French reason, nothing changes.
    await page.getByLabel('Mot de passe actuel').first().fill(demo.family.password);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('motdepasse');
    await page.getByLabel('Confirmez le nouveau mot de passe').fill('motdepasse');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByText('Le mot de passe doit contenir au moins 12 caractères.').first().waitFor();

    await page.getByLabel('Mot de passe actuel').first().fill(demo.family.password);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(newPassword);
    await page.getByLabel('Confirmez le nouveau mot de passe').fill(newPassword);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.waitForURL('**/profil?modifie=mot-de-passe');
    await page.getByText('Votre mot de passe a été modifié.').waitFor();

    // This browser stays logged in; the other one's session has ended.
    await page.goto('/accueil');
    expect(path(page.url())).toBe('/accueil');
    await other.goto('/accueil');
    expect(path(other.url())).toBe('/connexion');

    await mailTo(`${login}@example.fr`, 'Votre mot de passe a été modifié');

    const fresh = await (await browser.newContext()).newPage();
    await logIn(fresh, login, demo.family.password);
    await fresh.locator('form [role="alert"]').waitFor();
    expect(path(fresh.url())).toBe('/connexion');
    await logIn(fresh, login, newPassword);
    await fresh.waitForURL('**/accueil');
    await Promise.all([first.close(), second.close(), fresh.context().close()]);
  });

  it('resets a forgotten password with the e-mailed link, which works once only', async () => {
    const login = 'blanc';
    const newPassword = 'le chat dort sur le radiateur';
    const context = await browser.newContext({ width: 360 });
    const page = await context.newPage();
    await page.goto('/connexion');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.waitForURL('**/mot-de-passe-oublie');
    await expectAccessible(page);
    await page.getByLabel('Identifiant ou adresse e-mail').fill(login);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.getByText(/Si ce compte existe/).waitFor();

    // An unknown account gets exactly the same answer.
    await page.goto('/mot-de-passe-oublie');
    await page.getByLabel('Identifiant ou adresse e-mail').fill('personne-inconnue');
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.getByText(/Si ce compte existe/).waitFor();

    const link = linkIn(await mailTo(`${login}@example.fr`, 'Choisissez un nouveau mot de passe'));
    await page.goto(link);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(newPassword);
    await page.getByLabel('Confirmez le nouveau mot de passe').fill(newPassword);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.waitForURL('**/connexion?mot-de-passe=modifie');
    await logIn(page, login, newPassword);
    await page.waitForURL('**/accueil');

    // The same link again is refused.
    const again = await (await browser.newContext()).newPage();
    await again.goto(link);
    await again.getByText('Ce lien a déjà été utilisé.', { exact: false }).waitFor();
    await Promise.all([context.close(), again.context().close()]);
  });

  it('changes the e-mail address only once the link is followed', async () => {
    const login = 'boyer';
    const context = await browser.newContext();
    const page = await context.newPage();
    await logIn(page, login, demo.family.password);
    await page.waitForURL('**/accueil');
    await page.goto('/profil/modifier');
    await page.getByLabel('Nouvelle adresse e-mail').fill('pas-une-adresse');
    await page.locator('#emailCurrentPassword').fill(demo.family.password);
    await page.getByRole('button', { name: 'Envoyer le lien de confirmation' }).click();
    await page.getByText('Saisissez une adresse e-mail valide', { exact: false }).first().waitFor();

    await page.getByLabel('Nouvelle adresse e-mail').fill('boyer.nouveau@example.fr');
    await page.locator('#emailCurrentPassword').fill(demo.family.password);
    await page.getByRole('button', { name: 'Envoyer le lien de confirmation' }).click();
    await page.waitForURL('**/profil?modifie=email-envoye');
    // Not applied yet.
    expect(await page.locator('main dl').textContent()).toContain(`${login}@example.fr`);
    await mailTo(`${login}@example.fr`, 'Changement d’adresse e-mail demandé');

    const [verification] = await mailsTo('boyer.nouveau@example.fr');
    await page.goto(linkIn(verification!));
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Confirmer ma nouvelle adresse' }).click();
    await page.getByText('Votre nouvelle adresse e-mail est enregistrée.').waitFor();
    await page.goto('/profil');
    expect(await page.locator('main dl').textContent()).toContain('boyer.nouveau@example.fr');
    await expectAccessible(page);
    await context.close();
  });

  it('lets staff read the e-mails sent', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await logIn(page, demo.admin.identifier, demo.admin.password);
    await page.waitForURL('**/admin');
    await page.getByRole('link', { name: 'E-mails' }).click();
    await page.waitForURL('**/admin/emails');
    const row = page.getByRole('row').filter({ hasText: 'bertrand@example.fr' }).filter({ hasText: 'Votre mot de passe a été modifié' });
    expect(await row.textContent()).toContain('Envoyé');
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: 'Votre mot de passe a été modifié' }).waitFor();
    expect(await page.getByText('bertrand@example.fr').isVisible()).toBe(true);
    expect(await page.locator('pre').textContent()).toContain('Bonjour');
    const preview = await page.request.get(`${new URL(page.url()).pathname}/apercu`);
    expect(preview.headers()['content-security-policy']).toContain('sandbox');
    expect(await preview.text()).toContain('Mairie de Cestas');

    // The reset e-mail sent to BLANC carried a working link; the copy staff read has it redacted.
    await page.goto('/admin/emails');
    await page.getByRole('row').filter({ hasText: 'blanc@example.fr' }).filter({ hasText: 'Choisissez un nouveau mot de passe' }).getByRole('link').click();
    await page.getByRole('heading', { name: 'Choisissez un nouveau mot de passe' }).waitFor();
    const keptText = await page.locator('pre').textContent();
    expect(keptText).toContain('« lien retiré de la copie conservée »');
    expect(keptText).not.toContain('jeton=');
    const keptHtml = await (await page.request.get(`${new URL(page.url()).pathname}/apercu`)).text();
    expect(keptHtml).toContain('« lien retiré de la copie conservée »');
    expect(keptHtml).not.toContain('jeton=');
    const sent = (await mailsTo('blanc@example.fr')).find((mail) => mail.subject === 'Choisissez un nouveau mot de passe');
    expect(sent!.text).toMatch(/jeton=[A-Za-z0-9_-]{20,}/);
    // Families never see it.
    const family = await (await browser.newContext()).newPage();
    await logIn(family, demo.family.identifier, demo.family.password);
    await family.waitForURL('**/accueil');
    expect((await family.request.get(`${new URL(page.url()).pathname}/apercu`, { maxRedirects: 0 })).status()).not.toBe(200);
    await family.context().close();
    await expectAccessible(page);
    await context.close();
  });
});
