import { describe, expect, it } from 'vitest';
import { themedLayout, withAlpha } from '../../../webview/common/theme';

const dark = { foreground: '#cccccc', background: '#1e1e1e', fontFamily: 'Segoe WPC', fontSize: 13 };

describe('withAlpha', () => {
  it('converts hex and rgb() colours to rgba() and falls back to grey', () => {
    expect(withAlpha('#cccccc', 0.2)).toBe('rgba(204,204,204,0.2)');
    expect(withAlpha('#fa0', 0.5)).toBe('rgba(255,170,0,0.5)');
    expect(withAlpha('#11223344', 1)).toBe('rgba(17,34,51,1)');
    expect(withAlpha('rgb(1, 2, 3)', 0.1)).toBe('rgba(1,2,3,0.1)');
    expect(withAlpha('var(--x)', 0.3)).toBe('rgba(128,128,128,0.3)');
  });
});

describe('themedLayout', () => {
  it('colours background, font and every 2D axis, keeping the axis settings', () => {
    const layout = { title: { text: 'P_R(S)' }, xaxis: { title: { text: 'S' } }, yaxis: { type: 'log' }, yaxis2: { range: [0, 1] } };
    const out = themedLayout(layout, dark) as Record<string, Record<string, unknown>>;
    expect(out.paper_bgcolor).toBe('#1e1e1e');
    expect(out.font).toEqual({ color: '#cccccc', family: 'Segoe WPC', size: 13 });
    expect(out.yaxis).toEqual({
      type: 'log',
      color: '#cccccc',
      gridcolor: 'rgba(204,204,204,0.2)',
      zerolinecolor: 'rgba(204,204,204,0.2)',
      linecolor: 'rgba(204,204,204,0.2)',
    });
    expect(out.yaxis2.range).toEqual([0, 1]);
    expect(out.xaxis.title).toEqual({ text: 'S' });
    expect(layout.yaxis).toEqual({ type: 'log' });
  });
});
