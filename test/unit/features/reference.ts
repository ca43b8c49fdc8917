// Slow, direct structure functions for tests: straight from [Cubuk2015] Eqs. 1-2 (and
// [Schoenholz2018] Eq. 3) with Math.exp / Math.pow, on the brute-force neighbour pairs of
// test/unit/neighbors/helpers.ts. Shares no code with src/core/features.
import type { FeatureSpec } from '../../../src/core/features/spec';
import { bruteForce, type TestFrame } from '../neighbors/helpers';

/** Rows [centers.length][nFeatures] in the documented layout, angular pairs counted once each. */
export function slowStructureFunctions(frame: TestFrame, spec: FeatureSpec, centers: number[]): number[][] {
  const nS = spec.speciesNames.length;
  const radial = spec.radial;
  const angular = spec.angular;
  const rMax = Math.max(radial?.rCut ?? 0, angular?.rCut ?? 0);
  const pairs = bruteForce(frame, rMax, centers, true);
  const nMus = radial?.mus.length ?? 0;
  const nT = angular?.triples.length ?? 0;
  const blockOf = (y: number, z: number) => {
    const [a, b] = y <= z ? [y, z] : [z, y];
    let k = 0;
    for (let p = 0; p < nS; p++) for (let q = p; q < nS; q++, k++) if (p === a && q === b) return nS * nMus + k * nT;
    throw new Error('unreachable');
  };
  return pairs.map((list) => {
    const row = new Array(nS * nMus + ((nS * (nS + 1)) / 2) * nT).fill(0);
    for (const { j, v } of list) {
      const r = Math.hypot(...v);
      if (!radial || r >= radial.rCut) continue;
      radial.mus.forEach((mu, k) => {
        const w = radial.width;
        row[frame.species[j] * nMus + k] +=
          radial.convention === 'cubuk'
            ? Math.exp(-((r - mu) ** 2) / w ** 2)
            : Math.exp(-((r - mu) ** 2) / (2 * w ** 2)) / Math.sqrt(2 * Math.PI);
      });
    }
    if (angular) {
      const inside = list.filter(({ v }) => Math.hypot(...v) < angular.rCut);
      for (let p = 0; p < inside.length; p++) {
        for (let q = p + 1; q < inside.length; q++) {
          const u = inside[p].v;
          const w = inside[q].v;
          const rij = Math.hypot(...u);
          const rik = Math.hypot(...w);
          const rjk = Math.hypot(w[0] - u[0], w[1] - u[1], w[2] - u[2]);
          const cos = (u[0] * w[0] + u[1] * w[1] + u[2] * w[2]) / (rij * rik);
          const block = blockOf(frame.species[inside[p].j], frame.species[inside[q].j]);
          angular.triples.forEach(({ xi, zeta, lambda }, t) => {
            row[block + t] += Math.exp(-(rij ** 2 + rik ** 2 + rjk ** 2) / xi ** 2) * (1 + lambda * cos) ** zeta;
          });
        }
      }
    }
    return row;
  });
}
