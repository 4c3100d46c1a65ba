import { E2eContext } from '../support/context.js';
import { deliveryLogSuite } from './suites/delivery-log.suite.js';
import { fairDeliverySuite } from './suites/fair-delivery.suite.js';
import { providersSuite } from './suites/providers.suite.js';
import { recipientsSuite } from './suites/recipients.suite.js';
import { fairnessSuite, leaseSuite, reliabilitySuite, restartSuite } from './suites/reliability.suite.js';
import { routingSuite } from './suites/routing.suite.js';

// One file, one service instance: every instance may send any due delivery with its own SMTP and
// SMS settings, so two instances with different test servers would steal each other's messages.
describe('notification service end to end', () => {
  const ctx = new E2eContext();
  beforeAll(() => ctx.open());
  afterAll(() => ctx.close());

  it('is ready once migrated and connected', async () => {
    expect((await fetch(`${ctx.svc.url}/health/ready`)).status).toBe(200);
  });

  recipientsSuite(() => ctx);
  routingSuite(() => ctx);
  deliveryLogSuite(() => ctx);
  reliabilitySuite(() => ctx);
  fairnessSuite(() => ctx);
  fairDeliverySuite(() => ctx);
  providersSuite(() => ctx);
  leaseSuite(() => ctx);
  restartSuite(() => ctx);
});
