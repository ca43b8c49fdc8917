import type { StatementDefinition } from './definition';
import { describeValue, type Value } from '../values';

/** `show model` */
export const show: StatementDefinition = {
  doc: {
    verb: 'show',
    summary: 'Prints a one-line summary of a result; tables are shown in full.',
    returns: null,
    example: 'show model',
    params: [{ name: 'result', type: 'result', kinds: ['trajectory', 'rearrangements', 'trainingSet', 'features', 'model', 'softness', 'table'], positional: true, doc: 'any earlier result' }],
  },
  async run(args, ctx) {
    const value = args.result as Value;
    ctx.emit({ kind: 'text', text: describeValue(value) });
    if (value.kind === 'table') ctx.emit(value);
    return null;
  },
};
