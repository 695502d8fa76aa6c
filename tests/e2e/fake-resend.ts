import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';

/**
 * A stand-in for Resend's API, which the app under test reaches through RESEND_BASE_URL: e-mails
 * go out exactly as in production (the Resend transport, links included), and each message sent
 * is written to `dir` as `<outbox id>.json` for the tests to read. Like Resend, a repeated
 * idempotency key sends nothing new.
 */
export async function startFakeResend(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  fs.mkdirSync(dir, { recursive: true });
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/emails') {
        response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ name: 'not_found', message: 'Not found' }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string | string[]; subject: string; html: string; text: string };
      const id = Number(/(\d+)$/.exec(String(request.headers['idempotency-key']))?.[1]);
      const file = path.join(dir, `${String(id).padStart(6, '0')}.json`);
      if (!fs.existsSync(file)) {
        const to = Array.isArray(body.to) ? body.to[0] : body.to;
        fs.writeFileSync(file, JSON.stringify({ id, to, subject: body.subject, html: body.html, text: body.text }, null, 2));
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `fake-${id}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
