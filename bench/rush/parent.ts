// One virtual parent of the opening-day rush: logs in, opens the calendar, clicks days, opens the
// recap and validates, over real HTTP and as the browser does with JavaScript on. Server actions
// are posted the way Next's client posts them (Next-Action header, the router state tree, React's
// multipart reply encoding), with the action ids read from the server-rendered HTML, so it works
// against any build of the app. The wire format itself is in ./browser-wire.ts.
//
// A 5xx answer or a lost request (network error, reset, timeout) stops the parent: it is counted
// and recorded, never retried, since replaying a day click that did reach the server would undo it.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Agent, request, type Dispatcher } from 'undici';
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
  type ActionForm,
} from './browser-wire';

export type RequestKind = 'login' | 'page' | 'click' | 'recap' | 'validation';
export interface Sample {
  kind: RequestKind;
  ms: number;
  /** HTTP status; 0 when no answer came. */
  status: number;
  at: number /* epoch ms at start */;
}
export interface ParentPlan {
  login: string;
  password: string;
  /** The days to click, in order (5–10), each for one of the family's children. */
  clicks: { childId: number; activityId: number; activityDayId: number; month: string /* 'YYYY-MM' */ }[];
  /** Milliseconds to wait between clicks (the orchestrator passes a 1–3 s random think time). */
  thinkMs: () => number;
}
export interface ParentRun {
  samples: Sample[];
  serverErrors: number; // HTTP 5xx answers
  lostRequests: number; // no answer: network error, reset, or timeout (default 30 s)
  busyAnswers: number; // « Forte affluence » answers that were retried
  validated: boolean;
  validationId: number | null;
  error: string | null; // first unexpected thing (wrong redirect, missing form…), if any
  /** Clicks the server accepted (`{ ok: true }`). */
  acceptedClicks: number;
  /** Clicks the server refused with a message (a day no longer open, a rule), and those messages. */
  refusedClicks: number;
  refusals: string[];
  /** Planned days the calendar did not offer as a button (full, closed, locked): a browser cannot click them. */
  unclickableDays: number;
}

export interface ParentOptions {
  /** Per request, from sending to the end of the answer's body. Default 30 s. */
  timeoutMs?: number;
  /** Stops the parent (the orchestrator's end); a request cut by it is not counted as lost. */
  signal?: AbortSignal;
  /** The connection pool; by default one shared keep-alive pool (see rushAgent). */
  dispatcher?: Dispatcher;
  /** Validations answered « Forte affluence » are sent again up to this many times. Default 20. */
  maxBusyRetries?: number;
  /**
   * Called as each request leaves; what it returns is called once its whole answer has arrived
   * (not when none came). `npm run bench:cost` reads the server's CPU time around each request.
   */
  observe?: (kind: RequestKind, method: 'GET' | 'POST', path: string) => (answerBytes: number) => void;
}

const BUSY_TEXT = 'Forte affluence';
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) CompteFamille-rush/1.0';

/** A keep-alive connection pool for many parents; each origin gets up to `connections` sockets. */
export function rushAgent(connections = 1024): Agent {
  return new Agent({ connections, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000, headersTimeout: 0, bodyTimeout: 0 });
}

let sharedAgent: Agent | null = null;
const defaultAgent = () => (sharedAgent ??= rushAgent());

/** Closes the shared pool, so that a script using the default can exit. */
export async function closeSharedAgent(): Promise<void> {
  const agent = sharedAgent;
  sharedAgent = null;
  await agent?.close();
}

/** Why a parent stops: already recorded in the run. */
class Stop extends Error {}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

const isFlight = (answer: Answer) => String(answer.headers['content-type'] ?? '').startsWith('text/x-component');
const initialState = (form: ActionForm) => (form.bound.length > 0 ? form.bound[0] : {});
const errorOf = (state: unknown) => (state && typeof state === 'object' && 'error' in state ? String((state as { error: unknown }).error) : null);


const newRun = (): ParentRun => ({
  samples: [],
  serverErrors: 0,
  lostRequests: 0,
  busyAnswers: 0,
  validated: false,
  validationId: null,
  error: null,
  acceptedClicks: 0,
  refusedClicks: 0,
  refusals: [],
  unclickableDays: 0,
});

