import { code, op, type Code } from '../wasm/simdModule';
import { EXP_STEPS_PER_UNIT } from './fastExp';
import { cachedKernel, EXP_TABLE_BYTES, expNegScaledF64x2, instantiateKernel } from './wasmKernel';
import type { AngularSpec } from './spec';

/**
 * The angular terms of a triple table, compiled to WebAssembly SIMD, with the neighbour table it
 * reads in the module's memory. One per table per thread (cached), shared by every computation
 * in that thread: computeStructureFunctions is synchronous, so two never use it at once.
 */
export interface AngularPass {
  /** Exponentials evaluated per pair (near-equal xi share one, see SHARED_EXP_MAX). */
  readonly exponentials: number;
  /**
   * The neighbours of one center, by slot: bond vector (x, y, z), R^2 and 1/R, Float64Array
   * [capacity] views into the module's memory, replaced by reserve(). Fill them, then add().
   */
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  r2: Float64Array;
  invR: Float64Array;
  /**
   * R^2 of a padding slot (with x = y = z = 1/R = 0): every term of a pair with it is exactly 0.
   * add() takes k two at a time; when a range holds an odd count it also reads the slot at kEnd,
   * which must then be a padding slot.
   */
  readonly paddingR2: number;
  /** Makes the slot arrays hold at least `slots` slots (may grow the memory: new views). */
  reserve(slots: number): void;
  /**
   * row[o + t] += sum over j in [jFrom, jTo), k in [same ? j + 1 : kFrom, kEnd) of
   * exp(-(R_j^2 + R_k^2 + |r_k - r_j|^2) / xi_t^2) (1 + lambda_t cos theta_jk)^zeta_t for every
   * triple t (spec order), cos theta_jk = r_j . r_k / (R_j R_k).
   */
  add(jFrom: number, jTo: number, kFrom: number, kEnd: number, same: boolean, row: Float64Array, o: number): void;
}

/**
 * Two xi share one exponential when |1/xi_1^2 - 1/xi_2^2| * S_max <= 2^-12, S_max = 6 rCut^2
 * the largest R_ij^2 + R_ik^2 + R_jk^2: the cubic series of the correction exp(-x) (|x| <=
 * 2^-12) then errs by < x^4/24 < 1.5e-16 relative, below double rounding.
 */
const SHARED_EXP_MAX = 2 ** -12;

/** Passes already compiled, by table. */
const compiled = new Map<string, AngularPass>();

/**
 * Memory layout (bytes): the exponential table at 0, the triples' sums of one add() (out), then
 * the slot arrays x, y, z, r2, invR (16-byte aligned, for v128 loads).
 */

/**
 * Compiles a (validated) AngularSpec to a WebAssembly loop over neighbour pairs (straight-line
 * per pair), two pairs per iteration in f64x2 lanes (Node's WebAssembly SIMD). Why: per pair the 22 triples of the
 * cubuk2015 table need 6 exponentials, 7 powers of 1 +- cos theta and 22 multiply-adds, ~130
 * floating-point operations, which left scalar JavaScript at the machine's issue rate; two lanes
 * per instruction made the pass ~1.5x faster (measured: 19 vs 29-31 ns per pair, 2-core VM).
 *
 * In the loop, as in expNegScaled (fastExp.ts, same table and Taylor step, so the same values to
 * the last bits): one exponential per group of near-equal xi (SHARED_EXP_MAX; the others in the
 * group multiply it by the series correction); (1 + lambda cos)^zeta by repeated squaring (zeta
 * an integer <= 1024), each power shared by the triples that use it; one v128 accumulator per
 * triple, its two lanes added at the end. Accuracy: < 1e-11 relative per term (expNeg), powers
 * add a few ulps per squaring.
 * @throws Error when this JavaScript engine lacks WebAssembly SIMD (Node >= 16.4 has it).
 */
export function compileAngularPass(spec: AngularSpec): AngularPass {
  const key = `${spec.rCut} ${spec.triples.map((t) => `${t.xi},${t.zeta},${t.lambda}`).join(' ')}`;
  return cachedKernel(compiled, key, () => instantiate(spec));
}

