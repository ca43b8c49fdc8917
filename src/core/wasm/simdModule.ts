/**
 * A minimal WebAssembly binary encoder for the generated hot loops of the structure functions:
 * one module = one imported memory ("m"."mem") + one exported function of i32 parameters and
 * v128 locals. Only the opcodes those kernels use are here (WebAssembly core 2.0 binary format,
 * sections 5.4-5.5; fixed-width SIMD opcodes 0xFD-prefixed). Why our own: the kernels are
 * generated per feature table at run time and must compile synchronously inside
 * computeStructureFunctions; the assemblers on npm (wabt, binaryen) initialise asynchronously.
 */

/** Instructions as byte sequences; `code(...)` concatenates them into a function body. */
export type Code = number[];

const SIMD = 0xfd;

/** Unsigned LEB128 (sizes, indices, SIMD opcodes). */
function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer (i32.const immediates). */
function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function simd(opcode: number, ...immediates: number[]): Code {
  return [SIMD, ...uleb(opcode), ...immediates];
}

/** memarg: alignment exponent and byte offset. */
function memarg(alignLog2: number, offset: number): number[] {
  return [...uleb(alignLog2), ...uleb(offset)];
}

function f64Bytes(x: number): number[] {
  return [...new Uint8Array(Float64Array.of(x).buffer)];
}

/** The instructions (stack machine: operands are pushed by the instructions before). */
export const op = {
  localGet: (index: number): Code => [0x20, ...uleb(index)],
  localSet: (index: number): Code => [0x21, ...uleb(index)],
  i32Const: (value: number): Code => [0x41, ...sleb(value)],
  i32Add: (): Code => [0x6a],
  i32Sub: (): Code => [0x6b],
  i32Mul: (): Code => [0x6c],
  i32GtU: (): Code => [0x4b],
  i32Load: (offset = 0): Code => [0x28, ...memarg(2, offset)],
  f64Const: (x: number): Code => [0x44, ...f64Bytes(x)],
  f32Load: (offset = 0): Code => [0x2a, ...memarg(2, offset)],
  f64PromoteF32: (): Code => [0xbb],
  f64Sub: (): Code => [0xa1],
  f64Mul: (): Code => [0xa2],
  f64Min: (): Code => [0xa4],
  f64Max: (): Code => [0xa5],
  f64Nearest: (): Code => [0x9e],
  /** Truncation toward zero; traps outside the i32 range (callers bound the argument). */
  i32TruncF64S: (): Code => [0xaa],
  f64ConvertI32S: (): Code => [0xb7],
  i32And: (): Code => [0x71],
  /** [a, b, condition] -> condition ? a : b. */
  select: (): Code => [0x1b],
  i32Shl: (): Code => [0x74],
  i32GeU: (): Code => [0x4f],
  i32Eqz: (): Code => [0x45],
  f64Add: (): Code => [0xa0],
  f64Load: (offset = 0): Code => [0x2b, ...memarg(3, offset)],
  f64Store: (offset = 0): Code => [0x39, ...memarg(3, offset)],
  /** block/loop with no result; `br depth` jumps to the end of a block, the start of a loop. */
  block: (): Code => [0x02, 0x40],
  loop: (): Code => [0x03, 0x40],
  end: (): Code => [0x0b],
  br: (depth: number): Code => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Code => [0x0d, ...uleb(depth)],
  v128Load: (offset = 0): Code => simd(0x00, ...memarg(4, offset)),
  v128Store: (offset = 0): Code => simd(0x0b, ...memarg(4, offset)),
  /** 8 bytes into both halves (two f32: then f64x2PromoteLowF32x4 gives them as two doubles). */
  v128Load64Splat: (offset = 0): Code => simd(0x0a, ...memarg(3, offset)),
  f64x2PromoteLowF32x4: (): Code => simd(0x5f),
  /** v128.const of the doubles (lane 0, lane 1); one argument: both lanes. */
  f64x2Const: (lane0: number, lane1 = lane0): Code => simd(0x0c, ...f64Bytes(lane0), ...f64Bytes(lane1)),
  f64x2Splat: (): Code => simd(0x14),
  i32x4ExtractLane: (lane: number): Code => simd(0x1b, lane),
  f64x2ExtractLane: (lane: number): Code => simd(0x21, lane),
  f64x2ReplaceLane: (lane: number): Code => simd(0x22, lane),
  f64x2Add: (): Code => simd(0xf0),
  f64x2Sub: (): Code => simd(0xf1),
  f64x2Mul: (): Code => simd(0xf2),
  f64x2Min: (): Code => simd(0xf4),
  /** Lanes 0-1 of the result: trunc of the two doubles (saturating), lanes 2-3 zero. */
  i32x4TruncSatF64x2SZero: (): Code => simd(0xfc),
  /** The two doubles of i32 lanes 0-1. */
  f64x2ConvertLowI32x4S: (): Code => simd(0xfe),
};

