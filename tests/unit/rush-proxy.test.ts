import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type Proxy } from '../../bench/support/servers';

// Two upstreams that say who they are, set two cookies, and echo what they were sent.
const upstreams: http.Server[] = [];
let proxy: Proxy;

beforeAll(async () => {
  const urls: string[] = [];
  for (const name of ['a', 'b']) {
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json', 'set-cookie': [`session=${name}; Path=/; HttpOnly`, 'other=1; Path=/'] });
        response.end(JSON.stringify({ upstream: name, method: request.method, path: request.url, body: Buffer.concat(chunks).toString(), cookie: request.headers.cookie ?? null, forwardedFor: request.headers['x-forwarded-for'] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    upstreams.push(server);
    urls.push(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`);
  }
  proxy = await startProxy(urls);
});

afterAll(async () => {
  await proxy.close();
  for (const server of upstreams) await new Promise((resolve) => server.close(resolve));
});

describe('the rush proxy', () => {
  it('sends requests to each instance in turn, with their bodies, cookies and every set-cookie kept', async () => {
    const answers: (Record<string, unknown> & { setCookie: string[] })[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${proxy.url}/reservations?mois=2026-12`, { method: 'POST', body: `clic=${i}`, headers: { cookie: 'authjs.session-token=abc' } });
      answers.push({ setCookie: response.headers.getSetCookie(), ...((await response.json()) as Record<string, unknown>) });
    }
    expect(answers.map((a) => a.upstream)).toEqual(['a', 'b', 'a', 'b']);
    expect(answers[1]).toMatchObject({ method: 'POST', path: '/reservations?mois=2026-12', body: 'clic=1', cookie: 'authjs.session-token=abc', forwardedFor: '127.0.0.1' });
    expect(answers[1]!.setCookie).toEqual(['session=b; Path=/; HttpOnly', 'other=1; Path=/']);
    expect(proxy.counts()).toEqual([2, 2]);
    expect(proxy.failures()).toBe(0);
  });
});
