import pino from 'pino';
import { Metrics, loadConfig, type Envelope, type Transaction } from '#shared';
import { NotificationConfig } from '../config/notification.config.js';
import type { RecipientsRepository, RoutableRecipient } from '../recipients/recipients.repository.js';
import type { UnitOfWork } from '#shared';
import type { DeliveriesRepository, PlannedDelivery, WaitingEvent } from './deliveries.repository.js';
import type { DisclosureRepository } from '../disclosure/disclosure.repository.js';
import { DeliveryPlanner } from './delivery-planner.service.js';

const config = loadConfig(NotificationConfig, {
  DATABASE_URL: 'postgres://localhost/x',
  JWT_PUBLIC_KEY: 'x',
  RECIPIENT_SECRET_KEYS: `k:${Buffer.alloc(32).toString('base64')}`,
  RECIPIENT_SECRET_ACTIVE_KEY_ID: 'k',
  NOTIFY_OPERATOR_ORGS: 'OPS,NOC',
});

function setup(recipients: RoutableRecipient[], restrictedRefs: string[] = []) {
  const recorded: object[] = [];
  const disclosures = {
    record: async (_em: unknown, a: object) => {
      recorded.push(a);
    },
    restricted: async (_em: unknown, refs: string[]) =>
      new Set(refs.filter((r) => restrictedRefs.includes(r))),
  } as unknown as DisclosureRepository;
  const askedOrgs: string[][] = [];
  const planned: PlannedDelivery[] = [];
  const waiting: WaitingEvent[] = [];
  const ended: string[] = [];
  const recipientsRepo = {
    activeForOrgs: async (_em: unknown, orgs: string[]) => {
      askedOrgs.push(orgs);
      return recipients.filter((r) => orgs.includes(r.org));
    },
  } as unknown as RecipientsRepository;
  const deliveriesRepo = {
    insertPlanned: async (_em: unknown, rows: PlannedDelivery[]) => {
      planned.push(...rows);
      return rows.map((r) => r.id);
    },
    insertWaiting: async (_em: unknown, rows: WaitingEvent[]) => {
      waiting.push(...rows);
      return rows.length;
    },
    endWaitingForReferral: async (_em: unknown, referralId: string) => {
      ended.push(referralId);
      return 1;
    },
  } as unknown as DeliveriesRepository;
  const metrics = new Metrics('notification-test');
  const planner = new DeliveryPlanner(
    recipientsRepo,
    deliveriesRepo,
    {} as UnitOfWork,
    disclosures,
    config,
    pino({ level: 'silent' }),
    metrics,
  );
  return { planner, askedOrgs, planned, waiting, ended, recorded, metrics };
}

function envelope(type: string, data: object): Envelope<object> {
  return {
    id: 'a0000000-0000-4000-8000-000000000001',
    type,
    version: 1,
    occurredAt: '2026-11-25T10:00:00.000Z',
    producer: 'referral',
    correlationId: 'corr-1',
    causationId: 'cause-1',
    aggregateId: 'agg-1',
    data,
  };
}

const tx = { em: {} } as Transaction;
const reported = {
  caseNumber: 'NRM-2026-000042',
  victimRef: 'vr_0123456789',
  handoverDueAt: '2026-11-26T10:00:00.000Z',
  profile: { sex: 'female', ageBand: '18-24', child: false, languages: ['az'], needs: [] },
};

