// Runs virtual parents (bench/rush/parent.ts) against a running server, then checks in Suivi that
// the days they asked for are there.
//
//   npx tsx bench/rush/parent-smoke.ts http://127.0.0.1:3103 dupont compte-famille-demo
//   npx tsx bench/rush/parent-smoke.ts http://127.0.0.1:3103 dupont,lefebvre,moreau compte-famille-demo
//
// Several logins (comma-separated) run at the same time. For each family the script first looks,
// logged in as that family, for days the calendars offer as « disponible » (the child and activity
// links of Réservations, then the next months of each calendar), and plans up to 8 of them.
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { actionForms, actionRedirect, actionReplyParts, CookieJar, decodeEntities, multipartBody, routerStateTree } from './browser-wire';
import { closeSharedAgent, runParent, type ParentPlan, type ParentRun } from './parent';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const MONTHS_AHEAD = 3;
const MAX_CLICKS = 8;

interface PlannedDay {
  childId: number;
  activityId: number;
  activityDayId: number;
  month: string;
  /** ISO date, read from the day button's spoken name (« mercredi 9 décembre 2026 »). */
  date: string;
}

/** A logged-in browser without JavaScript needs: cookies and GET. */
class Browser {
  private readonly jar = new CookieJar();
  constructor(private readonly base: string) {}

  async get(path: string): Promise<string> {
    const cookie = this.jar.header();
    const response = await request(`${this.base}${path}`, { headers: cookie ? { cookie } : {} });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`GET ${path}: HTTP ${response.statusCode}`);
    return text;
  }

  async logIn(login: string, password: string): Promise<void> {
    const html = await this.get('/connexion');
    const form = actionForms(html).find((candidate) => candidate.fields.some(([name]) => name === 'identifier'));
    if (!form) throw new Error('no login form');
    const values: Record<string, string> = { identifier: login, password };
    const boundary = '----smoke';
    const tree = routerStateTree(html);
    const response = await request(`${this.base}/connexion`, {
      method: 'POST',
      headers: {
        accept: 'text/x-component',
        'next-action': form.actionId,
        ...(tree ? { 'next-router-state-tree': tree } : {}),
        'content-type': `multipart/form-data; boundary=${boundary}`,
        origin: new URL(this.base).origin,
      },
      body: multipartBody(actionReplyParts([form.bound[0] ?? {}, { form: form.fields.map(([name, value]) => [name, values[name] ?? value]) }]), boundary),
    });
    await response.body.text();
    const setCookie = response.headers['set-cookie'];
    this.jar.store(setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie]);
    if (!actionRedirect(response.statusCode, response.headers)) throw new Error(`login ${login} refused`);
  }
}

const ids = (html: string, pattern: RegExp) => [...new Set([...decodeEntities(html).matchAll(pattern)].map((match) => Number(match[1])))];