function instantiate(spec: AngularSpec): AngularPass {
  const nTriples = spec.triples.length;
  const outBytes = 16 * Math.ceil((8 * nTriples) / 16);
  const slotsAt = EXP_TABLE_BYTES + outBytes + ((16 - ((EXP_TABLE_BYTES + outBytes) % 16)) % 16);
  const { body, i32Locals, v128Locals, exponentials } = generate(spec, slotsAt);
  type Run = (jFrom: number, jTo: number, kFrom: number, kEnd: number, same: number, stride: number) => void;
  const kernel = instantiateKernel<Run>('angular', { i32Params: PARAMS, i32Locals, v128Locals, body }, slotsAt);
  const xiMax = Math.max(...spec.triples.map((t) => t.xi));
  let capacity = 0;
  let out = new Float64Array(kernel.memory.buffer, EXP_TABLE_BYTES, nTriples);
  const empty = new Float64Array(0);
  const pass: AngularPass = {
    exponentials,
    x: empty,
    y: empty,
    z: empty,
    r2: empty,
    invR: empty,
    // R_j^2 + R_k^2 + R_jk^2 >= 2 paddingR2 = 64 xi^2 for every xi: exp(-64) and below, i.e.
    // beyond EXP_ARG_MAX, is the table's exact zero.
    paddingR2: 32 * xiMax * xiMax,
    reserve(slots) {
      if (slots <= capacity) return;
      capacity = 2 * Math.ceil((1.25 * slots) / 2);
      kernel.ensureBytes(slotsAt + 5 * 8 * capacity);
      const view = (a: number) => new Float64Array(kernel.memory.buffer, slotsAt + a * 8 * capacity, capacity);
      [pass.x, pass.y, pass.z, pass.r2, pass.invR] = [0, 1, 2, 3, 4].map(view);
      out = new Float64Array(kernel.memory.buffer, EXP_TABLE_BYTES, nTriples);
    },
    add(jFrom, jTo, kFrom, kEnd, same, row, o) {
      kernel.run(jFrom, jTo, kFrom, kEnd, same ? 1 : 0, 8 * capacity);
      for (let t = 0; t < nTriples; t++) row[o + t] += out[t];
    },
  };
  return pass;
}

/** i32 parameters of the compiled function: jFrom, jTo, kFrom, kEnd, same (0/1), stride (bytes between slot arrays). */
const PARAMS = 6;

/**
 * The function body (parameters: PARAMS; slot arrays x, y, z, r2, invR from byte `slotsAt`,
 * `stride` bytes apart). Loops: j over [jFrom, jTo); k over [same ? j + 1 : kFrom, kEnd) rounded
 * up to an even count, two k per iteration (f64x2 lanes); per pair the exponent sum and cos theta
 * exactly as R_j^2 + R_k^2 + R_jk^2 = 2 (R_j^2 + R_k^2 - r_j . r_k) and (r_j . r_k / R_j) / R_k,
 * then the triples. Sums of each triple's two lanes go to `out` (EXP_TABLE_BYTES).
 */
