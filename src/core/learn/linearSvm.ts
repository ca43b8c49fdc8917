import { checkBinaryLabels, checkMatrix, rowDot } from './matrix';
import { ModelFieldError, readBoolean, readFloat64Array, readNumber, readObject, readString } from './jsonFields';
import { Rng } from './rng';
import { rowKernels } from './rowKernels';

export type SvmLoss = 'hinge' | 'squared_hinge';

/**
 * Solver settings. Defaults are scikit-learn 1.2 `LinearSVC(dual=True)`'s except the loss: the
 * SVM of [Cubuk2015] (LIBSVM C-SVC, [Cubuk2016] Eq. 4.4: 1/2 |w|^2 + C sum xi_i) is the hinge
 * loss, whereas sklearn defaults to the squared hinge.
 */
export interface LinearSvmOptions {
  /** Penalty C > 0 (default 1, the value of [Cubuk2015] and [Cubuk2016] Sec. 4.3.1). */
  C?: number;
  /** 'hinge' (default; the soft margin of [Cubuk2016] Eq. 4.4) or 'squared_hinge' (sklearn's default). */
  loss?: SvmLoss;
  /** Stopping tolerance on the projected-gradient spread (liblinear `eps`), default 1e-4. */
  tol?: number;
  /** Maximum passes over the data, default 1000. */
  maxIter?: number;
  /** Value of the constant feature appended to every sample, default 1 (sklearn `intercept_scaling`). */
  interceptScaling?: number;
  /** liblinear's shrinking of bound dual variables, default true. */
  shrinking?: boolean;
  /** Seed of the per-pass random permutation, default 0. */
  seed?: number;
}

/** JSON form of a LinearSVM: its settings plus the fitted hyperplane. */
export interface LinearSvmJSON {
  C: number;
  loss: SvmLoss;
  tol: number;
  maxIter: number;
  interceptScaling: number;
  shrinking: boolean;
  seed: number;
  w: number[];
  b: number;
  nIter: number;
  converged: boolean;
}

/**
 * Linear support vector classifier trained by dual coordinate descent ([Hsieh2008] Algorithm 1
 * with the shrinking of Sec. 3.2) — the liblinear solver `L2R_L1LOSS_SVC_DUAL` /
 * `L2R_L2LOSS_SVC_DUAL` behind scikit-learn's `LinearSVC(dual=True)`.
 *
 * Primal problem, with x~ = [x, s] (s = interceptScaling) and w~ = [w, b/s]:
 *   min 1/2 |w~|^2 + C sum_i loss(y_i w~.x~_i),  loss = max(0, 1 - z) or max(0, 1 - z)^2.
 * As in liblinear the intercept is learned as the weight of a constant feature and is therefore
 * regularised (LIBSVM, used by [Cubuk2015], does not regularise b); on standardised
 * data with thousands of samples the difference is negligible, and replicating liblinear lets us
 * check against sklearn. Labels: +1 = soft (about to rearrange), -1 = hard (stable).
 *
 * Like liblinear, each pass visits the active dual variables in a fresh random order (seeded
 * here), and stops when the projected gradients PG of a full pass over all variables lie
 * within tol of 0 (max PG - min PG <= tol with 0 included, see fit). On n >> m data this often
 * takes more than the default 1000 passes (sklearn then warns "Liblinear failed to converge");
 * `converged` says so, and the accuracy has usually long reached its plateau.
 */
export class LinearSVM {
  readonly C: number;
  readonly loss: SvmLoss;
  readonly tol: number;
  readonly maxIter: number;
  readonly interceptScaling: number;
  readonly shrinking: boolean;
  readonly seed: number;
  /** Hyperplane normal, Float64Array [nFeatures], in standardised-feature units. */
  w: Float64Array = new Float64Array(0);
  /** Intercept (= interceptScaling * weight of the constant feature). */
  b = 0;
  /** Passes over the data done by the last fit. */
  nIter = 0;
  /** False when the last fit stopped at maxIter before reaching tol (sklearn's ConvergenceWarning). */
  converged = false;

