import { defineStatement, type StatementDoc } from '../spec';
import { describeValue } from '../values';

const doc = {
  verb: 'show',
  summary: 'Prints a one-line summary of a result; tables are shown in full.',
  returns: null,
  example: 'show model',
  params: [
    {
      name: 'result',
      type: 'result',
      kinds: ['trajectory', 'rearrangements', 'trainingSet', 'features', 'model', 'softness', 'table'],
      positional: true,
      doc: 'any earlier result',
    },
  ],
} as const satisfies StatementDoc;

/** `show model` */
export const show = defineStatement(doc, async (args, ctx) => {
  const value = args.result;
  ctx.emit({ kind: 'text', text: describeValue(value) });
  if (value.kind === 'table') ctx.emit(value);
  return null;
});
