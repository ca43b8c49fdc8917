import { describe, expect, it } from 'vitest';
import { resolveArgs } from '../../../src/core/lang/args';
import { parseCell } from '../../../src/core/lang/parser';
import { languageReference } from '../../../src/core/lang/reference';
import { trainScan } from '../../../src/core/lang/statements/trainScan';
import type { Value } from '../../../src/core/lang/values';
import { paramDetail } from '../../../src/extension/language/specText';
import { findStatementDoc } from '../../../src/extension/language/statementIndex';

/** A list default (trainScan's C): filled in as a copy, written as the user would write it. */
describe('list defaults of numberList parameters', () => {
  const features = { kind: 'features' } as unknown as Value;
  const resolve = (line: string) => resolveArgs(trainScan.doc, parseCell(line)[0], () => features, '/');

  it('are filled in as a fresh copy, so a statement cannot change the documented default', () => {
    const first = resolve('s = trainscan X');
    expect(first.C).toEqual([0.01, 0.1, 1, 10]);
    (first.C as number[]).push(99);
    expect(resolve('s = trainscan X').C).toEqual([0.01, 0.1, 1, 10]);
    expect(resolve('s = trainscan X C=[2, 3]').C).toEqual([2, 3]);
    expect(resolve('s = trainscan X C=5').C).toEqual([5]);
    expect(resolve('s = trainscan X').sizes).toBeNull();
  });

  it('read as lists in the language reference and in completions and hovers', () => {
    expect(languageReference()).toContain('| `C` | list of numbers | `[0.01, 0.1, 1, 10]` |');
    const C = findStatementDoc('trainscan')!.params.find((p) => p.name === 'C')!;
    expect(paramDetail(C)).toBe('list of numbers · default [0.01, 0.1, 1, 10]');
  });
});
