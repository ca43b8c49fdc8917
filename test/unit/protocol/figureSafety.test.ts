import { describe, expect, it } from 'vitest';
import { pairCorrelationFigure } from '../../../webview/preview/frameFigures';
import { decodeOutput, encodeOutput, MIME } from '../../../src/protocol/outputMime';
import { safeFigure } from '../../../src/protocol/figureSafety';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

describe('safeFigure (no plot may load a URL)', () => {
  it('drops remote and relative image sources, keeps base64 raster data: URLs', () => {
    const figure = {
      data: [{ type: 'scatter', x: [1, 2], y: [3, 4], name: 'g(r)' }],
      layout: {
        title: { text: 'see https://example.org' },
        images: [
          { source: 'https://example.org/track.png', x: 0, y: 0 },
          { source: '//example.org/track.png' },
          { source: 'local.png' },
          { source: 'data:image/svg+xml;base64,PHN2Zz4=' },
          { source: PNG, x: 1 },
          { x: 2 },
        ],
        xaxis: { title: { text: 'r' } },
      },
    };
    expect(safeFigure(figure)).toEqual({
      data: [{ type: 'scatter', x: [1, 2], y: [3, 4], name: 'g(r)' }],
      layout: { title: { text: 'see https://example.org' }, images: [{ source: PNG, x: 1 }], xaxis: { title: { text: 'r' } } },
    });
  });

  it('leaves out traces that fetch (maps, geo, image) and the layout parts that load URLs, at any depth', () => {
    const figure = {
      data: [
        { y: [1] },
        { type: 'image', source: 'https://example.org/a.png' },
        { type: 'scattermap', lat: [0], lon: [0] },
        { type: 'scattergeo', lat: [0], lon: [0] },
        { type: 'choropleth', locations: ['FRA'], z: [1] },
        { type: 'bar', y: [2], marker: { pattern: { source: 'https://example.org/p.png' } } },
      ],
      layout: {
        map: { style: 'https://example.org/style.json' },
        mapbox: { style: 'open-street-map' },
        geo: { scope: 'europe' },
        template: { layout: { images: [{ source: 'https://example.org/t.png' }] } },
        annotations: [{ text: 'a' }],
      },
    };
    expect(safeFigure(figure)).toEqual({
      data: [{ y: [1] }, { type: 'bar', y: [2], marker: { pattern: {} } }],
      layout: { annotations: [{ text: 'a' }] },
    });
  });

  it("keeps the project's own figures as they are, and survives non-figures and deep nesting", () => {
    const figure = pairCorrelationFigure(
      { r: new Float32Array([1, 2]), pairs: [{ label: 'A-A', g: new Float32Array([0, 1]) }] },
      'frame 0',
    );
    expect(safeFigure(JSON.parse(JSON.stringify(figure)))).toEqual(JSON.parse(JSON.stringify(figure)));
    expect(safeFigure(null as never)).toEqual({ data: [], layout: {} });
    const curve = new Float64Array([0, 0.5, 1]);
    expect(safeFigure({ data: [{ x: curve, y: curve }], layout: {} }).data[0].x).toBe(curve);
    let deep: Record<string, unknown> = { source: 'https://example.org/x.png' };
    for (let k = 0; k < 10_000; k++) deep = { a: deep };
    expect(() => safeFigure({ data: [], layout: deep })).not.toThrow();
  });

  it('decodeOutput hands the renderer and the report only safe figures', () => {
    const item = encodeOutput({
      kind: 'plot',
      title: 'p',
      figure: {
        data: [{ type: 'image', source: 'https://example.org/a.png' }],
        layout: { images: [{ source: 'https://example.org/b.png' }] },
      },
    });
    expect(decodeOutput(MIME.plot, item.data)).toEqual({ kind: 'plot', title: 'p', figure: { data: [], layout: { images: [] } } });
  });
});
