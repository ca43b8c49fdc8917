import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/cli/report';

describe('HTML report', () => {
  it('inlines plotly, escapes sources, draws plots and snapshots, shows tables and errors', () => {
    const html = renderReport(
      'demo <notebook>',
      [
        { kind: 'markdown', source: '# Quickstart\n\nUses `p_hop`.', outputs: [], error: null, seconds: 0 },
        {
          kind: 'code',
          source: 'x = load "<a>"',
          outputs: [
            { kind: 'text', text: 'N = 2' },
            { kind: 'table', title: 'bins', columns: ['S', 'P_R(S)'], rows: [[0.5, 0.0123456]] },
            { kind: 'plot', title: 'P_R(S)', figure: { data: [{ type: 'scatter', x: [1], y: [2] }], layout: {} } },
            {
              kind: 'snapshot',
              title: 'snap',
              dimension: 2,
              positions: Float32Array.from([0, 0, 0, 1, 1, 0]),
              species: Uint8Array.from([0, 1]),
              speciesNames: ['A', 'B'],
              values: Float32Array.from([-1, 2]),
              valueName: 'S',
              cell: { origin: [0, 0, 0], a: [2, 0, 0], b: [0, 2, 0], c: [0, 0, 1] },
            },
          ],
          error: null,
          seconds: 1.5,
        },
        { kind: 'code', source: 'bad', outputs: [], error: '1:1: unknown statement', seconds: 0 },
      ],
      '/* plotly stub */',
    );
    expect(html).toContain('/* plotly stub */');
    expect(html).toContain('<h1>demo &lt;notebook&gt;</h1>');
    expect(html).toContain('x = load &quot;&lt;a&gt;&quot;');
    expect(html).toContain('<h2>Quickstart</h2>');
    expect(html).toContain('<code>p_hop</code>');
    expect(html).toContain('<td>0.01235</td>');
    expect(html.match(/Plotly.newPlot/g)).toHaveLength(2);
    expect(html).toContain('"type":"scattergl"');
    expect(html).toContain('<pre class="error">1:1: unknown statement</pre>');
  });
});
