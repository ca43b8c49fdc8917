import { showDoc } from '../statementDocs';
import type { StatementDefinition } from './definition';
import { describeValue, type Value } from '../values';

/** `show model` */
export const show: StatementDefinition = {
  doc: showDoc,
  async run(args, ctx) {
    const value = args.result as Value;
    ctx.emit({ kind: 'text', text: describeValue(value) });
    if (value.kind === 'table') ctx.emit(value);
    return null;
  },
};
