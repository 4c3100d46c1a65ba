import { startTestService, type TestService } from '#shared/testing';
import { AppModule } from '../../src/app.module.js';
import { ReferralConfig } from '../../src/config/referral.config.js';

describe('referral service boot', () => {
  let svc: TestService<ReferralConfig>;
  beforeAll(async () => {
    svc = await startTestService({ service: 'referral', configClass: ReferralConfig, module: AppModule.register });
  });
  afterAll(() => svc?.close());

  it('is ready once migrated and connected', async () => {
    const res = await fetch(`${svc.url}/health/ready`);
    expect(res.status).toBe(200);
  });
});
