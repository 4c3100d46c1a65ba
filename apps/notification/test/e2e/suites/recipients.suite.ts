import { ShelterAdmissionRequested } from '#shared';
import { eventually } from '#shared/testing';
import type { E2eContext } from '../../support/context.js';
import { newWebhookSecret, payloads, uniqueOrg } from '../../support/fixtures.js';

/** The recipients API: validation, roles, secrecy of webhook secrets, duplicates. */
export function recipientsSuite(ctx: () => E2eContext): void {
  describe('recipients API', () => {
    it('registers a webhook recipient, never returns its secret and stores address and secret encrypted', async () => {
      const c = ctx();
      const org = uniqueOrg('NGO');
      const secret = newWebhookSecret();
      const url = `${c.http.url}/hooks/${org}`;
      const created = await c.api('POST', '/v1/recipients', {
        body: { org, channel: 'webhook', address: url, language: 'az', secret },
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        org,
        channel: 'webhook',
        address: url,
        language: 'az',
        hasSecret: true,
        active: true,
        deactivatedAt: null,
        circuit: { state: 'closed', consecutiveFailures: 0, openUntil: null },
        createdAt: expect.any(String),
      });
      const listed = await c.api('GET', `/v1/recipients?org=${org}`);
      expect(listed.status).toBe(200);
      expect(listed.body!.items).toEqual([created.body]);
      expect(listed.text).not.toContain('whsec_');
      const one = await c.api('GET', `/v1/recipients/${created.body!.id}`);
      expect(one.body).toEqual(created.body);

      const { rows } = await c.db.query(
        'SELECT address_sealed, secret_sealed FROM notification.recipients WHERE id = $1',
        [created.body!.id],
      );
      expect(rows[0].address_sealed).not.toContain('127.0.0.1');
      expect(rows[0].secret_sealed).not.toContain('whsec_');
      expect(c.svc.logs.join('')).not.toContain(secret);
    });

    it.each([
      ['an e-mail channel with a non-address', { channel: 'email', address: 'not-an-address' }, 'address'],
      [
        'a webhook with a non-http URL',
        { channel: 'webhook', address: 'ftp://x.az/h', secret: newWebhookSecret() },
        'address',
      ],
      ['an SMS number not in E.164', { channel: 'sms', address: '0501234567' }, 'address'],
      ['an unknown language', { channel: 'email', address: 'a@b.az', language: 'de' }, 'language'],
      ['an unknown channel', { channel: 'fax', address: 'a@b.az' }, 'channel'],
      ['a webhook without a secret', { channel: 'webhook', address: 'https://x.az/h' }, 'secret'],
      [
        'a malformed secret',
        { channel: 'webhook', address: 'https://x.az/h', secret: 'plain-secret' },
        'secret',
      ],
      [
        'a secret on an e-mail recipient',
        { channel: 'email', address: 'a@b.az', secret: newWebhookSecret() },
        'secret',
      ],
      ['an unknown field', { channel: 'email', address: 'a@b.az', name: 'Leyla' }, 'name'],
      ['a bad org code', { channel: 'email', address: 'a@b.az', org: 'no spaces allowed' }, 'org'],
    ])('refuses %s with 400 validation-failed and writes nothing', async (_label, fields, field) => {
      const c = ctx();
      const org = uniqueOrg('BAD');
      const res = await c.api('POST', '/v1/recipients', { body: { org, language: 'en', ...fields } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ type: 'validation-failed', status: 400 });
      expect((res.body!.errors as { field: string }[]).map((e) => e.field)).toContain(field);
      const { rows } = await c.db.query(
        'SELECT count(*)::int AS n FROM notification.recipients WHERE org = $1',
        [org],
      );
      expect(rows[0].n).toBe(0);
    });

    it.each([
      ['the cloud metadata service', 'http://169.254.169.254/latest/meta-data'],
      ['the IPv6 metadata address', 'http://[fd00:ec2::254]/latest/meta-data'],
      ['a private address', 'http://10.0.0.5:15672/api'],
      ['a CGNAT address', 'http://100.64.0.1/hook'],
      ['the unspecified address', 'http://0.0.0.0:5432/'],
      ['a multicast address', 'http://224.0.0.1/hook'],
      ['an IPv4-mapped link-local address', 'http://[::ffff:169.254.169.254]/'],
    ])('refuses a webhook to %s with 422 address-not-allowed naming address', async (_label, address) => {
      const c = ctx();
      const org = uniqueOrg('SSRF');
      const res = await c.api('POST', '/v1/recipients', {
        body: { org, channel: 'webhook', address, language: 'en', secret: newWebhookSecret() },
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ type: 'address-not-allowed', status: 422 });
      expect((res.body!.errors as { field: string }[]).map((e) => e.field)).toEqual(['address']);
      const { rows } = await c.db.query(
        'SELECT count(*)::int AS n FROM notification.recipients WHERE org = $1',
        [org],
      );
      expect(rows[0].n).toBe(0);
    });

    it('keeps loopback receivers allowed outside production, and records what failed without IPs or ports', async () => {
      const c = ctx();
      const org = uniqueOrg('LOOP');
      const secret = newWebhookSecret();
      // Nothing listens on port 1: the attempt is refused.
      await c.recipient({ org, channel: 'webhook', address: 'http://127.0.0.1:1/hook', secret });
      const event = await c.bus.publish(ShelterAdmissionRequested, payloads.admissionRequested(org));
      const [d] = await eventually(async () => {
        const items = await c.deliveriesOf(event.id);
        expect(items[0]?.attempts.length).toBeGreaterThan(0);
        return items;
      });
      expect(d.attempts[0]).toMatchObject({ outcome: 'failed', error: 'connection refused' });
      expect(JSON.stringify(d)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|connect /);
      // No port, address or raw error text in what the log says failed.
      const errors = [d.lastError, ...d.attempts.map((a: { error: string }) => a.error)].join(' ');
      expect(errors).not.toMatch(/\d/);
    });

    it('refuses the same address twice for one org and channel with 409 conflict', async () => {
      const c = ctx();
      const org = uniqueOrg('DUP');
      await c.recipient({ org, channel: 'email', address: 'Desk@Dup.test.az' });
      const again = await c.api('POST', '/v1/recipients', {
        body: { org, channel: 'email', address: 'desk@dup.test.az', language: 'ru' },
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ type: 'conflict' });
    });

    it('lets only admins manage recipients', async () => {
      const c = ctx();
      const body = { org: uniqueOrg(), channel: 'email', address: 'a@b.az', language: 'en' };
      expect((await c.api('POST', '/v1/recipients', { body, token: null })).status).toBe(401);
      for (const role of ['agency_officer', 'operator', 'coordinator', 'police_duty_officer'] as const) {
        const res = await c.api('POST', '/v1/recipients', { body, role });
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ type: 'forbidden' });
        expect((await c.api('GET', '/v1/recipients', { role })).status).toBe(403);
      }
    });

    it('answers 404 for an unknown recipient and 400 for a malformed id', async () => {
      const c = ctx();
      expect((await c.api('GET', '/v1/recipients/7b0c5a1e-0000-4000-8000-000000000000')).body).toMatchObject({
        status: 404,
        type: 'not-found',
      });
      expect((await c.api('GET', '/v1/recipients/nope')).body).toMatchObject({
        status: 400,
        type: 'validation-failed',
      });
    });

    it('pages the recipient list with a cursor', async () => {
      const c = ctx();
      const org = uniqueOrg('PAGE');
      for (const n of [1, 2, 3]) await c.recipient({ org, channel: 'sms', address: `+99450000000${n}` });
      const first = await c.api('GET', `/v1/recipients?org=${org}&limit=2`);
      expect(first.body!.items).toHaveLength(2);
      const second = await c.api('GET', `/v1/recipients?org=${org}&limit=2&cursor=${first.body!.nextCursor}`);
      expect(second.body!.items).toHaveLength(1);
      expect(second.body!.nextCursor).toBeUndefined();
      expect((await c.api('GET', `/v1/recipients?cursor=garbage`)).status).toBe(400);
    });
  });
}
