import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** A request received by a stub. `verified` is set by webhook receivers that check the signature. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
  /** The sender's port: the same port twice means a reused (kept-alive) connection. */
  remotePort?: number;
  verified?: boolean;
}

/** How the stub answers a request on a path: a status, or never (hangs). */
export type Behaviour = { status: number } | 'hang';

/**
 * A real HTTP server for tests: webhook receivers (which verify the Standard Webhooks signature with
 * the `standardwebhooks` package, refusing a bad one with 401) and the SMS gateway stub.
 */
export class HttpStub {
  readonly requests: ReceivedRequest[] = [];
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly secrets = new Map<string, string>();
  private server?: Server;
  private readonly hanging = new Map<() => void, string>();
  url = '';

  static async start(): Promise<HttpStub> {
    const stub = new HttpStub();
    stub.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const body = Buffer.concat(chunks).toString('utf8');
        const record: ReceivedRequest = {
          path,
          headers: req.headers,
          body,
          receivedAt: Date.now(),
          remotePort: req.socket.remotePort,
        };
        const secret = stub.secrets.get(path);
        if (secret) {
          try {
            new Webhook(secret).verify(body, req.headers as Record<string, string>);
            record.verified = true;
          } catch {
            record.verified = false;
          }
        }
        stub.requests.push(record);
        const behaviour = stub.behaviours.get(path) ?? { status: 200 };
        if (behaviour === 'hang') {
          const release = () => res.destroy();
          stub.hanging.set(release, path);
          return;
        }
        if (record.verified === false) {
          res.writeHead(401).end();
          return;
        }
        res.writeHead(behaviour.status, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => stub.server!.listen(0, '127.0.0.1', () => resolve()));
    stub.url = `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}`;
    return stub;
  }

  /** Declares a webhook receiver on `path` that verifies signatures with `secret`. */
  receiver(path: string, secret: string, behaviour: Behaviour = { status: 204 }): string {
    this.secrets.set(path, secret);
    this.behaviours.set(path, behaviour);
    return `${this.url}${path}`;
  }

  behave(path: string, behaviour: Behaviour): void {
    this.behaviours.set(path, behaviour);
  }

  on(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Cuts the requests hanging on `path` (the sender sees a reset connection). */
  release(path: string): void {
    for (const [release, p] of this.hanging) {
      if (p !== path) continue;
      release();
      this.hanging.delete(release);
    }
  }

  async close(): Promise<void> {
    for (const release of this.hanging.keys()) release();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
