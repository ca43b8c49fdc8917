import { meanPartialPairCorrelation } from '../../analysis/pairCorrelation';
import type { FeatureSpec } from '../../features/spec';
import type { Frame } from '../../io/frame';
import { modelWeights } from '../../learn/weightFunction';
import { pairCurve, weightsBesideGrFigure } from '../../plots/weightsBesideGrFigure';
import { defineStatement, type StatementDoc } from '../spec';
import type { TableValue } from '../values';

const doc = {
  verb: 'weights',
  summary:
    "A model's radial weight functions beside the structure they act on: w_XY(r), the change of softness S when one neighbour of species Y sits at distance r from a central particle of species X (so that S_i = b' + sum_j w(R_ij) + angular terms exactly), and the partial g_XY(r) of a trajectory averaged over a few of its frames. One column per central species, g(r) above w(r) on a shared r axis up to the model's radial cut-off; where the training environments had (almost) no such neighbours w(r) is not determined and is shaded. The table holds the curves (central, neighbor, curve = w or g, r, value, determined = whether r lies where training environments had such neighbours).",
  returns: 'table',
  source: '[Cubuk2016] Eq. 6.14 and Figs. 5.16, 6.6; [Schoenholz2018] Eq. 7',
  example: 'wr = weights model traj frames=5',
  params: [
    {
      name: 'model',
      type: 'result',
      kinds: ['model'],
      positional: true,
      doc: 'trained model (from `train` or `loadModel`) with radial structure functions',
    },
    {
      name: 'trajectory',
      type: 'result',
      kinds: ['trajectory'],
      positional: true,
      doc: 'trajectory whose g(r) is drawn (usually the training one), with the species of the model',
    },
    {
      name: 'frames',
      type: 'number',
      integer: true,
      min: 1,
      default: 5,
      unit: 'frames',
      doc: 'g(r) is averaged over this many frames spread evenly over the selected ones (all of them if there are fewer)',
    },
    {
      name: 'binWidth',
      type: 'number',
      min: 1e-6,
      default: 0.05,
      unit: 'sigma_AA',
      doc: 'g(r) bin width (adjusted so the bins tile 0..cut-off)',
    },
  ],
} as const satisfies StatementDoc;

/** `wr = weights model traj frames=5` — w_XY(r) per neighbour species beside g_XY(r) ([Cubuk2016] Figs. 5.16, 6.6). */
export const weights = defineStatement(doc, async (args, ctx) => {
  const { model } = args.model;
  const traj = args.trajectory;
  const names = traj.trajectory.speciesNames;
  const modelSpecies = (model.featureSpec as FeatureSpec).speciesNames;
  if (modelSpecies.join(',') !== names.join(','))
    throw new Error(`the model was trained on species ${modelSpecies.join(',')} but the trajectory has ${names.join(',')}`);
  const w = modelWeights(model);
  if (w.radialCut === null) throw new Error('the model has no radial structure functions, so there is no w(r) to draw');
  const rows = evenlySpread(traj.frames.length, args.frames);
  await ctx.checkpoint();
  function* frames(): Generator<Frame> {
    for (const [k, row] of rows.entries()) {
      ctx.progress(`g(r): frame ${k + 1}/${rows.length}`, k / rows.length);
      yield traj.trajectory.readFrame(traj.frames[row]);
    }
  }
  const gr = meanPartialPairCorrelation(frames(), names, { rMax: w.radialCut, binWidth: args.binWidth });
  const times = Array.from(rows, (row) => traj.times[row].toFixed(1));
  ctx.emit({
    kind: 'text',
    text: `g(r) averaged over ${rows.length} frame${rows.length > 1 ? 's' : ''} (t = ${times.join(', ')} tau), bin width ${(w.radialCut / gr.r.length).toFixed(3)} sigma_AA, up to the model's radial cut-off ${w.radialCut} sigma_AA`,
  });
  ctx.emit({ kind: 'plot', title: 'w(r) per neighbour species beside g(r)', figure: weightsBesideGrFigure(w, gr, names) });
  // `determined`: w(r) below denseFrom rests on features that barely varied in training (see RadialWeights.denseFrom).
  const curves: Array<Array<number | string>> = [];
  for (const central of w.species) {
    for (const radial of central.radial) {
      const from = radial.denseFrom ?? Infinity;
      for (const [k, r] of w.r.entries())
        curves.push([central.species, radial.neighbor, 'w', r, radial.perNeighbor[k], r >= from ? 'yes' : 'no']);
      const g = pairCurve(gr, names.indexOf(central.species), names.indexOf(radial.neighbor));
      for (const [k, r] of gr.r.entries()) curves.push([central.species, radial.neighbor, 'g', r, g ? g[k] : NaN, 'yes']);
    }
  }
  const table: TableValue = {
    kind: 'table',
    title: 'radial weight functions w(r) and g(r)',
    columns: ['central', 'neighbor', 'curve', 'r', 'value', 'determined'],
    rows: curves,
  };
  ctx.emit(table);
  return table;
});

/**
 * `count` rows spread evenly over [0, nRows) including the first and the last (all rows when
 * nRows <= count), increasing and distinct, as an Int32Array.
 */
function evenlySpread(nRows: number, count: number): Int32Array {
  if (nRows <= count) return Int32Array.from({ length: nRows }, (_, k) => k);
  if (count === 1) return Int32Array.of(0);
  return Int32Array.from({ length: count }, (_, k) => Math.round((k * (nRows - 1)) / (count - 1)));
}
