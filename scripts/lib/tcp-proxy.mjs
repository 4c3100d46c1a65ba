// A TCP proxy for the chaos run (plain Node, as the scripts are): put between the services and
// Postgres, RabbitMQ or a webhook receiver, `cut()` drops every connection and refuses new ones (the
// dependency is down, connections are refused), `restore()` listens again on the same port. The shared
// Postgres and RabbitMQ themselves are never stopped: other runs use them.
// (The TypeScript tests have the same tool as `TcpProxy` in #shared/testing; scripts cannot import it.)
import net from 'node:net';

export class TcpProxy {
  constructor(targetHost, targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.port = 0;
    this.sockets = new Set();
    this.server = undefined;
  }

  /** Listens on an ephemeral port (or the one it had). */
  async start(port = this.port) {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
      }
      client.pipe(upstream);
      upstream.pipe(client);
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      for (const s of [client, upstream]) {
        s.on('error', close);
        s.on('close', close);
      }
    });
    await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.port = server.address().port;
    return this;
  }

  /** Drops every connection and stops listening: connecting is refused until restore(). */
  async cut() {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise((resolve) => server.close(() => resolve()));
  }

  async restore() {
    if (!this.server) await this.start(this.port);
  }

  /** `url` with its host and port replaced by this proxy's. */
  rewrite(url) {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  stop() {
    return this.cut();
  }
}
