/**
 * Organisation codes of the mechanism (docs/architecture.md), the one list every service uses: the
 * `org` claim of tokens, the `toOrg`/`reportingOrg` of events, the `org` of notification recipients.
 * Stored in tokens, rows and events: never rename one.
 */

/** The special police unit of the Ministry of Internal Affairs: the only recipient of handovers. */
export const SPECIAL_POLICE_UNIT = 'MIA-SPU';
/** The National Coordinator. */
export const NATIONAL_COORDINATOR = 'NC';
/** The Assistance Fund for Victims of Human Trafficking. */
export const ASSISTANCE_FUND = 'FUND';
/** The Ministry of Health. */
export const MINISTRY_OF_HEALTH = 'MOH';
/** The Ministry of Foreign Affairs. */
export const MINISTRY_OF_FOREIGN_AFFAIRS = 'MFA';
/** The State Migration Service. */
export const STATE_MIGRATION_SERVICE = 'SMS';
/** The State Border Service. */
export const STATE_BORDER_SERVICE = 'SBS';

/** The state bodies of the mechanism: the commission bodies of and the special police unit. */
export const STATE_BODY_CODES = [
  'MIA',
  SPECIAL_POLICE_UNIT,
  'MNS',
  'MOE',
  MINISTRY_OF_HEALTH,
  'MOJ',
  MINISTRY_OF_FOREIGN_AFFAIRS,
  'MLSPP',
  'MYS',
  'MCT',
  'PGO',
  'SCC',
  'SCFWCA',
  STATE_BORDER_SERVICE,
  STATE_MIGRATION_SERVICE,
] as const;

/** Codes no facility may take: a facility's code is its staff's `org` claim and must not pass for a state body. */
export const RESERVED_ORG_CODES: readonly string[] = [
  ...STATE_BODY_CODES,
  ASSISTANCE_FUND,
  NATIONAL_COORDINATOR,
];
