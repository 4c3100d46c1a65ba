import { formatPhaseTable, runChaos } from '../../scripts/lib/chaos.mjs';
import { testEnv } from '#shared/testing';

const OUTAGE_MS = Number(process.env.NRM_CHAOS_OUTAGE_MS ?? 3_000);
/** One outage of each kind (a database, the broker, the recipients); `npm run chaos` runs them all. */
const PHASES = ['crashes', 'db:shelter', 'broker', 'dead-recipients'];

/**
 * The short version of `npm run chaos`: two instances of every service under a steady load while one
 * instance of each is SIGKILLed and restarted, every RabbitMQ connection is closed and every Postgres
 * connection is terminated; then the shelter service's database, the broker and the webhook recipients
 * are unreachable in turn for a few seconds (the full run: every service's database, 60 s each). The
 * long database outage under load is e2e/test/outage.e2e-spec.ts.
 */
describe('the platform under crashes, restarts and outages', () => {
  it('R-4.1 R-3.10 loses nothing and doubles nothing: every referral told to the duty officer once, every shelter request placed or waitlisted once, no facility over capacity, every approved payout paid once, the ledger balanced, nothing parked, through every phase', async () => {
    const env = testEnv();
    const lines: string[] = [];
    const report = await runChaos({
      adminUrl: env.adminUrl,
      amqpBaseUrl: env.amqpBaseUrl,
      durationSeconds: 20,
      rate: 2,
      outageMs: OUTAGE_MS,
      phases: PHASES,
      killEveryInstance: false,
      jwtPrivateKeyPem: env.jwtPrivateKey,
      jwtPublicKeyPem: env.jwtPublicKey,
      log: (m) => lines.push(m),
    });
    console.log(formatPhaseTable(report.phases));
    if (report.problems.length) console.log(lines.join('\n'), report);
    expect(report.injected.sigkill).toBe(4);
    expect(report.injected).toMatchObject({ databaseOutages: 1, brokerOutages: 1, recipientOutages: 1 });
    expect(report.phases.map((p) => p.phase)).toEqual(PHASES);
    expect(report.accepted.referrals).toBeGreaterThan(15);
    expect(report.accepted.payouts).toBeGreaterThan(5);
    expect(report.phases.filter((p) => p.accepted === 0)).toEqual([]);
    expect(report.problems).toEqual([]);
  }, 600_000);
});
