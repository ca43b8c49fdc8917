// Test helpers: seeded random configurations and an O(N^2) brute-force neighbour reference that
// shares no code with the cell list (it uses box.ts minimumImage plus explicit image sums).
import { makeBox, minimumImage, perpendicularWidths, type Box } from '../../../src/core/geometry/box';
import type { NeighborList } from '../../../src/core/neighbors/cellList';

export interface TestFrame {
  n: number;
  dimension: 2 | 3;
  box: Box | null;
  positions: Float64Array;
  species: Uint8Array;
}

/** Mulberry32: small seeded PRNG so failures are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * n random particles in `box` (fractional coordinates uniform, then a random lattice image
 * added on periodic axes when `scatter`, to exercise wrapping), species 0/1 in ratio 80:20.
 */
export function randomFrame(box: Box, n: number, dimension: 2 | 3, seed: number, scatter = true): TestFrame {
  const r = rng(seed);
  const positions = new Float64Array(3 * n);
  const species = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = [r(), r(), dimension === 3 ? r() : 0];
    for (let a = 0; a < 3; a++) {
      if (scatter && box.periodic[a] && (dimension === 3 || a < 2)) s[a] += Math.floor(r() * 5) - 2;
    }
    positions[3 * i] = box.lo[0] + s[0] * box.lx + s[1] * box.xy + s[2] * box.xz;
    positions[3 * i + 1] = box.lo[1] + s[1] * box.ly + s[2] * box.yz;
    positions[3 * i + 2] = dimension === 3 ? box.lo[2] + s[2] * box.lz : 0.5;
    species[i] = r() < 0.8 ? 0 : 1;
  }
  return { n, dimension, box, positions, species };
}

export function cubicBox(l: number, extra: Partial<Parameters<typeof makeBox>[0]> = {}): Box {
  return makeBox({ lo: [-l / 2, -l / 2, -l / 2], lx: l, ly: l, lz: l, ...extra });
}

export interface Pair {
  j: number;
  v: [number, number, number];
}

/**
 * Brute force: all j with 0 < r < rCut for each center, by the minimum image (box.ts); with
 * `allImages`, every periodic image is enumerated explicitly around it. Sorted for comparison.
 */
export function bruteForce(frame: TestFrame, rCut: number, centers: number[], allImages = false): Pair[][] {
  const { box, positions, dimension } = frame;
  const widths = box ? perpendicularWidths(box) : [1, 1, 1];
  const range = [0, 1, 2].map((a) => (allImages && box?.periodic[a] && (dimension === 3 || a < 2) ? Math.ceil(rCut / widths[a]) + 1 : 0));
  const d = new Float64Array(3);
  return centers.map((i) => {
    const out: Pair[] = [];
    for (let j = 0; j < frame.n; j++) {
      for (let a = 0; a < 3; a++) d[a] = positions[3 * j + a] - positions[3 * i + a];
      if (dimension === 2) d[2] = 0;
      if (box) minimumImage(dimension === 2 ? { ...box, periodic: [box.periodic[0], box.periodic[1], false] } : box, d);
      for (let u = -range[0]; u <= range[0]; u++) {
        for (let v = -range[1]; v <= range[1]; v++) {
          for (let w = -range[2]; w <= range[2]; w++) {
            const b = box!;
            const x = d[0] + (u ? u * b.lx : 0) + (v ? v * b.xy : 0) + (w ? w * b.xz : 0);
            const y = d[1] + (v ? v * b.ly : 0) + (w ? w * b.yz : 0);
            const z = d[2] + (w ? w * b.lz : 0);
            const r2 = x * x + y * y + z * z;
            if (r2 > 0 && r2 < rCut * rCut) out.push({ j, v: [x, y, z] });
          }
        }
      }
    }
    return sortPairs(out);
  });
}

/** The cell list's pairs per center, sorted like bruteForce. */
export function listPairs(list: NeighborList): Pair[][] {
  return Array.from(list.centers, (_, c) => {
    const out: Pair[] = [];
    for (let p = list.offsets[c]; p < list.offsets[c + 1]; p++) {
      out.push({ j: list.neighbors[p], v: [list.vectors[3 * p], list.vectors[3 * p + 1], list.vectors[3 * p + 2]] });
    }
    return sortPairs(out);
  });
}

function sortPairs(pairs: Pair[]): Pair[] {
  const key = (p: Pair) => [p.j, Math.round(p.v[0] * 1e6), Math.round(p.v[1] * 1e6), Math.round(p.v[2] * 1e6)];
  return pairs.sort((p, q) => {
    const a = key(p);
    const b = key(q);
    for (let k = 0; k < 4; k++) if (a[k] !== b[k]) return a[k] - b[k];
    return 0;
  });
}

/** Compares pair sets exactly (rows) and vectors to `tol`; returns the first mismatch or null. */
export function firstMismatch(expected: Pair[][], actual: Pair[][], tol = 1e-9): string | null {
  if (expected.length !== actual.length) return `center count ${expected.length} vs ${actual.length}`;
  for (let c = 0; c < expected.length; c++) {
    const e = expected[c];
    const a = actual[c];
    if (e.length !== a.length) return `center ${c}: ${e.length} pairs expected, got ${a.length}`;
    for (let p = 0; p < e.length; p++) {
      if (e[p].j !== a[p].j) return `center ${c} pair ${p}: j ${e[p].j} vs ${a[p].j}`;
      for (let k = 0; k < 3; k++) {
        if (Math.abs(e[p].v[k] - a[p].v[k]) > tol) return `center ${c} pair ${p}: v ${e[p].v} vs ${a[p].v}`;
      }
    }
  }
  return null;
}
