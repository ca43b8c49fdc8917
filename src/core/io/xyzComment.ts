import { parseDecimalText } from './parseNumber';

/** One `name:type:count` entry of an extended-XYZ `Properties=` key. */
export interface XyzProperty {
  readonly name: string;
  /** S string, R real, I integer, L logical. */
  readonly type: 'S' | 'R' | 'I' | 'L';
  readonly count: number;
}

/** What the comment (second) line of an XYZ frame says. */
export interface XyzComment {
  /** `Lattice="ax ay az bx by bz cx cy cz"`: cell vectors a, b, c; null when absent. */
  readonly lattice: readonly number[] | null;
  /** `Origin="x y z"` (OVITO) of the cell; null when absent. */
  readonly origin: readonly [number, number, number] | null;
  /** `pbc="T T T"`; null when absent. */
  readonly pbc: readonly [boolean, boolean, boolean] | null;
  /** `Properties=...` column layout; null when absent (plain XYZ, or extended without it). */
  readonly properties: readonly XyzProperty[] | null;
  /** `Timestep=` (preferred) or `Time=`; null when absent. */
  readonly timestep: number | null;
}

// key=value with "double", 'single' or {brace} quoting, or a bare word (free-text comments).
const PAIR = /([A-Za-z_][\w.-]*)\s*=\s*("[^"]*"|'[^']*'|\{[^}]*\}|\S+)|\S+/g;

/**
 * Parses an XYZ comment line in the extended-XYZ convention (libAtoms/ASE extxyz: keys
 * Lattice, Properties, pbc, Origin, Time, Timestep, case-insensitive). Free text without these
 * keys gives all nulls (plain XYZ). Calls `fail(what)` (which must throw) for a malformed
 * value of a known key: Lattice not 9 numbers, pbc not 3 of T/F, Origin not 3 numbers,
 * Properties not name:S|R|I|L:count triples, non-numeric Time/Timestep.
 */
export function parseXyzComment(text: string, fail: (what: string) => never): XyzComment {
  const values = new Map<string, string>();
  for (const match of text.matchAll(PAIR)) {
    if (match[1] === undefined) continue;
    const raw = match[2];
    const quoted = raw.length >= 2 && `"'{`.includes(raw[0]);
    values.set(match[1].toLowerCase(), (quoted ? raw.slice(1, -1) : raw).trim());
  }
  const numbers = (key: string, count: number): number[] | null => {
    const value = values.get(key);
    if (value === undefined) return null;
    const parsed = value.split(/\s+/).map(parseDecimalText);
    if (parsed.length !== count || !parsed.every(Number.isFinite)) fail(`expected ${count} numbers in ${key}="...", found '${value}'`);
    return parsed;
  };
  const origin = numbers('origin', 3);
  const time = numbers('timestep', 1) ?? numbers('time', 1);
  return {
    lattice: numbers('lattice', 9),
    origin: origin && [origin[0], origin[1], origin[2]],
    pbc: parsePbc(values.get('pbc'), fail),
    properties: parseProperties(values.get('properties'), fail),
    timestep: time?.[0] ?? null,
  };
}

function parsePbc(value: string | undefined, fail: (what: string) => never): [boolean, boolean, boolean] | null {
  if (value === undefined) return null;
  const flags = value.split(/\s+/).map((f) => (/^(t|true|1)$/i.test(f) ? true : /^(f|false|0)$/i.test(f) ? false : null));
  if (flags.length !== 3 || flags.includes(null)) fail(`expected pbc="T T T" (3 of T/F), found '${value}'`);
  return [flags[0]!, flags[1]!, flags[2]!];
}

function parseProperties(value: string | undefined, fail: (what: string) => never): XyzProperty[] | null {
  if (value === undefined) return null;
  const parts = value.split(':');
  const properties: XyzProperty[] = [];
  for (let i = 0; i + 2 < parts.length; i += 3) {
    const [name, type, count] = parts.slice(i, i + 3);
    if (!/^[SRIL]$/.test(type) || !/^[1-9]\d*$/.test(count) || name === '') break;
    properties.push({ name, type: type as XyzProperty['type'], count: Number(count) });
  }
  if (properties.length * 3 !== parts.length) {
    fail(`expected Properties=name:type:count:... with types S, R, I, L (e.g. species:S:1:pos:R:3), found '${value}'`);
  }
  return properties;
}
