import { code, compileKernel, growTo, kernelFunction, memoryOfBytes, op, type Code, type KernelShape } from '../wasm/simdModule';
import { EXP_TABLE, EXP_TABLE_ZERO, EXP_TAYLOR } from './fastExp';

/**
 * What the compiled structure-function kernels (angularPass.ts, radialPass.ts) share: their
 * instantiation on a memory of their own, a per-thread cache, and expNegScaled (fastExp.ts) as
 * WebAssembly instructions: the same table (at byte 0 of every kernel's memory,
 * EXP_TABLE_BYTES long) and the same Taylor step, so the same values to the last bit.
 */
export const EXP_TABLE_BYTES = 8 * EXP_TABLE.length;

/** A kernel module instantiated on its own memory (exponential table at byte 0). */
export interface KernelInstance<F> {
  readonly memory: WebAssembly.Memory;
  /** The exported function. */
  readonly run: F;
  /** Grows the memory to hold at least `bytes` (typed-array views on it must then be made again). */
  ensureBytes(bytes: number): void;
}

/**
 * Encodes, compiles and instantiates a kernel (one exported function `pass`) on a new memory of
 * at least `initialBytes`, with the exponential table written at byte 0.
 * @throws Error naming `what` when this JavaScript engine refuses the module (no WebAssembly
 *   SIMD; Node >= 16.4 has it).
 */
export function instantiateKernel<F>(what: string, shape: KernelShape, initialBytes: number): KernelInstance<F> {
  const module = compileKernel(`features: the ${what} kernel`, shape);
  const memory = memoryOfBytes(initialBytes);
  new Float64Array(memory.buffer, 0, EXP_TABLE.length).set(EXP_TABLE);
  return { memory, run: kernelFunction<F>(module, memory), ensureBytes: (bytes) => growTo(memory, bytes) };
}

/** Kernels by key, at most 16 per cache (a session uses one or two feature sets). */
export function cachedKernel<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const known = cache.get(key);
  if (known) return known;
  const made = make();
  if (cache.size >= 16) cache.clear();
  cache.set(key, made);
  return made;
}

/**
 * Two lanes: `t` leaves an f64x2 on the stack; `define` stores an expression in a new v128
 * local and returns its index. Returns the local holding exp(-t / 64) per lane.
 */
export function expNegScaledF64x2(t: Code, define: (expression: Code) => number): number {
  const get = op.localGet;
  const mul = (a: Code, b: Code) => code(a, b, op.f64x2Mul());
  const sub = (a: Code, b: Code) => code(a, b, op.f64x2Sub());
  const k = op.f64x2Const;
  const u = define(code(t, k(EXP_TABLE_ZERO), op.f64x2Min()));
  const n = define(code(get(u), op.i32x4TruncSatF64x2SZero()));
  const g = define(sub(get(u), code(get(n), op.f64x2ConvertLowI32x4S())));
  const lane = (j: number) => code(get(n), op.i32x4ExtractLane(j), op.i32Const(3), op.i32Shl(), op.f64Load());
  const table = code(lane(0), op.f64x2Splat(), lane(1), op.f64x2ReplaceLane(1));
  const [c1, c2, c3, c4] = EXP_TAYLOR;
  return define(mul(table, sub(k(1), mul(get(g), sub(k(c1), mul(get(g), sub(k(c2), mul(get(g), sub(k(c3), mul(get(g), k(c4)))))))))));
}

/**
 * One lane: `t` leaves an f64 on the stack; u and g are f64 scratch locals, n an i32 one.
 * Returns Code leaving exp(-t / 64) on the stack.
 */
export function expNegScaledF64(t: Code, scratch: { u: number; g: number; n: number }): Code {
  const { u, g, n } = scratch;
  const get = op.localGet;
  const mul = (a: Code, b: Code) => code(a, b, op.f64Mul());
  const sub = (a: Code, b: Code) => code(a, b, op.f64Sub());
  const k = op.f64Const;
  const [c1, c2, c3, c4] = EXP_TAYLOR;
  const G = get(g);
  return code(
    t,
    k(EXP_TABLE_ZERO),
    op.f64Min(),
    op.localSet(u),
    get(u),
    op.i32TruncF64S(),
    op.localSet(n),
    sub(get(u), code(get(n), op.f64ConvertI32S())),
    op.localSet(g),
    mul(
      code(get(n), op.i32Const(3), op.i32Shl(), op.f64Load()),
      sub(k(1), mul(G, sub(k(c1), mul(G, sub(k(c2), mul(G, sub(k(c3), mul(G, k(c4))))))))),
    ),
  );
}
