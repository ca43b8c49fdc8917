import { meanPartialPairCorrelation } from '../../analysis/pairCorrelation';
import type { FeatureSpec } from '../../features/spec';
import type { Frame } from '../../io/frame';
import { modelWeights } from '../../learn/weightFunction';
import { pairCurve, weightsBesideGrFigure } from '../../plots/weightsBesideGrFigure';
import { weightsDoc } from '../statementDocs';
import type { StatementDefinition } from './definition';
import type { ModelValue, TableValue, TrajectoryValue } from '../values';

/** `wr = weights model traj frames=5` — w_XY(r) per neighbour species beside g_XY(r) (Cubuk thesis Figs. 5.16, 6.6). */
export const weights: StatementDefinition = {
  doc: weightsDoc,
  async run(args, ctx) {
    const { model } = args.model as ModelValue;
    const traj = args.trajectory as TrajectoryValue;
    const names = traj.trajectory.speciesNames;
    const modelSpecies = (model.featureSpec as FeatureSpec).speciesNames;
    if (modelSpecies.join(',') !== names.join(','))
      throw new Error(`the model was trained on species ${modelSpecies.join(',')} but the trajectory has ${names.join(',')}`);
    const w = modelWeights(model);
    if (w.radialCut === null) throw new Error('the model has no radial structure functions, so there is no w(r) to draw');
    const rows = evenlySpread(traj.frames.length, args.frames as number);
    await ctx.checkpoint();
    function* frames(): Generator<Frame> {
      for (const [k, row] of rows.entries()) {
        ctx.progress(`g(r): frame ${k + 1}/${rows.length}`, k / rows.length);
        yield traj.trajectory.readFrame(traj.frames[row]);
      }
    }
    const gr = meanPartialPairCorrelation(frames(), names, { rMax: w.radialCut, binWidth: args.binWidth as number });
    const times = Array.from(rows, (row) => traj.times[row].toFixed(1));
    ctx.emit({
      kind: 'text',
      text: `g(r) averaged over ${rows.length} frame${rows.length > 1 ? 's' : ''} (t = ${times.join(', ')} tau), bin width ${(w.radialCut / gr.r.length).toFixed(3)} sigma_AA, up to the model's radial cut-off ${w.radialCut} sigma_AA`,
    });
    ctx.emit({ kind: 'plot', title: 'w(r) per neighbour species beside g(r)', figure: weightsBesideGrFigure(w, gr, names) });
    // `determined`: w(r) below denseFrom rests on features that barely varied in training (see RadialWeights.denseFrom).
    const table: TableValue = {
      kind: 'table',
      title: 'radial weight functions w(r) and g(r)',
      columns: ['central', 'neighbor', 'curve', 'r', 'value', 'determined'],
      rows: [],
    };
    const out = table.rows as Array<Array<number | string>>;
    for (const central of w.species) {
      for (const radial of central.radial) {
        const from = radial.denseFrom ?? Infinity;
        w.r.forEach((r, k) => out.push([central.species, radial.neighbor, 'w', r, radial.perNeighbor[k], r >= from ? 'yes' : 'no']));
        const g = pairCurve(gr, names.indexOf(central.species), names.indexOf(radial.neighbor));
        gr.r.forEach((r, k) => out.push([central.species, radial.neighbor, 'g', r, g ? g[k] : NaN, 'yes']));
      }
    }
    ctx.emit(table);
    return table;
  },
};

/**
 * `count` rows spread evenly over [0, nRows) including the first and the last (all rows when
 * nRows <= count), increasing and distinct, as an Int32Array.
 */
function evenlySpread(nRows: number, count: number): Int32Array {
  if (nRows <= count) return Int32Array.from({ length: nRows }, (_, k) => k);
  if (count === 1) return Int32Array.of(0);
  return Int32Array.from({ length: count }, (_, k) => Math.round((k * (nRows - 1)) / (count - 1)));
}
