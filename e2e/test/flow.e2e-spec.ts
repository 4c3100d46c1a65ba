import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { mintToken, eventually } from '#shared/testing';
import {
  newWebhookSecret,
  prepareShelterFlow,
  reportAndRequestShelter,
  startWebhookReceiver,
} from '../../scripts/lib/flows.mjs';
import { bootPlatform, type Platform } from '../src/harness.js';

interface Mail {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps every message it accepts. */
async function startSmtp() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    mails,
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Waits until `find` returns something. */
const waitFor = <T>(find: () => T | undefined, what: string, timeoutMs = 20_000) =>
  eventually(
    () => {
      const found = find();
      if (found === undefined) throw new Error(`no ${what} yet`);
      return found;
    },
    { timeoutMs },
  );

const json = async (res: Response) => {
  const body = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${body}`);
  return body ? JSON.parse(body) : undefined;
};

describe('the whole platform, as real processes', () => {
  let platform: Platform;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let duty: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let shelterHook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const dutySecret = newWebhookSecret();
  const shelterSecret = newWebhookSecret();
  let tokens: Record<string, string>;
  let urls: Record<'referral' | 'shelter' | 'compensation' | 'notification', string>;

  beforeAll(async () => {
    smtp = await startSmtp();
    duty = await startWebhookReceiver({ secret: dutySecret });
    shelterHook = await startWebhookReceiver({ secret: shelterSecret });
    platform = await bootPlatform({
      extraEnv: {
        notification: {
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtp.port),
          NOTIFY_BASE_DELAY_MS: '200',
          NOTIFY_POLL_MS: '200',
        },
      },
    });
    urls = {
      referral: platform.urlOf('referral'),
      shelter: platform.urlOf('shelter'),
      compensation: platform.urlOf('compensation'),
      notification: platform.urlOf('notification'),
    };
    tokens = {
      admin: await mintToken({ role: 'admin', org: 'NC', sub: 'admin-1' }),
      agency: await mintToken({ role: 'agency_officer', org: 'MIA', sub: 'officer-7' }),
      duty: await mintToken({ role: 'police_duty_officer', org: 'MIA-SPU', sub: 'duty-1' }),
      operator: await mintToken({ role: 'operator', org: 'OPS', sub: 'ops-1' }),
    };
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    await Promise.all([smtp?.close(), duty?.close(), shelterHook?.close()]);
  });

  it('R-4.1 R-4.4 takes a referral from intake to the duty officer, a signed webhook, a shelter admission message and an e-mail, all in the delivery log, with no name anywhere', async () => {
    const post = (base: string, path: string, token: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // The duty officer's channel and the roster.
    await json(
      await post(urls.notification, '/v1/recipients', tokens.admin, {
        org: 'MIA-SPU',
        channel: 'webhook',
        address: duty.url,
        language: 'en',
        secret: dutySecret,
      }),
    );
    await json(
      await fetch(`${urls.referral}/v1/duty-roster`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          shifts: [
            {
              officerId: 'duty-1',
              startsAt: new Date(Date.now() - 3600_000).toISOString(),
              endsAt: new Date(Date.now() + 3600_000).toISOString(),
            },
          ],
        }),
      }),
    );
    const { code } = await prepareShelterFlow({
      urls,
      tokens: { admin: tokens.admin },
      webhookUrl: shelterHook.url,
      secret: shelterSecret,
      capacity: 5,
      emailTo: 'staff@shelter.example',
    });

    const { referral } = await reportAndRequestShelter({ urls, agencyToken: tokens.agency, i: 1 });
    const victimData = (await json(
      await fetch(`${urls.referral}/v1/victims/${referral.victimRef}?purpose=handover`, {
        headers: { authorization: `Bearer ${tokens.duty}`, 'x-access-purpose': 'handover' },
      }),
    )) as { givenName?: string; person?: { givenName: string } };
    const givenName = victimData.person?.givenName ?? victimData.givenName!;
    expect(givenName).toBeTruthy();

    // the duty officer's channel is told at once, by a signed webhook.
    const reported = await waitFor(
      () =>
        duty.received.find(
          (d) => d.payload.type === 'referral.reported' && d.payload.data.caseNumber === referral.caseNumber,
        ),
      'referral.reported webhook',
    );
    expect(reported.payload.data.victimRef).toBe(referral.victimRef);

    // The shelter's admission message: signed webhook and e-mail, with the case number, never the name.
    const admission = await waitFor(
      () =>
        shelterHook.received.find(
          (d) =>
            d.payload.type === 'shelter.admission.requested' &&
            d.payload.data.victimRef === referral.victimRef,
        ),
      'admission webhook',
    );
    expect(admission.payload.data.facilityCode ?? code).toBe(code);
    const mail = await waitFor(
      () => smtp.mails.find((m) => m.raw.includes(referral.caseNumber)),
      'admission e-mail',
    );
    expect(mail.to).toContain('staff@shelter.example');
    for (const text of [JSON.stringify(reported.payload), JSON.stringify(admission.payload), mail.raw])
      expect(text).not.toContain(givenName);
    expect(duty.rejected + shelterHook.rejected).toBe(0);

    // handover to the officer on duty, accepted by them.
    await json(
      await post(urls.referral, `/v1/referrals/${referral.id}/handover`, tokens.agency, {
        toOrg: 'MIA-SPU',
        toOfficerId: 'duty-1',
      }),
    );
    const accepted = (await json(
      await post(urls.referral, `/v1/referrals/${referral.id}/handover/accept`, tokens.duty, {}),
    )) as { status: string };
    expect(accepted.status).toBe('handed_over');

    // The delivery log shows each delivery with its attempts.
    const log = (await json(
      await fetch(`${urls.notification}/v1/deliveries?eventId=${admission.payload.eventId}`, {
        headers: { authorization: `Bearer ${tokens.operator}` },
      }),
    )) as { items: { status: string; channel: string; attempts: { outcome: string }[] }[] };
    expect(log.items.map((d) => d.channel).sort()).toEqual(['email', 'webhook']);
    await eventually(async () => {
      const again = (await json(
        await fetch(`${urls.notification}/v1/deliveries?eventId=${admission.payload.eventId}`, {
          headers: { authorization: `Bearer ${tokens.operator}` },
        }),
      )) as typeof log;
      return again.items.every((d) => d.status === 'delivered' && d.attempts.length >= 1);
    });

    // no service logged the name.
    expect(platform.logs.filter((l) => l.line.includes(givenName))).toEqual([]);
  }, 120_000);
});
