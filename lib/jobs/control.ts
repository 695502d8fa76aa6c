import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { isJobName, runJob } from './registry';

/*
 * The embedded database accepts one connection, the server's: PGlite is one session, and two
 * clients' protocol messages would interleave in it. So `npm run job`, finding the database held by
 * a server, asks that server to run the job on its connection, through a loopback port and a token
 * kept beside the database's lock file (readable by its owner only).
 */

export interface JobControlAddress {
  pid: number;
  port: number;
  token: string;
}

export const jobControlFile = (embeddedDir: string) => `${embeddedDir}.jobs`;

export function readJobControl(embeddedDir: string): JobControlAddress | null {
  try {
    return JSON.parse(fs.readFileSync(jobControlFile(embeddedDir), 'utf8')) as JobControlAddress;
  } catch {
    return null;
  }
}

export async function startJobControl(embeddedDir: string, getDb: () => Promise<Db>, clock: Clock): Promise<http.Server> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const server = http.createServer(async (request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return answer(403, { error: 'jeton refusé' });
    const name = /^\/jobs\/(\w+)$/.exec(request.url ?? '')?.[1];
    if (request.method !== 'POST' || !name || !isJobName(name)) return answer(404, { error: 'tâche inconnue' });
    let body = '';
    for await (const chunk of request) body += chunk;
    const { date } = (body ? JSON.parse(body) : {}) as { date?: string };
    try {
      answer(200, { report: await runJob(await getDb(), clock, name, { trigger: 'manual', date }) });
    } catch (error) {
      answer(500, { error: error instanceof Error ? error.message : String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: JobControlAddress = { pid: process.pid, port: (server.address() as AddressInfo).port, token };
  fs.writeFileSync(jobControlFile(embeddedDir), JSON.stringify(address), { mode: 0o600 });
  server.unref();
  process.once('exit', () => {
    if (readJobControl(embeddedDir)?.pid === process.pid) fs.rmSync(jobControlFile(embeddedDir), { force: true });
  });
  return server;
}

/** Asks the server holding the embedded database to run a job; its report, or the job's error thrown. */
export async function runJobThroughServer(address: JobControlAddress, name: string, date?: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${address.port}/jobs/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${address.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ date }),
  });
  const body = (await response.json()) as { report?: unknown; error?: string };
  if (!response.ok) throw new Error(body.error ?? `réponse ${response.status} du serveur`);
  return body.report;
}