/** One browser's connection to the app: its cookies, and its requests recorded in `run`. */
function browserSession(baseUrl: string | (() => string), run: ParentRun, options: ParentOptions) {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const dispatcher = options.dispatcher ?? defaultAgent();
  const jar = new CookieJar();
  const base = () => (typeof baseUrl === 'string' ? baseUrl : baseUrl()).replace(/\/+$/, '');

  const fail = (message: string): never => {
    run.error ??= message;
    throw new Stop(message);
  };

  async function send(kind: RequestKind, method: 'GET' | 'POST', path: string, extra: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
    if (options.signal?.aborted) fail('stopped');
    const origin = base();
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, 'accept-language': 'fr-FR,fr;q=0.9', ...extra.headers };
    const cookie = jar.header();
    if (cookie) headers.cookie = cookie;
    if (method === 'POST') headers.origin = new URL(origin).origin;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const at = Date.now();
    const started = performance.now();
    try {
      const answered = options.observe?.(kind, method, path);
      const response = await request(`${origin}${path}`, { method, headers, body: extra.body, dispatcher, signal });
      const text = await response.body.text();
      answered?.(Buffer.byteLength(text));
      run.samples.push({ kind, ms: performance.now() - started, status: response.statusCode, at });
      const setCookie = response.headers['set-cookie'];
      jar.store(setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie]);
      if (response.statusCode >= 500) {
        run.serverErrors++;
        fail(`${method} ${path}: HTTP ${response.statusCode}`);
      }
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      if (error instanceof Stop) throw error;
      run.samples.push({ kind, ms: performance.now() - started, status: 0, at });
      if (options.signal?.aborted && !timeout.aborted) fail('stopped');
      run.lostRequests++;
      const reason = timeout.aborted ? `no answer within ${timeoutMs} ms` : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return fail(`${method} ${path}: ${reason}`);
    }
  }

  /** A page as the browser loads it by its address: HTML, 200 expected (a redirect means a lost session or a wrong address). */
  async function page(kind: RequestKind, path: string): Promise<Answer> {
    const answer = await send(kind, 'GET', path, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    if (answer.status !== 200) {
      const location = answer.headers.location;
      fail(`GET ${path}: HTTP ${answer.status}${location ? ` to ${String(location)}` : ''}`);
    }
    return answer;
  }

  /** A server action called from the page at `path` with a form's fields, as Next's client calls it. */
  function callAction(kind: RequestKind, path: string, form: ActionForm, tree: string | null, prevState: unknown, fields: Array<[string, string]>) {
    const boundary = `----WebKitFormBoundary${randomBytes(12).toString('base64url')}`;
    const headers: Record<string, string> = {
      accept: 'text/x-component',
      'next-action': form.actionId,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      referer: `${base()}${path}`,
    };
    if (tree) headers['next-router-state-tree'] = tree;
    return send(kind, 'POST', path, { headers, body: multipartBody(actionReplyParts([prevState, { form: fields }]), boundary) });
  }

  return { jar, fail, page, callAction };
}
type BrowserSession = ReturnType<typeof browserSession>;

/** The login as the browser does it: the login page, then its server action (logInAction, a useActionState form). */
async function logInSteps({ jar, fail, page, callAction }: BrowserSession, login: string, password: string) {
  const loginPath = '/connexion';
  const loginPage = await page('page', loginPath);
  const loginForm = actionForms(loginPage.text).find((form) => form.fields.some(([name]) => name === 'identifier'));
  if (!loginForm) fail('login page: no login form');
  const credentials: Record<string, string> = { identifier: login, password };
  const loginAnswer = await callAction(
    'login',
    loginPath,
    loginForm!,
    routerStateTree(loginPage.text),
    initialState(loginForm!),
    // Loaded by its address, the login page still has the no-JS action inputs, which the browser sends.
    loginForm!.loadedFields.map(([name, value]) => [name, credentials[name] ?? value]),
  );
  const afterLogin = actionRedirect(loginAnswer.status, loginAnswer.headers);
  if (!afterLogin) {
    const state = isFlight(loginAnswer) ? actionResult(loginAnswer.text) : undefined;
    const ticket = state && typeof state === 'object' && 'values' in state && (state as { values?: { ticket?: string } }).values?.ticket;
    fail(ticket ? `login ${login}: a second factor is asked` : `login ${login} refused: ${errorOf(state) ?? `HTTP ${loginAnswer.status}`}`);
  }
  if (!['authjs.session-token', '__Secure-authjs.session-token'].some((name) => jar.get(name))) fail(`login ${login}: no session cookie`);
}

/**
 * Logs a guardian in as runParent does (the login page, then its server action) and returns the
 * Cookie header of the session; throws with the reason when the login fails.
 */
export async function logIn(baseUrl: string, login: string, password: string, options: ParentOptions = {}): Promise<string> {
  const run = newRun();
  const dispatcher = options.dispatcher ?? new Agent();
  try {
    const session = browserSession(baseUrl, run, { ...options, dispatcher });
    await logInSteps(session, login, password);
    // The session cookie is there: logInSteps checked it.
    return session.jar.header()!;
  } catch (error) {
    throw error instanceof Stop ? new Error(`login ${login}: ${run.error}`) : error;
  } finally {
    if (!options.dispatcher) await dispatcher.close();
  }
}

