import { randomUUID } from 'node:crypto';
import { loadConfig } from '#shared';
import type { OutgoingMessage } from '../../src/channels/channel-sender.js';
import { EmailSender } from '../../src/channels/email.sender.js';
import { AddressPolicy, type Resolver } from '../../src/channels/outbound/address-policy.js';
import { OutboundHttp } from '../../src/channels/outbound/outbound-http.js';
import { SmsSender } from '../../src/channels/sms.sender.js';
import { HttpSmsGateway } from '../../src/channels/sms/http-sms-gateway.js';
import { WebhookSender, type WebhookBody } from '../../src/channels/webhook.sender.js';
import { NotificationConfig } from '../../src/config/notification.config.js';
import { renderMessage } from '../../src/templates/render.js';
import { extractVariables } from '../../src/templates/variables.js';
import { HttpStub } from '../support/http-stub.js';
import { newWebhookSecret, payloads } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';

function message(): OutgoingMessage {
  const data = { ...payloads.referralReported(), givenName: 'Leyla', familyName: 'Mammadova' };
  const variables = extractVariables({ id: randomUUID(), type: 'referral.reported' }, data);
  const m = renderMessage('referral.reported', 'en', variables);
  return {
    deliveryId: randomUUID(),
    eventId: randomUUID(),
    eventType: 'referral.reported',
    occurredAt: new Date(),
    language: m.language,
    subject: m.subject,
    text: m.text,
    variables,
  };
}

function config(env: Record<string, string> = {}): NotificationConfig {
  return loadConfig(NotificationConfig, {
    DATABASE_URL: 'postgres://localhost/x',
    JWT_PUBLIC_KEY: 'x',
    RECIPIENT_SECRET_KEYS: `t1:${Buffer.alloc(32, 1).toString('base64')}`,
    RECIPIENT_SECRET_ACTIVE_KEY_ID: 't1',
    NOTIFY_SEND_TIMEOUT_MS: '1000',
    ...env,
  });
}

const developmentHttp = new OutboundHttp(new AddressPolicy({ production: false, allowHosts: [] }));

