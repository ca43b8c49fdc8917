import { code, op, type Code } from '../wasm/simdModule';
import { EXP_STEPS_PER_UNIT } from './fastExp';
import { cachedKernel, EXP_TABLE_BYTES, expNegScaledF64, instantiateKernel } from './wasmKernel';

/** An evenly spaced radial grid: mu_k = mu0 + k h, k < nMus; terms exp(-a (R - mu)^2). */
export interface EvenGrid {
  readonly mu0: number;
  readonly h: number;
  readonly nMus: number;
  readonly a: number;
  /** Terms with |R - mu| beyond this are negligible (< 4.5e-19); the pass sums at least those within it. */
  readonly window: number;
  readonly nSpecies: number;
}

/**
 * The radial Gaussians of one center on an even grid, compiled to WebAssembly SIMD, with its
 * inputs and sums in the module's memory. One per grid per thread (cached), shared by every
 * computation in that thread (they are synchronous, so never two at once).
 */
export interface RadialPass {
  /**
   * Distances R (sigma_AA) and species indices of the neighbours, Float64Array / Int32Array
   * [capacity] views into the module's memory, replaced by reserve(). Fill `count`, then run(count).
   */
  r: Float64Array;
  species: Int32Array;
  /**
   * After run(): sum over the neighbours of species y of exp(-a (R - mu_k)^2) at
   * sums[y * stride + offset + k], Float64Array [nSpecies x stride] (the other entries are
   * the grid's padding). A view, replaced by reserve().
   */
  sums: Float64Array;
  readonly stride: number;
  readonly offset: number;
  /** Makes r and species hold at least `count` neighbours (may grow the memory: new views). */
  reserve(count: number): void;
  /** Zeroes sums and adds the terms of neighbours 0 .. count - 1. */
  run(count: number): void;
}

/** Passes already compiled, by grid. */
const compiled = new Map<string, RadialPass>();

/**
 * Compiles the Gaussian recurrence of radial.ts for one even grid: per neighbour the nearest
 * grid point mu_kk (of the grid extended by W points each side), d = R - mu_kk, then
 *   g_0 = exp(-a d^2), g_m = g_(m-1) rho_m, rho_m = rho_1 q^(m - 1), q = exp(-2 a h^2),
 * upwards with rho_1 = exp(-a h (h - 2 d)) and downwards with exp(-a h (h + 2 d))
 * ([GreengardLee2004]): 3 exponentials and W terms each way, W = the window in grid steps rounded
 * up to even. Two terms per f64x2 instruction: (g_(m), g_(m+1)) times
 * (rho_(m+1) rho_(m+2), rho_(m+2) rho_(m+3)), added to the sums with one unaligned vector
 * load/store; every factor is <= 1, so nothing overflows. Terms up to W h from R are summed (W h
 * >= window, so at least every term the window keeps; the extra ones are < 4.5e-19).
 * Accuracy as radial.ts: < 2e-11 relative per term.
 * @throws Error when this JavaScript engine lacks WebAssembly SIMD.
 */
export function compileRadialPass(grid: EvenGrid): RadialPass {
  const key = `${grid.mu0} ${grid.h} ${grid.nMus} ${grid.a} ${grid.window} ${grid.nSpecies}`;
  return cachedKernel(compiled, key, () => instantiate(grid));
}

function instantiate(grid: EvenGrid): RadialPass {
  const w = 2 * Math.max(1, Math.ceil(Math.ceil(grid.window / grid.h) / 2));
  const stride = grid.nMus + 4 * w;
  const sumsBytes = 8 * grid.nSpecies * stride;
  const { body, locals } = generate(grid, w, stride);
  const rAt = EXP_TABLE_BYTES + sumsBytes;
  const kernel = instantiateKernel<(count: number, rAt: number, speciesAt: number) => void>(
    'radial',
    { i32Params: 3, ...locals, body },
    rAt,
  );
  let capacity = 0;
  let speciesAt = rAt;
  const pass: RadialPass = {
    r: new Float64Array(0),
    species: new Int32Array(0),
    sums: new Float64Array(kernel.memory.buffer, EXP_TABLE_BYTES, grid.nSpecies * stride),
    stride,
    offset: 2 * w,
    reserve(count) {
      if (count <= capacity) return;
      capacity = Math.ceil(1.25 * count);
      speciesAt = rAt + 8 * capacity;
      kernel.ensureBytes(speciesAt + 4 * capacity);
      pass.r = new Float64Array(kernel.memory.buffer, rAt, capacity);
      pass.species = new Int32Array(kernel.memory.buffer, speciesAt, capacity);
      pass.sums = new Float64Array(kernel.memory.buffer, EXP_TABLE_BYTES, grid.nSpecies * stride);
    },
    run(count) {
      pass.sums.fill(0);
      kernel.run(count, rAt, speciesAt);
    },
  };
  return pass;
}

/**
 * Parameters (i32): count, byte address of r, of species. Per neighbour p: kk = nearest grid
 * index of the extended grid (skipped unless -W <= kk <= nMus - 1 + W); its terms go to
 * sums[species * stride + kk + 2W + m], m = -W .. W; `base` addresses m = -W.
 */
