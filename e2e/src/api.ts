import { randomUUID } from 'node:crypto';
import { eventually, mintToken } from '#shared/testing';
import type { Role } from '#shared';

/** A parsed JSON body; the cross-service tests read nested fields of several services' answers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** One person calling the platform's APIs over HTTP with their own token. */
export class Actor {
  private token?: string;
  constructor(
    readonly role: Role,
    readonly org: string,
    readonly sub: string,
  ) {}

  /** Calls `method url`; any status other than `expect` (default 200 or 201) throws with the body. */
  async call(
    method: string,
    url: string,
    body?: unknown,
    opts: { expect?: number[]; headers?: Record<string, string> } = {},
  ): Promise<Json> {
    this.token ??= await mintToken({ role: this.role, org: this.org, sub: this.sub });
    const res = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...opts.headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!(opts.expect ?? [200, 201]).includes(res.status))
      throw new Error(`${this.role} ${method} ${url} → ${res.status} ${text.slice(0, 400)}`);
    return text ? JSON.parse(text) : undefined;
  }

  /** A GET whose answer is not JSON (CSV, HTML): its status and text. */
  async text(url: string): Promise<{ status: number; text: string }> {
    this.token ??= await mintToken({ role: this.role, org: this.org, sub: this.sub });
    const res = await fetch(url, { headers: { authorization: `Bearer ${this.token}` } });
    return { status: res.status, text: await res.text() };
  }

  get(url: string): Promise<Json> {
    return this.call('GET', url);
  }

  post(url: string, body: unknown = {}, headers?: Record<string, string>): Promise<Json> {
    return this.call('POST', url, body, { headers });
  }

  /**
   * A call that depends on an event another service has still to consume (a consent the shelter
   * service learns from the referral service's event, say): repeated while it answers `retryOn`.
   */
  async once(method: string, url: string, body: unknown, retryOn: number): Promise<Json> {
    return eventually(
      async () => {
        const r = await this.call(method, url, body, { expect: [200, 201, retryOn] });
        if (r?.status === retryOn) throw new Error(`${url} still ${retryOn}: ${r.type}`);
        return r;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  }
}

/** A fresh Idempotency-Key header. */
export const idempotent = () => ({ 'idempotency-key': randomUUID() });
