import { describe, expect, it } from 'vitest';
import { d2minTrainingSet, pHopTrainingSet, type TrainingSet } from '../../../src/core/learn/trainingSet';

const triples = (t: TrainingSet) => Array.from(t.frame, (f, e) => [f, t.particle[e], t.label[e]]);

describe('pHopTrainingSet ([Schoenholz2018] Sec. 3.1)', () => {
  const species = Uint8Array.from([0, 0, 1, 0, 1, 0]);
  const events = {
    particle: Int32Array.from([0, 1, 2, 3, 5, 0]),
    tStart: Int32Array.from([10, 5, 12, 1, 20, 30]),
    tEnd: Int32Array.from([14, 7, 15, 3, 25, 33]),
    tPeak: Int32Array.from([12, 6, 13, 2, 22, 31]),
    // e1 is below p_c, e5 is exactly p_c (not > p_c), e3 starts too early for the offset.
    pStar: Float32Array.from([0.9, 0.5, 0.9, 0.7, 0.61, 0.6]),
  };
  const windows = {
    particle: Int32Array.from([1, 3, 4, 5]),
    start: Int32Array.from([0, 3, 0, 22]),
    end: Int32Array.from([10, 6, 100, 30]),
  };
  const base = { events, windows, species, targetSpecies: 0, offsetFrames: 2, tauCFrames: 4, seed: 1 };

  it('takes soft environments at t_start - offset and hard ones at window-block middles', () => {
    const t = pHopTrainingSet({ ...base, nPerClass: 100 });
    // soft: e0 -> frame 8, e4 -> frame 18. hard blocks of 4 frames: particle 1 [0,4) [4,8) -> 1, 5;
    // particle 5 [22,26) [26,30) -> 23, 27; particle 3's window is too short.
    expect(t.counts).toEqual({ soft: { available: 2, used: 2 }, hard: { available: 4, used: 2 }, excluded: 1 });
    const soft = triples(t).filter((e) => e[2] === 1);
    expect(soft).toEqual([
      [8, 0, 1],
      [18, 5, 1],
    ]);
    const candidates = ['1,1', '5,1', '23,5', '27,5'];
    const hard = triples(t).filter((e) => e[2] === -1);
    expect(hard.length).toBe(2);
    for (const [f, p] of hard) expect(candidates).toContain(`${f},${p}`);
    // Sorted by (frame, particle).
    const keys = triples(t).map(([f, p]) => f * 100 + p);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  it('middle of an odd block, the other species, p_c and seeded sampling', () => {
    const t = pHopTrainingSet({ ...base, targetSpecies: 1, tauCFrames: 5, nPerClass: 1, pC: 0.8 });
    // soft: e2 (particle 2, t_start 12) -> 10; hard: particle 4 blocks [0,5), [5,10), ... -> 2, 7, ..., 97.
    expect(t.counts).toEqual({ soft: { available: 1, used: 1 }, hard: { available: 20, used: 1 }, excluded: 0 });
    expect(triples(t).find((e) => e[2] === 1)).toEqual([10, 2, 1]);
    const hardFrame = triples(t).find((e) => e[2] === -1)![0];
    expect((hardFrame - 2) % 5).toBe(0);
    const again = pHopTrainingSet({ ...base, targetSpecies: 1, tauCFrames: 5, nPerClass: 1, pC: 0.8 });
    expect(triples(again)).toEqual(triples(t));
    // Every block middle is picked about equally often over seeds.
    const hits = new Map<number, number>();
    for (let seed = 0; seed < 2000; seed++) {
      const s = pHopTrainingSet({ ...base, targetSpecies: 1, tauCFrames: 5, nPerClass: 1, pC: 0.8, seed });
      const f = triples(s).find((e) => e[2] === -1)![0];
      hits.set(f, (hits.get(f) ?? 0) + 1);
    }
    expect(hits.size).toBe(20);
    for (const c of hits.values()) expect(Math.abs(c - 100)).toBeLessThan(45); // binomial sd ~9.7
  });

  it('names bad input', () => {
    expect(() => pHopTrainingSet({ ...base, nPerClass: 0 })).toThrow(/nPerClass/);
    expect(() => pHopTrainingSet({ ...base, nPerClass: 1, tauCFrames: 0 })).toThrow(/tauCFrames/);
    expect(() => pHopTrainingSet({ ...base, nPerClass: 1, offsetFrames: -1 })).toThrow(/offsetFrames/);
    expect(() => pHopTrainingSet({ ...base, nPerClass: 1, events: { ...events, pStar: new Float32Array(2) } })).toThrow(
      /events\.pStar has 2 entries but events\.particle has 6/,
    );
    expect(() => pHopTrainingSet({ ...base, nPerClass: 1, events: { ...events, particle: Int32Array.from([0, 1, 2, 3, 9, 0]) } })).toThrow(
      /events\.particle\[4\] = 9/,
    );
    expect(() => pHopTrainingSet({ ...base, nPerClass: 1, windows: { ...windows, end: Int32Array.from([10, 2, 100, 30]) } })).toThrow(
      /windows\[1\]/,
    );
    expect(() => pHopTrainingSet({ ...base, nPerClass: 1, events: { ...events, pStar: Float32Array.from([NaN, 0, 0, 0, 0, 0]) } })).toThrow(
      /events\.pStar\[0\] = NaN/,
    );
  });
});

describe('d2minTrainingSet ([Cubuk2015])', () => {
  const species = Uint8Array.from([0, 0, 0, 1]);
  const referenceFrames = Int32Array.from([0, 10, 20]);
  // prettier-ignore
  const d2min = Float64Array.from([0.5, 0.1, NaN, 0.9, 0.05, 0.3, 0.28, 2.0, 0.2, 0.01, 0.6, 0.0]);
  const base = { d2min, referenceFrames, species, targetSpecies: 0, softThreshold: 0.28, seed: 3 };

  it('soft: D2min >= threshold, hard: below the hard threshold, at the reference frame', () => {
    const t = d2minTrainingSet({ ...base, hardThreshold: 0.1, nPerClass: 5 });
    expect(t.counts).toEqual({ soft: { available: 4, used: 2 }, hard: { available: 2, used: 2 }, excluded: 1 });
    expect(triples(t).filter((e) => e[2] === -1)).toEqual([
      [10, 0, -1],
      [20, 1, -1],
    ]);
    const softCandidates = ['0,0', '10,1', '10,2', '20,2'];
    for (const [f, p, l] of triples(t)) if (l === 1) expect(softCandidates).toContain(`${f},${p}`);
  });

  it('hard threshold defaults to the soft one ("otherwise hard")', () => {
    const t = d2minTrainingSet({ ...base, nPerClass: 4 });
    expect(t.counts).toEqual({ soft: { available: 4, used: 4 }, hard: { available: 4, used: 4 }, excluded: 1 });
    expect(triples(t)).toEqual([
      [0, 0, 1],
      [0, 1, -1],
      [10, 0, -1],
      [10, 1, 1],
      [10, 2, 1],
      [20, 0, -1],
      [20, 1, -1],
      [20, 2, 1],
    ]);
  });

  it('names bad input', () => {
    expect(() => d2minTrainingSet({ ...base, nPerClass: 1, d2min: new Float64Array(11) })).toThrow(
      /\[3 intervals x 4 particles\] = 12 values, got 11/,
    );
    expect(() => d2minTrainingSet({ ...base, nPerClass: 1, hardThreshold: 0.5 })).toThrow(/hardThreshold/);
    expect(() => d2minTrainingSet({ ...base, nPerClass: 1, softThreshold: 0 })).toThrow(/softThreshold/);
    const negative = d2min.slice();
    negative[6] = -0.1;
    expect(() => d2minTrainingSet({ ...base, nPerClass: 1, d2min: negative })).toThrow(/d2min\[interval 1, particle 2\] = -0.1/);
  });
});
