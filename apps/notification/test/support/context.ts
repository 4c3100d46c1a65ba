import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  EventTap,
  isolatedVhost,
  mintToken,
  startTestService,
  testEnv,
  type TestService,
} from '#shared/testing';
import type { Role } from '#shared';
import { AppModule } from '../../src/app.module.js';
import { NotificationConfig } from '../../src/config/notification.config.js';
import { TestPublisher } from './bus.js';
import { uniqueOrg } from './fixtures.js';
import { HttpStub } from './http-stub.js';
import { SmtpSink } from './smtp-sink.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted by the tests, not trusted
export type Json = Record<string, any>;

/**
 * Everything the end-to-end suites share: one notification instance (only one per test run, since
 * any instance may send any delivery with its own SMTP and SMS settings), a real SMTP server, a real
 * HTTP server for webhook receivers and the SMS gateway, a tap on the bus and a publisher.
 */
export class E2eContext {
  svc!: TestService<NotificationConfig>;
  smtp!: SmtpSink;
  http!: HttpStub;
  tap!: EventTap;
  bus!: TestPublisher;
  db!: pg.Pool;
  readonly operatorOrg = uniqueOrg('OPS');
  /** Its own vhost: other services' tests publish real events (e.g. referral.reported) on the run's vhost. */
  private vhost!: Awaited<ReturnType<typeof isolatedVhost>>;
  private readonly keyRing = `e2e:${randomBytes(32).toString('base64')}`;

  async open(): Promise<void> {
    this.smtp = await SmtpSink.start();
    this.http = await HttpStub.start();
    this.vhost = await isolatedVhost();
    this.tap = await EventTap.open(this.vhost.url);
    this.bus = await TestPublisher.open(this.vhost.url);
    this.db = new pg.Pool({ connectionString: testEnv().adminDatabaseUrl, max: 2 });
    await this.boot();
  }

  /** Boots (or reboots) the service; `env` overrides the fast test timings. */
  async boot(env: Record<string, string> = {}): Promise<void> {
    this.svc = await startTestService({
      service: 'notification',
      configClass: NotificationConfig,
      module: AppModule.register,
      env: {
        AMQP_URL: this.vhost.url,
        RECIPIENT_SECRET_KEYS: this.keyRing,
        RECIPIENT_SECRET_ACTIVE_KEY_ID: 'e2e',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(this.smtp.port),
        SMTP_FROM: 'nrm-notifications@test.az',
        SMS_GATEWAY_URL: `${this.http.url}/sms-gateway`,
        NOTIFY_MAX_ATTEMPTS: '3',
        NOTIFY_BASE_DELAY_MS: '50',
        NOTIFY_MAX_DELAY_MS: '200',
        // No fallback poll within a test: every first attempt must come from the in-process wake
        // after the event's commit (R-4.1 "at once"), every retry from the dispatcher's own timer.
        NOTIFY_POLL_MS: '600000',
        NOTIFY_SEND_TIMEOUT_MS: '8000',
        NOTIFY_CONCURRENCY: '8',
        NOTIFY_PER_RECIPIENT_CONCURRENCY: '2',
        NOTIFY_CIRCUIT_FAILURE_THRESHOLD: '5',
        NOTIFY_CIRCUIT_COOLDOWN_MS: '300',
        NOTIFY_CIRCUIT_MAX_COOLDOWN_MS: '1000',
        NOTIFY_OPERATOR_ORGS: this.operatorOrg,
        ...env,
      },
    });
  }

  async close(): Promise<void> {
    await this.svc?.close();
    await this.bus?.close();
    await this.tap?.close();
    await this.db?.end();
    await this.http?.close();
    await this.smtp?.close();
    await this.vhost?.drop();
  }

  /** Calls the service's API as `role` (admin by default); `token: null` sends none. */
  async api(
    method: string,
    path: string,
    opts: { body?: unknown; role?: Role; org?: string; token?: null } = {},
  ) {
    const headers: Record<string, string> = {};
    if (opts.token !== null)
      headers.authorization = `Bearer ${await mintToken({ role: opts.role ?? 'admin', org: opts.org ?? 'NRM-ADMIN' })}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.svc.url}${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    return { status: res.status, text, body: text ? (JSON.parse(text) as Json) : undefined };
  }

  /** Registers a recipient and returns its id. */
  async recipient(body: {
    org: string;
    channel: string;
    address: string;
    language?: string;
    secret?: string;
  }): Promise<string> {
    const res = await this.api('POST', '/v1/recipients', { body: { language: 'en', ...body } });
    if (res.status !== 201) throw new Error(`recipient not registered: ${res.status} ${res.text}`);
    return res.body!.id as string;
  }

  /** The delivery log of one event. */
  async deliveriesOf(eventId: string): Promise<Json[]> {
    const res = await this.api('GET', `/v1/deliveries?eventId=${eventId}`);
    if (res.status !== 200) throw new Error(`delivery log: ${res.status} ${res.text}`);
    return res.body!.items as Json[];
  }
}
