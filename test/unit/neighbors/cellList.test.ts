import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeBox, perpendicularWidths } from '../../../src/core/geometry/box';
import { buildNeighborList, forEachNeighborChunk } from '../../../src/core/neighbors/cellList';
import { bruteForce, cubicBox, firstMismatch, listPairs, randomFrame, rng, type TestFrame } from './helpers';

const all = (n: number) => Array.from({ length: n }, (_, i) => i);

function expectSame(frame: TestFrame, rCut: number, centers?: number[], allImages = false): void {
  const rows = centers ?? all(frame.n);
  const list = buildNeighborList(frame, rCut, centers ? Int32Array.from(centers) : undefined);
  expect(Array.from(list.centers)).toEqual(rows);
  expect(list.offsets.length).toBe(rows.length + 1);
  let worst = 0;
  for (let p = 0; p < list.distances.length; p++) {
    const r = Math.hypot(list.vectors[3 * p], list.vectors[3 * p + 1], list.vectors[3 * p + 2]);
    worst = Math.max(worst, Math.abs(list.distances[p] - r));
  }
  expect(worst).toBeLessThan(1e-12);
  expect(firstMismatch(bruteForce(frame, rCut, rows, allImages), listPairs(list))).toBeNull();
}

describe('buildNeighborList vs O(N^2) minimum-image brute force', () => {
  it('orthogonal periodic 3D', () => {
    const frame = randomFrame(cubicBox(8), 600, 3, 1);
    expectSame(frame, 2.5);
    // A realistic list is non-trivial: mean count ~ rho * 4/3 pi rc^3 = 600/512 * 65.4 = 76.7.
    const list = buildNeighborList(frame, 2.5);
    expect(list.distances.length / 600).toBeGreaterThan(65);
    expect(list.distances.length / 600).toBeLessThan(88);
  });

  it('strongly tilted triclinic 3D (xy = 0.45 lx, negative xz, yz)', () => {
    const box = makeBox({ lo: [1, -2, 0.5], lx: 9, ly: 10, lz: 11, xy: 0.45 * 9, xz: -2.5, yz: 3 });
    expect(Math.min(...perpendicularWidths(box))).toBeGreaterThan(2 * 3);
    expectSame(randomFrame(box, 700, 3, 2), 3);
  });

  it('strongly tilted triclinic 2D (z ignored, vectors have z = 0)', () => {
    const box = makeBox({ lo: [0, 0, -0.5], lx: 14, ly: 12, lz: 1, xy: -0.45 * 14 });
    const frame = randomFrame(box, 500, 2, 3);
    expectSame(frame, 3.2);
    const list = buildNeighborList(frame, 3.2);
    expect(list.vectors.filter((_, k) => k % 3 === 2).every((z) => z === 0)).toBe(true);
  });

  it('partially periodic cell (y not periodic, particles beyond the y faces)', () => {
    const box = makeBox({ lo: [0, 0, 0], lx: 9, ly: 7, lz: 8, xy: 2, periodic: [true, false, true] });
    const frame = randomFrame(box, 500, 3, 4);
    for (let i = 0; i < 50; i++) frame.positions[3 * i + 1] += i % 2 ? 3 : -3;
    expectSame(frame, 2.7);
  });

  it('open boundaries 3D and 2D (box null)', () => {
    const f3 = randomFrame(cubicBox(10), 600, 3, 5, false);
    expectSame({ ...f3, box: null }, 2.2);
    const f2 = randomFrame(cubicBox(20), 600, 2, 6, false);
    expectSame({ ...f2, box: null }, 1.9);
  });

  it('a subset of centers gives exactly those rows of the full list, in the given order', () => {
    const frame = randomFrame(makeBox({ lo: [0, 0, 0], lx: 9, ly: 9, lz: 9, xy: 4, yz: -1 }), 700, 3, 7);
    const centers = [613, 5, 5, 42, 0, 699, 300];
    expectSame(frame, 2.5, centers);
    const full = listPairs(buildNeighborList(frame, 2.5));
    const sub = listPairs(buildNeighborList(frame, 2.5, Int32Array.from(centers)));
    expect(sub).toEqual(centers.map((i) => full[i]));
  });

  it('rCut beyond half a width: every periodic image is listed (3D triclinic and 2D)', () => {
    const box = makeBox({ lo: [0, 0, 0], lx: 3, ly: 3.5, lz: 4, xy: 1.3, xz: 0.5, yz: -1 });
    expectSame(randomFrame(box, 12, 3, 8), 2.6, undefined, true);
    const box2 = makeBox({ lo: [0, 0, 0], lx: 2, ly: 2.5, lz: 1, xy: 0.9 });
    const f2 = randomFrame(box2, 6, 2, 9);
    expectSame(f2, 3.1, undefined, true);
    // A single particle in a 1x1x1 cube sees its own 6 face images at r = 1 < 1.2.
    const one = { n: 1, dimension: 3 as const, box: cubicBox(1), positions: Float64Array.of(0.1, 0.2, 0.3) };
    const self = buildNeighborList(one, 1.2);
    expect(Array.from(self.neighbors)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(self.distances).every((r) => Math.abs(r - 1) < 1e-12)).toBe(true);
  });

  it('dense cells (rCut / 2.5 wide, pruned stencil): orthogonal and tilted 3D, tilted 2D', () => {
    // > 20 particles per rCut-sized cell selects the small cells; pruning must lose no pair.
    expectSame(randomFrame(cubicBox(9), 1400, 3, 21), 3.5);
    const tilted = makeBox({ lo: [0, 0, 0], lx: 9, ly: 10, lz: 11, xy: 0.45 * 9, xz: -2.5, yz: 3 });
    expectSame(randomFrame(tilted, 1500, 3, 22), 3.5);
    const flat = makeBox({ lo: [0, 0, -0.5], lx: 20, ly: 18, lz: 1, xy: -0.45 * 20 });
    expectSame(randomFrame(flat, 900, 2, 23), 4);
  });

  it('property: dense random cells (small cells, pruned stencil, images) match brute force', () => {
    fc.assert(fc.property(randomCells({ min: 150, max: 300 }, { min: 3, max: 7 }, { min: 1.5, max: 4 }, false), matchesBruteForce), {
      numRuns: 40,
    });
  });

  it('property: random cells, tilts, periodicity, dimension and rCut match brute force', () => {
    fc.assert(fc.property(randomCells({ min: 0, max: 60 }, { min: 1.5, max: 8 }, { min: 0.3, max: 4 }, true), matchesBruteForce), {
      numRuns: 300,
    });
  });
});

