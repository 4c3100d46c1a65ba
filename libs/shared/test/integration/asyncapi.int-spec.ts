import { Parser } from '@asyncapi/parser';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify, parse } from 'yaml';
import { SUBSCRIPTIONS, allContracts } from '#shared';
import { buildAsyncApiDocument } from '#tooling';

const file = path.resolve(import.meta.dirname, '../../../../docs/asyncapi.yaml');

describe('AsyncAPI document of the events', () => {
  const generated = buildAsyncApiDocument();

  it('covers every event named in the public contract', () => {
    const named = [
      'referral.reported',
      'referral.handover.requested',
      'referral.handed_over',
      'referral.deadline.approaching',
      'referral.deadline.breached',
      'victim.identified',
      'victim.consent.changed',
      'service.requested',
      'shelter.waitlisted',
      'shelter.admission.requested',
      'shelter.admitted',
      'shelter.declined',
      'shelter.discharged',
      'compensation.payout.requested',
      'compensation.payout.approved',
      'compensation.payout.settled',
      'compensation.payout.failed',
      'notification.delivery.failed',
      'service.request.accepted',
      'service.request.declined',
      'service.request.completed',
      'victim.safety.changed',
      'victim.return.changed',
      'referral.closed',
      'compensation.claim.changed',
      'shelter.plan.changed',
      'shelter.training.changed',
    ];
    expect(
      allContracts()
        .map((c) => c.type)
        .sort(),
    ).toEqual(expect.arrayContaining(named));
    for (const keys of Object.values(SUBSCRIPTIONS)) for (const k of keys) expect(named).toContain(k);
  });

  it('is committed in docs/asyncapi.yaml and up to date (UPDATE_ASYNCAPI=1 rewrites it)', () => {
    if (process.env.UPDATE_ASYNCAPI === '1') writeFileSync(file, stringify(generated, { lineWidth: 0 }));
    expect(parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(generated)));
  });

  it('is a valid AsyncAPI document', async () => {
    const parser = new Parser();
    const { diagnostics, document } = await parser.parse(readFileSync(file, 'utf8'));
    const errors = diagnostics.filter((d) => Number(d.severity) === 0); // 0 = error
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
    expect(document).toBeDefined();
  });
});
