/**
 * Table cells as text: the one formatter and CSV writer used by the HTML report, `export`, the
 * notebook outputs' CSV export and the renderer (plain functions, no danfojs, so the extension host
 * and the webview can use them too).
 */
export type TableCell = number | string;

/** A cell as shown: integers as is, other numbers to 4 significant digits, strings unchanged. */
export function formatCell(v: TableCell): string {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return String(v);
  return Number.isFinite(v) ? v.toPrecision(4) : String(v);
}

/**
 * The table as CSV (RFC 4180: comma separated, CRLF line ends, fields with comma, quote or line
 * break quoted, quotes doubled). Numbers keep full precision (not the 4 digits shown).
 */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<TableCell>>): string {
  const field = (v: TableCell): string => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[columns, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/**
 * The file name a table's CSV is offered under: its title with every run of characters other
 * than letters, digits, `.`, `-` and `_` replaced by `_` (trimmed), plus `.csv`; `table.csv` for
 * a title with none of them.
 */
export function csvFileName(title: string): string {
  return `${title.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'table'}.csv`;
}
