import { code, encodeModule, op, type Code } from '../wasm/simdModule';
import { EXP_STEPS_PER_UNIT, EXP_TABLE, EXP_TABLE_ZERO, EXP_TAYLOR } from './fastExp';
import type { AngularSpec } from './spec';

/**
 * The angular terms of a triple table, compiled to WebAssembly SIMD, with its pair tables in the
 * module's memory. One per table per thread (cached), shared by every computation in that thread:
 * computeStructureFunctions is synchronous, so two computations never use it at once.
 */
export interface AngularPass {
  /** Exponentials evaluated per pair (near-equal xi share one, see SHARED_EXP_MAX). */
  readonly exponentials: number;
  /**
   * R_ij^2 + R_ik^2 + R_jk^2 and cos theta_jik of each pair, Float64Array [capacity] views into
   * the module's memory, replaced by reserve(); fill them, then call add().
   */
  sums: Float64Array;
  coss: Float64Array;
  /**
   * Exponent sum of a padding pair (with cos = 0): every term of it is exactly 0. add() takes
   * pairs two at a time, so a block with an odd count is padded with one such pair.
   */
  readonly paddingSum: number;
  /** Makes sums/coss hold at least `pairs` pairs (grows the memory, new views). */
  reserve(pairs: number): void;
  /**
   * row[o + t] += sum over pairs k in [from, to) of exp(-sums[k] / xi_t^2) (1 + lambda_t coss[k])^zeta_t,
   * for every triple t (spec order). `from` and `to - from` must be even (pad with paddingSum).
   */
  add(from: number, to: number, row: Float64Array, o: number): void;
}

/**
 * Two xi share one exponential when |1/xi_1^2 - 1/xi_2^2| * S_max <= 2^-12, S_max = 6 rCut^2
 * the largest R_ij^2 + R_ik^2 + R_jk^2: the cubic series of the correction exp(-x) (|x| <=
 * 2^-12) then errs by < x^4/24 < 1.5e-16 relative, below double rounding.
 */
const SHARED_EXP_MAX = 2 ** -12;

/** Passes already compiled, by table; a session uses one or two tables. */
const compiled = new Map<string, AngularPass>();
const COMPILED_MAX = 16;

/**
 * Memory layout (bytes): the exponential table at 0, the triples' sums of one add() (out), then
 * sums and coss (16-byte aligned, for v128 loads).
 */
const TABLE_BYTES = 8 * EXP_TABLE.length;
const PAGE = 65536;

/**
 * Compiles a (validated) AngularSpec to one straight-line WebAssembly loop over pairs, two pairs
 * per iteration in f64x2 lanes (Node's WebAssembly SIMD). Why: per pair the 22 triples of the
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
  const known = compiled.get(key);
  if (known) return known;
  const { body, nLocals, exponentials } = generate(spec);
  const nTriples = spec.triples.length;
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(encodeModule({ exportName: 'pass', i32Params: 4, v128Locals: nLocals, body, memoryPages: 1 }));
  } catch (e) {
    throw new Error(`features: the angular kernel needs WebAssembly SIMD, which this JavaScript engine refused (${e instanceof Error ? e.message : String(e)})`);
  }
  const outBytes = 16 * Math.ceil((8 * nTriples) / 16);
  const sumsAt = TABLE_BYTES + outBytes + ((16 - ((TABLE_BYTES + outBytes) % 16)) % 16);
  const memory = new WebAssembly.Memory({ initial: Math.ceil((sumsAt + 1) / PAGE) });
  new Float64Array(memory.buffer, 0, EXP_TABLE.length).set(EXP_TABLE);
  const instance = new WebAssembly.Instance(module, { m: { mem: memory } });
  const run = instance.exports.pass as (sums: number, coss: number, sumsEnd: number, out: number) => void;
  const xiMax = Math.max(...spec.triples.map((t) => t.xi));
  let capacity = 0;
  let cossAt = sumsAt;
  let out = new Float64Array(memory.buffer, TABLE_BYTES, nTriples);
  const pass: AngularPass = {
    exponentials,
    sums: new Float64Array(0),
    coss: new Float64Array(0),
    // exp(-s / xi^2) with s / xi^2 >= 64 > EXP_ARG_MAX for every xi: the table's exact zero.
    paddingSum: 64 * xiMax * xiMax,
    reserve(pairs) {
      if (pairs <= capacity) return;
      capacity = 2 * Math.ceil((1.25 * pairs) / 2);
      cossAt = sumsAt + 8 * capacity;
      const bytes = cossAt + 8 * capacity;
      if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
      pass.sums = new Float64Array(memory.buffer, sumsAt, capacity);
      pass.coss = new Float64Array(memory.buffer, cossAt, capacity);
      out = new Float64Array(memory.buffer, TABLE_BYTES, nTriples);
    },
    add(from, to, row, o) {
      run(sumsAt + 8 * from, cossAt + 8 * from, sumsAt + 8 * to, TABLE_BYTES);
      for (let t = 0; t < nTriples; t++) row[o + t] += out[t];
    },
  };
  if (compiled.size >= COMPILED_MAX) compiled.clear();
  compiled.set(key, pass);
  return pass;
}

/**
 * The function body: params 0-3 = byte addresses (sums, coss, end of sums, out); v128 locals
 * from 4: s, c, one accumulator per triple, then the per-pair values.
 */
