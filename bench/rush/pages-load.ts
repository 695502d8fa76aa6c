// The family pages under load: autocannon at 50 concurrent connections on the login page (the
// framework's floor) and the family pages of a logged-in parent. Used by `npm run bench:pages`
// (bench/pages.ts) and by the rush benchmark; the server and the login are bench/support/servers.ts.
import autocannon from 'autocannon';
import { percentiles } from './morning';

export interface PageFigures {
  rps: number;
  p50Ms: number;
  p95Ms: number;
  non2xx: number;
}

export interface PagesMeasurement {
  loginRps: number;
  calendarRps: number;
  /** Calendar req/s ÷ login req/s, in the same run. */
  pageRatio: number;
  p95CalendarMs: number;
  pages: Record<string, PageFigures>;
}

/** One page at `connections` concurrent for `seconds`; every response's latency is kept, for exact percentiles. */
async function loadPage(url: string, headers: Record<string, string>, connections: number, seconds: number): Promise<PageFigures> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers }, (error, finished) => (error ? reject(error) : resolve(finished)));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  const { p50, p95 } = percentiles(latencies);
  const errors = result.errors + result.timeouts;
  return {
    rps: Math.round((result.requests.total / seconds) * 10) / 10,
    p50Ms: p50,
    p95Ms: p95,
    non2xx: result.non2xx + errors,
  };
}

/**
 * The login page anonymously, then each family page as the logged-in parent (`cookie`), each after
 * a short warm-up. `calendarPath` is the Réservations page with a child and an activity chosen.
 */
export async function measurePages(options: {
  baseUrl: string;
  cookie: string;
  calendarPath: string;
  connections?: number;
  seconds?: number;
}): Promise<PagesMeasurement> {
  const connections = options.connections ?? 50;
  const seconds = options.seconds ?? 15;
  const warmUp = Math.max(2, Math.round(seconds / 5));
  const targets: [name: string, path: string, headers: Record<string, string>][] = [
    ['connexion', '/connexion', {}],
    ['calendrier', options.calendarPath, { cookie: options.cookie }],
    ['accueil', '/accueil', { cookie: options.cookie }],
    ['historiques', '/historiques', { cookie: options.cookie }],
    ['soldes', '/soldes', { cookie: options.cookie }],
    ['suivi', '/suivi', { cookie: options.cookie }],
  ];
  const pages: Record<string, PageFigures> = {};
  for (const [name, pagePath, headers] of targets) {
    const url = `${options.baseUrl}${pagePath}`;
    await loadPage(url, headers, connections, warmUp);
    pages[name] = await loadPage(url, headers, connections, seconds);
  }
  const loginRps = pages.connexion!.rps;
  const calendarRps = pages.calendrier!.rps;
  return {
    loginRps,
    calendarRps,
    pageRatio: loginRps > 0 ? Math.round((calendarRps / loginRps) * 100) / 100 : 0,
    p95CalendarMs: pages.calendrier!.p95Ms,
    pages,
  };
}
