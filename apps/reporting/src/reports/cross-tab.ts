import type { RawCell, RawTable } from '../disclosure/disclosure.js';

/** One record counted by a table: whose it is, and its figure (1 for a count). */
export interface Counted {
  victimRef: string;
  value: number;
}

/** How to tabulate records: the row (and column) category of each, in a fixed order. */
export interface CrossTabSpec<T extends Counted> {
  id: string;
  /** What the figures are (`victims`, `nights`, `paidMinor` …): part of every cell's key. */
  measure: string;
  records: T[];
  rowDim: string;
  rows: readonly string[];
  row: (r: T) => string;
  colDim?: string;
  cols?: readonly string[];
  col?: (r: T) => string;
  /** Filters every record of the table shares (e.g. `citizenship=foreign`), part of every key. */
  base?: Record<string, string>;
  /** False for tables where one victim may count in several rows (forms of exploitation): no totals. */
  additive?: boolean;
  /**
   * Columns whose figures are quantities of their own (the parts of a sum that adds up to the row
   * total, e.g. paid out of awarded): their cells are keyed by that measure, without the column's
   * filter, so a part that another table also shows is the same quantity there.
   */
  colMeasures?: Record<string, string>;
}

/** The key of a population: measure and sorted filters, so one quantity has one key in every table. */
export function keyOf(measure: string, filters: Record<string, string | undefined>): string {
  const parts = Object.entries(filters)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  return `${measure}|${parts.join('&')}`;
}

function cell(measure: string, filters: Record<string, string | undefined>, records: Counted[]): RawCell {
  return {
    key: keyOf(measure, filters),
    value: records.reduce((s, r) => s + r.value, 0),
    n: new Set(records.map((r) => r.victimRef)).size,
  };
}

/** Tabulates records into a table with its totals (figures before disclosure control). */
export function crossTab<T extends Counted>(spec: CrossTabSpec<T>): RawTable {
  const base = spec.base ?? {};
  // Every category present is shown, even one missing from the fixed order: the lines must add up.
  const withPresent = (fixed: readonly string[], of: (r: T) => string) => [
    ...fixed,
    ...[...new Set(spec.records.map(of))].filter((v) => !fixed.includes(v)).sort(),
  ];
  const rows = withPresent(spec.rows, spec.row);
  const cols = spec.col ? withPresent(spec.cols ?? [], spec.col) : ['count'];
  const colDim = spec.colDim;
  const colOf = (r: T) => (spec.col ? spec.col(r) : 'count');
  const ownMeasure = (c: string) => spec.colMeasures?.[c];
  const colFilter = (c: string) => (colDim && !ownMeasure(c) ? { [colDim]: c } : {});
  const measureOf = (c: string) => ownMeasure(c) ?? spec.measure;
  const cells = rows.map((rowValue) =>
    cols.map((c) =>
      cell(
        measureOf(c),
        { ...base, [spec.rowDim]: rowValue, ...colFilter(c) },
        spec.records.filter((r) => spec.row(r) === rowValue && colOf(r) === c),
      ),
    ),
  );
  const table: RawTable = { id: spec.id, rows, cols: [...cols], cells };
  if (spec.additive === false) return table;
  return {
    ...table,
    totals: {
      rows: rows.map((rowValue) =>
        cell(
          spec.measure,
          { ...base, [spec.rowDim]: rowValue },
          spec.records.filter((r) => spec.row(r) === rowValue),
        ),
      ),
      cols: cols.map((c) =>
        cell(
          measureOf(c),
          { ...base, ...colFilter(c) },
          spec.records.filter((r) => colOf(r) === c),
        ),
      ),
      all: cell(spec.measure, base, spec.records),
    },
  };
}
