/**
 * Organisation codes of the mechanism's state bodies (docs/architecture.md): the 14 commission bodies of
 * the special police unit, the Assistance Fund and the National Coordinator. They are `org`
 * claims of tokens: never rename.
 */
export const STATE_BODY_CODES = [
  'MIA',
  'MIA-SPU',
  'MNS',
  'MOE',
  'MOH',
  'MOJ',
  'MFA',
  'MLSPP',
  'MYS',
  'MCT',
  'PGO',
  'SCC',
  'SCFWCA',
  'SBS',
  'SMS',
] as const;

/** Codes no facility may take: a facility's code is its staff's `org` claim and must not pass for a state body. */
export const RESERVED_ORG_CODES: readonly string[] = [...STATE_BODY_CODES, 'FUND', 'NC'];
