import { loadModel as readModel } from '../../learn/model';
import { defineStatement, type StatementDoc } from '../spec';

const doc = {
  verb: 'loadModel',
  aliases: ['loadmodel'],
  summary: 'Reads a trained model (*.softness.json) to apply it to other trajectories (e.g. other temperatures).',
  returns: 'model',
  example: 'model = loadModel "ka3d.softness.json"',
  params: [{ name: 'file', type: 'path', positional: true, doc: 'model file, relative to the notebook' }],
} as const satisfies StatementDoc;

/** `model = loadModel "ka3d.softness.json"` */
export const loadModel = defineStatement(doc, async (args) => ({ kind: 'model', model: readModel(args.file) }));
