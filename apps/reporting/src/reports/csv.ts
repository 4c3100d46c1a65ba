import type { PublishedSection } from './annual-report.js';

/** A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(fields: (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/**
 * Sections as one long CSV: a line per published figure (`section, table, row, column, value`), with
 * totals as row or column `total`; a suppressed figure has an empty value and `suppressed` = true.
 */
export function sectionsToCsv(sections: PublishedSection[]): string {
  let out = csvLine(['section', 'table', 'unit', 'row', 'column', 'value', 'suppressed']);
  for (const s of sections) {
    for (const t of s.tables) {
      const line = (row: string, column: string, value: number | null) => {
        out += csvLine([s.id, t.id, t.unit, row, column, value, value === null ? 'true' : 'false']);
      };
      t.rows.forEach((r) => {
        r.values.forEach((v, c) => line(r.label, t.columns[c], v));
        if (t.additive && t.columns.length > 1) line(r.label, 'total', r.total);
      });
      if (t.totals) {
        if (t.columns.length > 1) t.totals.values.forEach((v, c) => line('total', t.columns[c], v));
        line('total', 'total', t.totals.total);
      }
    }
  }
  return out;
}
