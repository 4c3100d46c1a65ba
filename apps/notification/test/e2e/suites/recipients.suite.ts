import type { E2eContext } from '../../support/context.js';
import { newWebhookSecret, uniqueOrg } from '../../support/fixtures.js';

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
