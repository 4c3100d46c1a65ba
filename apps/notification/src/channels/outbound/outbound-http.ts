import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { AddressNotAllowedError, type AddressPolicy } from './address-policy.js';

/** What came back from a receiver: only the status matters (the body is drained and dropped). */
export interface OutboundResponse {
  status: number;
}

/**
 * HTTP POSTs to webhook receivers and the SMS gateway over pooled keep-alive connections (one TLS
 * handshake per receiver, not per delivery). Every new connection goes through the
 * {@link AddressPolicy}: the agents resolve names with its `lookup`, and literal IPs are checked
 * before the request, so no request reaches an internal address whatever the DNS says later.
 * Redirects are never followed (a 3xx is a failure like any non-2xx).
 */
export class OutboundHttp {
  private readonly http: HttpAgent;
  private readonly https: HttpsAgent;

  constructor(private readonly policy: AddressPolicy) {
    // No cap on sockets per host here: several recipients may share a host, and the dispatcher
    // already bounds what is in flight (in total and per recipient).
    const agentOptions = {
      keepAlive: true,
      keepAliveMsecs: 1000,
      maxFreeSockets: 16,
      timeout: 60_000,
      lookup: policy.lookup,
    };
    this.http = new HttpAgent(agentOptions);
    this.https = new HttpsAgent(agentOptions);
  }

  post(
    address: string,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
  ): Promise<OutboundResponse> {
    // Scheme (https in production) and literal IPs, which no lookup ever sees.
    if (this.policy.checkUrl(address)) return Promise.reject(new AddressNotAllowedError());
    const url = new URL(address);
    const isHttps = url.protocol === 'https:';
    return new Promise<OutboundResponse>((resolve, reject) => {
      const req = (isHttps ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          agent: isHttps ? this.https : this.http,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          signal,
        },
        (res: IncomingMessage) => {
          // Drain the body so the connection goes back to the pool.
          res.on('error', () => undefined);
          res.resume();
          resolve({ status: res.statusCode ?? 0 });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Closes pooled connections. */
  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
