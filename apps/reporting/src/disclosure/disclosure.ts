/**
 * Disclosure control of every published figure: the one place where the rule lives.
 *
 * A report is a set of tables. A cell carries the figure (`value`: a count or a sum), the number of
 * victims (or records) behind it (`n`), and a `key` naming the population it describes (measure and
 * filters, e.g. `victims|sex=female`), so the same quantity appearing in two tables is recognised.
 * Additive tables have a totals row and a totals column; every row and every column, together with
 * its total, is a "line" whose cells add up.
 *
 * 1. Primary suppression: a cell with 0 < n < k is suppressed (for a sum: a group of fewer than k).
 * 2. Secondary suppression: a line with exactly one suppressed cell would give it away by
 *    subtraction, so the smallest other cell of that line is suppressed too; a quantity suppressed in
 *    one table is suppressed wherever else it appears. Repeated until nothing changes.
 * When it ends every line has no suppressed cell or at least two, and every suppressed cell lies on
 * a cycle of suppressed cells (rows and columns alternating), so adding and subtracting 1 around the
 * cycle gives other tables with the same published figures: no suppressed value can be worked out.
 */

/** One figure of a table before disclosure control. */
export interface RawCell {
  key: string;
  value: number;
  /** Victims (or records) behind the figure; for a count, the count itself. */
  n: number;
}

/** A table as built from the read model. `cells[r][c]`; totals are added by {@link protect}. */
export interface RawTable {
  id: string;
  rows: string[];
  cols: string[];
  cells: RawCell[][];
  /** Row totals (per row) and column totals (per column) and the grand total, when the table adds up. */
  totals?: { rows: RawCell[]; cols: RawCell[]; all: RawCell };
}

/** A cell after disclosure control. */
export interface ProtectedCell extends RawCell {
  suppressed: boolean;
  /** Why: `primary` (fewer than k) or `secondary` (protects another suppressed cell). */
  reason?: 'primary' | 'secondary';
}

export interface ProtectedTable {
  id: string;
  rows: string[];
  cols: string[];
  cells: ProtectedCell[][];
  totals?: { rows: ProtectedCell[]; cols: ProtectedCell[]; all: ProtectedCell };
}

/** The cells of every line (row or column with its total) of an additive table. */
export function linesOf<C>(t: { cells: C[][]; totals?: { rows: C[]; cols: C[]; all: C } }): C[][] {
  if (!t.totals) return [];
  const { rows, cols, all } = t.totals;
  const lines: C[][] = [];
  const width = t.cells[0]?.length ?? 0;
  // A table of one column has row totals equal to its cells: those lines say nothing.
  if (width > 1) t.cells.forEach((row, r) => lines.push([...row, rows[r]]));
  if (width > 1 && t.cells.length > 0) lines.push([...cols, all]);
  for (let c = 0; c < width; c++) {
    if (t.cells.length > 1) lines.push([...t.cells.map((row) => row[c]), cols[c]]);
  }
  if (t.cells.length > 1) lines.push([...rows, all]);
  return lines;
}

/** Every cell of a table, totals included. */
export function cellsOf<C>(t: { cells: C[][]; totals?: { rows: C[]; cols: C[]; all: C } }): C[] {
  const out = t.cells.flat();
  if (t.totals) out.push(...t.totals.rows, ...t.totals.cols, t.totals.all);
  return out;
}

/** Whether a figure of `n` victims may be published on its own. */
export function belowThreshold(n: number, k: number): boolean {
  return n > 0 && n < k;
}

/**
 * Applies primary and secondary suppression to every table of one report, together, so that no
 * suppressed cell can be recovered from its table's totals or from another table of the report.
 */
