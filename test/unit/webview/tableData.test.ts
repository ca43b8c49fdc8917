import { describe, expect, it } from 'vitest';
import { csvFileName, formatCell, toCsv } from '../../../src/core/analysis/tableText';
import { pageRange, sortRows } from '../../../webview/renderer/tableData';

describe('sortRows', () => {
  const rows = [
    [3, 'A10'],
    [Number.NaN, 'A2'],
    [-1, 'b'],
    [2, 'A1'],
  ];
  it('sorts numbers numerically with NaN last in both directions', () => {
    expect(sortRows(rows, 0, true).map((r) => r[0])).toEqual([-1, 2, 3, Number.NaN]);
    expect(sortRows(rows, 0, false).map((r) => r[0])).toEqual([3, 2, -1, Number.NaN]);
  });
  it('sorts strings with numeric collation and leaves the input alone', () => {
    expect(sortRows(rows, 1, true).map((r) => r[1])).toEqual(['A1', 'A2', 'A10', 'b']);
    expect(rows[0][0]).toBe(3);
  });
  it('puts numbers before strings in a mixed column and is stable', () => {
    const mixed = [
      ['x', 1],
      [2, 2],
      ['x', 3],
      [1, 4],
    ];
    expect(sortRows(mixed, 0, true).map((r) => r[1])).toEqual([4, 2, 1, 3]);
  });
  it('rejects a column outside the rows', () => {
    expect(() => sortRows(rows, 2, true)).toThrow(/column 2 is not in 0\.\.1/);
  });
});

describe('pageRange', () => {
  it('splits 60 rows into pages of 25, 25, 10 and clamps the page', () => {
    expect(pageRange(60, 25, 0)).toEqual({ start: 0, end: 25, page: 0, pages: 3 });
    expect(pageRange(60, 25, 2)).toEqual({ start: 50, end: 60, page: 2, pages: 3 });
    expect(pageRange(60, 25, 7)).toEqual({ start: 50, end: 60, page: 2, pages: 3 });
    expect(pageRange(60, 25, -1)).toEqual({ start: 0, end: 25, page: 0, pages: 3 });
    expect(pageRange(0, 25, 0)).toEqual({ start: 0, end: 0, page: 0, pages: 1 });
  });
  it('rejects a page size below 1', () => {
    expect(() => pageRange(10, 0, 0)).toThrow(/page size must be >= 1/);
  });
});

describe('formatCell and toCsv', () => {
  it('shows integers as is and other numbers to 4 significant digits', () => {
    expect([formatCell(42), formatCell(0.123456), formatCell(Number.NaN), formatCell('B')]).toEqual(['42', '0.1235', 'NaN', 'B']);
  });
  it('writes RFC 4180 CSV with quoting and full precision', () => {
    expect(
      toCsv(
        ['id', 'name, full'],
        [
          [1, 'say "hi"'],
          [0.1 + 0.2, 'a\nb'],
        ],
      ),
    ).toBe('id,"name, full"\r\n1,"say ""hi"""\r\n0.30000000000000004,"a\nb"\r\n');
  });
  it('offers a table title as a CSV file name of safe characters', () => {
    expect(csvFileName('softness per particle')).toBe('softness_per_particle.csv');
    expect(csvFileName('q(t), a = 0.3')).toBe('q_t_a_0.3.csv');
    expect(csvFileName('P_R(S)')).toBe('P_R_S.csv');
    expect(csvFileName('../../etc/passwd')).toBe('.._.._etc_passwd.csv');
    expect(csvFileName('σ ∕ τ')).toBe('table.csv');
  });
});