function isoDate(text: string): string | null {
  const match = new RegExp(`(\\d{1,2})(?:er)? (${MONTHS.join('|')}) (\\d{4})`).exec(text);
  if (!match) return null;
  return `${match[3]}-${String(MONTHS.indexOf(match[2]!) + 1).padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
}

const nextMonth = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
};

/** Days offered as « disponible » to each child, one activity per child (so no two of its days fall on the same date). */
async function findBookableDays(browser: Browser): Promise<PlannedDay[]> {
  const found: PlannedDay[][] = [];
  for (const childId of ids(await browser.get('/reservations'), /href="\/reservations\?enfant=(\d+)"/g)) {
    const activities = ids(await browser.get(`/reservations?enfant=${childId}`), new RegExp(`href="/reservations\\?enfant=${childId}&activite=(\\d+)"`, 'g'));
    for (const activityId of activities) {
      const days: PlannedDay[] = [];
      // The calendar opens on its first month; then the next ones, as « Mois suivant » leads.
      let month: string | null = null;
      for (let step = 0; step <= MONTHS_AHEAD; step++) {
        const html = await browser.get(`/reservations?enfant=${childId}&activite=${activityId}${month ? `&mois=${month}` : ''}`);
        const form = actionForms(html).find((candidate) => candidate.buttons.some((button) => button.name === 'activityDayId'));
        const formMonth = form?.fields.find(([name]) => name === 'mois')?.[1];
        for (const button of form?.buttons ?? []) {
          const text = decodeEntities(button.html.replace(/<[^>]*>/g, ''));
          const date = isoDate(text);
          if (button.name === 'activityDayId' && date && formMonth && text.includes('disponible, cliquer pour réserver')) {
            days.push({ childId, activityId, activityDayId: Number(button.value), month: formMonth, date });
          }
        }
        if (!formMonth) break;
        month = nextMonth(formMonth);
      }
      if (days.length > 0) {
        found.push(days);
        break;
      }
    }
  }
  // Round-robin over the children, a few days each, in calendar order per child.
  const plan: PlannedDay[] = [];
  for (let i = 0; plan.length < MAX_CLICKS && found.some((days) => i < days.length); i++) {
    for (const days of found) if (i < days.length && plan.length < MAX_CLICKS) plan.push(days[i * 2] ?? days[i]!);
  }
  const unique = [...new Map(plan.map((day) => [day.activityDayId, day])).values()];
  // One calendar after the other, as a parent goes: grouped by child, activity and month.
  return unique.sort((a, b) => a.childId - b.childId || a.activityId - b.activityId || a.date.localeCompare(b.date));
}

/** The planned days Suivi does not list as asked for or reserved. */
async function missingFromSuivi(browser: Browser, days: PlannedDay[]): Promise<PlannedDay[]> {
  const missing: PlannedDay[] = [];
  const pages = new Map<string, string[]>();
  for (const day of days) {
    const key = `enfant=${day.childId}&activite=${day.activityId}`;
    if (!pages.has(key)) {
      const html = await browser.get(`/suivi?${key}`);
      const body = html.slice(html.indexOf('<tbody'));
      pages.set(key, [...body.matchAll(/<tr\b[\s\S]*?<\/tr>/g)].map((row) => decodeEntities(row[0].replace(/<[^>]*>/g, ' '))));
    }
    const [year, month, date] = day.date.split('-');
    const row = pages.get(key)!.find((text) => text.includes(`${date}/${month}/${year}`));
    if (!row || /Refusée|Annulée/i.test(row)) missing.push(day);
  }
  return missing;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
};

async function main() {
  const [base, logins, password] = process.argv.slice(2);
  if (!base || !logins || !password) {
    console.error('Usage: npx tsx bench/rush/parent-smoke.ts <base URL> <login>[,<login>…] <password>');
    process.exit(2);
  }
  const families = logins.split(',').filter(Boolean);
  const planned = await Promise.all(
    families.map(async (login) => {
      const browser = new Browser(base);
      await browser.logIn(login, password);
      return { login, browser, days: await findBookableDays(browser) };
    }),
  );
  for (const { login, days } of planned) console.log(`${login}: ${days.length} bookable days planned: ${days.map((day) => day.date).join(' ')}`);

  const started = performance.now();
  const runs = await Promise.all(
    planned.map(async ({ login, days }): Promise<[string, ParentRun]> => {
      const plan: ParentPlan = {
        login,
        password,
        clicks: days.map(({ childId, activityId, activityDayId, month }) => ({ childId, activityId, activityDayId, month })),
        thinkMs: () => 1000 + Math.random() * 2000,
      };
      return [login, await runParent(base, plan)];
    }),
  );
  const elapsed = performance.now() - started;

  let failures = 0;
  for (const [login, run] of runs) {
    const { samples, ...summary } = run;
    console.log(`\n${login}:`, JSON.stringify(summary));
    for (const sample of samples) console.log(`  ${sample.kind.padEnd(10)} ${String(sample.status).padStart(3)} ${sample.ms.toFixed(1).padStart(8)} ms`);
    const days = planned.find((p) => p.login === login)!;
    const missing = await missingFromSuivi(days.browser, days.days);
    console.log(`  Suivi: ${days.days.length - missing.length}/${days.days.length} planned days listed${missing.length ? `; missing ${missing.map((day) => day.date).join(' ')}` : ''}`);
    if (!run.validated || run.error || missing.length > 0 || days.days.length === 0) failures++;
  }

  const all = runs.flatMap(([, run]) => run.samples);
  console.log(`\n${runs.length} parents in ${(elapsed / 1000).toFixed(1)} s; ${runs.filter(([, run]) => run.validated).length} validated; ${failures} with a problem`);
  for (const kind of ['page', 'login', 'click', 'recap', 'validation'] as const) {
    const ms = all.filter((sample) => sample.kind === kind).map((sample) => sample.ms);
    if (ms.length) console.log(`  ${kind.padEnd(10)} n=${String(ms.length).padStart(4)}  p50 ${percentile(ms, 50).toFixed(0)} ms  p95 ${percentile(ms, 95).toFixed(0)} ms  max ${Math.max(...ms).toFixed(0)} ms`);
  }
  await closeSharedAgent();
  process.exit(failures > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
