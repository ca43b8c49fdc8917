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
    expect(h!.markdown).toContain('Source: p_hop: [Schoenholz2018] Eq. 2 and sec. 3.1; D2_min: [Cubuk2015] Eq. 3, after [FalkLanger1998]');
    expect(h!.markdown).toContain('```softness\nev = rearrangements traj method=pHop tR=10\n```');
    expect(h!.markdown).toContain('- `tR` number · tau · default 10 — p_hop window t_R');
  });

  it('describes a parameter under its name or its value, positional arguments included', () => {
    const tR = hoverAt(CELL, 2, 39);
    expect(tR).toEqual({
      column: 38,
      endColumn: 40,
      markdown:
        '**tR** — parameter of `rearrangements`\n\n`number` · unit tau · default `10`\n\np_hop window t_R (time to complete a rearrangement)\n\nSource: [Schoenholz2018] sec. 3.1 (t_R = 10 tau)',
    });
    expect(hoverAt(CELL, 2, 34)?.markdown).toMatch(
      /^\*\*method\*\* — parameter of `rearrangements`\n\n`pHop \| d2min` · default `pHop` · also phop = pHop/,
    );
    expect(hoverAt(CELL, 2, 22)?.markdown).toMatch(
      /^\*\*trajectory\*\* \(positional\) — parameter of `rearrangements`\n\n`result: trajectory` · default `required`/,
    );
    expect(hoverAt(CELL, 1, 22)?.markdown).toContain('`number` · unit tau · default `0.005`');
    expect(hoverAt(CELL, 3, 25)?.markdown).toContain('[Cubuk2016] Table 4.1');
    expect(hoverAt(CELL, 3, 25)).toMatchObject({ column: 24, endColumn: 33 });
  });

  it('describes an older spelling of a verb or a parameter as the current one', () => {
    const cell = 'ts = trainingset ev pc=0.5';
    expect(hoverAt(cell, 1, 7)?.markdown).toMatch(
      /^`trainingset` is an older spelling of `trainingSet`\.\n\n\*\*trainingSet\*\* \(also trainingset\)/,
    );
    expect(hoverAt(cell, 1, 21)?.markdown).toMatch(/^\*\*pC\*\* \(also pc\) — parameter of `trainingSet`/);
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
