import { ownerOf, unownedContracts } from './index.js';

describe('event ownership', () => {
  it('names an owning producer for every registered event contract', () => {
    expect(unownedContracts()).toEqual([]);
  });

  it('gives each namespace to its service, and none to a service that publishes nothing', () => {
    expect(ownerOf('referral.reported')).toBe('referral');
    expect(ownerOf('victim.consent.changed')).toBe('referral');
    expect(ownerOf('service.requested')).toBe('referral');
    expect(ownerOf('shelter.admission.requested')).toBe('shelter');
    expect(ownerOf('compensation.payout.settled')).toBe('compensation');
    expect(ownerOf('notification.delivery.failed')).toBe('notification');
    expect(ownerOf('reporting.anything')).toBeUndefined();
    expect(ownerOf('shelterx.admitted')).toBeUndefined();
  });
});
