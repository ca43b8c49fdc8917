import { describe, expect, it } from 'vitest';
import { makeBox } from '../../../src/core/geometry/box';
import { NEIGHBOR_LIMITS } from '../../../src/core/neighbors/cellGrid';
import { buildNeighborList, forEachNeighborChunk } from '../../../src/core/neighbors/cellList';
import { cubicBox, randomFrame } from './helpers';

/** Runs `search` and returns how long it took to throw (ms) and the error. */
function timedError(search: () => unknown): { ms: number; error: unknown } {
  const start = performance.now();
  try {
    search();
  } catch (error) {
    return { ms: performance.now() - start, error };
  }
  throw new Error('expected the neighbour search to throw');
}

describe('the neighbour search bounds what it allocates, before allocating', () => {
  it('a 2-atom cell with edges of 1e-300: a clear RangeError naming rCut, the cell and the limit, at once', () => {
    const box = makeBox({ lo: [0, 0, 0], lx: 1e-300, ly: 1e-300, lz: 1e-300 });
    const frame = { n: 2, dimension: 3 as const, box, positions: Float64Array.of(0, 0, 0, 5e-301, 5e-301, 5e-301) };
    const { ms, error } = timedError(() => buildNeighborList(frame, 2.5));
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toMatch(
      /^neighbour search: rCut = 2.5 sigma_AA needs Infinity cell offsets \(.* periodic images of a cell 1.00e-300 x 1.00e-300 x 1.00e-300 wide\); at most 1048576 are supported/,
    );
    expect(ms).toBeLessThan(100);
  });

  it('rCut = 1e4 in a 10-wide cell (a model with a huge cut-off)', () => {
    const frame = randomFrame(cubicBox(10), 50, 3, 1);
    const { error } = timedError(() => buildNeighborList(frame, 1e4));
    expect((error as Error).message).toMatch(
      /rCut = 10000 sigma_AA needs 8.0e\+9 cell offsets \(8.0e\+9 periodic images of a cell 10.0 x 10.0 x 10.0 wide\)/,
    );
    // 2D: the same rule over two axes.
    const flat = randomFrame(makeBox({ lo: [0, 0, -0.5], lx: 10, ly: 10, lz: 1 }), 50, 2, 2);
    expect(() => buildNeighborList(flat, 1e4)).toThrow(/rCut = 10000 sigma_AA needs 4.0e\+6 cell offsets .* cell 10.0 x 10.0 wide/);
  });

  it('too many pairs: refused from the estimate before testing pairs, for a list and for a streamed pass', () => {
    const frame = randomFrame(cubicBox(10), 3000, 3, 3);
    const { ms, error } = timedError(() => buildNeighborList(frame, 40));
    expect((error as Error).message).toMatch(
      /^neighbour search: rCut = 40 sigma_AA gives about 2.4\de\+9 neighbour pairs for 3000 centers .* at most 33554432 are supported in one list/,
    );
    expect(ms).toBeLessThan(500);
    const rows = (count: number) => Int32Array.from({ length: count }, (_, i) => i);
    expect(() => forEachNeighborChunk(frame, 50, rows(3000), 10, () => {})).toThrow(
      /rCut = 50 sigma_AA gives about 4.7\de\+9 neighbour pairs for 3000 centers .* at most 1073741824 are supported in one pass/,
    );
    expect(() => forEachNeighborChunk(frame, 50, rows(100), 100, () => {})).toThrow(/at most 33554432 are supported in one chunk/);
    expect(NEIGHBOR_LIMITS.pairsPerPass).toBeGreaterThan(NEIGHBOR_LIMITS.pairsPerList);
  });

  it('open-boundary positions spanning more than a double holds: a RangeError, not a NaN grid', () => {
    const frame = { n: 2, dimension: 3 as const, box: null, positions: Float64Array.of(-1e308, 0, 0, 1e308, 0, 0) };
    expect(() => buildNeighborList(frame, 2.5)).toThrow(/^neighbour search: the positions span Infinity x 0 x 0 \(sigma_AA\)/);
  });

  it('still lists every periodic image for an rCut of a few cell widths', () => {
    const frame = randomFrame(cubicBox(3), 20, 3, 4);
    const list = buildNeighborList(frame, 7);
    // ~20 particles x (4/3 pi 7^3) / 27 images per center.
    expect(list.distances.length / 20).toBeGreaterThan(900);
  });
});
