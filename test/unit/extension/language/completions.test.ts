import { describe, expect, it } from 'vitest';
import { statementNames } from '../../../../src/core/lang/registry';
import { completionsAt, type CompletionEntry, type KnownNames } from '../../../../src/extension/language/analysis';

/** Completions with the cursor at the end of the last line of `source`. */
function atEnd(source: string, known?: KnownNames): CompletionEntry[] {
  const lines = source.split('\n');
  return completionsAt(source, lines.length, lines[lines.length - 1].length + 1, known);
}
const labels = (entries: CompletionEntry[]): string[] => entries.map((e) => e.label);
const entry = (entries: CompletionEntry[], label: string): CompletionEntry => {
  const found = entries.find((e) => e.label === label);
  if (!found) throw new Error(`no completion '${label}' in ${labels(entries).join(', ')}`);
  return found;
};

describe('completionsAt', () => {
  it('offers every statement at the start of a line and after `name =`, with what it returns', () => {
    for (const source of ['', 'ev = ', 'ev = rearr', '  tr']) expect(labels(atEnd(source)), source).toEqual(statementNames());
    const e = entry(atEnd('ev = '), 'rearrangements');
    expect(e.kind).toBe('statement');
    expect(e.detail).toBe('→ rearrangements');
    expect(e.documentation).toContain('[Schoenholz2018] Eq. 2');
    expect(e.documentation).toContain('ev = rearrangements traj method=pHop tR=10');
  });

  it('offers the remaining parameters with type, unit, default and source', () => {
    const entries = atEnd('traj = load "a.dump"\nev = rearrangements traj method=phop ');
    // trajectory is given positionally and method by name: neither is offered again.
    expect(labels(entries)).toEqual(['tR=', 'pL=', 'pR=', 'interval=', 'rCut=', 'threshold=']);
    const tR = entry(entries, 'tR=');
    expect(tR).toMatchObject({ kind: 'parameter', insertText: 'tR=', detail: 'number · tau · default 10' });
    expect(tR.documentation).toBe(
      'p_hop window t_R (time to complete a rearrangement)\n\nSource: [Schoenholz2018] sec. 3.1 (t_R = 10 tau)',
    );
    expect(entry(entries, 'pL=').detail).toBe('number · sigma_AA^2 · default 0.05');
    expect(entry(entries, 'threshold=').detail).toBe('number · sigma_AA^2 · default none');
    expect(entry(atEnd('x = loadmodel '), 'file=').detail).toBe('path · required');
  });

  it('offers the choices of an enum after key=, the default marked, and presets with their source', () => {
    const methods = atEnd('ev = rearrangements traj method=');
    expect(labels(methods)).toEqual(['pHop', 'd2min']);
    expect(methods[0].detail).toBe('method (default) · pHop | d2min · default pHop');
    expect(labels(atEnd('ev = rearrangements traj method=d2'))).toEqual(['pHop', 'd2min']);
    const presets = atEnd('X = features ts preset=');
    expect(labels(presets)).toEqual(['cubuk2015', 'schoenholz2016']);
    expect(presets[1].documentation).toContain('the 22 angular triples of [Cubuk2016] Table 4.1');
    expect(labels(atEnd('plot '))).toEqual(['PS', 'PRS', 'softD2min', 'kind=', 'softness=', 'rearrangements=', 'bins=', 'clip=']);
    expect(labels(atEnd('ev = rearrangements traj tR='))).toEqual(['10']);
  });

  it('understands older names (verb, parameter) but offers the current ones', () => {
    expect(labels(atEnd('ts = trainingset ev pc='))).toEqual(['0.6']);
    expect(labels(atEnd('m = train X loss='))).toEqual(['hinge', 'squaredHinge']);
    const rest = labels(atEnd('ts = trainingset ev pc=0.5 '));
    expect(rest).not.toContain('pC=');
    expect(rest).toContain('offset=');
    expect(labels(atEnd('x = '))).toContain('trainingSet');
    expect(labels(atEnd('x = '))).not.toContain('trainingset');
  });

  it('offers results of the right kind, from the lines above and from earlier cells', () => {
    const cell = 'traj = load "a.dump"\nm = loadmodel "m.json"\nS = softness ';
    expect(labels(atEnd(cell)).filter((l) => !l.endsWith('='))).toEqual(['m']);
    const known: KnownNames = new Map([
      ['old', 'model'],
      ['t0', 'trajectory'],
      ['any', null],
    ]);
    expect(labels(atEnd(cell, known)).filter((l) => !l.endsWith('='))).toEqual(['old', 'any', 'm']);
    // Second positional argument of softness: a trajectory.
    const second = atEnd(`${cell}m `, known);
    expect(labels(second).filter((l) => !l.endsWith('='))).toEqual(['t0', 'any', 'traj']);
    expect(entry(second, 'traj')).toMatchObject({ kind: 'result', detail: 'trajectory → trajectory' });
    // A result defined below the cursor is not offered.
    expect(labels(completionsAt('S = softness \nm = loadmodel "m.json"', 1, 14))).not.toContain('m');
  });

  it('offers nothing inside strings, comments, numbers, lists or after an unknown statement', () => {
    for (const source of [
      'traj = load "sam',
      'ev = rearrangements traj # tR=',
      'ev = rearrangements traj tR=1',
      'X = features ts radialCut=[1, ',
      'x = nonsense ',
    ]) {
      expect(atEnd(source), source).toEqual([]);
    }
    // After a closed list, the parameters are offered again.
    expect(labels(atEnd('X = features ts radialCut=[1, 2] '))).toEqual(['preset=', 'angularCut=']);
  });
});
