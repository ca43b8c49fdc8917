import { featurePreset } from '../../features/presets';
import { MAX_MODEL_CUTOFF } from '../../learn/featureSpecJson';
import { featurizeFrames } from '../run/featurize';
import { defineStatement, type StatementDoc } from '../spec';
import type { FeaturesValue } from '../values';

const doc = {
  verb: 'features',
  summary:
    'Structure functions of the training environments: radial G_Y(i; mu, L) and angular Psi_YZ(i; xi, lambda, zeta). Only the chosen particles of the chosen frames are computed.',
  returns: 'features',
  source: '[Cubuk2015] Eqs. 1-2; [Cubuk2016] Table 4.1; [Schoenholz2018] Eq. 3',
  example: 'X = features ts preset=cubuk2015',
  params: [
    { name: 'trainingSet', type: 'result', kinds: ['trainingSet'], positional: true, doc: 'environments from `trainingSet`' },
    {
      name: 'preset',
      type: 'enum',
      values: ['cubuk2015', 'schoenholz2016'],
      default: 'cubuk2015',
      doc: 'cubuk2015: radial mu = 0.3..5.0 step 0.1, L = 0.1 + the 22 angular triples of [Cubuk2016] Table 4.1; schoenholz2016: radial only, r = 0.1..5.0, width 0.1',
      source: '[Cubuk2016] Table 4.1; [Schoenholz2016]; [Schoenholz2018] Eq. 3',
    },
    // At most the largest cut-off a model file may declare, so that every trained model loads again.
    {
      name: 'radialCut',
      type: 'number',
      min: 0,
      max: MAX_MODEL_CUTOFF,
      default: null,
      unit: 'sigma_AA',
      doc: 'override the radial cut-off (preset: 5.0)',
    },
    {
      name: 'angularCut',
      type: 'number',
      min: 0,
      max: MAX_MODEL_CUTOFF,
      default: null,
      unit: 'sigma_AA',
      doc: 'override the angular cut-off (preset: 2.5)',
    },
  ],
} as const satisfies StatementDoc;

/** `X = features ts preset=cubuk2015` */
export const features = defineStatement(doc, async (args, ctx) => {
  const ts = args.trainingSet;
  const traj = ts.source.source;
  const overrides: { radialCut?: number; angularCut?: number } = {};
  if (args.radialCut !== null) overrides.radialCut = args.radialCut;
  if (args.angularCut !== null) overrides.angularCut = args.angularCut;
  const spec = featurePreset(args.preset, [...traj.trajectory.speciesNames], overrides);
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
});
