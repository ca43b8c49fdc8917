import { describe, expect, it } from 'vitest';
import { hoverAt } from '../../../../src/extension/language/analysis';

const CELL = 'traj = load "a.dump" dt=0.005\nev = rearrangements traj method=phop tR=10   # p_hop\nX = features ts preset=cubuk2015';

describe('hoverAt', () => {
  it('describes a statement: summary, returns, source, example and parameters', () => {
    const h = hoverAt(CELL, 2, 10);
    expect(h).not.toBeNull();
    expect(h).toMatchObject({ column: 6, endColumn: 20 });
    expect(h!.markdown).toMatch(/^\*\*rearrangements\*\* → rearrangements\n\nLabels what particles do next/);
    expect(h!.markdown).toContain('Returns a **rearrangements**.');
    expect(h!.markdown).toContain(
      'Source: p_hop: Schoenholz review Eq. 2 and sec. 3.1; D2_min: Cubuk et al. PRL 2015 Eq. 3 (Falk & Langer)',
    );
    expect(h!.markdown).toContain('```softness\nev = rearrangements traj method=phop tR=10\n```');
    expect(h!.markdown).toContain('- `tR` number · tau · default 10 — p_hop window t_R');
  });

  it('describes a parameter under its name or its value, positional arguments included', () => {
    const tR = hoverAt(CELL, 2, 39);
    expect(tR).toEqual({
      column: 38,
      endColumn: 40,
      markdown:
        '**tR** — parameter of `rearrangements`\n\n`number` · unit tau · default `10`\n\np_hop window t_R (time to complete a rearrangement)\n\nSource: Schoenholz review sec. 3.1 (t_R = 10 tau)',
    });
    expect(hoverAt(CELL, 2, 34)?.markdown).toMatch(/^\*\*method\*\* — parameter of `rearrangements`\n\n`phop \| d2min` · default `phop`/);
    expect(hoverAt(CELL, 2, 22)?.markdown).toMatch(
      /^\*\*trajectory\*\* \(positional\) — parameter of `rearrangements`\n\n`result: trajectory` · default `required`/,
    );
    expect(hoverAt(CELL, 1, 22)?.markdown).toContain('`number` · unit tau · default `0.005`');
    expect(hoverAt(CELL, 3, 25)?.markdown).toContain('thesis Table 4.1');
    expect(hoverAt(CELL, 3, 25)).toMatchObject({ column: 24, endColumn: 33 });
  });

  it('names the kind a result will hold', () => {
    expect(hoverAt(CELL, 2, 1)).toEqual({ column: 1, endColumn: 3, markdown: '**ev** — a **rearrangements** from `rearrangements`' });
  });

  it('is null on blanks, strings, numbers, comments and unknown statements', () => {
    for (const [line, column] of [
      [2, 5],
      [1, 14],
      [2, 41],
      [2, 48],
      [9, 1],
    ])
      expect(hoverAt(CELL, line, column), `${line}:${column}`).toBeNull();
    expect(hoverAt('x = nonsense traj', 1, 6)).toBeNull();
  });

  it('still works on a line when another line does not parse', () => {
    expect(hoverAt(`${CELL}\nbroken = "`, 2, 38)?.column).toBe(38);
  });
});
