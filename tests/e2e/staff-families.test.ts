import { describe, expect, it } from 'vitest';
import { browserAvailable, demo, expectAccessible, linkIn, logIn, mailTo, sharedBrowser } from './browser';

const browser = sharedBrowser();

/** A birth date that makes the child `years` old today (and for the coming months), in Paris. */
function bornYearsAgo(years: number): string {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
  const [year, month] = today.split('-').map(Number) as [number, number];
  // Born a few months before the birthday this year: stays `years` old for months to come.
  const birthMonth = ((month + 8) % 12) + 1;
  const birthYear = year - years - (birthMonth > month ? 1 : 0);
  return `${birthYear}-${String(birthMonth).padStart(2, '0')}-01`;
}

describe.skipIf(!browserAvailable())('Familles, in the staff area', () => {
  it('A new family created by an agent activates its login from the link and books a day', async () => {
    const agentContext = await browser.newContext();
    const staff = await agentContext.newPage();
    staff.setDefaultTimeout(15_000);
    await logIn(staff, demo.agent.identifier, demo.agent.password);
    await staff.waitForURL('**/admin');

    await staff.getByRole('navigation', { name: 'Espace mairie' }).getByRole('link', { name: 'Familles' }).click();
    await staff.waitForURL('**/admin/familles');
    await staff.getByText('Nouvelle famille').click();
    await staff.getByLabel('Nom de la famille').fill('');
    await staff.getByRole('button', { name: 'Créer la famille' }).click();
    await staff.getByText('Saisissez le nom de la famille.').waitFor();
    await staff.getByLabel('Nom de la famille').fill('Vasseur');
    await staff.getByRole('button', { name: 'Créer la famille' }).click();
    await staff.waitForURL(/\/admin\/familles\/\d+\?cree=1$/);
    await staff.getByRole('heading', { name: 'Famille VASSEUR (vasseur)' }).waitFor();

    const guardian = staff.getByRole('region', { name: 'Ajouter un responsable' });
    await guardian.getByLabel('Nom', { exact: true }).fill('Vasseur');
    await guardian.getByLabel('Prénom').fill('Margaux');
    await guardian.getByLabel('E-mail (facultatif)').fill('margaux.vasseur@example.fr');
    await guardian.getByLabel('Téléphone (facultatif)').fill('06 12 34 56 78');
    await staff.getByRole('button', { name: 'Créer le responsable et son accès' }).click();
    await staff.getByText('Responsable ajouté, identifiant « vasseur ». Le lien d’activation est envoyé par e-mail.').waitFor();
    // Sent by e-mail: the agent never sees the link.
    expect(await staff.getByText('jeton=').count()).toBe(0);

    const child = staff.getByRole('region', { name: 'Ajouter un enfant' });
    await child.getByLabel('Prénom').fill('Nino');
    await child.getByLabel('Date de naissance').fill(bornYearsAgo(4));
    await staff.getByRole('button', { name: 'Ajouter l’enfant' }).click();
    await staff.getByText('Enfant ajouté.').waitFor();
    await staff.reload();
    expect(await staff.getByRole('table', { name: 'Enfants de la famille' }).getByRole('rowheader').allTextContents()).toEqual(['VASSEUR']);
    await staff.getByText('Compte actif').waitFor();
    await expectAccessible(staff);
    await agentContext.close();

    const mail = await mailTo('margaux.vasseur@example.fr', 'Activez votre Compte Famille');
    expect(mail.text).toContain('vasseur');
    const link = linkIn(mail);
    const parentContext = await browser.newContext();
    const parent = await parentContext.newPage();
    parent.setDefaultTimeout(15_000);
    await parent.goto(link);
    const password = 'un mot de passe bien à nous';
    await parent.getByLabel('Nouveau mot de passe', { exact: true }).fill(password);
    await parent.getByLabel('Confirmez le nouveau mot de passe').fill(password);
    await parent.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await parent.waitForURL('**/connexion?mot-de-passe=modifie');
    // The link served once.
    await parent.goto(link);
    await parent.getByText('Ce lien a déjà été utilisé').waitFor();

    await logIn(parent, 'vasseur', password);
    await parent.waitForURL('**/accueil');
    await parent.getByRole('navigation', { name: 'Compte famille' }).getByRole('link', { name: 'Réservations' }).click();
    await parent.getByRole('list', { name: 'Personne concernée' }).getByRole('link', { name: 'VASSEUR Nino' }).click();
    await parent.getByRole('list', { name: 'Activité concernée' }).getByRole('link', { name: 'ALSH 3-6 ans Journée', exact: true }).click();
    await parent.locator('#calendrier table').waitFor();
    let day = parent.getByRole('button', { name: /, disponible, cliquer pour réserver$/ });
    while ((await day.count()) === 0) {
      const title = await parent.locator('#calendrier-titre').textContent();
      await parent.getByRole('link', { name: /^Mois suivant/ }).click();
      await expect.poll(() => parent.locator('#calendrier-titre').textContent()).not.toBe(title);
      day = parent.getByRole('button', { name: /, disponible, cliquer pour réserver$/ });
    }
    const label = (await day.first().getAttribute('aria-label')) ?? (await day.first().textContent())!;
    await day.first().click();
    await parent.getByRole('button', { name: /, demandé, pas encore validé, cliquer pour retirer la demande$/ }).waitFor();
    await parent.getByRole('link', { name: 'Valider' }).click();
    await parent.waitForURL('**/reservations/recapitulatif**');
    await parent.getByRole('button', { name: 'Valider' }).click();
    await parent.waitForURL('**/reservations/resultat/**');
    await parent.getByRole('heading', { name: 'Réservations acceptées (1)' }).waitFor();
    expect(await parent.getByRole('table', { name: 'Réservations acceptées (1)' }).textContent()).toContain('ALSH 3-6 ans Journée');
    expect(label).toMatch(/disponible/);
    await parentContext.close();
  });
});