// @clause information about victims is kept confidential: no published figure singles out fewer than k victims
// @clause the commission's annual report publishes only counts of at least k, or counts protecting them
export function protect(tables: RawTable[], k: number): ProtectedTable[] {
  const out: ProtectedTable[] = tables.map((t) => ({
    id: t.id,
    rows: t.rows,
    cols: t.cols,
    cells: t.cells.map((row) => row.map((c) => mark(c, k))),
    ...(t.totals
      ? {
          totals: {
            rows: t.totals.rows.map((c) => mark(c, k)),
            cols: t.totals.cols.map((c) => mark(c, k)),
            all: mark(t.totals.all, k),
          },
        }
      : {}),
  }));
  const all = out.flatMap((t) => cellsOf(t));
  const byKey = new Map<string, ProtectedCell[]>();
  for (const c of all) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c]);
  const suppress = (cell: ProtectedCell) => {
    for (const same of byKey.get(cell.key) ?? [cell]) {
      if (!same.suppressed) {
        same.suppressed = true;
        same.reason = 'secondary';
      }
    }
  };
  // A quantity suppressed anywhere is suppressed everywhere it appears.
  for (const c of all) if (c.suppressed) suppress(c);
  let changed = true;
  while (changed) {
    changed = false;
    for (const t of out) {
      for (const line of linesOf(t)) {
        const hidden = distinctKeys(line.filter((c) => c.suppressed));
        if (hidden.size !== 1) continue;
        const [only] = hidden;
        const candidates = line.filter((c) => !c.suppressed && c.key !== only);
        if (candidates.length === 0) continue; // every other cell is the same quantity: nothing to subtract
        suppress(pickSecondary(candidates));
        changed = true;
      }
    }
  }
  return out;
}

function mark(c: RawCell, k: number): ProtectedCell {
  return belowThreshold(c.n, k) ? { ...c, suppressed: true, reason: 'primary' } : { ...c, suppressed: false };
}

function distinctKeys(cells: ProtectedCell[]): Set<string> {
  return new Set(cells.map((c) => c.key));
}

/** The cell that costs least to hide: a non-zero inner figure with the fewest victims behind it. */
function pickSecondary(candidates: ProtectedCell[]): ProtectedCell {
  const nonZero = candidates.filter((c) => c.n > 0);
  const pool = nonZero.length ? nonZero : candidates;
  return pool.reduce((best, c) => (c.n < best.n || (c.n === best.n && c.value < best.value) ? c : best));
}

/**
 * What an adversary can work out from the published figures alone: starting from every published
 * value, any line with exactly one unknown quantity gives it by subtraction, across all tables (the
 * same key is the same quantity). Returns the keys of suppressed cells recovered this way; disclosure
 * control is right when it is empty. Used by the tests, and cheap enough to assert at run time.
 */
export function recoverable(tables: ProtectedTable[]): string[] {
  const known = new Map<string, number>();
  for (const t of tables) for (const c of cellsOf(t)) if (!c.suppressed) known.set(c.key, c.value);
  const suppressedKeys = new Set(
    tables.flatMap((t) =>
      cellsOf(t)
        .filter((c) => c.suppressed)
        .map((c) => c.key),
    ),
  );
  const recovered: string[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const t of tables) {
      for (const line of linesOf(t)) {
        // The line says: sum of its inner cells − its total = 0; the same key may appear twice.
        const coeff = new Map<string, number>();
        line.forEach((c, i) => coeff.set(c.key, (coeff.get(c.key) ?? 0) + (i === line.length - 1 ? -1 : 1)));
        const unknown = [...coeff.entries()].filter(([key, a]) => a !== 0 && !known.has(key));
        if (unknown.length !== 1) continue;
        const [key, a] = unknown[0];
        let rest = 0;
        for (const [other, b] of coeff) if (other !== key && b !== 0) rest += b * known.get(other)!;
        known.set(key, -rest / a);
        if (suppressedKeys.has(key)) recovered.push(key);
        progress = true;
      }
    }
  }
  return recovered;
}

/** The published value of a cell: the figure, or null where it is suppressed. */
export function published(c: ProtectedCell): number | null {
  return c.suppressed ? null : c.value;
}
