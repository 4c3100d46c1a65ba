import amqp from 'amqplib';
import { randomUUID } from 'node:crypto';
import {
  buildEnvelope,
  EVENTS_EXCHANGE,
  PayoutSettled,
  ReferralDeadlineBreached,
  ReferralHandedOver,
  ReferralReported,
  ReferralReportedV2Contract,
  ServiceRequestAccepted,
  ServiceRequestCompleted,
  ServiceRequestDeclined,
  ServiceRequested,
  ShelterAdmissionRequested,
  ShelterAdmitted,
  ShelterDischarged,
  VictimIdentified,
  VictimReturnChanged,
  VictimSafetyChanged,
  ageBandOf,
  type Envelope,
  type EventContract,
  type Sex,
} from '#shared';

/** Who produces each event (the envelope's `producer`). */
const PRODUCERS: Record<string, string> = {
  referral: 'referral',
  victim: 'referral',
  service: 'referral',
  shelter: 'shelter',
  compensation: 'compensation',
};

/** A well-formed event, as its producer's outbox relay would publish it. */
export function envelope<T extends object>(
  contract: EventContract<T>,
  data: T,
  opts: { aggregateId: string; occurredAt: Date },
): Envelope<T> {
  return buildEnvelope(PRODUCERS[contract.type.split('.')[0]] ?? 'referral', contract, data, opts);
}

/** Publishes events onto a vhost's `nrm.events` exchange with publisher confirms. */
export class BusPublisher {
  private constructor(
    private readonly conn: amqp.ChannelModel,
    private readonly ch: amqp.ConfirmChannel,
  ) {}

  static async open(url: string): Promise<BusPublisher> {
    const conn = await amqp.connect(url);
    const ch = await conn.createConfirmChannel();
    return new BusPublisher(conn, ch);
  }

  async publish(events: Envelope<object>[]): Promise<void> {
    for (const e of events) {
      this.ch.publish(EVENTS_EXCHANGE, e.type, Buffer.from(JSON.stringify(e)), {
        persistent: true,
        messageId: e.id,
        contentType: 'application/json',
      });
    }
    await this.ch.waitForConfirms();
  }

  async close(): Promise<void> {
    await this.ch.close().catch(() => undefined);
    await this.conn.close().catch(() => undefined);
  }
}

/** A small deterministic random source, so a failing population can be reproduced from its seed. */
export function seeded(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
  const pick = <T>(weighted: [T, number][]): T => {
    const total = weighted.reduce((a, [, w]) => a + w, 0);
    let x = next() * total;
    for (const [v, w] of weighted) if ((x -= w) < 0) return v;
    return weighted[weighted.length - 1][0];
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, pick, int };
}

/** What was done for one simulated victim: the truth the report is checked against. */
export interface SimulatedVictim {
  victimRef: string;
  referralId: string;
  sex: Sex;
  age: number;
  child: boolean;
  citizenship: string;
  exploitation: string[];
  region: string;
  reportingOrg: string;
  reportingBodyKind: 'commission_body' | 'ngo' | 'international';
  identifiedAt: Date;
  outcome: 'identified_victim' | 'not_a_victim' | null;
  handoverHours: number | null;
  placement: { placementId: string; facilityId: string; nights: number; discharged: boolean } | null;
  paidMinor: number;
  payoutMethod: 'bank_transfer' | 'cash' | null;
  /** Other services asked for, and the provider's last answer. */
  services: {
    service: 'medical' | 'psychological' | 'legal_aid';
    answer: 'requested' | 'accepted' | 'declined' | 'completed';
  }[];
  riskLevel: 'low' | 'medium' | 'high' | null;
  returnStatus: 'requested' | 'documents_ready' | 'returned' | null;
}

const FOREIGN = ['TR', 'RU', 'UZ', 'GE', 'IR', 'NP', 'IN', 'KG', 'TJ', 'UA'];
const REGIONS = ['Baku', 'Sumqayit', 'Ganja', 'Lankaran', 'Sheki', 'Mingachevir'];
const BODIES: [string, SimulatedVictim['reportingBodyKind'], number][] = [
  ['MIA', 'commission_body', 40],
  ['SMS', 'commission_body', 10],
  ['SBS', 'commission_body', 10],
  ['NGO-CLEAN-WORLD', 'ngo', 30],
  ['IOM-AZ', 'international', 10],
];

