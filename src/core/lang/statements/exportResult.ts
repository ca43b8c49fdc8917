import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { toCsv } from '../../analysis/tableText';
import { writeFileAtomic } from '../../io/atomicWrite';
import { writeLammpsDump } from '../../io/dumpWriter';
import type { Frame } from '../../io/frame';
import { saveModel } from '../../learn/model';
import { exportResultDoc } from '../statementDocs';
import type { StatementDefinition } from './definition';
import type { SoftnessValue, Value } from '../values';

/** `export model "ka3d.softness.json"`, `export S "ka3d_softness.dump.gz"`, `export table "bins.csv"` */
export const exportResult: StatementDefinition = {
  doc: exportResultDoc,
  async run(args, ctx) {
    const result = args.result as Value;
    const file = args.file as string;
    mkdirSync(path.dirname(file), { recursive: true });
    if (result.kind === 'model') saveModel(file, result.model);
    else if (result.kind === 'table') writeFileAtomic(file, toCsv(result.columns, result.rows));
    else if (result.kind === 'softness') await writeSoftnessDump(result, file, ctx);
    else throw new Error(`cannot export a ${result.kind}`);
    ctx.emit({ kind: 'text', text: `wrote ${file}` });
    return null;
  },
};

async function writeSoftnessDump(S: SoftnessValue, file: string, ctx: Parameters<StatementDefinition['run']>[1]): Promise<void> {
  const traj = S.source;
  const n = traj.n;
  const rowOfFileFrame = new Map<number, number>();
  S.rows.forEach((row, k) => rowOfFileFrame.set(traj.frames[row], k));
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