interface Range {
  min: number;
  max: number;
}

/** Random particles in a random cell (edges, tilts up to 0.5, periodicity, 2D or 3D, open boundaries if `withOpen`) and an rCut. */
function randomCells(n: Range, edge: Range, rCut: Range, withOpen: boolean) {
  const double = (range: Range) => fc.double({ ...range, noNaN: true });
  const tilt = double({ min: -0.5, max: 0.5 });
  return fc.record({
    seed: fc.integer({ min: 1, max: 1e9 }),
    n: fc.integer(n),
    dim: fc.constantFrom<2 | 3>(2, 3),
    lengths: fc.tuple(double(edge), double(edge), double(edge)),
    tilts: fc.tuple(tilt, tilt, tilt),
    periodic: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
    open: withOpen ? fc.boolean() : fc.constant(false),
    rCut: double(rCut),
  });
}

function matchesBruteForce(c: {
  seed: number;
  n: number;
  dim: 2 | 3;
  lengths: [number, number, number];
  tilts: [number, number, number];
  periodic: [boolean, boolean, boolean];
  open: boolean;
  rCut: number;
}): boolean {
  const [lx, ly, lz] = c.lengths;
  const box = makeBox({
    lo: [-1, 0.5, 2],
    lx,
    ly,
    lz,
    xy: c.tilts[0] * lx,
    xz: c.dim === 3 ? c.tilts[1] * lx : 0,
    yz: c.dim === 3 ? c.tilts[2] * ly : 0,
    periodic: c.periodic,
  });
  const frame = randomFrame(box, c.n, c.dim, c.seed);
  const f = c.open ? { ...frame, box: null } : frame;
  return firstMismatch(bruteForce(f, c.rCut, all(c.n), true), listPairs(buildNeighborList(f, c.rCut))) === null;
}

