/**
 * Calls `fail(row, value)` (which must throw) for the first non-finite entry of `values`, a
 * row-major Float64Array [rows x width]; `row` is the entry's row. The readers run it after
 * every conversion (scaled to Cartesian, image flags, HOOMD tilts), because finite inputs can
 * overflow to Infinity or NaN on the way. Throws only through `fail`.
 */
export function assertFiniteRows(values: Float64Array, width: number, fail: (row: number, value: number) => never): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) fail(Math.floor(i / width), values[i]);
  }
}
