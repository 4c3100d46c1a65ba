import type { BlindIndex } from './blind-index.js';
import type { VictimSealer } from './victim-sealer.js';

/** A person as reported (the intake body's `person`). */
export interface ReportedPerson {
  givenName: string;
  familyName: string;
  dateOfBirth?: string;
  ageEstimate?: number;
  sex: string;
  citizenship: string;
  languages: string[];
  contact?: string;
}

/** The columns of a victim row, personal fields already encrypted. */
export interface SealedPerson {
  sex: string;
  ageEstimate: number | null;
  citizenship: string;
  languages: string[];
  givenNameEnc: string;
  familyNameEnc: string;
  dateOfBirthEnc: string | null;
  contactEnc: string | null;
  circumstancesEnc: string | null;
  documentsEnc: string | null;
  blindIndex: string;
}

/**
 * personal fields are encrypted before they reach the database, under the victim's own data
 * key (crypto-shredding), the AAD binding each value to the victim row and field; duplicates are found by the keyed blind index of name and birth date (or
 * birth year from an estimate), never by decrypting.
 */
export function sealPerson(
  sealer: VictimSealer,
  blindIndex: BlindIndex,
  person: ReportedPerson,
  extras: { circumstances?: string | null; documents?: string | null },
  identifiedAt: Date,
): SealedPerson {
  const birth =
    person.dateOfBirth ??
    (person.ageEstimate !== undefined
      ? String(identifiedAt.getUTCFullYear() - person.ageEstimate)
      : 'unknown');
  return {
    sex: person.sex,
    ageEstimate: person.dateOfBirth ? null : (person.ageEstimate ?? null),
    citizenship: person.citizenship.toUpperCase(),
    languages: person.languages.map((l) => l.toLowerCase()),
    givenNameEnc: sealer.encrypt(person.givenName, 'givenName'),
    familyNameEnc: sealer.encrypt(person.familyName, 'familyName'),
    dateOfBirthEnc: sealer.encryptOptional(person.dateOfBirth, 'dateOfBirth'),
    contactEnc: sealer.encryptOptional(person.contact, 'contact'),
    circumstancesEnc: sealer.encryptOptional(extras.circumstances, 'circumstances'),
    documentsEnc: sealer.encryptOptional(extras.documents, 'documents'),
    blindIndex: blindIndex.person(person.givenName, person.familyName, birth),
  };
}