  /** Throws RangeError naming the option when C, tol, maxIter or interceptScaling is not valid. */
  constructor(options: LinearSvmOptions = {}) {
    this.C = options.C ?? 1;
    this.loss = options.loss ?? 'hinge';
    this.tol = options.tol ?? 1e-4;
    this.maxIter = options.maxIter ?? 1000;
    this.interceptScaling = options.interceptScaling ?? 1;
    this.shrinking = options.shrinking ?? true;
    this.seed = options.seed ?? 0;
    if (!(Number.isFinite(this.C) && this.C > 0)) throw new RangeError(`C must be a finite number > 0, got ${this.C}`);
    if (this.loss !== 'hinge' && this.loss !== 'squared_hinge') {
      throw new RangeError(`loss must be 'hinge' or 'squared_hinge', got ${String(this.loss)}`);
    }
    if (!(Number.isFinite(this.tol) && this.tol > 0)) throw new RangeError(`tol must be a finite number > 0, got ${this.tol}`);
    if (!(Number.isInteger(this.maxIter) && this.maxIter > 0))
      throw new RangeError(`maxIter must be a positive integer, got ${this.maxIter}`);
    if (!(Number.isFinite(this.interceptScaling) && this.interceptScaling > 0)) {
      throw new RangeError(`interceptScaling must be a finite number > 0, got ${this.interceptScaling}`);
    }
    if (!(Number.isSafeInteger(this.seed) && this.seed >= 0)) throw new RangeError(`seed must be a non-negative integer, got ${this.seed}`);
  }

