/**
 * Shape and value checks for the dense sample matrices of the learning code, plus row gathering.
 * A sample matrix is a Float32Array, row-major [nSamples x nFeatures] (one row per particle
 * environment, one column per structure function); labels are Int8Array [nSamples].
 */

/**
 * Number of rows of `X` given its width. Throws RangeError naming `name` when nFeatures is not a
 * positive integer, X is empty or its length is not a multiple of nFeatures, or when an entry is
 * NaN or infinite (naming row and column).
 */
export function checkMatrix(X: Float32Array, nFeatures: number, name: string): number {
  if (!(Number.isInteger(nFeatures) && nFeatures > 0)) {
    throw new RangeError(`nFeatures must be a positive integer, got ${nFeatures}`);
  }
  if (X.length === 0 || X.length % nFeatures !== 0) {
    throw new RangeError(`${name} must be a non-empty Float32Array [nSamples x ${nFeatures}], got length ${X.length}`);
  }
  for (let i = 0; i < X.length; i++) {
    if (!Number.isFinite(X[i])) {
      throw new RangeError(`${name} has a non-finite value (${X[i]}) at row ${Math.floor(i / nFeatures)}, feature ${i % nFeatures}`);
    }
  }
  return X.length / nFeatures;
}

/**
 * Checks binary labels: `y` must have `nSamples` entries, each +1 or -1, with both classes present.
 * Throws RangeError naming `name` otherwise.
 */
export function checkBinaryLabels(y: Int8Array, nSamples: number, name: string): void {
  if (y.length !== nSamples) throw new RangeError(`${name} has ${y.length} labels but X has ${nSamples} rows`);
  let nPositive = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) nPositive++;
    else if (y[i] !== -1) throw new RangeError(`${name}[${i}] = ${y[i]}; labels must be +1 (soft) or -1 (hard)`);
  }
  if (nPositive === 0 || nPositive === y.length) {
    throw new RangeError(`${name} holds a single class (${nPositive === 0 ? -1 : 1}); need both +1 (soft) and -1 (hard)`);
  }
}

/**
 * Copies the rows `rows` of a row-major [nRows x width] array into a new array of the same type,
 * [rows.length x width]. Labels are gathered with width 1. Row indices are not range-checked
 * beyond what the caller guarantees (they come from fold/split index arrays).
 */
export function takeRows(a: Float32Array, width: number, rows: Int32Array): Float32Array;
export function takeRows(a: Int8Array, width: number, rows: Int32Array): Int8Array;
export function takeRows(a: Float32Array | Int8Array, width: number, rows: Int32Array): Float32Array | Int8Array {
  const out = a instanceof Float32Array ? new Float32Array(rows.length * width) : new Int8Array(rows.length * width);
  for (let r = 0; r < rows.length; r++) {
    out.set(a.subarray(rows[r] * width, rows[r] * width + width), r * width);
  }
  return out;
}

/**
 * Dot product of w (Float64Array, first m entries) with row X[off .. off + m) (Float32Array),
 * accumulated in Float64. Four partial sums break the floating-point add dependency chain, which
 * is what limits a plain loop; this is the hot loop of SVM training and softness evaluation.
 */
export function rowDot(w: Float64Array, X: Float32Array, off: number, m: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < m; k += 4) {
    s0 += w[k] * X[off + k];
    s1 += w[k + 1] * X[off + k + 1];
    s2 += w[k + 2] * X[off + k + 2];
    s3 += w[k + 3] * X[off + k + 3];
  }
  for (; k < m; k++) s0 += w[k] * X[off + k];
  return s0 + s1 + s2 + s3;
}
