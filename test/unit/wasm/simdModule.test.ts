// The WebAssembly encoder of the generated kernels, on small functions whose effect on memory is
// known: LEB128 immediates (negative and multi-byte), f64x2 arithmetic, lanes, loops, table loads.
import { describe, expect, it } from 'vitest';
import { code, encodeModule, op } from '../../../src/core/wasm/simdModule';

/** Runs export f(...params) on a fresh 1-page memory whose first doubles are `input`; returns doubles 0..63. */
function run(body: number[], params: number[], v128Locals: number, input: number[] = []): Float64Array {
  const memory = new WebAssembly.Memory({ initial: 1 });
  new Float64Array(memory.buffer).set(input);
  const bytes = encodeModule({ exportName: 'f', i32Params: params.length, v128Locals, body, memoryPages: 1 });
  expect(WebAssembly.validate(bytes)).toBe(true);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { m: { mem: memory } });
  (instance.exports.f as (...args: number[]) => void)(...params);
  return new Float64Array(memory.buffer, 0, 64);
}

describe('simdModule encoder', () => {
  it('i32 constants of any sign and size (signed LEB128) address memory; f64x2 add, mul and lanes', () => {
    // (0.5 + 2) * 3 stored at byte 100000 - 99976 = 24 (double 3); the two lanes' sum at double 40.
    const body = code(
      op.i32Const(100000),
      op.i32Const(-99976),
      op.i32Add(),
      op.f64x2Const(0.5),
      op.f64x2Const(2),
      op.f64x2Add(),
      op.f64x2Const(3),
      op.f64x2Mul(),
      op.localSet(1),
      op.localGet(1),
      op.f64x2ExtractLane(0),
      op.f64Store(),
      op.i32Const(0),
      op.localGet(1),
      op.f64x2ExtractLane(0),
      op.localGet(1),
      op.f64x2ExtractLane(1),
      op.f64Add(),
      op.f64Store(8 * 40),
    );
    const memory = run(body, [0], 1);
    expect(memory[3]).toBe(7.5);
    expect(memory[40]).toBe(15);
  });

  it('a loop over pairs: v128.load, sub, min, trunc/convert, lane extraction into a table load', () => {
    // Doubles 0-3 hold a table t; doubles 8-13 hold x. For each pair (x_k, x_k+1), k = 0, 2, 4:
    // out[16 + k + l] = min(x - trunc(x), 0.6) + t[trunc(x_l)]  (lane-wise), via splat/replace_lane.
    const table = [100, 200, 300, 400];
    const xs = [0.25, 1.75, 2.5, 3.125, 0.875, 3.5];
    const [P, END, X, N] = [0, 1, 2, 3];
    const lane = (l: number) => code(op.localGet(N), op.i32x4ExtractLane(l), op.i32Const(3), op.i32Shl(), op.f64Load());
    const body = code(
      op.block(),
      op.loop(),
      op.localGet(P),
      op.localGet(END),
      op.i32GeU(),
      op.brIf(1),
      op.localGet(P),
      op.v128Load(64),
      op.localSet(X),
      op.localGet(X),
      op.i32x4TruncSatF64x2SZero(),
      op.localSet(N),
      op.localGet(P),
      op.localGet(X),
      op.localGet(N),
      op.f64x2ConvertLowI32x4S(),
      op.f64x2Sub(),
      op.f64x2Const(0.6),
      op.f64x2Min(),
      lane(0),
      op.f64x2Splat(),
      lane(1),
      op.f64x2ReplaceLane(1),
      op.f64x2Add(),
      op.localSet(X),
      op.localGet(X),
      op.f64x2ExtractLane(0),
      op.f64Store(128),
      op.localGet(P),
      op.localGet(X),
      op.f64x2ExtractLane(1),
      op.f64Store(136),
      op.localGet(P),
      op.i32Const(16),
      op.i32Add(),
      op.localSet(P),
      op.br(0),
      op.end(),
      op.end(),
    );
    const memory = run(body, [0, 48], 2, [...table, 0, 0, 0, 0, ...xs]);
    const expected = xs.map((x) => Math.min(x - Math.trunc(x), 0.6) + table[Math.trunc(x)]);
    expect([...memory.subarray(16, 22)]).toEqual(expected);
    expect(memory[22]).toBe(0); // the loop stopped at END
  });

  it('multi-byte sizes: a body of > 16 KiB and 200 v128 locals', () => {
    const body = code(
      ...Array.from({ length: 200 }, (_, l) => code(op.f64x2Const(l), op.localSet(1 + l))),
      op.i32Const(0),
      op.localGet(200),
      op.f64x2ExtractLane(1),
      op.f64Store(),
    );
    const big = code(...Array.from({ length: 5 }, () => body));
    expect(big.length).toBeGreaterThan(16384);
    expect(run(big, [0], 200)[0]).toBe(199);
  });
});
