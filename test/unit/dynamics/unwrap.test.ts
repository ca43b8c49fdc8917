import { describe, expect, it } from 'vitest';
import { makeBox, type Box } from '../../../src/core/geometry/box';
import { Unwrapper, unwrapPositions } from '../../../src/core/dynamics/unwrap';
import { makeFrame, rng, wrapInto } from './frames';

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
}

describe('unwrapPositions', () => {
  it('follows particles across the faces of an orthogonal periodic box', () => {
    const box = makeBox({ lo: [-5, -5, -5], lx: 10, ly: 10, lz: 10 });
    const nFrames = 60;
    const steps = [0.45, 0, 0, 0, -0.3, 0.2]; // particle 0 along +x, particle 1 along -y and +z
    const start = [4.0, 0, 0, 1, -4.5, 4.2];
    const truth = new Float64Array(nFrames * 6);
    const frames = [];
    for (let k = 0; k < nFrames; k++) {
      const wrapped = new Float64Array(6);
      for (let c = 0; c < 6; c++) truth[k * 6 + c] = wrapped[c] = start[c] + k * steps[c];
      wrapInto(box, wrapped, 0);
      wrapInto(box, wrapped, 3);
      frames.push(makeFrame(wrapped, box, { index: k }));
    }
    // The particles really crossed the faces (27 sigma along x), so this is not a no-op.
    expect(frames[nFrames - 1].positions[0]).toBeLessThan(5);
    expect(truth[(nFrames - 1) * 6]).toBeCloseTo(4 + 59 * 0.45, 12);
    expect(maxAbsDiff(unwrapPositions(frames), truth)).toBeLessThan(1e-12);
  });

  it('is exact in a sheared triclinic box whose tilt grows and flips (minimum image in the later box)', () => {
    const random = rng(7);
    const n = 50;
    const nFrames = 40;
    const l = 8;
    const rate = 0.05; // strain per frame: gamma reaches 2, so xy flips (LAMMPS flip) twice
    const boxAt = (k: number): Box => {
      const shift = rate * k * l;
      return makeBox({ lo: [0, 0, 0], lx: l, ly: l, lz: l, xy: shift - Math.round(shift / l) * l });
    };
    const wrapped = new Float64Array(3 * n);
    for (let k = 0; k < 3 * n; k++) wrapped[k] = random() * l;
    const truth = new Float64Array(nFrames * 3 * n);
    truth.set(wrapped);
    const frames = [makeFrame(wrapped.slice(), boxAt(0))];
    let flipped = false;
    for (let k = 1; k < nFrames; k++) {
      const box = boxAt(k);
      flipped ||= box.xy < boxAt(k - 1).xy;
      for (let i = 0; i < n; i++) {
        const o = 3 * i;
        // Affine shear of the in-cell copy plus a non-affine kick, then remap into the new cell.
        const step = [rate * wrapped[o + 1] + 0.2 * (random() - 0.5), 0.2 * (random() - 0.5), 0.2 * (random() - 0.5)];
        for (let a = 0; a < 3; a++) {
          wrapped[o + a] += step[a];
          truth[k * 3 * n + o + a] = truth[(k - 1) * 3 * n + o + a] + step[a];
        }
        wrapInto(box, wrapped, o);
      }
      frames.push(makeFrame(wrapped.slice(), box, { index: k }));
    }
    expect(flipped).toBe(true);
    expect(maxAbsDiff(unwrapPositions(frames), truth)).toBeLessThan(1e-9);
  });

  it('streams frame by frame to the same result, reusing one output buffer', () => {
    const box = makeBox({ lo: [0, 0, 0], lx: 3, ly: 3, lz: 3, xy: 0.5 });
    const random = rng(3);
    const frames = Array.from({ length: 10 }, (_, k) => {
      const p = Float64Array.from({ length: 12 }, () => random() * 3);
      return makeFrame(p, box, { index: k });
    });
    const batch = unwrapPositions(frames);
    const unwrapper = new Unwrapper();
    const buffer = new Float64Array(12);
    frames.forEach((frame, k) => {
      unwrapper.push(frame, buffer);
      expect(Array.from(buffer)).toEqual(Array.from(batch.subarray(12 * k, 12 * (k + 1))));
    });
  });

  it('uses the file unwrapped positions when every frame has them', () => {
    const box = makeBox({ lo: [0, 0, 0], lx: 2, ly: 2, lz: 2 });
    const frames = [0, 1].map((k) =>
      makeFrame(new Float64Array([0.5, 0.5, 0.5]), box, { index: k, unwrapped: new Float64Array([0.5 + 2 * k, 0.5, 0.5]) }),
    );
    expect(Array.from(unwrapPositions(frames))).toEqual([0.5, 0.5, 0.5, 2.5, 0.5, 0.5]);
  });

  it('rejects changing N, changing ids and mixed unwrapped columns, naming the frame', () => {
    const box = makeBox({ lo: [0, 0, 0], lx: 2, ly: 2, lz: 2 });
    const a = makeFrame(new Float64Array(6), box, { index: 0 });
    expect(() => unwrapPositions([a, makeFrame(new Float64Array(9), box, { index: 4 })])).toThrow(
      /frame 4 \(timestep 400\) has N = 3 particles, expected N = 2/,
    );
    expect(() => unwrapPositions([a, makeFrame(new Float64Array(6), box, { index: 2, ids: new Int32Array([1, 7]) })])).toThrow(
      /frame 2 .*atom id at row 1 is 7, expected 2/,
    );
    expect(() => unwrapPositions([a, makeFrame(new Float64Array(6), box, { index: 1, unwrapped: new Float64Array(6) })])).toThrow(
      /frame 1 .* has unwrapped positions but frame 0/,
    );
    expect(() => unwrapPositions([])).toThrow(/no frames/);
  });
});
