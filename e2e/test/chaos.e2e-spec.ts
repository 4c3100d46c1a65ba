import { runChaos } from '../../scripts/lib/chaos.mjs';
import { testEnv } from '#shared/testing';

/**
 * The short version of `npm run chaos`: two instances of every service under a steady load while one
 * instance of each is SIGKILLed and restarted, every RabbitMQ connection is closed and every Postgres
 * connection is terminated (the full run restarts the Postgres server itself).
 */
describe('the platform under crashes and restarts', () => {
  it('R-4.1 R-3.10 loses nothing and doubles nothing: every referral told to the duty officer once, every shelter request placed or waitlisted once, no facility over capacity, every approved payout paid once, the ledger balanced', async () => {
    const env = testEnv();
    const lines: string[] = [];
    const report = await runChaos({
      adminUrl: env.adminUrl,
      amqpBaseUrl: env.amqpBaseUrl,
      durationSeconds: 20,
      rate: 2,
      killEveryInstance: false,
      realRestarts: false,
      jwtPrivateKeyPem: env.jwtPrivateKey,
      jwtPublicKeyPem: env.jwtPublicKey,
      log: (m) => lines.push(m),
    });
    if (report.problems.length) console.log(lines.join('\n'), report);
    expect(report.injected.sigkill).toBe(4);
    expect(report.accepted.referrals).toBeGreaterThan(15);
    expect(report.accepted.payouts).toBeGreaterThan(5);
    expect(report.problems).toEqual([]);
  }, 600_000);
});
