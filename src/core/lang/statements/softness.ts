import type { FeatureSpec } from '../../features/spec';
import { softness as softnessOf } from '../../learn/model';
import { softnessDoc } from '../statementDocs';
import type { StatementDefinition } from './definition';
import { featurizeFrames } from './featurize';
import type { ModelValue, SoftnessValue, TrajectoryValue } from '../values';

/** `S = softness model traj every=1` */
export const softness: StatementDefinition = {
  doc: softnessDoc,
  async run(args, ctx) {
    const { model } = args.model as ModelValue;
    const traj = args.trajectory as TrajectoryValue;
    const every = args.every as number;
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
  },
};
