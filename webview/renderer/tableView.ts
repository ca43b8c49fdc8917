import { formatCell, type TableCell, toCsv } from '../../src/core/analysis/tableText';
import type { TableOutput } from '../../src/core/lang/outputs';
import { h } from '../common/dom';
import type { CsvExport } from './csvExport';
import { pageRange, sortRows } from './tableData';

/** Rows per page: a DataFrame can have thousands of rows; the DOM holds one page at a time. */
export const TABLE_PAGE_SIZE = 25;

/**
 * Draws a table output into `root`: title with the row count, a paginated table (TABLE_PAGE_SIZE
 * rows per page) sortable by clicking a header (again to reverse), and an "Export CSV" button
 * that calls `exportCsv(title, csv)` with the whole table in the current order and shows the
 * status line it resolves to (`.softness-export-status`).
 */
export function renderTable(root: HTMLElement, table: TableOutput, exportCsv: CsvExport): void {
  let rows: ReadonlyArray<ReadonlyArray<TableCell>> = table.rows;
  let sort: { column: number; ascending: boolean } | null = null;
  let page = 0;
  const thead = h('thead');
  const tbody = h('tbody');
  const status = h('span', { className: 'softness-page' });
  const prev = h('button', { textContent: '‹ Prev', title: 'previous page' });
  const next = h('button', { textContent: 'Next ›', title: 'next page' });
  const exportButton = h('button', { textContent: 'Export CSV', title: 'save the whole table as CSV' });
  prev.addEventListener('click', () => draw(page - 1));
  next.addEventListener('click', () => draw(page + 1));
  const exportStatus = h('span', { className: 'softness-note softness-export-status' });
  exportButton.addEventListener('click', async () => {
    exportStatus.textContent = '';
    exportStatus.textContent = await exportCsv(table.title, toCsv(table.columns, rows));
  });

  const header = h('tr');
  table.columns.forEach((name, column) => {
    const th = h('th', { textContent: name, title: `sort by ${name}` });
    th.addEventListener('click', () => {
      sort = { column, ascending: sort?.column === column ? !sort.ascending : true };
      rows = sortRows(table.rows, column, sort.ascending);
      draw(0);
    });
    header.append(th);
  });
  thead.append(header);

  function draw(requested: number): void {
    const range = pageRange(rows.length, TABLE_PAGE_SIZE, requested);
    page = range.page;
    tbody.replaceChildren(
      ...rows.slice(range.start, range.end).map((r) => h('tr', {}, ...r.map((v) => h('td', { textContent: formatCell(v) })))),
    );
    header.querySelectorAll('th').forEach((th, k) => {
      th.dataset.sort = sort?.column === k ? (sort.ascending ? 'ascending' : 'descending') : '';
      th.textContent = table.columns[k] + (sort?.column === k ? (sort.ascending ? ' ▲' : ' ▼') : '');
    });
    status.textContent =
      rows.length === 0 ? 'no rows' : `rows ${range.start + 1}–${range.end} of ${rows.length} · page ${page + 1}/${range.pages}`;
    prev.disabled = page === 0;
    next.disabled = page === range.pages - 1;
  }

  draw(0);
  root.append(
    h('h4', { textContent: `${table.title} (${table.rows.length} rows)` }),
    h('table', {}, thead, tbody),
    h('div', { className: 'softness-controls' }, prev, status, next, exportButton, exportStatus),
  );
}
