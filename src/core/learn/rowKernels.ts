import { code, compileKernel, kernelFunction, memoryOfBytes, op, type Code } from '../wasm/simdModule';

/**
 * The two row operations of dual coordinate descent (linearSvm.ts), w . x_i and w += d x_i, on
 * a copy of X and on w in WebAssembly memory, two features per f64x2 instruction. Why: they are
 * the whole cost of an SVM fit (12,000 x 160 samples: ~2 x 10^9 multiply-adds over 1000 passes).
 * The sums are formed exactly as matrix.ts's rowDot (four partial sums over k mod 4, then
 * s0 + s1 + s2 + s3, the leftover k added to s0), so a fit gives the same bits either way.
 */
export interface RowKernels {
  /** The weights, Float64Array [nFeatures + 1] (last: the constant feature's), in the module's memory. */
  readonly w: Float64Array;
  /** sum_k w[k] X[i, k], k < nFeatures. */
  dot(i: number): number;
  /** w[k] += d X[i, k], k < nFeatures. */
  axpy(i: number, d: number): void;
}

let modules: { dot: WebAssembly.Module; axpy: WebAssembly.Module } | null = null;

/**
 * Copies X (Float32Array row-major [nSamples x nFeatures]) into a new WebAssembly memory
 * (after w, 16-byte aligned) and returns its row kernels; w starts at 0.
 * @throws Error when this JavaScript engine refuses WebAssembly SIMD (Node >= 16.4 has it).
 */
export function rowKernels(X: Float32Array, nFeatures: number): RowKernels {
  modules ??= compile();
  const wBytes = 16 * Math.ceil((8 * (nFeatures + 1)) / 16);
  const memory = memoryOfBytes(wBytes + 4 * X.length);
  new Float32Array(memory.buffer, wBytes, X.length).set(X);
  const dot = kernelFunction<(xAt: number, blocks: number, tail: number) => number>(modules.dot, memory);
  const axpy = kernelFunction<(xAt: number, blocks: number, tail: number, d: number) => void>(modules.axpy, memory);
  const blocks = Math.floor(nFeatures / 4);
  const tail = nFeatures % 4;
  const rowBytes = 4 * nFeatures;
  return {
    w: new Float64Array(memory.buffer, 0, nFeatures + 1),
    dot: (i) => dot(wBytes + i * rowBytes, blocks, tail),
    axpy: (i, d) => axpy(wBytes + i * rowBytes, blocks, tail, d),
  };
}

function compile(): { dot: WebAssembly.Module; axpy: WebAssembly.Module } {
  const what = 'linear SVM: the row kernels';
  return {
    dot: compileKernel(what, { i32Params: 3, result: 'f64', i32Locals: 1, f64Locals: 1, v128Locals: 2, body: dotBody() }),
    axpy: compileKernel(what, { i32Params: 3, f64Params: 1, i32Locals: 1, v128Locals: 1, body: axpyBody() }),
  };
}

// Parameters of both: x (byte address of the row), blocks (of 4 features), tail (nFeatures % 4);
// axpy also d. W (byte address of w[k], starting at 0) walks along.
const [X_AT, BLOCKS, TAIL, D] = [0, 1, 2, 3];
const get = op.localGet;
const set = op.localSet;
const add = (local: number, bytes: number) => code(get(local), op.i32Const(bytes), op.i32Add(), set(local));
/** Two features of the row at X_AT + offset, as doubles. */
const twoFeatures = (offset: number) => code(get(X_AT), op.v128Load64Splat(offset), op.f64x2PromoteLowF32x4());
/** `step` `counter` times (the counter local counts down to 0). */
function repeat(counter: number, step: Code): Code {
  return code(
    op.block(),
    op.loop(),
    get(counter),
    op.i32Eqz(),
    op.brIf(1),
    step,
    get(counter),
    op.i32Const(-1),
    op.i32Add(),
    set(counter),
    op.br(0),
    op.end(),
    op.end(),
  );
}

/** w . x as rowDot: P = (s0, s1), Q = (s2, s3) over the blocks, the tail into s0, then s0 + s1 + s2 + s3. */
function dotBody(): Code {
  const [W, S0] = [3, 4];
  const [P, Q] = [5, 6];
  const block = code(
    get(P),
    twoFeatures(0),
    get(W),
    op.v128Load(0),
    op.f64x2Mul(),
    op.f64x2Add(),
    set(P),
    get(Q),
    twoFeatures(8),
    get(W),
    op.v128Load(16),
    op.f64x2Mul(),
    op.f64x2Add(),
    set(Q),
    add(X_AT, 16),
    add(W, 32),
  );
  const tail = code(
    get(S0),
    get(W),
    op.f64Load(),
    get(X_AT),
    op.f32Load(),
    op.f64PromoteF32(),
    op.f64Mul(),
    op.f64Add(),
    set(S0),
    add(X_AT, 4),
    add(W, 8),
  );
  return code(
    repeat(BLOCKS, block),
    get(P),
    op.f64x2ExtractLane(0),
    set(S0),
    repeat(TAIL, tail),
    get(S0),
    get(P),
    op.f64x2ExtractLane(1),
    op.f64Add(),
    get(Q),
    op.f64x2ExtractLane(0),
    op.f64Add(),
    get(Q),
    op.f64x2ExtractLane(1),
    op.f64Add(),
  );
}

/** w += d x, elementwise. */
function axpyBody(): Code {
  const [W, DD] = [4, 5];
  const block = code(
    get(W),
    get(W),
    op.v128Load(0),
    get(DD),
    twoFeatures(0),
    op.f64x2Mul(),
    op.f64x2Add(),
    op.v128Store(0),
    get(W),
    get(W),
    op.v128Load(16),
    get(DD),
    twoFeatures(8),
    op.f64x2Mul(),
    op.f64x2Add(),
    op.v128Store(16),
    add(X_AT, 16),
    add(W, 32),
  );
  const tail = code(
    get(W),
    get(W),
    op.f64Load(),
    get(D),
    get(X_AT),
    op.f32Load(),
    op.f64PromoteF32(),
    op.f64Mul(),
    op.f64Add(),
    op.f64Store(),
    add(X_AT, 4),
    add(W, 8),
  );
  return code(get(D), op.f64x2Splat(), set(DD), repeat(BLOCKS, block), repeat(TAIL, tail));
}