function generate(spec: AngularSpec): { body: Code; nLocals: number; exponentials: number } {
  const [SUMS, COSS, END, OUT] = [0, 1, 2, 3];
  const S = 4;
  const C = 5;
  const accumulator = (t: number) => 6 + t;
  let nextLocal = 6 + spec.triples.length;
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
  const sub = (a: Code, b: Code) => code(a, b, op.f64x2Sub());

  // ladders.get(lambda)[j] = local holding (1 + lambda cos)^(2^j).
  const ladders = new Map<number, number[]>();
  const powers = new Map<string, number>();
  const power = (lambda: number, zeta: number): number => {
    const key = `${lambda} ${zeta}`;
    const known = powers.get(key);
    if (known !== undefined) return known;
    const ladder = ladders.get(lambda) ?? [define(code(k(1), mul(k(lambda), get(C)), op.f64x2Add()))];
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
  /** exp(-u / 64) per lane for the local u >= 0: expNegScaled's table lookup and Taylor step. */
  const expNegScaled = (scaledS: Code): number => {
    const u = define(code(scaledS, k(EXP_TABLE_ZERO), op.f64x2Min()));
    const n = define(code(get(u), op.i32x4TruncSatF64x2SZero()));
    const g = define(sub(get(u), code(get(n), op.f64x2ConvertLowI32x4S())));
    const lane = (j: number) => code(get(n), op.i32x4ExtractLane(j), op.i32Const(3), op.i32Shl(), op.f64Load());
    const table = code(lane(0), op.f64x2Splat(), lane(1), op.f64x2ReplaceLane(1));
    const [c1, c2, c3, c4] = EXP_TAYLOR;
    const horner = sub(k(1), mul(get(g), sub(k(c1), mul(get(g), sub(k(c2), mul(get(g), sub(k(c3), mul(get(g), k(c4)))))))));
    return define(mul(table, horner));
  };

  const sMax = 6 * spec.rCut * spec.rCut;
  const coefs = [...new Set(spec.triples.map((t) => 1 / (t.xi * t.xi)))];
  const bases: number[] = [];
  for (const c of coefs) if (!bases.some((b) => Math.abs(c - b) * sMax <= SHARED_EXP_MAX)) bases.push(c);
  for (const base of bases) {
    const e = expNegScaled(mul(get(S), k(base * EXP_STEPS_PER_UNIT)));
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
      perPair.push(code(get(accumulator(t)), mul(get(weight), get(power(lambda, zeta))), op.f64x2Add(), op.localSet(accumulator(t))));
    });
  }

  const advance = (pointer: number) => code(get(pointer), op.i32Const(16), op.i32Add(), op.localSet(pointer));
  const body = code(
    op.block(),
    op.loop(),
    get(SUMS), get(END), op.i32GeU(), op.brIf(1),
    get(SUMS), op.v128Load(), op.localSet(S),
    get(COSS), op.v128Load(), op.localSet(C),
    ...perPair,
    advance(SUMS),
    advance(COSS),
    op.br(0),
    op.end(),
    op.end(),
    ...spec.triples.map((_, t) =>
      code(get(OUT), get(accumulator(t)), op.f64x2ExtractLane(0), get(accumulator(t)), op.f64x2ExtractLane(1), op.f64Add(), op.f64Store(8 * t)),
    ),
  );
  return { body, nLocals: nextLocal - 4, exponentials: bases.length };
}
