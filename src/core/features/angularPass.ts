import { EXP_STEPS_PER_UNIT, expNegScaled } from './fastExp';
import type { AngularSpec } from './spec';

/**
 * Adds, for every triple t of the spec (spec order), the angular terms of the neighbour pairs
 * from .. to - 1 to row[o + t]:
 *   row[o + t] += sum_k exp(-sums[k] / xi_t^2) (1 + lambda_t coss[k])^zeta_t,
 * sums[k] = R_ij^2 + R_ik^2 + R_jk^2 and coss[k] = cos theta_jik of pair k (Float64Array [nPairs]).
 */
export type AngularPass = (sums: Float64Array, coss: Float64Array, from: number, to: number, row: Float64Array, o: number) => void;

export interface CompiledAngularPass {
  readonly pass: AngularPass;
  /** Exponentials evaluated per pair (near-equal xi share one, see SHARED_EXP_MAX). */
  readonly exponentials: number;
  /** The generated JavaScript, for inspection. */
  readonly source: string;
}

/**
 * Two xi share one exponential when |1/xi_1^2 - 1/xi_2^2| * S_max <= 2^-12, S_max = 6 rCut^2
 * the largest R_ij^2 + R_ik^2 + R_jk^2: the cubic series of the correction exp(-x) (|x| <=
 * 2^-12) then errs by < x^4/24 < 1.5e-16 relative, below double rounding.
 */
const SHARED_EXP_MAX = 2 ** -12;

/** Passes already generated, by source: each computation compiles its kernel, V8 optimises a pass once. */
const generated = new Map<string, AngularPass>();
/** Distinct triple tables kept at once (a session uses one or two). */
const GENERATED_MAX = 16;

/**
 * Compiles a (validated) AngularSpec into one straight-line JavaScript loop over pairs, built
 * with `new Function` from numbers only (the validated xi, zeta, lambda). Why generated code: per
 * pair, the 22 triples of the cubuk2015 table need 6 exponentials, 7 powers of 1 +- cos theta and
 * 22 multiply-adds; written out for the given table they all stay in registers, which made the
 * angular part ~40% faster than generic loops over tabulated factor rows (measured, 3D KA
 * sample). Any table works the same way.
 *
 * In the generated loop: one exponential per group of near-equal xi (SHARED_EXP_MAX; the
 * others in the group multiply it by the series correction); (1 + lambda cos)^zeta by repeated
 * squaring (zeta is an integer <= 1024, no Math.pow), each power shared by the triples that use
 * it; one accumulator per triple, added to the row once per call.
 * Accuracy: expNeg's < 1e-11 relative per term; powers add a few ulps per squaring.
 * Throws nothing for a validated spec.
 */
export function compileAngularPass(spec: AngularSpec): CompiledAngularPass {
  const body: string[] = [];
  const literal = (x: number) => `(${String(x)})`; // String() round-trips a double exactly
  let nFactors = 0;
  const define = (expression: string) => {
    const name = `f${nFactors++}`;
    body.push(`const ${name} = ${expression};`);
    return name;
  };
  // ladders.get(lambda)[k] = variable holding (1 + lambda cos)^(2^k).
  const ladders = new Map<number, string[]>();
  const powers = new Map<string, string>();
  const power = (lambda: number, zeta: number): string => {
    const key = `${lambda} ${zeta}`;
    const known = powers.get(key);
    if (known !== undefined) return known;
    const ladder = ladders.get(lambda) ?? [define(`1 + ${literal(lambda)} * c`)];
    ladders.set(lambda, ladder);
    while (2 ** ladder.length <= zeta) ladder.push(define(`${ladder[ladder.length - 1]} * ${ladder[ladder.length - 1]}`));
    let name = '';
    for (let k = 0; 2 ** k <= zeta; k++) {
      if (Math.floor(zeta / 2 ** k) % 2 === 1) name = name === '' ? ladder[k] : define(`${name} * ${ladder[k]}`);
    }
    powers.set(key, name);
    return name;
  };

  const sMax = 6 * spec.rCut * spec.rCut;
  const coefs = [...new Set(spec.triples.map((t) => 1 / (t.xi * t.xi)))];
  const bases: number[] = [];
  for (const c of coefs) if (!bases.some((b) => Math.abs(c - b) * sMax <= SHARED_EXP_MAX)) bases.push(c);
  bases.forEach((base, g) => {
    body.push(`const e${g} = expNegScaled(s * ${literal(base * EXP_STEPS_PER_UNIT)});`);
    const shifted = new Map<number, string>();
    spec.triples.forEach(({ xi, zeta, lambda }, t) => {
      const coef = 1 / (xi * xi);
      if (Math.abs(coef - base) * sMax > SHARED_EXP_MAX) return;
      let weight = `e${g}`;
      if (coef !== base) {
        weight = shifted.get(coef) ?? `e${g}_${shifted.size}`;
        if (!shifted.has(coef)) {
          body.push(`const x${weight} = ${literal(coef - base)} * s;`);
          body.push(`const ${weight} = e${g} * (1 - x${weight} * (1 - x${weight} * (0.5 - x${weight} * (1 / 6))));`);
          shifted.set(coef, weight);
        }
      }
      body.push(`a${t} += ${weight} * ${power(lambda, zeta)};`);
    });
  });

  const columns = spec.triples.map((_, t) => t);
  const source = [
    "'use strict';",
    'return function angularPass(sums, coss, from, to, row, o) {',
    `  let ${columns.map((t) => `a${t} = 0`).join(', ')};`,
    '  for (let k = from; k < to; k++) {',
    '    const s = sums[k];',
    '    const c = coss[k];',
    ...body.map((line) => `    ${line}`),
    '  }',
    ...columns.map((t) => `  row[o + ${t}] += a${t};`),
    '};',
  ].join('\n');
  let pass = generated.get(source);
  if (!pass) {
    if (generated.size >= GENERATED_MAX) generated.clear();
    pass = new Function('expNegScaled', source)(expNegScaled) as AngularPass;
    generated.set(source, pass);
  }
  return { pass, exponentials: bases.length, source };
}
