import { loadModel as readModel } from '../../learn/model';
import type { StatementDefinition } from './definition';
import type { ModelValue } from '../values';

/** `model = loadmodel "ka3d.softness.json"` */
export const loadModel: StatementDefinition = {
  doc: {
    verb: 'loadmodel',
    summary: 'Reads a trained model (*.softness.json) to apply it to other trajectories (e.g. other temperatures).',
    returns: 'model',
    example: 'model = loadmodel "ka3d.softness.json"',
    params: [{ name: 'file', type: 'path', positional: true, doc: 'model file, relative to the notebook' }],
  },
  async run(args) {
    const value: ModelValue = { kind: 'model', model: readModel(args.file as string) };
    return value;
  },
};