function generate(
  grid: EvenGrid,
  w: number,
  stride: number,
): { body: Code; locals: { i32Locals: number; f64Locals: number; v128Locals: number } } {
  const { mu0, h, nMus, a } = grid;
  const [COUNT, R_AT, SPECIES_AT] = [0, 1, 2];
  const [P, KK, BASE, N] = [3, 4, 5, 6];
  const [R, D, PEAK, RHO_UP, RHO_DOWN, U, G, FIRST] = [7, 8, 9, 10, 11, 12, 13, 14];
  const [TERMS, FACTORS] = [15, 16];
  const get = op.localGet;
  const set = op.localSet;
  const f = op.f64Const;
  const q = Math.exp(-2 * a * h * h);
  const scratch = { u: U, g: G, n: N };
  const expNeg = (y: Code) => expNegScaledF64(code(y, f(EXP_STEPS_PER_UNIT), op.f64Mul()), scratch);
  const mulF = (x: Code, y: Code) => code(x, y, op.f64Mul());

  /** The W terms on one side, from (first two terms) and (their factors), at byte offsets `at(pairIndex)`. */
  const side = (at: (pair: number) => number): Code[] => {
    const out: Code[] = [];
    for (let pair = 0; pair < w / 2; pair++) {
      out.push(code(get(BASE), get(BASE), op.v128Load(at(pair)), get(TERMS), op.f64x2Add(), op.v128Store(at(pair))));
      if (pair + 1 < w / 2) {
        out.push(code(get(TERMS), get(FACTORS), op.f64x2Mul(), set(TERMS)));
        out.push(code(get(FACTORS), op.f64x2Const(q ** 4), op.f64x2Mul(), set(FACTORS)));
      }
    }
    return out;
  };
  const pairOf = (lane0: Code, lane1: Code) => code(lane0, op.f64x2Splat(), lane1, op.f64x2ReplaceLane(1));
  const rhoSquared = (rho: number, lanes: [number, number]) =>
    code(mulF(get(rho), get(rho)), op.f64x2Splat(), op.f64x2Const(...lanes), op.f64x2Mul());

  const perNeighbour = code(
    get(P),
    op.f64Load(),
    set(R),
    // kk = nearest((R - mu0) / h); R < rCut keeps it far inside the i32 range.
    get(R),
    f(mu0),
    op.f64Sub(),
    f(1 / h),
    op.f64Mul(),
    op.f64Nearest(),
    op.i32TruncF64S(),
    set(KK),
    // Skip unless kk + W is in [0, nMus - 1 + 2W] (one unsigned comparison).
    get(KK),
    op.i32Const(w),
    op.i32Add(),
    op.i32Const(nMus - 1 + 2 * w),
    op.i32GtU(),
    op.brIf(0),
    get(R),
    f(mu0),
    get(KK),
    op.f64ConvertI32S(),
    f(h),
    op.f64Mul(),
    op.f64Add(),
    op.f64Sub(),
    set(D),
    get(SPECIES_AT),
    op.i32Load(),
    op.i32Const(stride),
    op.i32Mul(),
    get(KK),
    op.i32Add(),
    op.i32Const(w),
    op.i32Add(),
    op.i32Const(3),
    op.i32Shl(),
    op.i32Const(EXP_TABLE_BYTES),
    op.i32Add(),
    set(BASE),
    expNeg(mulF(mulF(get(D), get(D)), f(a))),
    set(PEAK),
    // Rounding can make |d| exceed h/2 by an ulp: clamp the (then ~1e-16) negative exponents to 0.
    expNeg(code(mulF(f(a * h), code(f(h), mulF(f(2), get(D)), op.f64Sub())), f(0), op.f64Max())),
    set(RHO_UP),
    expNeg(code(mulF(f(a * h), code(f(h), mulF(f(2), get(D)), op.f64Add())), f(0), op.f64Max())),
    set(RHO_DOWN),
    get(BASE),
    get(BASE),
    op.f64Load(8 * w),
    get(PEAK),
    op.f64Add(),
    op.f64Store(8 * w),
    // Upwards: (g_1, g_2) at m = 1, 2, factors rho_1^2 (q^3, q^5), then every pair times q^4.
    mulF(get(PEAK), get(RHO_UP)),
    set(FIRST),
    pairOf(get(FIRST), mulF(mulF(get(FIRST), get(RHO_UP)), f(q))),
    set(TERMS),
    rhoSquared(RHO_UP, [q ** 3, q ** 5]),
    set(FACTORS),
    ...side((pair) => 8 * (w + 1 + 2 * pair)),
    // Downwards, in memory order: (g_-2, g_-1) at m = -2, -1, factors rho_1^2 (q^5, q^3).
    mulF(get(PEAK), get(RHO_DOWN)),
    set(FIRST),
    pairOf(mulF(mulF(get(FIRST), get(RHO_DOWN)), f(q)), get(FIRST)),
    set(TERMS),
    rhoSquared(RHO_DOWN, [q ** 5, q ** 3]),
    set(FACTORS),
    ...side((pair) => 8 * (w - 2 - 2 * pair)),
  );
  const advance = (local: number, bytes: number) => code(get(local), op.i32Const(bytes), op.i32Add(), set(local));
  const body = code(
    get(R_AT),
    set(P),
    // COUNT becomes the byte end of r.
    get(COUNT),
    op.i32Const(3),
    op.i32Shl(),
    get(R_AT),
    op.i32Add(),
    set(COUNT),
    op.block(),
    op.loop(),
    get(P),
    get(COUNT),
    op.i32GeU(),
    op.brIf(1),
    op.block(),
    perNeighbour,
    op.end(),
    advance(P, 8),
    advance(SPECIES_AT, 4),
    op.br(0),
    op.end(),
    op.end(),
  );
  return { body, locals: { i32Locals: 4, f64Locals: 8, v128Locals: 2 } };
}
