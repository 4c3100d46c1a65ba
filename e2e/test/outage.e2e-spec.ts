import { connect } from 'amqplib';
import { mintToken, eventually } from '#shared/testing';
import { newWebhookSecret, referralBody, startWebhookReceiver } from '../../scripts/lib/flows.mjs';
import { bootPlatform, type Platform } from '../src/harness.js';

const OUTAGE_MS = Number(process.env.NRM_OUTAGE_MS ?? 60_000);

/**
 * A long outage of one service's own database: the notification service cannot reach Postgres for
 * 60 s (every connection dropped, every new one refused) while agencies keep reporting referrals.
 * Its consumer must pause rather than count failures, and deliver every alert once it can.
 */
describe('a 60 s database outage of the notification service', () => {
  let platform: Platform;
  let duty: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const secret = newWebhookSecret();

  beforeAll(async () => {
    duty = await startWebhookReceiver({ secret });
    platform = await bootPlatform({
      services: ['referral', 'notification'],
      databaseProxies: ['notification'],
      extraEnv: { notification: { NOTIFY_BASE_DELAY_MS: '200', NOTIFY_POLL_MS: '200' } },
    });
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    await duty?.close();
  });

  it('R-4.1 delivers every duty alert accepted during the outage after it, parks none and counts no attempt', async () => {
    const admin = await mintToken({ role: 'admin', org: 'NC', sub: 'admin-1' });
    const agency = await mintToken({ role: 'agency_officer', org: 'MIA', sub: 'officer-7' });
    const post = async (base: string, path: string, token: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
      return JSON.parse(text) as { id: string; caseNumber: string };
    };
    await post(platform.urlOf('notification'), '/v1/recipients', admin, {
      org: 'MIA-SPU',
      channel: 'webhook',
      address: duty.url,
      language: 'en',
      secret,
    });
    const alerted = (caseNumber: string) =>
      duty.received.some(
        (d) =>
          (d.payload as { type?: string; data?: { caseNumber?: string } }).data?.caseNumber === caseNumber,
      );
    const first = await post(platform.urlOf('referral'), '/v1/referrals', agency, referralBody(0));
    await eventually(() => alerted(first.caseNumber), { timeoutMs: 30_000 });

    // The outage: the notification service's database is unreachable for OUTAGE_MS.
    const proxy = platform.dbProxies.notification;
    await proxy.cut();
    const cutAt = Date.now();
    const during: string[] = [];
    while (Date.now() - cutAt < OUTAGE_MS) {
      during.push(
        (await post(platform.urlOf('referral'), '/v1/referrals', agency, referralBody(during.length + 1)))
          .caseNumber,
      );
      await new Promise((r) => setTimeout(r, 2000));
    }
    const deliveredDuring = during.filter(alerted).length;
    await proxy.restore();
    const restoredAt = Date.now();
    await eventually(() => during.every(alerted), { timeoutMs: 120_000, intervalMs: 200 });
    const recoveredMs = Date.now() - restoredAt;

    const conn = await connect(platform.amqpUrl);
    let parked = 0;
    try {
      const ch = await conn.createChannel();
      for (const q of ['notification.events.dlq', 'referral.events.dlq'])
        parked += (await ch.checkQueue(q)).messageCount;
    } finally {
      await conn.close();
    }
    const retries = platform.logs.filter(
      (l) => l.service === 'notification' && l.line.includes('"msg":"event handler failed"'),
    ).length;
    console.log(
      `notification database outage ${Math.round(OUTAGE_MS / 1000)} s under load: alerts accepted during it ${during.length}, ` +
        `delivered during it ${deliveredDuring}, delivered after it ${during.filter(alerted).length}, parked ${parked}, ` +
        `handler retries counted ${retries}; all delivered ${recoveredMs} ms after the database returned`,
    );
    expect(during.length).toBeGreaterThanOrEqual(20);
    expect(during.filter(alerted)).toHaveLength(during.length);
    expect(parked).toBe(0);
    expect(retries).toBe(0);
    expect(
      platform.logs.some((l) => l.service === 'notification' && l.line.includes('consumer paused')),
    ).toBe(true);
  }, 400_000);
});
