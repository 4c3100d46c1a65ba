import { connect } from 'amqplib';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { allContracts } from '#shared';
import { eventually, testEnv } from '#shared/testing';
import {
  PUBLISHES,
  managementUrl,
  ownerDatabaseUrl,
  serviceAmqpUrl,
  serviceDatabaseUrl,
} from '../../scripts/lib/provision.mjs';
import { bootPlatform, type Platform } from '../src/harness.js';

/** Audit tables: append-only for everyone, even the schema's owner. */
const AUDIT_TABLES: Record<string, string[]> = {
  referral: ['access_log', 'consents', 'handover_attempts'],
  compensation: ['payment_data_access', 'payout_transitions', 'journal_entries', 'journal_lines'],
};

/** Runs `sql` and returns the error it raised (or undefined). */
async function errorOf(url: string, sql: string): Promise<Error | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(sql);
    return undefined;
  } catch (err) {
    return err as Error;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

describe('broker topic permissions', () => {
  it('let exactly one service publish each event type of the contracts', () => {
    for (const { type } of allContracts()) {
      const publishers = Object.entries(PUBLISHES).filter(([, namespaces]) =>
        namespaces.some((n) => type.startsWith(`${n}.`)),
      );
      expect({ type, publishers: publishers.length }).toEqual({ type, publishers: 1 });
    }
  });
});

describe('least privilege: database roles and broker users of every service', () => {
  let platform: Platform;
  const env = testEnv();
  const runtime = (service: string) => serviceDatabaseUrl(env.adminUrl, platform.database, service);
  const owner = (service: string) => ownerDatabaseUrl(env.adminUrl, platform.database, service);

  beforeAll(async () => {
    platform = await bootPlatform({ services: ['referral', 'shelter', 'compensation', 'notification'] });
  }, 180_000);
  afterAll(() => platform?.close());

  it('R-1.3.2 migrates as the schema owner; the runtime role cannot DROP TRIGGER, ALTER TABLE, CREATE or TRUNCATE', async () => {
    for (const [service, tables] of Object.entries(AUDIT_TABLES)) {
      const admin = new pg.Client({ connectionString: platform.adminDatabaseUrl });
      await admin.connect();
      const { rows } = await admin
        .query<{ owner: string; migrated: string }>(
          `SELECT nspowner::regrole::text AS owner,
                  (SELECT tableowner FROM pg_tables WHERE schemaname = $1 AND tablename = 'migrations') AS migrated
             FROM pg_namespace WHERE nspname = $1`,
          [service],
        )
        .finally(() => admin.end());
      expect(rows[0]).toEqual({ owner: `nrm_${service}_owner`, migrated: `nrm_${service}_owner` });
      for (const table of tables) {
        const trigger = `${table}_no_truncate`;
        expect(
          (await errorOf(runtime(service), `DROP TRIGGER ${trigger} ON "${service}".${table}`))?.message,
        ).toMatch(/must be owner/);
        expect(
          (await errorOf(runtime(service), `ALTER TABLE "${service}".${table} DISABLE TRIGGER ALL`))?.message,
        ).toMatch(/must be owner/);
        expect((await errorOf(runtime(service), `TRUNCATE "${service}".${table}`))?.message).toMatch(
          /permission denied/,
        );
      }
      expect(
        (await errorOf(runtime(service), `CREATE TABLE "${service}".intruder (id int)`))?.message,
      ).toMatch(/permission denied for schema/);
      expect((await errorOf(runtime(service), `DROP TABLE "${service}".outbox`))?.message).toMatch(
        /must be owner/,
      );
    }
  });

  it('R-1.3.2 R-6.7 refuses TRUNCATE of every audit table, and UPDATE or DELETE of its rows, even to the owner', async () => {
    for (const [service, tables] of Object.entries(AUDIT_TABLES)) {
      for (const table of tables) {
        expect({
          table,
          error: (await errorOf(owner(service), `TRUNCATE "${service}".${table} CASCADE`))?.message,
        }).toEqual({
          table,
          error: expect.stringMatching(/append-only/),
        });
      }
    }
    const admin = new pg.Client({ connectionString: platform.adminDatabaseUrl });
    await admin.connect();
    try {
      await admin.query(
        `INSERT INTO compensation.payment_data_access (subject_kind, subject_id, actor, actor_role, actor_org)
         VALUES ('payout_details', $1, 'officer-1', 'fund_officer', 'FUND')`,
        [randomUUID()],
      );
    } finally {
      await admin.end();
    }
    for (const url of [owner('compensation'), runtime('compensation')]) {
      expect(
        (await errorOf(url, `UPDATE compensation.payment_data_access SET actor = 'someone-else'`))?.message,
      ).toMatch(/append-only/);
      expect((await errorOf(url, `DELETE FROM compensation.payment_data_access`))?.message).toMatch(
        /append-only/,
      );
    }
  });

  it('connects every service to the broker with its own user', async () => {
    const base = new URL(platform.amqpUrl);
    const vhost = decodeURIComponent(base.pathname.slice(1));
    const auth =
      'Basic ' +
      Buffer.from(
        `${decodeURIComponent(new URL(env.amqpBaseUrl).username)}:${decodeURIComponent(new URL(env.amqpBaseUrl).password)}`,
      ).toString('base64');
    await eventually(
      async () => {
        const res = await fetch(
          `${managementUrl(env.amqpBaseUrl)}/api/vhosts/${encodeURIComponent(vhost)}/connections`,
          {
            headers: { authorization: auth },
          },
        );
        const conns = (await res.json()) as {
          user: string;
          client_properties?: { connection_name?: string };
        }[];
        const byService = new Map<string, Set<string>>();
        for (const c of conns) {
          const service = c.client_properties?.connection_name?.split('@')[0];
          if (service) byService.set(service, (byService.get(service) ?? new Set()).add(c.user));
        }
        for (const service of ['referral', 'shelter', 'compensation', 'notification']) {
          expect([service, [...(byService.get(service) ?? [])]]).toEqual([service, [`nrm_${service}`]]);
        }
        return true;
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
  });

  it("R-1.3.2 refuses an event forged with another service's credential on a routing key it does not own (channel closed 403)", async () => {
    // The referral service's credential, publishing what only the shelter service may say.
    const conn = await connect(serviceAmqpUrl(platform.amqpUrl, 'referral'));
    try {
      const forged = await conn.createConfirmChannel();
      const closed = new Promise<{ code?: number; message: string }>((resolve) =>
        forged.on('error', resolve),
      );
      const envelope = {
        id: randomUUID(),
        type: 'shelter.admission.requested',
        version: 1,
        occurredAt: new Date().toISOString(),
        producer: 'shelter',
        correlationId: randomUUID(),
        causationId: null,
        data: { facilityId: randomUUID() },
      };
      forged.publish('nrm.events', 'shelter.admission.requested', Buffer.from(JSON.stringify(envelope)), {
        persistent: true,
      });
      const error = await closed;
      expect(error.code).toBe(403);
      expect(error.message).toMatch(/ACCESS_REFUSED/);

      // Its own namespace is allowed (an unbound key: it ends in the unrouted queue, harmlessly).
      const own = await conn.createConfirmChannel();
      await new Promise<void>((resolve, reject) =>
        own.publish('nrm.events', 'referral.probe', Buffer.from('{}'), {}, (err) =>
          err ? reject(err) : resolve(),
        ),
      );
      // Nor may it read or remove another service's queue.
      const reader = await conn.createChannel();
      reader.on('error', () => undefined);
      await expect(reader.consume('shelter.events', () => undefined)).rejects.toMatchObject({ code: 403 });
      const deleter = await conn.createChannel();
      deleter.on('error', () => undefined);
      await expect(deleter.deleteQueue('shelter.events')).rejects.toMatchObject({ code: 403 });
    } finally {
      await conn.close().catch(() => undefined);
    }
  });
});
