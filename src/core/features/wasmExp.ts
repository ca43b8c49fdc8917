import { code, op, type Code } from '../wasm/simdModule';
import { EXP_TABLE, EXP_TABLE_ZERO, EXP_TAYLOR } from './fastExp';

/**
 * expNegScaled (fastExp.ts) as WebAssembly instructions, for the compiled structure-function
 * kernels: the same table (which the kernel's memory holds at byte 0, EXP_TABLE_BYTES long)
 * and the same Taylor step, so the same values to the last bit. exp(-t / 64) for t >= 0, exactly
 * 0 for t >= 64 * 42.25 + 1.
 */
export const EXP_TABLE_BYTES = 8 * EXP_TABLE.length;

/** Copies the table into a kernel's memory at byte 0. */
export function writeExpTable(memory: WebAssembly.Memory): void {
  new Float64Array(memory.buffer, 0, EXP_TABLE.length).set(EXP_TABLE);
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
    t, k(EXP_TABLE_ZERO), op.f64Min(), op.localSet(u),
    get(u), op.i32TruncF64S(), op.localSet(n),
    sub(get(u), code(get(n), op.f64ConvertI32S())), op.localSet(g),
    mul(code(get(n), op.i32Const(3), op.i32Shl(), op.f64Load()), sub(k(1), mul(G, sub(k(c1), mul(G, sub(k(c2), mul(G, sub(k(c3), mul(G, k(c4)))))))))),
  );
}
