import type { TableOutput } from '../core/lang/outputs';

/**
 * A table output as CSV text (RFC 4180): a header row of column names, then one line per row;
 * fields holding a comma, quote or line break are quoted with inner quotes doubled. Numbers are
 * written in full precision (String(x)). Throws RangeError naming the table and row when a row's
 * length differs from the number of columns.
 */
export function tableToCsv(table: Pick<TableOutput, 'title' | 'columns' | 'rows'>): string {
  const lines = [table.columns.map(csvField).join(',')];
  table.rows.forEach((row, k) => {
    if (row.length !== table.columns.length) throw new RangeError(`table '${table.title}': row ${k + 1} has ${row.length} values, expected ${table.columns.length}`);
    lines.push(row.map((v) => csvField(String(v))).join(','));
  });
  return `${lines.join('\n')}\n`;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
