import { describe, expect, it } from 'vitest';
import { featureNames } from '../../../src/core/features/names';
import type { FeatureSpec } from '../../../src/core/features/spec';
import { computeStructureFunctions } from '../../../src/core/features/structureFunctions';
import { modelFromJSON, softness, type SoftnessModel } from '../../../src/core/learn/model';
import { MAX_CUTOFF_OVER_WIDTH, MAX_MODEL_CUTOFF } from '../../../src/core/learn/featureSpecJson';
import { MAX_WEIGHT_GRID, MAX_WEIGHT_GRID_WORK, modelWeights } from '../../../src/core/learn/weightFunction';
import { buildNeighborList } from '../../../src/core/neighbors/cellList';
import { cubicBox, randomFrame } from '../neighbors/helpers';

const SVM = { C: 1, loss: 'hinge', tol: 1e-4, maxIter: 1000, interceptScaling: 1, shrinking: true, seed: 0, nIter: 10, converged: true };
const PROVENANCE = { inputs: [], frames: [0], seeds: {}, parameters: {}, codeVersion: 'test', createdAt: '2026-01-01T00:00:00Z' };

/** A model file for `spec` with the given per-species weights, scaler and intercept. */
function modelOf(
  spec: FeatureSpec,
  entries: Array<{ species: string; w: number[]; mean: number[]; scale: number[]; b: number }>,
): SoftnessModel {
  return modelFromJSON({
    version: 1,
    featureSpec: spec,
    featureNames: featureNames(spec),
    species: entries.map((e) => ({
      species: e.species,
      scaler: { mean: e.mean, scale: e.scale, nSamplesSeen: 10 },
      ...SVM,
      w: e.w,
      b: e.b,
      trainingCounts: { soft: 5, hard: 5 },
      cvAccuracy: null,
      testAccuracy: null,
    })),
    metrics: {},
    provenance: PROVENANCE,
  });
}

