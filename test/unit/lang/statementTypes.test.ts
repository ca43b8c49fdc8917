import { describe, expect, expectTypeOf, it } from 'vitest';
import { type ArgsOf, defineStatement, type ParamSpec, type StatementDoc } from '../../../src/core/lang/spec';
import type { ModelValue, TableValue, TrajectoryValue } from '../../../src/core/lang/values';

/**
 * A statement's `run` takes arguments typed from its doc: the `@ts-expect-error` lines below are
 * errors that `npm run typecheck` (tsc over test/) must report; if the types stopped catching them,
 * tsc would fail on the unused directive.
 */
const doc = {
  verb: 'demo',
  summary: 'typed arguments',
  returns: 'table',
  example: 't = demo traj',
  params: [
    { name: 'trajectory', type: 'result', kinds: ['trajectory'], positional: true, doc: 'a trajectory' },
    { name: 'result', type: 'result', kinds: ['model', 'table'], default: null, doc: 'a model or a table' },
    { name: 'tR', type: 'number', min: 0, default: 10, unit: 'tau', doc: 'a time' },
    { name: 'threshold', type: 'number', default: null, unit: 'sigma_AA^2', doc: 'optional' },
    { name: 'method', type: 'enum', values: ['pHop', 'd2min'], valueAliases: { phop: 'pHop' }, default: 'pHop', doc: 'a choice' },
    { name: 'C', type: 'numberList', default: [1], unit: 'dimensionless', doc: 'numbers' },
    { name: 'file', type: 'path', default: 'a.csv', doc: 'a file' },
    { name: 'flag', type: 'bool', default: false, doc: 'a flag' },
  ],
} as const satisfies StatementDoc;

const table: TableValue = { kind: 'table', title: 'demo', columns: [], rows: [] };

describe('statement argument types', () => {
  it('follow the parameter specs', () => {
    type Args = ArgsOf<typeof doc>;
    expectTypeOf<Args['trajectory']>().toEqualTypeOf<TrajectoryValue>();
    expectTypeOf<Args['result']>().toEqualTypeOf<ModelValue | TableValue | null>();
    expectTypeOf<Args['tR']>().toEqualTypeOf<number>();
    expectTypeOf<Args['threshold']>().toEqualTypeOf<number | null>();
    expectTypeOf<Args['method']>().toEqualTypeOf<'pHop' | 'd2min'>();
    expectTypeOf<Args['C']>().toEqualTypeOf<number[]>();
    expectTypeOf<Args['file']>().toEqualTypeOf<string>();
    expectTypeOf<Args['flag']>().toEqualTypeOf<boolean>();
    expectTypeOf<keyof Args>().toEqualTypeOf<'trajectory' | 'result' | 'tR' | 'threshold' | 'method' | 'C' | 'file' | 'flag'>();
  });

  it('reject a misspelt argument, a wrong type and a wrong result kind at typecheck time', async () => {
    const demo = defineStatement(doc, async (args) => {
      // @ts-expect-error misspelt: the parameter is tR
      const misspelt = args.tr;
      // @ts-expect-error a number is not a string
      const text: string = args.tR;
      // @ts-expect-error an optional parameter may be null
      const threshold: number = args.threshold;
      // @ts-expect-error 'phop' is an alias, resolved before run: run sees only the values
      const isAlias = args.method === 'phop';
      // @ts-expect-error a trajectory has no model
      const model = args.trajectory.model;
      return misspelt && text && threshold && isAlias && model ? table : table;
    });
    // @ts-expect-error the doc declares a table, so run cannot return a model
    defineStatement(doc, async (args) => ({ kind: 'model', model: (args.result as ModelValue).model }));
    expect(demo.doc.verb).toBe('demo');
  });

  it('require a unit on number parameters', () => {
    // @ts-expect-error a number parameter must name its unit (sigma_AA, tau, ..., or dimensionless)
    const noUnit: ParamSpec = { name: 'rCut', type: 'number', default: 2.5, doc: 'cut-off' };
    // @ts-expect-error a unit outside the list
    const badUnit: ParamSpec = { name: 'rCut', type: 'number', default: 2.5, unit: 'nm', doc: 'cut-off' };
    expect([noUnit, badUnit]).toHaveLength(2);
  });
});
