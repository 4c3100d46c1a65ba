import type { DataSource, EntityManager } from 'typeorm';
import { VictimConsentChanged } from '../contracts/referral.events.js';
import { UnitOfWork } from './unit-of-work.js';

/** A joined unit of work (an inbox transaction's): which statements it runs, and whom it wakes. */
function setup() {
  const statements: string[] = [];
  const em = {
    query: async (sql: string) => {
      statements.push(sql.trim().split(/\s+/).slice(0, 3).join(' '));
      return [];
    },
  } as unknown as EntityManager;
  const uow = new UnitOfWork({} as DataSource, 'sample', 'sample');
  const woken = { relay: 0, listeners: 0 };
  uow.setWaker({ wake: () => woken.relay++ });
  uow.onCommit(() => woken.listeners++);
  return { uow, em, statements, woken };
}

const consent = {
  victimRef: 'V-0123456789',
  purpose: 'shelter_placement' as const,
  granted: true,
  recordedAt: new Date().toISOString(),
};

describe(UnitOfWork.name, () => {
  it('joined: reports outbox rows written, so the caller wakes the relay after its commit', async () => {
    const { uow, em, statements, woken } = setup();
    const written = { outbox: false };
    await uow.run(
      async (tx) => void tx.publish(VictimConsentChanged, consent, { aggregateId: 'a-1' }),
      {},
      em,
      written,
    );
    expect(statements).toEqual(['INSERT INTO "sample".outbox']);
    expect(written.outbox).toBe(true);
    expect(woken).toEqual({ relay: 0, listeners: 0 }); // the caller commits, then wakes
    uow.wake(written.outbox);
    expect(woken).toEqual({ relay: 1, listeners: 1 });
  });

  it('joined: work that announces nothing wakes the commit listeners only, not the relay', async () => {
    const { uow, em, statements, woken } = setup();
    const written = { outbox: false };
    await uow.run(async () => undefined, {}, em, written);
    expect(statements).toEqual([]);
    expect(written.outbox).toBe(false);
    uow.wake(written.outbox);
    expect(woken).toEqual({ relay: 0, listeners: 1 });
  });

  it('joined: an outbox row for a statement of its own counts as written', async () => {
    const { uow, em, woken } = setup();
    const written = { outbox: false };
    const row = await uow.run(
      async (tx) => tx.outboxRow(VictimConsentChanged, consent, { aggregateId: 'a-1' }),
      { correlationId: 'c-1' },
      em,
      written,
    );
    expect(written.outbox).toBe(true);
    expect(JSON.parse(row.envelope)).toMatchObject({ correlationId: 'c-1', data: consent });
    uow.wake(written.outbox);
    expect(woken.relay).toBe(1);
  });
});
