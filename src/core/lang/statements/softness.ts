import type { FeatureSpec } from '../../features/spec';
import { softness as softnessOf } from '../../learn/model';
import { featurizeFrames } from '../run/featurize';
import { defineStatement, type StatementDoc } from '../spec';
import type { SoftnessValue } from '../values';

const doc = {
  verb: 'softness',
  summary:
    'Softness S = w.x + b of every particle of the selected frames, with the model of its species (NaN for a species the model was not trained on). One frame in memory at a time.',
  returns: 'softness',
  source: '[Schoenholz2018] sec. 3.3; [Cubuk2015]',
  example: 'S = softness model traj every=1',
  params: [
    { name: 'model', type: 'result', kinds: ['model'], positional: true, doc: 'trained model (from `train`)' },
    {
      name: 'trajectory',
      type: 'result',
      kinds: ['trajectory'],
      positional: true,
      doc: 'trajectory to evaluate (may differ from the training one)',
    },
    { name: 'every', type: 'number', integer: true, min: 1, default: 1, unit: 'frames', doc: 'use every k-th selected frame' },
  ],
} as const satisfies StatementDoc;

/** `S = softness model traj every=1` */
export const softness = defineStatement(doc, async (args, ctx) => {
  const { model } = args.model;
  const traj = args.trajectory;
  const every = args.every;
  const rows = Int32Array.from({ length: Math.ceil(traj.frames.length / every) }, (_, k) => k * every);
  const spec = model.featureSpec as FeatureSpec;
  const names = traj.trajectory.speciesNames.join(',');
  if (spec.speciesNames.join(',') !== names)
    throw new Error(`the model was trained on species ${spec.speciesNames.join(',')} but the trajectory has ${names}`);
  const n = traj.n;
  const values = new Float32Array(rows.length * n);
  const started = performance.now();
  const threads = await featurizeFrames(
    traj,
    Array.from(rows, (row) => ({ row })),
    spec,
    ctx,
    'softness',
    (k, frame, x) => {
      if (k === 0 && x.names.join() !== model.featureNames.join())
        throw new Error("structure function names differ from the model's: the feature code changed since training");
      values.set(softnessOf(model, x.values, frame.species, { untrainedSpecies: 'nan' }), k * n);
    },
  );
  const seconds = (performance.now() - started) / 1000;
  ctx.emit({
    kind: 'text',
    text: `softness of ${n} particles x ${rows.length} frames in ${seconds.toFixed(1)} s (${((n * rows.length) / seconds).toFixed(0)} particle-frames/s, ${threads} thread${threads > 1 ? 's' : ''})`,
  });
  const value: SoftnessValue = { kind: 'softness', source: traj, rows, values };
  return value;
});
