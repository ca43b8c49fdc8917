/**
 * Typed reads of untrusted JSON (a `*.softness.json` file) that fail with the dotted path of the
 * offending field, e.g. `species[1].scaler.scale[7]: expected a finite number > 0, got 0`.
 */

/** A JSON field that is missing or has the wrong type/shape/value. `field` is its dotted path. */
export class ModelFieldError extends Error {
  constructor(
    readonly field: string,
    readonly what: string,
    readonly file?: string,
  ) {
    super(`${file ? `${file}: ` : ''}${field}: ${what}`);
    this.name = 'ModelFieldError';
  }
}

/** The value as a message shows it: short, and without serialising a (possibly huge or deep) object. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (Array.isArray(value)) return `an array of ${value.length} entries`;
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = typeof value === 'string' && value.length > 40 ? JSON.stringify(value.slice(0, 40)) : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The value as a plain object; throws ModelFieldError otherwise. */
export function readObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ModelFieldError(field, `expected an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/** The value as an array, optionally of exactly `length` entries; throws ModelFieldError otherwise. */
export function readArray(value: unknown, field: string, length?: number): unknown[] {
  if (!Array.isArray(value)) throw new ModelFieldError(field, `expected an array, got ${describe(value)}`);
  if (length !== undefined && value.length !== length) {
    throw new ModelFieldError(field, `expected ${length} entries, got ${value.length}`);
  }
  return value;
}

/** A string; throws ModelFieldError otherwise. */
export function readString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ModelFieldError(field, `expected a string, got ${describe(value)}`);
  return value;
}

/** A boolean; throws ModelFieldError otherwise. */
export function readBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new ModelFieldError(field, `expected true or false, got ${describe(value)}`);
  return value;
}

/**
 * A finite number within the optional bounds (`min`/`max` inclusive, `above` exclusive; `integer`
 * requires a safe integer, |n| <= 2^53 - 1, so that 1e308 is not taken for a count or a seed). Throws ModelFieldError saying what was expected.
 */
export function readNumber(
  value: unknown,
  field: string,
  bounds: { min?: number; max?: number; above?: number; integer?: boolean } = {},
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (bounds.min === undefined || value >= bounds.min) &&
    (bounds.max === undefined || value <= bounds.max) &&
    (bounds.above === undefined || value > bounds.above) &&
    (!bounds.integer || Number.isSafeInteger(value));
  if (!ok) {
    const limits: string[] = [];
    if (bounds.min !== undefined) limits.push(`>= ${bounds.min}`);
    if (bounds.above !== undefined) limits.push(`> ${bounds.above}`);
    if (bounds.max !== undefined) limits.push(`<= ${bounds.max}`);
    const kind = bounds.integer ? 'a finite integer' : 'a finite number';
    throw new ModelFieldError(field, `expected ${[kind, limits.join(' and ')].join(' ').trim()}, got ${describe(value)}`);
  }
  return value as number;
}

/** Like readNumber but null is allowed (a metric that was not measured). */
export function readNumberOrNull(value: unknown, field: string, bounds: Parameters<typeof readNumber>[2] = {}): number | null {
  return value === null ? null : readNumber(value, field, bounds);
}

/**
 * A Float64Array [length] from an array of finite numbers (each > 0 if `positive`); throws
 * ModelFieldError naming the first bad entry.
 */
export function readFloat64Array(value: unknown, field: string, length: number, positive = false): Float64Array {
  const list = readArray(value, field, length);
  const out = new Float64Array(length);
  for (let k = 0; k < length; k++) out[k] = readNumber(list[k], `${field}[${k}]`, positive ? { above: 0 } : {});
  return out;
}

/**
 * Whether objects and arrays in `json` nest deeper than `max` levels. Iterative, so that it cannot
 * overflow the stack on the very documents it guards against (JSON.parse accepts any depth, but
 * JSON.stringify, structuredClone and recursive readers do not).
 */
export function nestsDeeperThan(json: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: json, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
