import { describe, expect, it } from 'vitest';
import { StandardScaler } from '../../../src/core/learn/scaler';

describe('StandardScaler', () => {
  // 4 samples x 3 features; column 2 is constant.
  const X = Float32Array.from([1, 10, 5, 2, 20, 5, 3, 30, 5, 6, 60, 5]);

  it('learns population mean and std, scale 1 for a constant feature (hand-computed)', () => {
    const s = new StandardScaler().fit(X, 3);
    // column 0: mean 3, deviations -2,-1,0,3 -> var 14/4 = 3.5
    expect(Array.from(s.mean)).toEqual([3, 30, 5]);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(3.5), 14);
    expect(s.scale[1]).toBeCloseTo(10 * Math.sqrt(3.5), 12);
    expect(s.scale[2]).toBe(1);
    expect(s.nSamplesSeen).toBe(4);
  });

  it('transforms to zero mean, unit variance; constant feature centred to 0', () => {
    const s = new StandardScaler();
    const Z = s.fitTransform(X, 3);
    expect(Z[0]).toBeCloseTo(-2 / Math.sqrt(3.5), 6);
    expect(Z[9]).toBeCloseTo(3 / Math.sqrt(3.5), 6);
    for (let k = 0; k < 3; k++) {
      let m = 0;
      let v = 0;
      for (let i = 0; i < 4; i++) m += Z[i * 3 + k] / 4;
      for (let i = 0; i < 4; i++) v += (Z[i * 3 + k] - m) ** 2 / 4;
      expect(m).toBeCloseTo(0, 6);
      expect(v).toBeCloseTo(k === 2 ? 0 : 1, 6);
    }
    // Rows it has not seen use the training statistics.
    expect(Array.from(s.transform(Float32Array.from([3, 30, 7])))).toEqual([0, 0, 2]);
  });

  it('round-trips through JSON', () => {
    const s = new StandardScaler().fit(X, 3);
    const t = StandardScaler.fromJSON(JSON.parse(JSON.stringify(s.toJSON())), 3);
    expect(t.transform(X)).toEqual(s.transform(X));
  });

  it('names the bad input', () => {
    expect(() => new StandardScaler().fit(Float32Array.from([1, NaN, 3, 4]), 2)).toThrow(/row 0, feature 1/);
    expect(() => new StandardScaler().fit(X, 5)).toThrow(/nSamples x 5/);
    expect(() => new StandardScaler().transform(X)).toThrow(/before fit/);
    expect(() => new StandardScaler().fit(X, 3).transform(new Float32Array(4))).toThrow(/nSamples x 3/);
    expect(() => StandardScaler.fromJSON({ mean: [0, 0, 0], scale: [1, 0, 1], nSamplesSeen: 4 }, 3)).toThrow(/scaler\.scale\[1\]/);
    expect(() => StandardScaler.fromJSON({ mean: [0, 0], scale: [1, 1, 1], nSamplesSeen: 4 }, 3)).toThrow(
      /scaler\.mean: expected 3 entries/,
    );
  });
});