describe(DeliveryPlanner.name, () => {
  it('R-4.1 plans one delivery per recipient of the special police unit, each in its own language', async () => {
    const { planner, askedOrgs, planned } = setup([
      { id: 'r1', org: 'MIA-SPU', channel: 'email', language: 'az' },
      { id: 'r2', org: 'MIA-SPU', channel: 'webhook', language: 'ru' },
    ]);
    const ids = await planner.plan(envelope('referral.reported', reported), tx);
    expect(askedOrgs).toEqual([['MIA-SPU']]);
    expect(ids).toHaveLength(2);
    expect(planned.map((p) => [p.recipientId, p.channel, p.language])).toEqual([
      ['r1', 'email', 'az'],
      ['r2', 'webhook', 'ru'],
    ]);
    expect(planned[0]).toMatchObject({
      eventId: envelope('x', {}).id,
      eventType: 'referral.reported',
      correlationId: 'corr-1',
      org: 'MIA-SPU',
    });
    expect(planned[0].subject).toContain('NRM-2026-000042');
    expect(planned[1].subject).toContain('СРОЧНО');
  });

  it('R-1.3.2 keeps only whitelisted values in what it stores and sends', async () => {
    const { planner, planned } = setup([{ id: 'r1', org: 'MIA-SPU', channel: 'webhook', language: 'en' }]);
    await planner.plan(envelope('referral.reported', reported), tx);
    expect(Object.keys(planned[0].variables).sort()).toEqual([
      'caseNumber',
      'eventId',
      'eventType',
      'handoverDueAt',
      'victimRef',
    ]);
    expect(JSON.stringify(planned[0])).not.toMatch(/female|18-24/);
  });

  it('sends failed deliveries to every configured operator org', async () => {
    const { planner, askedOrgs } = setup([]);
    await planner.plan(
      envelope('notification.delivery.failed', {
        deliveryId: 'd',
        eventId: 'e',
        eventType: 't',
        recipientId: 'r',
        channel: 'sms',
        attempts: 3,
        lastError: 'x',
      }),
      tx,
    );
    expect(askedOrgs).toEqual([['OPS', 'NOC']]);
  });

  it('plans nothing, and asks for no recipient, for an event that concerns nobody', async () => {
    const { planner, askedOrgs, planned } = setup([]);
    expect(await planner.plan(envelope('victim.identified', { caseNumber: 'c' }), tx)).toEqual([]);
    expect(askedOrgs).toEqual([]);
    expect(planned).toEqual([]);
  });

  it('R-4.1 keeps a duty alert with no active recipient as waiting for one, until the handover at the latest, and counts it', async () => {
    const { planner, planned, waiting, metrics } = setup([]);
    const referralId = 'b0000000-0000-4000-8000-000000000009';
    expect(await planner.plan(envelope('referral.reported', { ...reported, referralId }), tx)).toEqual([]);
    expect(planned).toEqual([]);
    expect(waiting).toEqual([
      expect.objectContaining({ org: 'MIA-SPU', eventType: 'referral.reported', referralId }),
    ]);
    expect(waiting[0].expiresAt.getTime() - Date.parse('2026-11-25T10:00:00.000Z')).toBe(
      config.NOTIFY_DUTY_WAITING_MAX_MS,
    );
    expect(
      await metrics.registry.getSingleMetricAsString('notification_events_without_recipient_total'),
    ).toMatch(/type="referral\.reported"[^}]*\} 1/);
  });

  it('keeps waiting only the organisations that have no recipient, with the configured time to live', async () => {
    const { planner, planned, waiting } = setup([
      { id: 'r1', org: 'MIA-SPU', channel: 'email', language: 'en' },
    ]);
    await planner.plan(envelope('referral.deadline.breached', reported), tx);
    expect(planned.map((p) => p.org)).toEqual(['MIA-SPU']);
    expect(waiting.map((w) => w.org)).toEqual(['NC']);
    await planner.plan(envelope('shelter.waitlisted', { referringOrg: 'MLSPP', caseNumber: 'c' }), tx);
    expect(waiting[1].expiresAt.getTime() - Date.parse('2026-11-25T10:00:00.000Z')).toBe(
      config.NOTIFY_WAITING_TTL_MS,
    );
  });

  it('R-4.1 ends the waiting duty alerts of a referral once it is handed over', async () => {
    const { planner, ended } = setup([{ id: 'r1', org: 'MIA-SPU', channel: 'email', language: 'en' }]);
    const referralId = 'b0000000-0000-4000-8000-000000000010';
    await planner.plan(envelope('referral.handed_over', { ...reported, referralId }), tx);
    expect(ended).toEqual([referralId]);
  });

  it("R-5 names the provider to the special police unit and the provider only while the victim's disclosure is restricted", async () => {
    const answer = {
      requestId: 'c0000000-0000-4000-8000-000000000001',
      victimRef: 'vr_restricted1',
      caseNumber: 'NRM-2026-000077',
      service: 'rehabilitation',
      providerOrg: 'AC-GANJA',
      referringOrg: 'MLSPP',
      at: '2026-11-25T10:00:00.000Z',
    };
    const recipients: RoutableRecipient[] = [
      { id: 'r1', org: 'MLSPP', channel: 'webhook', language: 'en' },
      { id: 'r2', org: 'MIA-SPU', channel: 'webhook', language: 'en' },
    ];
    const restricted = setup(recipients, ['vr_restricted1']);
    await restricted.planner.plan(envelope('service.request.accepted', answer), tx);
    const [agency, spu] = restricted.planned;
    expect(agency.org).toBe('MLSPP');
    expect(JSON.stringify(agency)).not.toContain('AC-GANJA');
    expect(agency.variables).not.toHaveProperty('providerOrg');
    expect(spu.body).toContain('AC-GANJA');
    expect(spu.variables.providerOrg).toBe('AC-GANJA');

    const open = setup(recipients);
    await open.planner.plan(envelope('service.request.accepted', answer), tx);
    expect(open.planned[0].body).toContain('AC-GANJA');
  });

  it('R-5 keeps the latest safety assessment of a victim from victim.safety.changed', async () => {
    const { planner, recorded, planned } = setup([
      { id: 'r2', org: 'MIA-SPU', channel: 'webhook', language: 'en' },
    ]);
    const safety = {
      victimRef: 'vr_abcdef12',
      riskLevel: 'high',
      restrictDisclosure: true,
      assessedAt: '2026-11-25T10:00:00.000Z',
    };
    await planner.plan(envelope('victim.safety.changed', safety), tx);
    expect(recorded).toEqual([safety]);
    expect(planned).toEqual([]);
  });

  it('R-3.3 plans a medical service request for the Ministry of Health, with no personal data', async () => {
    const { planner, planned } = setup([{ id: 'moh', org: 'MOH', channel: 'email', language: 'az' }]);
    await planner.plan(
      envelope('service.requested', {
        requestId: 'c0000000-0000-4000-8000-000000000002',
        victimRef: 'vr_0123456789',
        caseNumber: 'NRM-2026-000042',
        service: 'medical',
        profile: reported.profile,
        region: 'Baku',
        referringOrg: 'MLSPP',
        requestedAt: '2026-11-25T10:00:00.000Z',
        note: 'needs insulin',
      }),
      tx,
    );
    expect(planned.map((p) => p.org)).toEqual(['MOH']);
    expect(planned[0].subject).toContain('NRM-2026-000042');
    expect(JSON.stringify(planned[0])).not.toMatch(/female|18-24|insulin|Baku/);
  });
});
