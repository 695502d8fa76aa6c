import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '@/db/client';
import type { Clock } from '@/lib/clock';
import type { PaymentGateway } from '@/lib/payments/gateway';
import { receiveNotification } from '@/lib/payments/notifications';

/**
 * The portal's notification address for one gateway, as a route handler serves it: the request
 * handed to receiveNotification as is, its HTTP status answered. Listens on a free loopback port.
 */
export async function startNotificationEndpoint(db: () => Db, clock: Clock, gateway: () => PaymentGateway) {
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
      receiveNotification(db(), clock, gateway(), { body, contentType: request.headers['content-type'] ?? null, headers, query: url.searchParams }, '127.0.0.1').then(
        (answer) => {
          response.writeHead(answer.httpStatus, { 'content-type': 'text/plain; charset=utf-8' });
          response.end(answer.message);
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          response.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    /** The notification address for a payment reference (PaymentUrls' notifyUrl). */
    notifyUrl: (reference: string) => `${base}/api/payments/payfip/notification?ref=${reference}`,
    /** Sends a notification straight to the endpoint, as anyone on the Internet can. */
    post: async (body: string, contentType = 'application/x-www-form-urlencoded') =>
      (await fetch(`${base}/api/payments/payfip/notification`, { method: 'POST', headers: { 'content-type': contentType }, body })).status,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
