import * as path from 'node:path';
import { makeRunContext } from '../../../src/core/lang/context';
import { Session } from '../../../src/core/lang/session';

/** The 3D Kob-Andersen LAMMPS sample (samples/README.md), absolute. */
export const KA3D_SAMPLE = path.resolve(__dirname, '../../../samples/ka3d/ka3d_is.dump.gz');

/**
 * Trains a real softness model on the first 120 frames of the 3D Kob-Andersen sample with the
 * notebook statements (p_hop labels, the cubuk2015 radial + angular features, one SVM per
 * species) and writes it to `<dir>/ka3d.softness.json`; returns that path. Small training sets
 * (300 per class) keep it to a few seconds on 2 cores.
 */
export async function trainSampleModel(dir: string): Promise<string> {
  const out = path.join(dir, 'ka3d.softness.json');
  const session = new Session();
  const ctx = makeRunContext({ baseDir: dir, threads: 1, emit: () => {}, progress: () => {} });
  await session.runCell(
    [
      `traj = load ${JSON.stringify(KA3D_SAMPLE)} dt=0.005 stop=120`,
      'ev = rearrangements traj method=phop tR=10 pL=0.05 pR=0.2',
      'ts = trainingset ev pc=0.2 offset=2 tauC=10 nPerClass=300 seed=1',
      'X = features ts preset=cubuk2015',
      'model = train X C=1 folds=3',
      `export model ${JSON.stringify(out)}`,
    ].join('\n'),
    ctx,
  );
  session.clear();
  return out;
}
