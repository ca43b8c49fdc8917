import { describe, expect, it } from 'vitest';
import type { CellOutput } from '../../../src/core/lang/outputs';
import { decodeOutput, encodeOutput, MIME } from '../../../src/protocol/outputMime';

describe('output MIME encoding', () => {
  it('round-trips text, plots, tables and binary snapshots', () => {
    const n = 5;
    const outputs: CellOutput[] = [
      { kind: 'text', text: 'P(S > 0 | R) = 0.744 — ok' },
      {
        kind: 'plot',
        title: 'P_R(S)',
        figure: { data: [{ type: 'scatter', x: [1, 2], y: [0.1, 0.2] }], layout: { yaxis: { type: 'log' } } },
      },
      {
        kind: 'table',
        title: 'bins',
        columns: ['S', 'P_R(S)'],
        rows: [
          [0.5, 0.01],
          [1.5, 0.02],
        ],
      },
      {
        kind: 'snapshot',
        title: 'frame 3',
        dimension: 3,
        positions: Float32Array.from({ length: 3 * n }, (_, k) => k * 0.5),
        species: Uint8Array.from([0, 1, 0, 0, 1]),
        speciesNames: ['A', 'B'],
        values: Float32Array.from([-1.5, 0, 2.25, NaN, 3]),
        valueName: 'S',
        cell: { origin: [0, 0, 0], a: [9.4, 0, 0], b: [0, 9.4, 0], c: [0, 0, 9.4] },
      },
    ];
    for (const output of outputs) {
      const item = encodeOutput(output);
      // Decode from an offset inside a larger buffer, as webviews may hand the bytes over.
      const padded = new Uint8Array(item.data.length + 3);
      padded.set(item.data, 3);
      expect(decodeOutput(item.mime, padded.subarray(3))).toEqual(output);
    }
  });

  it('sends a 100,000-particle snapshot as 17 bytes per particle plus a small header', () => {
    const n = 100_000;
    const item = encodeOutput({
      kind: 'snapshot',
      title: 't',
      dimension: 3,
      positions: new Float32Array(3 * n),
      species: new Uint8Array(n),
      speciesNames: ['A'],
      values: new Float32Array(n),
      valueName: 'S',
      cell: null,
    });
    expect(item.mime).toBe(MIME.snapshot);
    expect(item.data.length).toBeLessThan(17 * n + 256);
  });

  it('names the MIME type of malformed data', () => {
    expect(() => decodeOutput(MIME.table, new TextEncoder().encode('{'))).toThrow(/vnd.softness.table\+json: malformed JSON/);
    expect(() => decodeOutput(MIME.snapshot, new Uint8Array(2))).toThrow(/too short/);
    expect(() => decodeOutput('image/png', new Uint8Array(0))).toThrow(/unknown softness output type image\/png/);
  });
});