export async function runParent(baseUrl: string | (() => string), plan: ParentPlan, options: ParentOptions = {}): Promise<ParentRun> {
  const run = newRun();
  const session = browserSession(baseUrl, run, options);
  const { fail, page, callAction } = session;

  try {
    // 1. Login.
    await logInSteps(session, plan.login, plan.password);

    // 2–3. The calendar of each click's child, activity and month, then the click.
    type Calendar = { key: string; path: string; form: ActionForm; tree: string | null; state: unknown };
    let current = null as Calendar | null;
    for (const [index, click] of plan.clicks.entries()) {
      const key = `${click.childId}/${click.activityId}/${click.month}`;
      if (current?.key !== key) {
        const path = `/reservations?${new URLSearchParams({ enfant: String(click.childId), activite: String(click.activityId), mois: click.month })}`;
        const calendar = await page('page', path);
        const form = actionForms(calendar.text).find((candidate) => candidate.buttons.some((button) => button.name === 'activityDayId'));
        if (!form) fail(`GET ${path}: no calendar with a day to click (reservations not open?)`);
        current = { key, path, form: form!, tree: routerStateTree(calendar.text), state: initialState(form!) };
      }
      if (index > 0) await sleep(plan.thinkMs(), options.signal);
      const { form } = current!;
      if (!form.buttons.some((button) => button.name === 'activityDayId' && button.value === String(click.activityDayId))) {
        run.unclickableDays++;
        continue;
      }
      // The form's hidden fields (with the no-JS action inputs: the calendar was loaded by its address),
      // the one React adds once hydrated, then the clicked day (the submitter).
      const fields: Array<[string, string]> = [...form.loadedFields, ['affichage', 'dynamique'], ['activityDayId', String(click.activityDayId)]];
      // The answer is the action's state only (the month's days and the basket): the page is not sent again.
      const answer = await callAction('click', current!.path, form, current!.tree, current!.state, fields);
      if (answer.status !== 200 || !isFlight(answer)) fail(`click on day ${click.activityDayId}: HTTP ${answer.status} ${String(answer.headers['content-type'] ?? '')}`);
      const state = actionResult(answer.text);
      if (state && typeof state === 'object' && (state as { ok?: unknown }).ok === true) run.acceptedClicks++;
      else if (errorOf(state) !== null) {
        run.refusedClicks++;
        run.refusals.push(errorOf(state)!);
      } else fail(`click on day ${click.activityDayId}: no action result in the answer`);
      current!.state = state;
    }
    // Every day refused (taken meanwhile): the recap would be empty; the parent leaves, nothing went wrong.
    if (run.acceptedClicks === 0) return run;

    // 4. The recap, as the calendar's « Valider » link opens it.
    const last = plan.clicks.at(-1)!;
    const recapPath = `/reservations/recapitulatif?${new URLSearchParams({ enfant: String(last.childId), activite: String(last.activityId), mois: last.month })}`;
    const recap = await page('recap', recapPath);
    const validateForm = actionForms(recap.text).find((form) => fieldValue(form, 'basketId') !== null);
    if (!validateForm) fail('recap: no validation form (empty basket?)');
    const recapTree = routerStateTree(recap.text);

    // 5. « Valider », sent again after each « Forte affluence » answer, as a parent clicks again.
    const maxBusy = options.maxBusyRetries ?? 20;
    let state = initialState(validateForm!);
    let resultPath: string | null = null;
    for (;;) {
      const answer = await callAction('validation', recapPath, validateForm!, recapTree, state, validateForm!.fields);
      resultPath = actionRedirect(answer.status, answer.headers);
      if (resultPath) break;
      if (answer.text.includes(BUSY_TEXT)) {
        if (run.busyAnswers >= maxBusy) fail(`validation: still « ${BUSY_TEXT} » after ${maxBusy} retries`);
        run.busyAnswers++;
        state = isFlight(answer) ? (actionResult(answer.text) ?? state) : state;
        await sleep(1000 + Math.random() * 2000, options.signal);
        continue;
      }
      const refusal = isFlight(answer) ? errorOf(actionResult(answer.text)) : null;
      fail(`validation: ${refusal ? `refused: ${refusal}` : `no redirect (HTTP ${answer.status})`}`);
    }
    const match = /^\/reservations\/resultat\/(\d+)$/.exec(pathOf(resultPath!));
    if (!match) fail(`validation redirected to ${resultPath}`);
    run.validationId = Number(match![1]);
    run.validated = true;
    const result = await page('page', pathOf(resultPath!));
    if (!result.text.includes('Résultat de vos demandes')) fail(`${resultPath}: not the result page`);
  } catch (error) {
    if (!(error instanceof Stop)) run.error ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  return run;
}
