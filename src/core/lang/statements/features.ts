import { featurePreset } from '../../features/presets';
import { featuresDoc } from '../statementDocs';
import type { StatementDefinition } from './definition';
import { featurizeFrames } from './featurize';
import type { FeaturesValue, TrainingSetValue } from '../values';

/** `X = features ts preset=cubuk2015` */
export const features: StatementDefinition = {
  doc: featuresDoc,
  async run(args, ctx) {
    const ts = args.trainingSet as TrainingSetValue;
    const traj = ts.source.source;
    const overrides: { radialCut?: number; angularCut?: number } = {};
    if (args.radialCut !== null) overrides.radialCut = args.radialCut as number;
    if (args.angularCut !== null) overrides.angularCut = args.angularCut as number;
    const spec = featurePreset(args.preset as 'cubuk2015' | 'schoenholz2016', [...traj.trajectory.speciesNames], overrides);
    const nEnv = ts.label.length;
    // Environments are sorted by frame: one group of centres per distinct frame.
    const groupStarts: number[] = [];
    for (let e = 0; e < nEnv; e++) if (e === 0 || ts.frame[e] !== ts.frame[e - 1]) groupStarts.push(e);
    groupStarts.push(nEnv);
    const jobs = groupStarts.slice(0, -1).map((e, g) => ({ row: ts.frame[e], centers: ts.particle.subarray(e, groupStarts[g + 1]) }));
    let values = new Float32Array(0);
    let names: string[] = [];
    let nFeatures = 0;
    const species = new Uint8Array(nEnv);
    const started = performance.now();
    const threads = await featurizeFrames(traj, jobs, spec, ctx, 'structure functions', (g, frame, m) => {
      const from = groupStarts[g];
      if (g === 0) {
        nFeatures = m.nFeatures;
        names = m.names;
        values = new Float32Array(nEnv * nFeatures);
      }
      values.set(m.values, from * nFeatures);
      for (let e = from; e < groupStarts[g + 1]; e++) species[e] = frame.species[ts.particle[e]];
    });
    const seconds = (performance.now() - started) / 1000;
    ctx.emit({
      kind: 'text',
      text: `${nEnv} environments x ${nFeatures} structure functions in ${seconds.toFixed(2)} s (${(nEnv / seconds).toFixed(0)} environments/s, ${threads} thread${threads > 1 ? 's' : ''})`,
    });
    const value: FeaturesValue = { kind: 'features', source: ts, spec, matrix: { values, nRows: nEnv, nFeatures, names }, species };
    return value;
  },
};
