import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/cli/report';
import type { CellOutput, SnapshotOutput } from '../../../src/core/lang/outputs';
import { decodeOutput } from '../../../src/protocol/outputMime';

const snapshot: SnapshotOutput = {
  kind: 'snapshot',
  title: 'snap',
  dimension: 2,
  positions: Float32Array.from([0, 0, 0, 1, 1, 0]),
  species: Uint8Array.from([0, 1]),
  speciesNames: ['A', 'B'],
  values: Float32Array.from([-1, 2]),
  valueName: 'S',
  cell: { origin: [0, 0, 0], a: [2, 0, 0], b: [0, 2, 0], c: [0, 0, 1] },
};
const outputs: CellOutput[] = [
  { kind: 'text', text: 'N = 2 <ok>' },
  { kind: 'table', title: 'bins', columns: ['S', 'P_R(S)'], rows: [[0.5, 0.0123456]] },
  { kind: 'plot', title: 'P_R(S)', figure: { data: [{ type: 'scatter', x: [1], y: [2] }], layout: {} } },
  snapshot,
];

describe('HTML report', () => {
  const html = renderReport(
    'demo <notebook>',
    [
      { kind: 'markdown', source: '# Quickstart\n\nUses `p_hop`.', outputs: [], error: null, seconds: 0 },
      { kind: 'code', source: 'x = load "<a>"', outputs, error: null, seconds: 1.5 },
      { kind: 'code', source: 'bad', outputs: [], error: '1:1: unknown statement', seconds: 0 },
    ],
    'const s = "</script>"; /* report script stub */',
    'body { color: red }',
  );

  it('escapes sources, renders markdown, text and errors, and inlines the script safely', () => {
    expect(html).toContain('<h1>demo &lt;notebook&gt;</h1>');
    expect(html).toContain('x = load &quot;&lt;a&gt;&quot;');
    expect(html).toContain('<h2>Quickstart</h2>');
    expect(html).toContain('<code>p_hop</code>');
    expect(html).toContain('<pre class="text">N = 2 &lt;ok&gt;</pre>');
    expect(html).toContain('<pre class="error">1:1: unknown statement</pre>');
    expect(html).toContain('<style>body { color: red }</style>');
    // The stub's "</script>" must not close the script element: one closing tag, at the end.
    expect(html).toContain('const s = "<\\/script>"; /* report script stub */');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });

  it('keeps table, plot and snapshot outputs as their notebook bytes, decodable to the same outputs', () => {
    const items = [...html.matchAll(/data-softness-mime="([^"]+)" data-softness-bytes="([^"]*)"/g)].map((m) =>
      decodeOutput(m[1], new Uint8Array(Buffer.from(m[2], 'base64'))),
    );
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual(outputs[1]);
    expect(items[1]).toEqual(outputs[2]);
    const snap = items[2] as SnapshotOutput;
    expect(Array.from(snap.positions)).toEqual([0, 0, 0, 1, 1, 0]);
    expect(Array.from(snap.values)).toEqual([-1, 2]);
    expect(Array.from(snap.species)).toEqual([0, 1]);
    expect(snap.cell).toEqual(snapshot.cell);
  });
});
