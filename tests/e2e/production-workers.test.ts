import fs from 'node:fs';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db';
import { startServer } from './server';

/** The Next server processes under `pid`: Next names its process `next-server (v…)`. */
function nextWorkersUnder(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid …: the name may hold spaces, so read after its closing parenthesis.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const under = (child: number): boolean => {
    for (let at = parents.get(child); at !== undefined && at > 1; at = parents.get(at)) if (at === pid) return true;
    return false;
  };
  return [...parents.keys()].filter((child) => under(child) && commandOf(child).startsWith('next-server')).sort();
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A GET on a connection of its own: a kept-alive connection may belong to the worker just killed,
 * and would be reset whatever the other worker does.
 */
const statusOf = (url: string) =>
  new Promise<number>((resolve, reject) => {
    http.get(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe.skipIf(!process.env.TEST_DATABASE_URL)('npm start on PostgreSQL with two worker processes', () => {
  it('serves from two workers on one port, replaces one that dies, runs the scheduler once, and stops them all', async () => {
    const database = await createTestDatabase();
    const server = await startServer({ DATABASE_URL: database.url!, AUTH_SECRET: 'e2e-workers-secret-0123456789abcdef', WEB_CONCURRENCY: '2' });
    let workers: number[] = [];
    try {
      await expect.poll(() => nextWorkersUnder(server.pid).length, { timeout: 30_000 }).toBe(2);
      workers = nextWorkersUnder(server.pid);
      await expect.poll(() => server.output(), { timeout: 30_000 }).toContain('Scheduled jobs: run in this process');
      const output = server.output();
      expect(occurrences(output, 'Next.js: 2 worker processes share the port')).toBe(1);
      expect(occurrences(output, '▲ Next.js')).toBe(1);
      expect(occurrences(output, 'Scheduled jobs: run in this process')).toBe(1);
      expect(output).not.toContain('another instance runs them');

      process.kill(workers[0]!, 'SIGKILL');
      await expect.poll(() => server.output(), { timeout: 30_000 }).toContain(`Next.js worker ${workers[0]} stopped (signal SIGKILL): starting another`);
      // The other worker keeps serving while the launcher starts a new one (a second later).
      for (let i = 0; i < 5; i++) expect(await statusOf(`${server.baseURL}/connexion`)).toBe(200);
      await expect.poll(() => server.output(), { timeout: 60_000 }).toContain('serving in place of the one that stopped');
      workers = nextWorkersUnder(server.pid);
      expect(workers).toHaveLength(2);
      for (let i = 0; i < 4; i++) expect(await statusOf(`${server.baseURL}/connexion`)).toBe(200);
    } finally {
      await server.stop();
      await database.close();
    }
    await expect.poll(() => workers.filter(alive), { timeout: 15_000 }).toEqual([]);
  }, 180_000);
});
