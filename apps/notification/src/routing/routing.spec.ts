import { SUBSCRIPTIONS } from '#shared';
import { TEMPLATES } from '../templates/catalogue.js';
import { raisesDeliveryFailed, routeEvent } from './routing.js';

const opts = { operatorOrgs: ['OPS'] };

describe('routeEvent', () => {
  it('R-4.1 sends every new referral to the special police unit at once', () => {
    expect(routeEvent('referral.reported', { caseNumber: 'NRM-1' }, opts)).toEqual(['MIA-SPU']);
  });

  it('R-4.1 sends handover requests and completions to the special police unit', () => {
    expect(routeEvent('referral.handover.requested', {}, opts)).toEqual(['MIA-SPU']);
    expect(routeEvent('referral.handed_over', {}, opts)).toEqual(['MIA-SPU']);
  });

  it('R-4.2 sends an approaching handover deadline to the special police unit', () => {
    expect(routeEvent('referral.deadline.approaching', {}, opts)).toEqual(['MIA-SPU']);
  });

  it('R-4.2 escalates a breached handover deadline to the special police unit and the National Coordinator', () => {
    expect(routeEvent('referral.deadline.breached', {}, opts)).toEqual(['MIA-SPU', 'NC']);
  });

  it('sends the admission message to the facility holding the bed', () => {
    expect(routeEvent('shelter.admission.requested', { facilityCode: 'SH-BAKU-1' }, opts)).toEqual([
      'SH-BAKU-1',
    ]);
  });

  it('tells the referring agency that the victim is waitlisted', () => {
    expect(routeEvent('shelter.waitlisted', { referringOrg: 'MLSPP' }, opts)).toEqual(['MLSPP']);
  });

  it.each(['requested', 'approved', 'settled', 'failed'])(
    'sends compensation.payout.%s to the Fund',
    (step) => {
      expect(routeEvent(`compensation.payout.${step}`, {}, opts)).toEqual(['FUND']);
    },
  );

  it('sends failed deliveries to the configured operator orgs', () => {
    expect(routeEvent('notification.delivery.failed', {}, { operatorOrgs: ['OPS', 'NOC'] })).toEqual([
      'OPS',
      'NOC',
    ]);
  });

  it('routes events that concern nobody to no one', () => {
    for (const type of [
      'victim.identified',
      'service.requested',
      'shelter.admitted',
      'shelter.declined',
      'shelter.discharged',
    ]) {
      expect(routeEvent(type, {}, opts)).toEqual([]);
    }
  });

  it('ignores a missing facility or referring org instead of inventing one', () => {
    expect(routeEvent('shelter.admission.requested', {}, opts)).toEqual([]);
    expect(routeEvent('shelter.waitlisted', { referringOrg: '' }, opts)).toEqual([]);
  });

  it('has a template for every event type it routes', () => {
    for (const type of SUBSCRIPTIONS.notification) {
      const orgs = routeEvent(type, { facilityCode: 'F', referringOrg: 'O' }, opts);
      if (orgs.length > 0) expect(Object.keys(TEMPLATES)).toContain(type);
    }
  });

  it('never raises delivery.failed for a failed notification about a failed delivery (no loops)', () => {
    expect(raisesDeliveryFailed('notification.delivery.failed')).toBe(false);
    expect(raisesDeliveryFailed('referral.reported')).toBe(true);
  });
});
