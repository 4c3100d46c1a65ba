import type { VictimFact } from '../reports/facts.js';

/**
 * The export in the shape of IOM's Human Trafficking Case Data Standard, with the field names and value
 * sets of the Counter Trafficking Data Collaborative's published data set (docs/htcds-export.md).
 * Field order is the column order of the CSV.
 */
export const HTCDS_FIELDS = [
  'yearOfRegistration',
  'Datasource',
  'gender',
  'ageBroad',
  'majorityStatus',
  'citizenship',
  'typeOfExploitConcatenated',
  'isForcedLabour',
  'isSexualExploit',
  'isOtherExploit',
  'isSexAndLabour',
  'isForcedMarriage',
  'isOrganRemoval',
  'typeOfLabourConcatenated',
] as const;
export type HtcdsField = (typeof HTCDS_FIELDS)[number];
export type HtcdsRow = Record<HtcdsField, string | number>;

/** The quasi-identifiers and how far each can be generalised (level 0 = as recorded). */
const MAX_LEVEL = { age: 2, citizenship: 2, exploitation: 3, gender: 1 } as const;
export type QuasiIdentifier = keyof typeof MAX_LEVEL;
export type Generalisation = Record<QuasiIdentifier, number>;

/** CTDC's ageBroad bands. */
export function ageBroad(age: number | null): string {
  if (age === null || age < 0) return '';
  if (age <= 8) return '0--8';
  if (age <= 17) return '9--17';
  if (age <= 20) return '18--20';
  if (age <= 23) return '21--23';
  if (age <= 26) return '24--26';
  if (age <= 29) return '27--29';
  if (age <= 38) return '30--38';
  if (age <= 47) return '39--47';
  return '48+';
}

const GENDER: Record<string, string> = { female: 'Female', male: 'Male' };
const LABOUR_TYPES: Record<string, string> = {
  domestic_servitude: 'Domestic work',
  forced_begging: 'Begging',
};
const LABOUR = new Set(['labour', 'domestic_servitude', 'forced_begging']);

/** A victim's row at a given generalisation. Missing or generalised-away values are empty (CTDC: missing). */
export function htcdsRow(v: VictimFact, year: number, g: Generalisation): HtcdsRow {
  const forms = new Set(v.exploitation ?? []);
  const known = v.exploitation !== null && g.exploitation < 3;
  const sexual = forms.has('sexual');
  const labour = [...forms].some((f) => LABOUR.has(f));
  const marriage = g.exploitation < 2 && forms.has('forced_marriage');
  const organ = g.exploitation < 2 && forms.has('organ_removal');
  const other = [...forms].some(
    (f) =>
      !LABOUR.has(f) &&
      f !== 'sexual' &&
      (g.exploitation >= 2 || (f !== 'forced_marriage' && f !== 'organ_removal')),
  );
  const types = [
    labour && 'Forced labour',
    sexual && 'Sexual exploitation',
    marriage && 'Forced marriage',
    organ && 'Organ removal',
    other && 'Other',
  ].filter(Boolean);
  const flag = (b: boolean) => (known ? (b ? 1 : 0) : '');
  const citizenship =
    g.citizenship >= 2 || !v.citizenship
      ? ''
      : g.citizenship === 1 && v.citizenship !== 'AZ'
        ? 'ZZ'
        : v.citizenship;
  return {
    yearOfRegistration: year,
    Datasource: 'Case Management',
    gender: g.gender >= 1 ? '' : (GENDER[v.sex] ?? ''),
    ageBroad: g.age >= 1 ? '' : ageBroad(v.age),
    majorityStatus: g.age >= 2 || v.age === null ? '' : v.age < 18 ? 'Minor' : 'Adult',
    citizenship,
    typeOfExploitConcatenated: known ? types.join('; ') : '',
    isForcedLabour: flag(labour),
    isSexualExploit: flag(sexual),
    isOtherExploit: flag(other),
    isSexAndLabour: flag(sexual && labour),
    isForcedMarriage: flag(marriage),
    isOrganRemoval: flag(organ),
    typeOfLabourConcatenated:
      known && g.exploitation < 1
        ? [...forms]
            .map((f) => LABOUR_TYPES[f])
            .filter(Boolean)
            .sort()
            .join('; ')
        : '',
  };
}

/** The quasi-identifying part of a row: rows with the same signature are indistinguishable. */
function signature(r: HtcdsRow): string {
  return HTCDS_FIELDS.map((f) => r[f]).join('\u0001');
}

function smallClasses(rows: HtcdsRow[], k: number): { sizes: Map<string, number>; unsafe: number } {
  const sizes = new Map<string, number>();
  for (const r of rows) sizes.set(signature(r), (sizes.get(signature(r)) ?? 0) + 1);
  let unsafe = 0;
  for (const n of sizes.values()) if (n < k) unsafe += n;
  return { sizes, unsafe };
}

export interface HtcdsExport {
  year: number;
  minCell: number;
  fields: readonly HtcdsField[];
  rows: HtcdsRow[];
  /** Rows left out because no generalisation within reach made them occur k times. */
  suppressedRows: number;
  /** How far each quasi-identifier was generalised (0 = as recorded). */
  generalisation: Generalisation;
}

/**
 * Anonymises the export (k-anonymity by global recoding, as Datafly does): identifiers are never in a
 * row; while more than k rows fall in combinations of quasi-identifiers seen fewer than k times, the
 * quasi-identifier with the most distinct values is generalised one level; the rows still in too
 * small a combination are then suppressed and counted. Every published combination occurs ≥ k times.
 */
// @clause information about victims is kept confidential: the standard export is k-anonymous, identifiers dropped
export function anonymise(victims: VictimFact[], year: number, k: number): HtcdsExport {
  const g: Generalisation = { age: 0, citizenship: 0, exploitation: 0, gender: 0 };
  const rowsAt = (level: Generalisation) => victims.map((v) => htcdsRow(v, year, level));
  let rows = rowsAt(g);
  for (;;) {
    const { unsafe } = smallClasses(rows, k);
    if (unsafe <= k) break;
    const candidates = (Object.keys(MAX_LEVEL) as QuasiIdentifier[]).filter((q) => g[q] < MAX_LEVEL[q]);
    if (candidates.length === 0) break;
    const distinct = (q: QuasiIdentifier) => new Set(rows.map((r) => qiValue(r, q))).size;
    const next = candidates.reduce((best, q) => (distinct(q) > distinct(best) ? q : best));
    g[next]++;
    rows = rowsAt(g);
  }
  const { sizes } = smallClasses(rows, k);
  const safe = rows.filter((r) => (sizes.get(signature(r)) ?? 0) >= k);
  return {
    year,
    minCell: k,
    fields: HTCDS_FIELDS,
    rows: safe,
    suppressedRows: rows.length - safe.length,
    generalisation: { ...g },
  };
}

function qiValue(r: HtcdsRow, q: QuasiIdentifier): string {
  switch (q) {
    case 'age':
      return `${r.ageBroad}|${r.majorityStatus}`;
    case 'citizenship':
      return String(r.citizenship);
    case 'exploitation':
      return `${r.typeOfExploitConcatenated}|${r.typeOfLabourConcatenated}`;
    case 'gender':
      return String(r.gender);
  }
}