  /**
   * Trains on X, Float32Array row-major [nSamples x nFeatures] (standardised features), and
   * y, Int8Array [nSamples] of +1 / -1. Accumulates in Float64. Throws RangeError on a bad
   * shape, a NaN/infinite entry of X (naming row and feature), a label other than +-1, or a
   * single class.
   */
  fit(X: Float32Array, y: Int8Array, nFeatures: number): this {
    const n = checkMatrix(X, nFeatures, 'X');
    checkBinaryLabels(y, n, 'y');
    const m = nFeatures;
    const s = this.interceptScaling;
    const hinge = this.loss === 'hinge';
    const shrinking = this.shrinking;
    // Dual box [0, U] and diagonal shift D of the dual in [Hsieh2008] Sec. 2: hinge U = C, D = 0;
    // squared hinge U = inf, D = 1 / (2C).
    const upper = hinge ? this.C : Infinity;
    const diag = hinge ? 0 : 0.5 / this.C;
    // w . x_i and w += d x_i in WebAssembly SIMD on a copy of X (rowKernels.ts; same bits as rowDot).
    const rows = rowKernels(X, m);
    const w = rows.w; // last entry: weight of the constant feature s
    const alpha = new Float64Array(n);
    const qd = new Float64Array(n);
    const index = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let sq = s * s + diag;
      const off = i * m;
      for (let k = 0; k < m; k++) sq += X[off + k] * X[off + k];
      qd[i] = sq;
      index[i] = i;
    }
    const rng = new Rng(this.seed);
    let activeSize = n;
    let pgMaxOld = Infinity;
    let pgMinOld = -Infinity;
    let iter = 0;
    this.converged = false;
    while (iter < this.maxIter) {
      // liblinear starts these at -inf / +inf and stops on max PG - min PG <= tol; starting at 0
      // makes the test max(PG, 0) - min(PG, 0) <= tol, which also catches the degenerate case of
      // all PGs equal and non-zero (possible with a handful of samples). On real data some
      // variable always has PG = 0, so the two tests agree.
      let pgMaxNew = 0;
      let pgMinNew = 0;
      for (let i = 0; i < activeSize; i++) {
        const j = i + rng.nextInt(activeSize - i);
        const t = index[i];
        index[i] = index[j];
        index[j] = t;
      }
      for (let p = 0; p < activeSize; p++) {
        const i = index[p];
        const yi = y[i];
        const dot = w[m] * s + rows.dot(i);
        const g = yi * dot - 1 + alpha[i] * diag;
        // Projected gradient. A variable stuck at a bound whose gradient pushes it further out
        // than last pass's extreme PG is shrunk (removed from the active set): liblinear's rule.
        let pg = 0;
        let shrink = false;
        if (alpha[i] === 0) {
          shrink = g > pgMaxOld;
          if (g < 0) pg = g;
        } else if (alpha[i] === upper) {
          shrink = g < pgMinOld;
          if (g > 0) pg = g;
        } else {
          pg = g;
        }
        if (shrink && shrinking) {
          activeSize--;
          index[p] = index[activeSize];
          index[activeSize] = i;
          p--;
          continue;
        }
        if (pg > pgMaxNew) pgMaxNew = pg;
        if (pg < pgMinNew) pgMinNew = pg;
        if (Math.abs(pg) > 1e-12) {
          const old = alpha[i];
          alpha[i] = Math.min(Math.max(old - g / qd[i], 0), upper);
          const d = (alpha[i] - old) * yi;
          rows.axpy(i, d);
          w[m] += d * s;
        }
      }
      iter++;
      if (pgMaxNew - pgMinNew <= this.tol) {
        if (activeSize === n) {
          this.converged = true;
          break;
        }
        // Converged on the shrunk problem: re-check every variable before stopping.
        activeSize = n;
        pgMaxOld = Infinity;
        pgMinOld = -Infinity;
        continue;
      }
      pgMaxOld = pgMaxNew <= 0 ? Infinity : pgMaxNew;
      pgMinOld = pgMinNew >= 0 ? -Infinity : pgMinNew;
    }
    this.nIter = iter;
    this.w = w.slice(0, m);
    this.b = s * w[m];
    return this;
  }

  /**
   * Decision values w.x + b, Float32Array [nSamples], for X Float32Array row-major
   * [nSamples x nFeatures] standardised like the training data (Float64 accumulation). Positive
   * = soft side. This is sklearn's `decision_function`; it is not divided by |w|.
   * Throws Error before fit, RangeError on a width mismatch or non-finite entry.
   */
  decisionFunction(X: Float32Array): Float32Array {
    const m = this.w.length;
    if (m === 0) throw new Error('LinearSVM.decisionFunction called before fit');
    const n = checkMatrix(X, m, 'X');
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const off = i * m;
      out[i] = this.b + rowDot(this.w, X, off, m);
    }
    return out;
  }

  /** Predicted labels, Int8Array [nSamples]: +1 where the decision value is > 0, else -1 (as sklearn). */
  predict(X: Float32Array): Int8Array {
    const f = this.decisionFunction(X);
    const out = new Int8Array(f.length);
    for (let i = 0; i < f.length; i++) out[i] = f[i] > 0 ? 1 : -1;
    return out;
  }

  toJSON(): LinearSvmJSON {
    return {
      C: this.C,
      loss: this.loss,
      tol: this.tol,
      maxIter: this.maxIter,
      interceptScaling: this.interceptScaling,
      shrinking: this.shrinking,
      seed: this.seed,
      w: Array.from(this.w),
      b: this.b,
      nIter: this.nIter,
      converged: this.converged,
    };
  }

  /**
   * Rebuilds a fitted LinearSVM with `nFeatures` weights from its JSON (the fields may sit inside
   * a larger object). Throws ModelFieldError naming `${field}.w[k]` etc. for a missing or invalid
   * field.
   */
  static fromJSON(json: unknown, nFeatures: number, field = 'svm'): LinearSVM {
    const o = readObject(json, field);
    const loss = readString(o.loss, `${field}.loss`);
    if (loss !== 'hinge' && loss !== 'squared_hinge') {
      throw new ModelFieldError(`${field}.loss`, `expected 'hinge' or 'squared_hinge', got ${JSON.stringify(loss)}`);
    }
    const svm = new LinearSVM({
      C: readNumber(o.C, `${field}.C`, { above: 0 }),
      loss,
      tol: readNumber(o.tol, `${field}.tol`, { above: 0 }),
      maxIter: readNumber(o.maxIter, `${field}.maxIter`, { min: 1, integer: true }),
      interceptScaling: readNumber(o.interceptScaling, `${field}.interceptScaling`, { above: 0 }),
      shrinking: readBoolean(o.shrinking, `${field}.shrinking`),
      seed: readNumber(o.seed, `${field}.seed`, { min: 0, integer: true }),
    });
    svm.w = readFloat64Array(o.w, `${field}.w`, nFeatures);
    svm.b = readNumber(o.b, `${field}.b`);
    svm.nIter = readNumber(o.nIter, `${field}.nIter`, { min: 0, integer: true });
    svm.converged = readBoolean(o.converged, `${field}.converged`);
    return svm;
  }
}