describe('channels against real receivers', () => {
  let smtp: SmtpSink;
  let http: HttpStub;
  beforeAll(async () => {
    smtp = await SmtpSink.start();
    http = await HttpStub.start();
  });
  afterAll(async () => {
    await smtp.close();
    await http.close();
    developmentHttp.close();
  });

  describe(EmailSender.name, () => {
    it('R-1.3.2 sends the e-mail over SMTP with the case number and victimRef and no personal data', async () => {
      const sender = new EmailSender(
        config({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_FROM: 'nrm@test.az' }),
      );
      const msg = message();
      const result = await sender.send(msg, { address: 'duty@police.test.az' }, AbortSignal.timeout(5000));
      sender.close();
      expect(result).toEqual({ ok: true, responseCode: 250 });
      const [mail] = smtp.to('duty@police.test.az');
      expect(mail?.from).toBe('nrm@test.az');
      expect(mail?.raw).toContain(`Subject: URGENT: new referral ${msg.variables.caseNumber}`);
      expect(mail?.raw).toContain(msg.variables.victimRef);
      expect(mail?.raw).toContain(`Message-ID: <${msg.deliveryId}@nrm.notification>`);
      expect(mail?.raw).not.toMatch(/Leyla|Mammadova|female|18-24/);
    });

    it('reports a refused connection as a failed attempt, not an exception', async () => {
      const sender = new EmailSender(config({ SMTP_HOST: '127.0.0.1', SMTP_PORT: '1' }));
      const result = await sender.send(message(), { address: 'x@test.az' }, AbortSignal.timeout(5000));
      sender.close();
      expect(result.ok).toBe(false);
      expect(result.error).toBe('connection refused');
    });
  });

  describe(WebhookSender.name, () => {
    it('signs with Standard Webhooks headers that the receiver verifies, webhook-id = delivery id', async () => {
      const secret = newWebhookSecret();
      const url = http.receiver('/hooks/ok', secret);
      const msg = message();
      const result = await new WebhookSender(developmentHttp).send(
        msg,
        { address: url, secret },
        AbortSignal.timeout(5000),
      );
      expect(result).toEqual({ ok: true, responseCode: 204 });
      const [req] = http.on('/hooks/ok');
      expect(req?.verified).toBe(true);
      expect(req?.headers['webhook-id']).toBe(msg.deliveryId);
      const body = JSON.parse(req.body) as WebhookBody;
      expect(body).toMatchObject({ id: msg.deliveryId, type: 'referral.reported', eventId: msg.eventId });
      expect(body.data.caseNumber).toBe(msg.variables.caseNumber);
      expect(req.body).not.toMatch(/Leyla|Mammadova|profile/);
    });

    it('is refused by a receiver holding another secret', async () => {
      const url = http.receiver('/hooks/other-secret', newWebhookSecret());
      const result = await new WebhookSender(developmentHttp).send(
        message(),
        { address: url, secret: newWebhookSecret() },
        AbortSignal.timeout(5000),
      );
      expect(result).toEqual({ ok: false, responseCode: 401, error: 'HTTP 401' });
      expect(http.on('/hooks/other-secret')[0]?.verified).toBe(false);
    });

    it('reports a 5xx answer with its status code', async () => {
      const secret = newWebhookSecret();
      const url = http.receiver('/hooks/down', secret, { status: 503 });
      const result = await new WebhookSender(developmentHttp).send(
        message(),
        { address: url, secret },
        AbortSignal.timeout(5000),
      );
      expect(result).toEqual({ ok: false, responseCode: 503, error: 'HTTP 503' });
    });

    it('gives up on a receiver that never answers when the attempt times out', async () => {
      const secret = newWebhookSecret();
      const url = http.receiver('/hooks/hang', secret, 'hang');
      const result = await new WebhookSender(developmentHttp).send(
        message(),
        { address: url, secret },
        AbortSignal.timeout(300),
      );
      expect(result).toMatchObject({ ok: false, timedOut: true });
    });
  });

  describe(HttpSmsGateway.name, () => {
    it('posts the short text with the delivery id as reference to the gateway', async () => {
      const sender = new SmsSender(new HttpSmsGateway(developmentHttp, `${http.url}/sms`, 'gw-token'));
      const msg = message();
      const result = await sender.send(msg, { address: '+994501112233' }, AbortSignal.timeout(5000));
      expect(result).toEqual({ ok: true, responseCode: 200 });
      const [req] = http.on('/sms');
      expect(req?.headers.authorization).toBe('Bearer gw-token');
      expect(JSON.parse(req.body)).toEqual({
        to: '+994501112233',
        text: msg.text,
        reference: msg.deliveryId,
      });
    });

    it('reports a gateway error as a failed attempt', async () => {
      http.behave('/sms-down', { status: 500 });
      const result = await new HttpSmsGateway(developmentHttp, `${http.url}/sms-down`).sendSms(
        '+994501112233',
        't',
        randomUUID(),
        AbortSignal.timeout(5000),
      );
      expect(result).toEqual({ ok: false, responseCode: 500, error: 'HTTP 500' });
    });
  });

  describe(OutboundHttp.name, () => {
    /** Plays a DNS rebinding: the name resolves to a public address first, then to loopback. */
    function rebinding(): Resolver {
      let calls = 0;
      return async () => [{ address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    }

    it('refuses at connect time, in production, a name that resolves to 127.0.0.1 after it was registered', async () => {
      const policy = new AddressPolicy({ production: true, allowHosts: [], resolver: rebinding() });
      const port = new URL(http.url).port;
      const address = `https://receiver.example.test:${port}/hooks/rebind`;
      expect(await policy.checkRegistration(address)).toBeUndefined();
      const client = new OutboundHttp(policy);
      const secret = newWebhookSecret();
      http.receiver('/hooks/rebind', secret);
      const result = await new WebhookSender(client).send(
        message(),
        { address, secret },
        AbortSignal.timeout(5000),
      );
      client.close();
      expect(result).toEqual({ ok: false, responseCode: undefined, error: 'address not allowed' });
      expect(http.on('/hooks/rebind')).toHaveLength(0);
    });

    it('refuses plain http and literal internal addresses in production before connecting', async () => {
      const client = new OutboundHttp(new AddressPolicy({ production: true, allowHosts: [] }));
      const secret = newWebhookSecret();
      const url = http.receiver('/hooks/prod-http', secret);
      for (const address of [url, 'https://169.254.169.254/latest/meta-data', 'https://[fd00:ec2::254]/']) {
        const result = await new WebhookSender(client).send(
          message(),
          { address, secret },
          AbortSignal.timeout(5000),
        );
        expect(result.error).toBe('address not allowed');
      }
      client.close();
      expect(http.on('/hooks/prod-http')).toHaveLength(0);
    });

    it('lets an operator allow a host in production (NOTIFY_ALLOW_HOSTS) and names a TLS failure without detail', async () => {
      const client = new OutboundHttp(new AddressPolicy({ production: true, allowHosts: ['127.0.0.1'] }));
      const port = new URL(http.url).port;
      // The stub speaks plain HTTP: the connection is allowed, the TLS handshake then fails.
      const result = await new WebhookSender(client).send(
        message(),
        { address: `https://127.0.0.1:${port}/hooks/tls`, secret: newWebhookSecret() },
        AbortSignal.timeout(5000),
      );
      client.close();
      expect(result).toMatchObject({ ok: false, error: 'TLS handshake failed' });
    });

    it('reuses one kept-alive connection for consecutive webhooks to the same receiver', async () => {
      const secret = newWebhookSecret();
      const url = http.receiver('/hooks/keep-alive', secret);
      const client = new OutboundHttp(new AddressPolicy({ production: false, allowHosts: [] }));
      const sender = new WebhookSender(client);
      for (let i = 0; i < 3; i++)
        expect((await sender.send(message(), { address: url, secret }, AbortSignal.timeout(5000))).ok).toBe(
          true,
        );
      client.close();
      const ports = new Set(http.on('/hooks/keep-alive').map((r) => r.remotePort));
      expect(ports.size).toBe(1);
    });
  });
});
