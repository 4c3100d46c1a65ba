import fc from 'fast-check';
import {
  post,
  referralBody,
  report,
  startReferral,
  tokens,
  type ReferralService,
} from '../support/referral-service.js';

/** Bad input is never a 500 and never a partial write. */
describe('robustness against malformed input', () => {
  let svc: ReferralService;
  beforeAll(async () => {
    svc = await startReferral();
  });
  afterAll(() => svc?.close());

  const raw = async (path: string, headers: Record<string, string>, body: string) =>
    (await fetch(`${svc.url}${path}`, { method: 'POST', headers, body })).status;

  it('answers arbitrary JSON sent to the intake with 400, never 500', async () => {
    const headers = await tokens.agency('MOH');
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const status = await raw('/v1/referrals', headers, JSON.stringify(value));
        return status === 400;
      }),
      { numRuns: 60 },
    );
  });

  it('answers a valid intake with one field replaced by arbitrary JSON with 400 or 201, never 500', async () => {
    const headers = await tokens.agency('MOH');
    const fields = [
      'kind',
      'identifiedAt',
      'person',
      'exploitation',
      'circumstances',
      'region',
      'urgentNeeds',
      'documents',
    ];
    const personFields = [
      'givenName',
      'familyName',
      'dateOfBirth',
      'ageEstimate',
      'sex',
      'citizenship',
      'languages',
      'contact',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.constantFrom(...personFields),
        fc.boolean(),
        fc.jsonValue(),
        async (field, personField, inPerson, value) => {
          const body = inPerson
            ? referralBody({}, { [personField]: value })
            : referralBody({ [field]: value });
          const status = await raw('/v1/referrals', headers, JSON.stringify(body));
          return status === 400 || status === 201;
        },
      ),
      { numRuns: 80 },
    );
  });

  it('answers arbitrary JSON to handover, decision, consent and service request routes with 4xx, never 500', async () => {
    const referral = await report(svc, 'MOH');
    const routes: [string, Record<string, string>][] = [
      [`/v1/referrals/${referral.id}/handover`, await tokens.agency('MOH')],
      [`/v1/referrals/${referral.id}/decision`, await tokens.duty()],
      [`/v1/victims/${referral.victimRef}/consents`, await tokens.duty()],
      [`/v1/victims/${referral.victimRef}/service-requests`, await tokens.duty()],
      [`/v1/victims/${referral.victimRef}/rights-information`, await tokens.duty()],
      ['/v1/organisations', await tokens.admin()],
      ['/v1/legal-aid-providers', await tokens.admin()],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue(), async ([path, headers], value) => {
        const status = await raw(path, headers, JSON.stringify(value));
        return status >= 400 && status < 500;
      }),
      { numRuns: 80 },
    );
  });

  it('refuses a body that is not JSON, or too large, with a 4xx', async () => {
    const headers = await tokens.agency('MOH');
    expect(await raw('/v1/referrals', headers, 'kind=presumed_victim')).toBe(400);
    expect(await raw('/v1/referrals', { ...headers, 'content-type': 'text/plain' }, 'hello')).toBe(415);
    const huge = JSON.stringify(referralBody({ circumstances: 'x'.repeat(2_000_000) }));
    expect(await raw('/v1/referrals', headers, huge)).toBe(413);
    expect(
      (await post(svc, '/v1/referrals', headers, referralBody({ circumstances: 'x'.repeat(10_001) }))).status,
    ).toBe(400);
  });
});