/** Concatenates instructions. */
export function code(...parts: Code[]): Code {
  return parts.flat();
}

function section(id: number, contents: number[]): number[] {
  return [id, ...uleb(contents.length), ...contents];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

/**
 * Encodes a module importing memory "m"."mem" (at least `memoryPages` pages of 64 KiB) and
 * exporting one function `exportName` with `i32Params` i32 then `f64Params` f64 parameters
 * (local indices 0 ..), no result or one f64 (`result`), then `i32Locals` i32, `f64Locals` f64
 * and `v128Locals` v128 locals (indices in that order), and `body` (the final `end` is added
 * here). Returns the module bytes; throws nothing (WebAssembly.Module validates them).
 */
export function encodeModule(options: {
  exportName: string;
  i32Params: number;
  f64Params?: number;
  result?: 'f64';
  i32Locals?: number;
  f64Locals?: number;
  v128Locals: number;
  body: Code;
  memoryPages: number;
}): Uint8Array<ArrayBuffer> {
  const { exportName, i32Params, f64Params = 0, result, i32Locals = 0, f64Locals = 0, v128Locals, body, memoryPages } = options;
  const I32 = 0x7f;
  const F64 = 0x7c;
  const V128 = 0x7b;
  const params = [...Array<number>(i32Params).fill(I32), ...Array<number>(f64Params).fill(F64)];
  const functionType = [0x60, ...uleb(params.length), ...params, ...(result ? [0x01, F64] : [0x00])];
  const groups = [
    [i32Locals, I32],
    [f64Locals, F64],
    [v128Locals, V128],
  ].filter(([count]) => count > 0);
  const locals = [...uleb(groups.length), ...groups.flatMap(([count, type]) => [...uleb(count), type])];
  const functionBody = [...locals, ...body, 0x0b];
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, [0x01, ...functionType]),
    ...section(2, [0x01, ...name('m'), ...name('mem'), 0x02, 0x00, ...uleb(memoryPages)]),
    ...section(3, [0x01, 0x00]),
    ...section(7, [0x01, ...name(exportName), 0x00, 0x00]),
    ...section(10, [0x01, ...uleb(functionBody.length), ...functionBody]),
  ]);
}

/** The function of a kernel module: everything encodeModule takes but its fixed export name and memory minimum. */
export type KernelShape = Omit<Parameters<typeof encodeModule>[0], 'exportName' | 'memoryPages'>;

const PAGE = 65536;

/**
 * Encodes and compiles a kernel module (its one function exported as `pass`, memory "m"."mem"
 * imported). @throws Error saying `what` needs WebAssembly SIMD when this JavaScript engine
 * refuses the module (Node >= 16.4 accepts it).
 */
export function compileKernel(what: string, shape: KernelShape): WebAssembly.Module {
  try {
    return new WebAssembly.Module(encodeModule({ exportName: 'pass', memoryPages: 1, ...shape }));
  } catch (e) {
    throw new Error(`${what} needs WebAssembly SIMD, which this JavaScript engine refused (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** A new memory of at least `bytes` (and at least one page). */
export function memoryOfBytes(bytes: number): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) });
}

/** Grows `memory` to hold at least `bytes` (typed-array views on it must then be made again). */
export function growTo(memory: WebAssembly.Memory, bytes: number): void {
  if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
}

/** The `pass` function of a compiled kernel, instantiated on `memory`. */
export function kernelFunction<F>(module: WebAssembly.Module, memory: WebAssembly.Memory): F {
  return new WebAssembly.Instance(module, { m: { mem: memory } }).exports.pass as F;
}
