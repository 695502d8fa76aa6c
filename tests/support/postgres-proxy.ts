import net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL, for tests of a database that goes away without touching the
 * shared server: `refuse()` drops every connection and stops listening (connecting gets
 * ECONNREFUSED, as while PostgreSQL restarts), `accept()` listens again on the same port, and
 * `cutAnswerContaining(text)` lets the server answer a statement but cuts the connection instead
 * of passing that answer on (the statement ran; the client cannot know).
 */
export class PostgresProxy {
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | null = null;
  private cutting: string | null = null;
  /** Connections the proxy accepted, in all. */
  connections = 0;

  private constructor(
    private readonly target: { host: string; port: number },
    public port: number,
  ) {}

  /** A proxy to the server of `url`, listening on a free port. */
  static async start(url: string): Promise<PostgresProxy> {
    const { hostname, port } = new URL(url);
    const proxy = new PostgresProxy({ host: hostname, port: Number(port || 5432) }, 0);
    await proxy.accept();
    return proxy;
  }

  /** `url` (a database on the proxied server), through the proxy. */
  urlFor(url: string): string {
    const through = new URL(url);
    through.port = String(this.port);
    return through.toString();
  }

  accept(): Promise<void> {
    const server = net.createServer((client) => this.pipe(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  /** Drops every open connection, and refuses new ones until `accept()`. */
  async refuse(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.dropAll();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  /** Drops every open connection (a restart's first moment, a network cut). */
  dropAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  /** The next answer of the server that contains `text` is not passed on: its connection is cut instead. */
  cutAnswerContaining(text: string): void {
    this.cutting = text;
  }

  private pipe(client: net.Socket) {
    this.connections++;
    const server = net.connect(this.target.port, this.target.host);
    this.sockets.add(client).add(server);
    const drop = () => {
      client.destroy();
      server.destroy();
      this.sockets.delete(client);
      this.sockets.delete(server);
    };
    client.on('data', (chunk) => server.write(chunk));
    server.on('data', (chunk: Buffer) => {
      if (this.cutting !== null && chunk.includes(this.cutting)) {
        this.cutting = null;
        drop();
        return;
      }
      client.write(chunk);
    });
    client.on('error', drop).on('close', drop);
    server.on('error', drop).on('close', drop);
  }
}