/**
 * A population with a CTDC-like spread: mostly women, a quarter children, sexual exploitation
 * prevailing among women and forced labour among men, some foreign nationals, some paid by the Fund.
 */
export function simulatePopulation(count: number, year: number, seed: number): SimulatedVictim[] {
  const r = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const sex = r.pick<Sex>([
      ['female', 70],
      ['male', 27],
      ['other', 2],
      ['unknown', 1],
    ]);
    const child = r.next() < 0.25;
    const age = child ? r.int(6, 17) : r.int(18, 60);
    const foreign = r.next() < 0.25;
    const main =
      sex === 'male'
        ? r.pick([
            ['labour', 70],
            ['criminal_activity', 10],
            ['sexual', 10],
            ['forced_begging', 10],
          ])
        : r.pick([
            ['sexual', 60],
            ['labour', 20],
            ['domestic_servitude', 10],
            ['forced_marriage', 10],
          ]);
    const exploitation =
      r.next() < 0.1 ? [main, main === 'labour' ? 'domestic_servitude' : 'labour'] : [main];
    const [reportingOrg, reportingBodyKind] = (() => {
      const b = r.pick(BODIES.map(([org, kind, w]) => [[org, kind] as const, w]));
      return b;
    })();
    const identifiedAt = new Date(Date.UTC(year, r.int(0, 10), r.int(1, 28), r.int(0, 23), r.int(0, 59)));
    const outcome = r.pick<SimulatedVictim['outcome']>([
      ['identified_victim', 80],
      ['not_a_victim', 10],
      [null, 10],
    ]);
    const handoverHours = outcome || r.next() < 0.5 ? Math.round(r.next() * 30 * 10) / 10 : null;
    const placed = outcome === 'identified_victim' && r.next() < 0.5;
    const paid = outcome === 'identified_victim' && r.next() < 0.3;
    return {
      victimRef: `V-TEST${year}${String(i).padStart(6, '0')}${seed}`.slice(0, 64),
      referralId: randomUUID(),
      sex,
      age,
      child,
      citizenship: foreign ? FOREIGN[r.int(0, FOREIGN.length - 1)] : 'AZ',
      exploitation,
      region: r.pick(REGIONS.map((x, j) => [x, 6 - j])),
      reportingOrg,
      reportingBodyKind,
      identifiedAt,
      outcome,
      handoverHours,
      placement: placed
        ? {
            placementId: randomUUID(),
            facilityId: randomUUID(),
            nights: r.int(2, 90),
            discharged: r.next() < 0.7,
          }
        : null,
      paidMinor: paid ? r.int(1000, 8000) * 100 : 0,
      payoutMethod: paid ? (r.next() < 0.6 ? 'bank_transfer' : 'cash') : null,
      services:
        outcome === 'identified_victim'
          ? (['medical', 'psychological', 'legal_aid'] as const)
              .filter(() => r.next() < 0.4)
              .map((service) => ({
                service,
                answer: r.pick<'requested' | 'accepted' | 'declined' | 'completed'>([
                  ['requested', 10],
                  ['accepted', 30],
                  ['declined', 10],
                  ['completed', 50],
                ]),
              }))
          : [],
      riskLevel: outcome
        ? r.pick<SimulatedVictim['riskLevel']>([
            ['low', 50],
            ['medium', 30],
            ['high', 20],
          ])
        : null,
      returnStatus:
        foreign && outcome === 'identified_victim'
          ? r.pick<SimulatedVictim['returnStatus']>([
              [null, 40],
              ['requested', 20],
              ['documents_ready', 10],
              ['returned', 30],
            ])
          : null,
    };
  });
}

const HOUR = 3_600_000;

