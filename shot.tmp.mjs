import { chromium } from 'playwright-core';
const [,, url, out, login, pw] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-background-networking'] });
const ctx = await b.newContext({ viewport: { width: Number(process.env.W ?? 1280), height: 900 } });
const p = await ctx.newPage();
p.on('console', m => console.log('console:', m.text()));
if (login) {
  await p.goto(new URL('/connexion', url).toString());
  await p.getByLabel('Identifiant').fill(login);
  await p.getByLabel('Mot de passe').fill(pw);
  await p.getByRole('button', { name: 'Se connecter' }).click();
  await p.waitForTimeout(3000);
}
await p.goto(url); await p.waitForTimeout(1000);
console.log('URL', p.url());
await p.screenshot({ path: out, fullPage: true });
console.log((await p.locator('body').innerText()).slice(0, 1500));
await b.close();
