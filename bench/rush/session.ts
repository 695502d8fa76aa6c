// A guardian's session over HTTP, as the login form gets it (Auth.js's credentials endpoint): for
// the pages' load, which needs a logged-in cookie, and to check that the app answers after faults.

/** Logs in; the session cookie (`name=value`), or null when the login is refused. */
export async function logIn(baseUrl: string, login: string, password: string): Promise<string | null> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ identifier: login, password, csrfToken, callbackUrl: `${baseUrl}/` }),
  });
  await response.arrayBuffer();
  const session = response.headers.getSetCookie().find((line) => line.startsWith('authjs.session-token='));
  return session ? session.split(';')[0]! : null;
}

/** Whether a guardian can log in and open a page (the calendar): the app serves again. */
export async function appAnswers(baseUrl: string, login: string, password: string, path: string): Promise<{ ok: boolean; status: number; ms: number; error?: string }> {
  const started = performance.now();
  try {
    const cookie = await logIn(baseUrl, login, password);
    if (!cookie) return { ok: false, status: 401, ms: performance.now() - started, error: 'login refused' };
    const page = await fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
    const body = await page.text();
    return { ok: page.status === 200 && body.includes('Réservations'), status: page.status, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, status: 0, ms: Math.round(performance.now() - started), error: (error as Error).message };
  }
}
