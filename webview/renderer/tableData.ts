/** Table logic without DOM (sorting, paging), so it is testable in Node. */
import type { TableCell } from '../../src/core/analysis/tableText';

export type { TableCell };

/**
 * The rows sorted by one column (a copy; the input is not modified). Numbers sort numerically and
 * before strings; strings compare with numeric collation ("A2" < "A10"); NaN sorts last in both
 * directions. Stable, so sorting by a second column keeps the first as tie-break.
 * Throws RangeError if `column` is not a column index of the rows.
 */
export function sortRows(
  rows: ReadonlyArray<ReadonlyArray<TableCell>>,
  column: number,
  ascending: boolean,
): Array<ReadonlyArray<TableCell>> {
  if (rows.length > 0 && !(column >= 0 && column < rows[0].length))
    throw new RangeError(`table sort: column ${column} is not in 0..${rows[0].length - 1}`);
  const sign = ascending ? 1 : -1;
  return rows.slice().sort((p, q) => {
    const a = p[column];
    const b = q[column];
    const aNaN = typeof a === 'number' && Number.isNaN(a);
    const bNaN = typeof b === 'number' && Number.isNaN(b);
    if (aNaN || bNaN) return Number(aNaN) - Number(bNaN);
    if (typeof a === 'number' && typeof b === 'number') return sign * (a - b);
    if (typeof a === 'number') return -sign;
    if (typeof b === 'number') return sign;
    return sign * a.localeCompare(b, undefined, { numeric: true });
  });
}

/** Rows [start, end) of page `page` (0-based, clamped to the valid pages) and the page count (>= 1). */
export function pageRange(rowCount: number, pageSize: number, page: number): { start: number; end: number; page: number; pages: number } {
  if (!(pageSize >= 1)) throw new RangeError(`table page size must be >= 1, got ${pageSize}`);
  const pages = Math.max(1, Math.ceil(rowCount / pageSize));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  return { start: p * pageSize, end: Math.min(rowCount, (p + 1) * pageSize), page: p, pages };
}
