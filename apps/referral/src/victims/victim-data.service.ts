import { Injectable } from '@nestjs/common';
import { commonErrors, type Principal } from '#shared';
import { PiiCipher, type PiiField } from '../common/pii-cipher.js';
import { ReferralMetrics } from '../common/referral-metrics.js';
import { ACCESS_PURPOSES, type AccessPurpose } from '../common/vocabulary.js';
import { isDutyOfficer } from '../referrals/referral-access.js';
import type { AccessLogEntry } from './access-log-entry.entity.js';
import type { VictimResponse } from './dto/victim.response.js';
import { VictimsRepository } from './victims.repository.js';
import { assertNotErased, victimErrors } from './victims.errors.js';

const ALL_FIELDS: readonly PiiField[] = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'contact',
  'circumstances',
  'documents',
];
/**
 * staff of a facility asked to admit the victim read only what admission needs: identity,
 * never the circumstances, contacts or documents.
 */
const FACILITY_FIELDS: readonly PiiField[] = ['givenName', 'familyName', 'dateOfBirth'];

@Injectable()
export class VictimDataService {
  constructor(
    private readonly victims: VictimsRepository,
    private readonly cipher: PiiCipher,
    private readonly metrics: ReferralMetrics,
  ) {}

  /**
   * personal data is read only by the roles that need it, for a stated purpose, and each
   * read (and each refused read) is written to the append-only access log before anything is returned.
   */
  // @clause personal data only to the roles that need it, for a stated purpose, every read logged
  async read(
    victimRef: string,
    user: Principal,
    purposeInput: string | undefined,
    fieldsInput: string | undefined,
  ): Promise<VictimResponse> {
    const purpose = this.purposeOf(purposeInput);
    const found = await this.victims.findByRef(victimRef);
    if (!found) throw commonErrors.error('not-found', 'No such victim');
    const { victim, referral } = found;
    assertNotErased(victim);

    const allowed = await this.allowedFields(victimRef, user);
    const requested: PiiField[] = fieldsInput ? this.parseFields(fieldsInput) : [...allowed];
    const denied = requested.filter((f) => !allowed.includes(f));
    if (allowed.length === 0 || denied.length > 0) {
      await this.victims.logAccess({
        victimId: victim.id,
        actorSub: user.sub,
        actorRole: user.role,
        actorOrg: user.org,
        fields: requested,
        purpose,
        outcome: 'refused',
      });
      this.metrics.personalDataReads.inc({ role: user.role, outcome: 'refused' });
      throw commonErrors.error(
        'forbidden',
        allowed.length === 0
          ? "You may not read this victim's data"
          : `Your role may not read: ${denied.join(', ')}`,
      );
    }
    await this.victims.logAccess({
      victimId: victim.id,
      actorSub: user.sub,
      actorRole: user.role,
      actorOrg: user.org,
      fields: requested,
      purpose,
      outcome: 'granted',
    });
    this.metrics.personalDataReads.inc({ role: user.role, outcome: 'granted' });

    const out: VictimResponse = {
      victimRef: victim.victimRef,
      caseNumber: referral.caseNumber,
      sex: victim.sex,
      citizenship: victim.citizenship,
      languages: victim.languages,
    };
    const want = new Set(requested);
    const sealer = this.cipher.forVictim(victim.id, found.wrappedKey);
    if (want.has('givenName')) out.givenName = sealer.decrypt(victim.givenNameEnc, 'givenName');
    if (want.has('familyName')) out.familyName = sealer.decrypt(victim.familyNameEnc, 'familyName');
    if (want.has('dateOfBirth')) {
      const dob = sealer.decryptOptional(victim.dateOfBirthEnc, 'dateOfBirth');
      if (dob !== null) out.dateOfBirth = dob;
      else if (victim.ageEstimate !== null) out.ageEstimate = victim.ageEstimate;
    }
    if (want.has('contact')) {
      const contact = sealer.decryptOptional(victim.contactEnc, 'contact');
      if (contact !== null) out.contact = contact;
    }
    if (want.has('circumstances')) {
      const circumstances = sealer.decryptOptional(victim.circumstancesEnc, 'circumstances');
      if (circumstances !== null) out.circumstances = circumstances;
    }
    if (want.has('documents')) {
      const documents = sealer.decryptOptional(victim.documentsEnc, 'documents');
      out.documents =
        documents !== null ? (JSON.parse(documents) as { kind: string; reference: string }[]) : [];
    }
    return out;
  }

  /** The access log of a victim: for the special police unit and admin only. */
  // @clause the access log is shown to the special police unit and admin only
  async accessLog(victimRef: string, user: Principal): Promise<AccessLogEntry[]> {
    if (user.role !== 'admin' && !isDutyOfficer(user))
      throw commonErrors.error(
        'forbidden',
        'Only the special police unit and administrators read the access log',
      );
    const found = await this.victims.findByRef(victimRef);
    if (!found) throw commonErrors.error('not-found', 'No such victim');
    return this.victims.accessLog(found.victim.id);
  }

  // @clause a facility asked to admit the victim reads identity only; nobody else
  private async allowedFields(victimRef: string, user: Principal): Promise<readonly PiiField[]> {
    if (isDutyOfficer(user)) return ALL_FIELDS;
    if (user.role === 'facility_staff' && (await this.victims.facilityMayRead(victimRef, user.org)))
      return FACILITY_FIELDS;
    return [];
  }

  private purposeOf(input: string | undefined): AccessPurpose {
    if (input === undefined || input === '') {
      throw victimErrors.error(
        'access-purpose-required',
        'State why you read this data: ?purpose= or X-Access-Purpose',
        [{ field: 'purpose', message: `must be one of ${ACCESS_PURPOSES.join(', ')}` }],
      );
    }
    if (!(ACCESS_PURPOSES as readonly string[]).includes(input)) {
      throw commonErrors.error('validation-failed', 'Unknown access purpose', [
        { field: 'purpose', message: `must be one of ${ACCESS_PURPOSES.join(', ')}` },
      ]);
    }
    return input as AccessPurpose;
  }

  private parseFields(input: string): PiiField[] {
    const fields = [...new Set(input.split(','))];
    const unknown = fields.filter((f) => !(ALL_FIELDS as readonly string[]).includes(f));
    if (unknown.length) {
      throw commonErrors.error('validation-failed', 'Unknown fields requested', [
        { field: 'fields', message: `must be among ${ALL_FIELDS.join(', ')}` },
      ]);
    }
    return fields as PiiField[];
  }
}
