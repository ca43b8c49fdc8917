import { loadModel as readModel } from '../../learn/model';
import { loadModelDoc } from '../statementDocs';
import type { StatementDefinition } from './definition';
import type { ModelValue } from '../values';

/** `model = loadmodel "ka3d.softness.json"` */
export const loadModel: StatementDefinition = {
  doc: loadModelDoc,
  async run(args) {
    const value: ModelValue = { kind: 'model', model: readModel(args.file as string) };
    return value;
  },
};