describe('modelWeights: hand-computed cases', () => {
  it("'cubuk' radial functions: w(r) = sum_k (w_k/scale_k) exp(-(r-mu_k)^2/L^2), intercept b - sum w_k mean_k/scale_k", () => {
    const spec: FeatureSpec = { speciesNames: ['A'], radial: { mus: [1, 2], width: 0.5, convention: 'cubuk', rCut: 3 }, angular: null };
    const weights = modelWeights(modelOf(spec, [{ species: 'A', w: [2, -1], mean: [0.3, 0.5], scale: [2, 4], b: 0.7 }]), { dr: 0.5 });
    expect(Array.from(weights.r)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(weights.radialCut).toBe(3);
    const [a] = weights.species;
    expect(a.intercept).toBeCloseTo(0.7 - (2 * 0.3) / 2 - (-1 * 0.5) / 4, 14); // 0.525
    expect(Array.from(a.radial[0].standardized)).toEqual([2, -1]);
    // r = 1: 1 * e^0 - 0.25 * e^-4; r = 1.5: 1 * e^-1 - 0.25 * e^-1; r = 2: e^-4 - 0.25.
    expect(a.radial[0].perNeighbor[2]).toBeCloseTo(1 - 0.25 * Math.exp(-4), 14);
    expect(a.radial[0].perNeighbor[3]).toBeCloseTo(0.75 * Math.exp(-1), 14);
    expect(a.radial[0].perNeighbor[4]).toBeCloseTo(Math.exp(-4) - 0.25, 14);
    expect(a.angular).toEqual([]);
    // mean_k / prefactor = 0.3 and 0.5 neighbours: below 1, so a quarter of the largest (0.125) decides.
    expect(a.radial[0].denseFrom).toBe(1);
  });

  it('denseFrom: the first mu whose Gaussian held on average one neighbour in training', () => {
    const spec: FeatureSpec = {
      speciesNames: ['A'],
      radial: { mus: [0.5, 0.8, 1.0, 1.2], width: 0.1, convention: 'schoenholz', rCut: 3 },
      angular: null,
    };
    const p = 1 / Math.sqrt(2 * Math.PI);
    const entry = { species: 'A', w: [1, 1, 1, 1], scale: [1, 1, 1, 1], b: 0 };
    expect(modelWeights(modelOf(spec, [{ ...entry, mean: [1e-9, 0.5 * p, 1.1 * p, 3 * p] }])).species[0].radial[0].denseFrom).toBe(1.0);
    expect(modelWeights(modelOf(spec, [{ ...entry, mean: [0, 0, 0, 0] }])).species[0].radial[0].denseFrom).toBeNull();
  });

  it("'schoenholz' radial functions carry 1/sqrt(2 pi) and 2 sigma^2; two neighbour species split the columns", () => {
    const spec: FeatureSpec = {
      speciesNames: ['A', 'B'],
      radial: { mus: [1], width: 0.1, convention: 'schoenholz', rCut: 2 },
      angular: null,
    };
    const weights = modelWeights(modelOf(spec, [{ species: 'B', w: [3, -2], mean: [0, 0], scale: [1, 0.5], b: 0 }]), { dr: 0.05 });
    const [b] = weights.species;
    expect(b.species).toBe('B');
    expect(b.radial.map((x) => x.neighbor)).toEqual(['A', 'B']);
    const at = (k: number) => Math.exp(-((0.05 * k - 1) ** 2) / (2 * 0.01)) / Math.sqrt(2 * Math.PI);
    expect(b.radial[0].perNeighbor[20]).toBeCloseTo(3 / Math.sqrt(2 * Math.PI), 14);
    expect(b.radial[0].perNeighbor[22]).toBeCloseTo(3 * at(22), 14);
    expect(b.radial[1].perNeighbor[22]).toBeCloseTo(-4 * at(22), 14);
  });

  it('angular weights by species pair and triple, standardised and per unit of Psi', () => {
    const spec: FeatureSpec = {
      speciesNames: ['A', 'B'],
      radial: null,
      angular: {
        triples: [
          { xi: 1.2, zeta: 1, lambda: 1 },
          { xi: 2.5, zeta: 2, lambda: -1 },
        ],
        rCut: 2.5,
      },
    };
    const weights = modelWeights(
      modelOf(spec, [{ species: 'A', w: [1, 2, 3, 4, 5, 6], mean: [0, 0, 0, 0, 0, 0], scale: [1, 2, 1, 4, 1, 8], b: 0 }]),
    );
    expect(weights.r.length).toBe(0);
    expect(weights.radialCut).toBeNull();
    expect(weights.species[0].angular.map((a) => [a.pair, a.xi, a.zeta, a.lambda, a.standardized, a.perUnit])).toEqual([
      ['AA', 1.2, 1, 1, 1, 1],
      ['AA', 2.5, 2, -1, 2, 1],
      ['AB', 1.2, 1, 1, 3, 3],
      ['AB', 2.5, 2, -1, 4, 1],
      ['BB', 1.2, 1, 1, 5, 5],
      ['BB', 2.5, 2, -1, 6, 0.75],
    ]);
  });
});

describe('modelWeights: S_i = intercept + sum_j w(R_ij) ([Cubuk2016] Eq. 6.14), exactly', () => {
  it('reproduces the softness of every particle of a random two-species frame', () => {
    const spec: FeatureSpec = {
      speciesNames: ['A', 'B'],
      radial: { mus: [0.8, 1.0, 1.2, 1.5, 2.0], width: 0.2, convention: 'cubuk', rCut: 2.5 },
      angular: null,
    };
    const frame = randomFrame(cubicBox(7), 400, 3, 5);
    const m = featureNames(spec).length;
    const ws = [0, 1].map((s) => Array.from({ length: m }, (_, k) => Math.sin(3 * k + s)));
    const model = modelOf(
      spec,
      ['A', 'B'].map((species, s) => ({
        species,
        w: ws[s],
        mean: ws[s].map((_, k) => 0.2 * k),
        scale: ws[s].map((_, k) => 0.5 + 0.1 * k),
        b: 0.3 - s,
      })),
    );
    const S = softness(model, computeStructureFunctions(frame, spec).values, frame.species);
    // Evaluate w(r) directly at each neighbour distance: a 1-point grid at that r.
    const list = buildNeighborList(frame, 2.5);
    let worst = 0;
    for (let i = 0; i < frame.n; i++) {
      const x = frame.species[i];
      const entry = modelWeights(model).species[x];
      let s = entry.intercept;
      for (let p = list.offsets[i]; p < list.offsets[i + 1]; p++) {
        const R = list.distances[p];
        const y = frame.species[list.neighbors[p]];
        const perNeighbor = modelWeights(model, { dr: R }).species[x].radial[y].perNeighbor;
        s += perNeighbor[1] ?? 0; // r = [0, R] when R < rCut
      }
      worst = Math.max(worst, Math.abs(s - S[i]));
    }
    // S is float32 and the features are accumulated with a fast exp; 1e-4 absolute on |S| ~ 10.
    expect(worst).toBeLessThan(1e-4);
    expect(Math.max(...Array.from(S, Math.abs))).toBeGreaterThan(1);
  });
});

describe('modelWeights: bad input', () => {
  const spec: FeatureSpec = { speciesNames: ['A'], radial: { mus: [1, 2], width: 0.5, convention: 'cubuk', rCut: 3 }, angular: null };
  const model = modelOf(spec, [{ species: 'A', w: [1, 1], mean: [0, 0], scale: [1, 1], b: 0 }]);
  it('refuses featureNames that do not follow the featureSpec', () => {
    expect(() => modelWeights({ ...model, featureNames: ['G_A(1.00)', 'G_A(2.50)'] })).toThrow(
      /column 1 is "G_A\(2.50\)", the spec gives "G_A\(2.00\)"/,
    );
  });
  it('refuses an invalid featureSpec and a bad dr', () => {
    expect(() => modelWeights({ ...model, featureSpec: { ...spec, radial: { ...spec.radial!, width: -1 } } })).toThrow(
      /radial.width must be a finite positive length/,
    );
    expect(() => modelWeights(model, { dr: 0 })).toThrow(/dr must be a finite positive length/);
  });
});

describe('modelWeights: bounded work for any model file', () => {
  it('coarsens the w(r) grid of a huge rCut / tiny width to at most MAX_WEIGHT_GRID radii, quickly', () => {
    const spec: FeatureSpec = {
      speciesNames: ['A'],
      radial: { mus: [1, 2], width: MAX_MODEL_CUTOFF / MAX_CUTOFF_OVER_WIDTH, convention: 'cubuk', rCut: MAX_MODEL_CUTOFF },
      angular: null,
    };
    const started = performance.now();
    const weights = modelWeights(modelOf(spec, [{ species: 'A', w: [2, -1], mean: [0.3, 0.5], scale: [2, 4], b: 0.7 }]));
    expect(weights.r.length).toBeLessThanOrEqual(MAX_WEIGHT_GRID);
    expect(weights.r[weights.r.length - 1]).toBeLessThan(MAX_MODEL_CUTOFF);
    expect(weights.r[weights.r.length - 1]).toBeGreaterThan(MAX_MODEL_CUTOFF * 0.99);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('keeps all curves together under MAX_WEIGHT_GRID_WORK evaluations for a model with many radial features', () => {
    const mus = Array.from({ length: 20_000 }, (_, k) => k * 1e-3);
    const spec: FeatureSpec = { speciesNames: ['A'], radial: { mus, width: 0.1, convention: 'cubuk', rCut: 20 }, angular: null };
    const ones = mus.map(() => 1);
    const weights = modelWeights(modelOf(spec, [{ species: 'A', w: ones, mean: ones, scale: ones, b: 0 }]));
    expect(weights.r.length * mus.length).toBeLessThanOrEqual(MAX_WEIGHT_GRID_WORK);
    expect(weights.species[0].radial[0].perNeighbor.every(Number.isFinite)).toBe(true);
  });
});