describe('forEachNeighborChunk', () => {
  it('streams exactly the lists of buildNeighborList, chunk by chunk, through reused buffers', () => {
    const frame = randomFrame(makeBox({ lo: [0, 0, 0], lx: 8, ly: 9, lz: 8, xy: 3 }), 600, 3, 13);
    const centers = Int32Array.from({ length: 250 }, (_, k) => (k * 37) % 600);
    const full = listPairs(buildNeighborList(frame, 2.8, centers));
    const streamed: ReturnType<typeof listPairs> = [];
    const firsts: number[] = [];
    const buffers = new Set<ArrayBufferLike>();
    forEachNeighborChunk(frame, 2.8, centers, 64, (list, first) => {
      firsts.push(first);
      expect(Array.from(list.centers)).toEqual(Array.from(centers.subarray(first, first + 64)));
      streamed.push(...listPairs(list));
      buffers.add(list.vectors.buffer);
    });
    expect(firsts).toEqual([0, 64, 128, 192]);
    expect(streamed).toEqual(full);
    expect(buffers.size).toBeLessThan(4); // reused, grown at most twice
    expect(() => forEachNeighborChunk(frame, 2.8, centers, 0, () => {})).toThrow(/chunkSize/);
  });
});

describe('buildNeighborList input checks', () => {
  const frame = randomFrame(cubicBox(5), 20, 3, 10);
  it('rejects a bad rCut, naming it', () => {
    for (const r of [0, -1, NaN, Infinity]) expect(() => buildNeighborList(frame, r)).toThrow(/rCut/);
  });
  it('rejects centers outside [0, n)', () => {
    expect(() => buildNeighborList(frame, 1, Int32Array.of(3, 20))).toThrow(/centers\[1\] = 20/);
    expect(() => buildNeighborList(frame, 1, Int32Array.of(-1))).toThrow(RangeError);
  });
  it('rejects non-finite positions, naming the row', () => {
    const bad = { ...frame, positions: frame.positions.slice() };
    bad.positions[3 * 7 + 2] = NaN;
    expect(() => buildNeighborList(bad, 1)).toThrow(/row 7/);
  });
  it('rejects a positions array shorter than 3n', () => {
    expect(() => buildNeighborList({ ...frame, n: 21 }, 1)).toThrow(/3\*n/);
  });
});

describe('buildNeighborList speed', () => {
  it('N = 10^4, rCut = 5, density 1.2: pair count of an ideal gas, time logged', () => {
    const l = Math.cbrt(1e4 / 1.2);
    const frame = randomFrame(cubicBox(l), 10_000, 3, 11, false);
    buildNeighborList(frame, 5, Int32Array.of(0, 1)); // warm up the JIT
    const t0 = performance.now();
    const list = buildNeighborList(frame, 5);
    const ms = performance.now() - t0;
    // Mean neighbours of an ideal gas: rho * 4/3 pi rc^3 * (N-1)/N = 628.3.
    const mean = list.distances.length / 1e4;
    expect(mean).toBeGreaterThan(620);
    expect(mean).toBeLessThan(637);
    // Spot-check a few centers against brute force.
    const r = rng(12);
    const rows = [0, 1, 2].map(() => Math.floor(r() * 1e4));
    expect(firstMismatch(bruteForce(frame, 5, rows), listPairs(buildNeighborList(frame, 5, Int32Array.from(rows))))).toBeNull();
    console.log(`neighbour list N=1e4 rCut=5 rho=1.2: ${ms.toFixed(0)} ms, ${list.distances.length} pairs`);
    // Loose guard against an algorithmic regression only: on this VM ~0.9 s of ~1.4 s is the
    // first touch of the 250 MB output, and the 2 cores are shared, so no tight bound here.
    expect(ms).toBeLessThan(6000);
  });
});
