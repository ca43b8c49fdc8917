import { wrapIntoCell, type Box } from '../../geometry/box';
import type { SnapshotOutput } from '../outputs';
import { defineStatement, type StatementDoc } from '../spec';

const doc = {
  verb: 'snapshot',
  summary: 'Draws the particles of one frame coloured by softness (diverging scale, red = soft), sized by species, with the periodic cell.',
  returns: null,
  example: 'snapshot S frame=0',
  params: [
    { name: 'softness', type: 'result', kinds: ['softness'], positional: true, doc: 'softness field' },
    {
      name: 'frame',
      type: 'number',
      integer: true,
      min: 0,
      default: 0,
      unit: 'frames',
      doc: 'which of the softness frames (0 = first)',
    },
  ],
} as const satisfies StatementDoc;

/** `snapshot S frame=0` */
export const snapshot = defineStatement(doc, async (args, ctx) => {
  const S = args.softness;
  const k = args.frame;
  if (k >= S.rows.length) throw new RangeError(`frame=${k}: the softness field has ${S.rows.length} frames (0..${S.rows.length - 1})`);
  const traj = S.source;
  const frame = traj.trajectory.readFrame(traj.frames[S.rows[k]]);
  const output: SnapshotOutput = {
    kind: 'snapshot',
    title: `softness, frame ${traj.frames[S.rows[k]]} (t = ${traj.times[S.rows[k]].toFixed(2)} tau)`,
    dimension: frame.dimension,
    positions: Float32Array.from(frame.box ? wrapIntoCell(frame.box, frame.positions) : frame.positions),
    species: frame.species,
    speciesNames: traj.trajectory.speciesNames,
    values: S.values.slice(k * traj.n, (k + 1) * traj.n),
    valueName: 'S',
    cell: frame.box ? cellOf(frame.box) : null,
  };
  ctx.emit(output);
  return null;
});

function cellOf(box: Box): NonNullable<SnapshotOutput['cell']> {
  return { origin: [...box.lo], a: [box.lx, 0, 0], b: [box.xy, box.ly, 0], c: [box.xz, box.yz, box.lz] };
}