function generate(spec: AngularSpec, slotsAt: number): { body: Code; i32Locals: number; v128Locals: number; exponentials: number } {
  const [J_FROM, J_TO, K_FROM, K_END, SAME, STRIDE] = [0, 1, 2, 3, 4, 5];
  // i32 locals: j, byte addresses of k and of the end of k's range, of j, and 2, 3, 4 strides.
  const [J, P, P_END, Q, STRIDE2, STRIDE3, STRIDE4] = [6, 7, 8, 9, 10, 11, 12];
  const i32Locals = 7;
  const [XJ, YJ, ZJ, R2J, INVRJ, DOT, S, C] = [13, 14, 15, 16, 17, 18, 19, 20];
  const accumulator = (t: number) => 21 + t;
  let nextLocal = 21 + spec.triples.length;
  const perPair: Code[] = [];
  /** Evaluates `expression` (a Code leaving one v128) into a new local; returns its index. */
  const define = (expression: Code): number => {
    const local = nextLocal++;
    perPair.push(code(expression, op.localSet(local)));
    return local;
  };
  const get = op.localGet;
  const k = op.f64x2Const;
  const mul = (a: Code, b: Code) => code(a, b, op.f64x2Mul());
  const add = (a: Code, b: Code) => code(a, b, op.f64x2Add());
  const sub = (a: Code, b: Code) => code(a, b, op.f64x2Sub());
  const i32 = (a: Code, b: Code, operation: Code) => code(a, b, operation);
  const setI32 = (local: number, value: Code) => code(value, op.localSet(local));

  // ladders.get(lambda)[j] = local holding (1 + lambda cos)^(2^j).
  const ladders = new Map<number, number[]>();
  const powers = new Map<string, number>();
  const power = (lambda: number, zeta: number): number => {
    const key = `${lambda} ${zeta}`;
    const known = powers.get(key);
    if (known !== undefined) return known;
    const ladder = ladders.get(lambda) ?? [define(add(k(1), mul(k(lambda), get(C))))];
    ladders.set(lambda, ladder);
    while (2 ** ladder.length <= zeta) {
      const top = ladder[ladder.length - 1];
      ladder.push(define(mul(get(top), get(top))));
    }
    let local = -1;
    for (let j = 0; 2 ** j <= zeta; j++) {
      if (Math.floor(zeta / 2 ** j) % 2 === 1) local = local < 0 ? ladder[j] : define(mul(get(local), get(ladder[j])));
    }
    powers.set(key, local);
    return local;
  };
  const sMax = 6 * spec.rCut * spec.rCut;
  const coefs = [...new Set(spec.triples.map((t) => 1 / (t.xi * t.xi)))];
  const bases: number[] = [];
  for (const c of coefs) if (!bases.some((b) => Math.abs(c - b) * sMax <= SHARED_EXP_MAX)) bases.push(c);
  for (const base of bases) {
    const e = expNegScaledF64x2(mul(get(S), k(base * EXP_STEPS_PER_UNIT)), define);
    const shifted = new Map<number, number>();
    spec.triples.forEach(({ xi, zeta, lambda }, t) => {
      const coef = 1 / (xi * xi);
      if (Math.abs(coef - base) * sMax > SHARED_EXP_MAX) return;
      let weight = e;
      if (coef !== base) {
        const known = shifted.get(coef);
        if (known === undefined) {
          const x = define(mul(k(coef - base), get(S)));
          const X = get(x);
          weight = define(mul(get(e), sub(k(1), mul(X, sub(k(1), mul(X, sub(k(0.5), mul(X, k(1 / 6)))))))));
          shifted.set(coef, weight);
        } else {
          weight = known;
        }
      }
      perPair.push(code(add(get(accumulator(t)), mul(get(weight), get(power(lambda, zeta)))), op.localSet(accumulator(t))));
    });
  }

  const byteAddress = (slot: Code) => i32(i32(slot, op.i32Const(3), op.i32Shl()), op.i32Const(slotsAt), op.i32Add());
  const atStride = (pointer: number, stride: number | null) =>
    stride === null ? get(pointer) : i32(get(pointer), get(stride), op.i32Add());
  const strides = [null, STRIDE, STRIDE2, STRIDE3, STRIDE4];
  const splatJ = (local: number, a: number) => code(atStride(Q, strides[a]), op.f64Load(), op.f64x2Splat(), op.localSet(local));
  const loadK = (a: number) => code(atStride(P, strides[a]), op.v128Load());
  const body = code(
    setI32(STRIDE2, i32(get(STRIDE), get(STRIDE), op.i32Add())),
    setI32(STRIDE3, i32(get(STRIDE2), get(STRIDE), op.i32Add())),
    setI32(STRIDE4, i32(get(STRIDE3), get(STRIDE), op.i32Add())),
    setI32(J, get(J_FROM)),
    op.block(),
    op.loop(),
    i32(get(J), get(J_TO), op.i32GeU()),
    op.brIf(1),
    // P = first k (slot), then P_END = its byte end rounded up to an even count, P = its byte address.
    setI32(P, code(i32(get(J), op.i32Const(1), op.i32Add()), get(K_FROM), get(SAME), op.select())),
    setI32(P_END, byteAddress(i32(get(K_END), i32(i32(get(K_END), get(P), op.i32Sub()), op.i32Const(1), op.i32And()), op.i32Add()))),
    setI32(P, byteAddress(get(P))),
    setI32(Q, byteAddress(get(J))),
    splatJ(XJ, 0),
    splatJ(YJ, 1),
    splatJ(ZJ, 2),
    splatJ(R2J, 3),
    splatJ(INVRJ, 4),
    op.block(),
    op.loop(),
    i32(get(P), get(P_END), op.i32GeU()),
    op.brIf(1),
    add(add(mul(get(XJ), loadK(0)), mul(get(YJ), loadK(1))), mul(get(ZJ), loadK(2))),
    op.localSet(DOT),
    mul(sub(add(get(R2J), loadK(3)), get(DOT)), k(2)),
    op.localSet(S),
    mul(mul(get(DOT), get(INVRJ)), loadK(4)),
    op.localSet(C),
    ...perPair,
    setI32(P, i32(get(P), op.i32Const(16), op.i32Add())),
    op.br(0),
    op.end(),
    op.end(),
    setI32(J, i32(get(J), op.i32Const(1), op.i32Add())),
    op.br(0),
    op.end(),
    op.end(),
    ...spec.triples.map((_, t) =>
      code(
        op.i32Const(0),
        get(accumulator(t)),
        op.f64x2ExtractLane(0),
        get(accumulator(t)),
        op.f64x2ExtractLane(1),
        op.f64Add(),
        op.f64Store(EXP_TABLE_BYTES + 8 * t),
      ),
    ),
  );
  return { body, i32Locals, v128Locals: nextLocal - 13, exponentials: bases.length };
}