/** The events a victim's path produces, as the referral, shelter and compensation services publish them. */
export function eventsOf(v: SimulatedVictim, opts: { version?: 1 | 2 } = {}): Envelope<object>[] {
  const caseNumber = `NRM-${v.identifiedAt.getUTCFullYear()}-${v.victimRef.slice(-6)}`;
  const dueAt = new Date(v.identifiedAt.getTime() + 24 * HOUR);
  const reportedAt = new Date(v.identifiedAt.getTime() + HOUR / 2);
  const base = {
    referralId: v.referralId,
    caseNumber,
    victimRef: v.victimRef,
    kind: 'presumed_victim' as const,
    reportingOrg: v.reportingOrg,
    region: v.region,
    identifiedAt: v.identifiedAt.toISOString(),
    handoverDueAt: dueAt.toISOString(),
    profile: {
      sex: v.sex,
      ageBand: ageBandOf(v.age),
      age: v.age,
      child: v.child,
      languages: ['az'],
      needs: [],
    },
    likelyDuplicate: false,
  };
  const out: Envelope<object>[] = [
    opts.version === 1
      ? envelope(ReferralReported, base, { aggregateId: v.referralId, occurredAt: reportedAt })
      : envelope(
          ReferralReportedV2Contract,
          {
            ...base,
            exploitation: v.exploitation as never,
            citizenship: v.citizenship,
            reportingBodyKind: v.reportingBodyKind,
          },
          { aggregateId: v.referralId, occurredAt: reportedAt },
        ),
  ];
  let t = reportedAt.getTime();
  if (v.handoverHours !== null) {
    const at = new Date(v.identifiedAt.getTime() + v.handoverHours * HOUR);
    if (v.handoverHours > 24)
      out.push(
        envelope(
          ReferralDeadlineBreached,
          {
            referralId: v.referralId,
            caseNumber,
            victimRef: v.victimRef,
            handoverDueAt: dueAt.toISOString(),
            reportingOrg: v.reportingOrg,
          },
          { aggregateId: v.referralId, occurredAt: dueAt },
        ),
      );
    out.push(
      envelope(
        ReferralHandedOver,
        {
          referralId: v.referralId,
          caseNumber,
          victimRef: v.victimRef,
          officerId: 'spu-officer-1',
          handedOverAt: at.toISOString(),
          handoverDueAt: dueAt.toISOString(),
          late: v.handoverHours > 24,
        },
        { aggregateId: v.referralId, occurredAt: at },
      ),
    );
    t = Math.max(t, at.getTime());
  }
  if (v.outcome) {
    t += HOUR;
    out.push(
      envelope(
        VictimIdentified,
        {
          referralId: v.referralId,
          caseNumber,
          victimRef: v.victimRef,
          outcome: v.outcome,
          decidedAt: new Date(t).toISOString(),
        },
        { aggregateId: v.referralId, occurredAt: new Date(t) },
      ),
    );
  }
  const answerOf = {
    accepted: ServiceRequestAccepted,
    declined: ServiceRequestDeclined,
    completed: ServiceRequestCompleted,
  } as const;
  for (const { service, answer } of v.services) {
    const requestId = randomUUID();
    const at = new Date((t += HOUR));
    out.push(
      envelope(
        ServiceRequested,
        {
          requestId,
          victimRef: v.victimRef,
          caseNumber,
          service,
          profile: base.profile,
          region: v.region,
          referringOrg: v.reportingOrg,
          requestedAt: at.toISOString(),
          providerOrg: 'MOH',
        },
        { aggregateId: requestId, occurredAt: at },
      ),
    );
    if (answer === 'requested') continue;
    const answered = new Date(at.getTime() + HOUR);
    const data = {
      requestId,
      victimRef: v.victimRef,
      caseNumber,
      service,
      providerOrg: 'MOH',
      referringOrg: v.reportingOrg,
      at: answered.toISOString(),
    };
    if (answer === 'completed') {
      // accepted first, then completed
      out.push(envelope(ServiceRequestAccepted, data, { aggregateId: requestId, occurredAt: answered }));
      const done = new Date(answered.getTime() + HOUR);
      out.push(
        envelope(
          ServiceRequestCompleted,
          { ...data, at: done.toISOString(), outcome: 'provided' },
          { aggregateId: requestId, occurredAt: done },
        ),
      );
    } else if (answer === 'declined') {
      out.push(
        envelope(
          answerOf.declined,
          { ...data, reason: 'no_capacity' },
          { aggregateId: requestId, occurredAt: answered },
        ),
      );
    } else {
      out.push(envelope(answerOf.accepted, data, { aggregateId: requestId, occurredAt: answered }));
    }
  }
  if (v.riskLevel) {
    // a first assessment, then the one in force
    const first = new Date((t += HOUR));
    out.push(
      envelope(
        VictimSafetyChanged,
        {
          victimRef: v.victimRef,
          riskLevel: 'medium',
          restrictDisclosure: false,
          assessedAt: first.toISOString(),
        },
        { aggregateId: v.victimRef, occurredAt: first },
      ),
    );
    const second = new Date((t += HOUR));
    out.push(
      envelope(
        VictimSafetyChanged,
        {
          victimRef: v.victimRef,
          riskLevel: v.riskLevel,
          restrictDisclosure: v.riskLevel === 'high',
          assessedAt: second.toISOString(),
        },
        { aggregateId: v.victimRef, occurredAt: second },
      ),
    );
  }
  if (v.returnStatus) {
    const returnId = randomUUID();
    const steps = ['requested', 'documents_ready', 'travel_arranged', 'returned'] as const;
    for (const status of steps.slice(0, steps.indexOf(v.returnStatus) + 1)) {
      const at = new Date((t += 24 * HOUR));
      out.push(
        envelope(
          VictimReturnChanged,
          {
            returnId,
            victimRef: v.victimRef,
            caseNumber,
            status,
            wish: 'return',
            destinationCountry: v.citizenship,
            at: at.toISOString(),
          },
          { aggregateId: returnId, occurredAt: at },
        ),
      );
    }
  }
  if (v.placement) {
    const requestId = randomUUID();
    t += HOUR;
    out.push(
      envelope(
        ServiceRequested,
        {
          requestId,
          victimRef: v.victimRef,
          caseNumber,
          service: 'shelter',
          profile: base.profile,
          region: v.region,
          referringOrg: v.reportingOrg,
          requestedAt: new Date(t).toISOString(),
        },
        { aggregateId: requestId, occurredAt: new Date(t) },
      ),
    );
    const p = {
      placementId: v.placement.placementId,
      facilityId: v.placement.facilityId,
      facilityCode: 'SHELTER-1',
      victimRef: v.victimRef,
      caseNumber,
    };
    const offeredAt = new Date(t + HOUR);
    out.push(
      envelope(
        ShelterAdmissionRequested,
        {
          ...p,
          requestId,
          profile: base.profile,
          expectedArrivalAt: offeredAt.toISOString(),
          offerExpiresAt: new Date(offeredAt.getTime() + 4 * HOUR).toISOString(),
        },
        { aggregateId: p.placementId, occurredAt: offeredAt },
      ),
    );
    const admittedAt = new Date(t + 2 * HOUR);
    out.push(
      envelope(
        ShelterAdmitted,
        { ...p, at: admittedAt.toISOString() },
        { aggregateId: p.placementId, occurredAt: admittedAt },
      ),
    );
    if (v.placement.discharged) {
      const dischargedAt = new Date(admittedAt.getTime() + v.placement.nights * 24 * HOUR);
      out.push(
        envelope(
          ShelterDischarged,
          { ...p, at: dischargedAt.toISOString() },
          { aggregateId: p.placementId, occurredAt: dischargedAt },
        ),
      );
    }
  }
  if (v.paidMinor) {
    const payoutId = randomUUID();
    const settledAt = new Date(t + 30 * 24 * HOUR);
    out.push(
      envelope(
        PayoutSettled,
        {
          payoutId,
          claimId: randomUUID(),
          victimRef: v.victimRef,
          amountMinor: v.paidMinor,
          currency: 'AZN',
          method: v.payoutMethod!,
          by: 'fund-approver-1',
          outcome: v.payoutMethod === 'cash' ? 'disbursed' : 'settled',
        },
        { aggregateId: payoutId, occurredAt: settledAt },
      ),
    );
  }
  return out;
}
