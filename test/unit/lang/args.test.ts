import { describe, expect, it } from 'vitest';
import { resolveArgs } from '../../../src/core/lang/args';
import { parseCell } from '../../../src/core/lang/parser';
import type { StatementDoc } from '../../../src/core/lang/spec';
import type { TableValue, Value } from '../../../src/core/lang/values';

const doc: StatementDoc = {
  verb: 'demo',
  summary: 'test statement',
  returns: null,
  example: 'demo t "f"',
  params: [
    { name: 'table', type: 'result', kinds: ['table'], positional: true, doc: 'a table' },
    { name: 'file', type: 'path', positional: true, doc: 'a file' },
    { name: 'tR', aliases: ['tr'], type: 'number', min: 0, default: 10, unit: 'tau', doc: 'window' },
    { name: 'n', type: 'number', integer: true, min: 1, default: 3, unit: 'dimensionless', doc: 'count' },
    { name: 'method', type: 'enum', values: ['phop', 'd2min'], valueAliases: { D2min: 'd2min' }, default: 'phop', doc: 'method' },
    { name: 'mus', type: 'numberList', default: null, unit: 'sigma_AA', doc: 'grid' },
    { name: 'flag', type: 'bool', default: false, doc: 'flag' },
  ],
};
const table: TableValue = { kind: 'table', title: 't', columns: [], rows: [] };
const lookup = (name: string): Value | undefined => (name === 't' ? table : name === 'm' ? ({ kind: 'model' } as Value) : undefined);
const resolve = (line: string) => resolveArgs(doc, parseCell(line)[0], lookup, '/data/run');

describe('resolveArgs', () => {
  it('binds positional and keyword arguments, resolves paths and fills defaults', () => {
    const args = resolve('demo t "traj.dump" method=d2min mus=[1, 2.5] flag=true');
    expect(args).toEqual({ table, file: '/data/run/traj.dump', tR: 10, n: 3, method: 'd2min', mus: [1, 2.5], flag: true });
  });

  it('accepts the older names of parameters and enum values, binding them under the current ones', () => {
    expect(resolve('demo t "f" tr=3 method=D2min')).toMatchObject({ tR: 3, method: 'd2min' });
    expect(() => resolve('demo t "f" tr=3 tR=4')).toThrow(/parameter 'tR' given twice/);
    expect(() => resolve('demo t "f" method=D2MIN')).toThrow(/expects one of phop \| d2min, got D2MIN/);
  });

  it('names the parameter, what it expects and the column for bad arguments', () => {
    const cases: Array<[string, RegExp]> = [
      ['demo t "f" tR="ten"', /^1:15: parameter 'tR' expects a number \(tau\), got "ten"/],
      ['demo t "f" tR=-1', /parameter 'tR' expects a number >= 0 \(tau\), got -1/],
      ['demo t "f" n=2.5', /parameter 'n' expects an integer, got 2.5/],
      ['demo t "f" method=foo', /expects one of phop \| d2min, got foo/],
      ['demo t "f" mus=[1, "a"]', /expects a list of numbers/],
      ['demo t "f" colour=1', /unknown parameter 'colour' for 'demo'; expected one of: table, file, tR/],
      ['demo t "f" tR=1 tR=2', /parameter 'tR' given twice/],
      ['demo t', /'demo' needs parameter 'file'/],
      ['demo x "f"', /^1:6: no result named 'x'/],
      ['demo m "f"', /expects a table result, but 'm' is a model/],
      ['demo t "f" 3', /takes 2 positional argument/],
    ];
    for (const [line, message] of cases) expect(() => resolve(line), line).toThrow(message);
  });
});
