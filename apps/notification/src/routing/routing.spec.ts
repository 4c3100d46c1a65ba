import { SUBSCRIPTIONS } from '#shared';
import { TEMPLATES } from '../templates/catalogue.js';
import { discloseTo, raisesDeliveryFailed, routeEvent } from './routing.js';

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
      'victim.safety.changed',
      'referral.closed',
      'shelter.admitted',
      'shelter.declined',
      'shelter.discharged',
    ]) {
      expect(routeEvent(type, {}, opts)).toEqual([]);
    }
  });

  it('R-3.3 tells the Ministry of Health of a medical request unless another provider is named', () => {
    expect(routeEvent('service.requested', { service: 'medical' }, opts)).toEqual(['MOH']);
    expect(routeEvent('service.requested', { service: 'medical', providerOrg: 'CLINIC-7' }, opts)).toEqual([
      'CLINIC-7',
    ]);
  });

  it('R-3.4 tells the assistance centre named for psychological aid or rehabilitation', () => {
    for (const service of ['psychological', 'rehabilitation'])
      expect(routeEvent('service.requested', { service, providerOrg: 'AC-GANJA' }, opts)).toEqual([
        'AC-GANJA',
      ]);
  });

  it('R-3.1 tells the legal-aid provider named in the request', () => {
    expect(routeEvent('service.requested', { service: 'legal_aid', providerOrg: 'LAP-12' }, opts)).toEqual([
      'LAP-12',
    ]);
    expect(routeEvent('service.requested', { service: 'legal_aid' }, opts)).toEqual([]);
  });

  it('leaves a shelter request to the shelter service', () => {
    expect(routeEvent('service.requested', { service: 'shelter', providerOrg: 'X' }, opts)).toEqual([]);
  });

  it.each(['accepted', 'declined', 'completed'])(
    'tells the requesting agency and the special police unit that a request was %s',
    (step) => {
      expect(
        routeEvent(`service.request.${step}`, { referringOrg: 'MLSPP', providerOrg: 'MOH' }, opts),
      ).toEqual(['MLSPP', 'MIA-SPU']);
    },
  );

  it('R-1.2 sends every step of a return case to MFA and SMS, and to SBS once travel is arranged', () => {
    for (const status of ['requested', 'documents_ready', 'returned', 'cancelled'])
      expect(routeEvent('victim.return.changed', { status }, opts)).toEqual(['MFA', 'SMS']);
    expect(routeEvent('victim.return.changed', { status: 'travel_arranged' }, opts)).toEqual([
      'MFA',
      'SMS',
      'SBS',
    ]);
  });

  it('ignores a missing facility or referring org instead of inventing one', () => {
    expect(routeEvent('shelter.admission.requested', {}, opts)).toEqual([]);
    expect(routeEvent('shelter.waitlisted', { referringOrg: '' }, opts)).toEqual([]);
  });

  it('has a template for every event type it routes', () => {
    for (const type of SUBSCRIPTIONS.notification) {
      const orgs = routeEvent(
        type,
        { facilityCode: 'F', referringOrg: 'O', service: 'medical', status: 'travel_arranged' },
        opts,
      );
      if (orgs.length > 0) expect(Object.keys(TEMPLATES)).toContain(type);
    }
  });

  it('never raises delivery.failed for a failed notification about a failed delivery (no loops)', () => {
    expect(raisesDeliveryFailed('notification.delivery.failed')).toBe(false);
    expect(raisesDeliveryFailed('referral.reported')).toBe(true);
  });

  describe('discloseTo', () => {
    const vars = {
      caseNumber: 'NRM-1',
      victimRef: 'vr_1',
      facilityCode: 'SH-BAKU-1',
      providerOrg: 'AC-GANJA',
    };

    it('R-5 leaves the facility out of messages to anyone but the facility and the special police unit while disclosure is restricted', () => {
      expect(discloseTo('MLSPP', vars, true)).toEqual({ caseNumber: 'NRM-1', victimRef: 'vr_1' });
      expect(discloseTo('MIA-SPU', vars, true)).toEqual(vars);
      expect(discloseTo('SH-BAKU-1', vars, true)).toEqual(vars);
      expect(discloseTo('AC-GANJA', vars, true)).toEqual(vars);
    });

    it('names the facility to everyone routed when disclosure is not restricted', () => {
      expect(discloseTo('MLSPP', vars, false)).toEqual(vars);
    });
  });
});
