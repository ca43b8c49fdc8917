import { toCsv } from '../../analysis/tableText';
import { writeFileAtomic } from '../../io/atomicWrite';
import { writeLammpsDump } from '../../io/dumpWriter';
import type { Frame } from '../../io/frame';
import { saveModel } from '../../learn/model';
import type { RunContext } from '../context';
import { checkOutputName } from '../outputPath';
import { defineStatement, type StatementDoc } from '../spec';
import type { SoftnessValue } from '../values';

const doc = {
  verb: 'export',
  summary:
    'Writes a result to a file, atomically and never over an input: a model as *.softness.json; softness as a LAMMPS dump with a `softness` column (readable by OVITO; .gz allowed); a table as CSV.',
  returns: null,
  example: 'export S "ka3d_softness.dump.gz"',
  params: [
    { name: 'result', type: 'result', kinds: ['model', 'softness', 'table'], positional: true, doc: 'what to write' },
    {
      name: 'file',
      type: 'path',
      output: true,
      positional: true,
      doc: 'output file, relative to the notebook; never a file the notebook has read (trajectory, model) nor the notebook itself, and never a trajectory name of another format (a dump as `.xyz`, a table as `.dump`)',
    },
  ],
} as const satisfies StatementDoc;

/** `export model "ka3d.softness.json"`, `export S "ka3d_softness.dump.gz"`, `export table "bins.csv"` */
export const exportResult = defineStatement(doc, async (args, ctx) => {
  const { result, file } = args;
  checkOutputName(result.kind, file);
  if (result.kind === 'model') saveModel(file, result.model);
  else if (result.kind === 'table') writeFileAtomic(file, toCsv(result.columns, result.rows));
  else await writeSoftnessDump(result, file, ctx);
  ctx.emit({ kind: 'text', text: `wrote ${file}` });
  return null;
});

async function writeSoftnessDump(S: SoftnessValue, file: string, ctx: RunContext): Promise<void> {
  const traj = S.source;
  const n = traj.n;
  const rowOfFileFrame = new Map<number, number>();
  for (const [k, row] of S.rows.entries()) rowOfFileFrame.set(traj.frames[row], k);
  // The writer takes an iterable; frames are read one at a time as it asks for them.
  function* readFrames(): Generator<Frame> {
    for (let k = 0; k < S.rows.length; k++) {
      ctx.progress(`writing ${file}`, (k + 1) / S.rows.length);
      yield traj.trajectory.readFrame(traj.frames[S.rows[k]]);
    }
  }
  writeLammpsDump(file, readFrames(), {
    speciesNames: [...traj.trajectory.speciesNames],
    inputPaths: [traj.trajectory.path],
    extraColumns: (frame) => {
      const k = rowOfFileFrame.get(frame.index)!;
      return new Map([['softness', S.values.subarray(k * n, (k + 1) * n)]]);
    },
  });
}
