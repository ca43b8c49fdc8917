import { quiescentWindows } from '../../dynamics/events';
import { d2minTrainingSet, pHopTrainingSet, type TrainingSet } from '../../learn/trainingSet';
import { trainingSetDoc } from '../statementDocs';
import type { StatementDefinition } from './definition';
import { allRows, frameSpacing } from './frameLoop';
import type { RearrangementsValue, TrainingSetValue } from '../values';

/** `ts = trainingset ev pc=0.6 offset=2 tauC=20 nPerClass=3000 seed=1` */
export const trainingSet: StatementDefinition = {
  doc: trainingSetDoc,
  async run(args, ctx) {
    const ev = args.rearrangements as RearrangementsValue;
    const traj = ev.source;
    const names = traj.trajectory.speciesNames;
    const wanted =
      args.species === 'all' ? names.map((_, s) => s) : (args.species as string).split(',').map((name) => speciesIndex(names, name.trim()));
    const species = traj.trajectory.readFrame(traj.frames[0]).species;
    const nPerClass = args.nPerClass as number;
    const seed = args.seed as number;
    const sets: TrainingSet[] = [];
    const lines: string[] = [];
    let parameters: Record<string, number>;
    if (ev.method === 'phop') {
      const spacing = frameSpacing(traj);
      const offsetFrames = Math.round((args.offset as number) / spacing);
      const tauCFrames = Math.max(1, Math.round((args.tauC as number) / spacing));
      const windows = quiescentWindows(ev.pHop!, traj.frames.length, traj.n, ev.parameters.pL, tauCFrames);
      parameters = { pc: args.pc as number, offset: offsetFrames * spacing, tauC: tauCFrames * spacing, nPerClass, seed };
      for (const s of wanted) {
        sets.push(
          pHopTrainingSet({
            events: ev.events!,
            windows,
            species,
            targetSpecies: s,
            pC: args.pc as number,
            offsetFrames,
            tauCFrames,
            nPerClass,
            seed: seed + s,
          }),
        );
      }
    } else {
      const hard = (args.hardThreshold as number | null) ?? ev.parameters.threshold;
      parameters = { threshold: ev.parameters.threshold, hardThreshold: hard, nPerClass, seed };
      for (const s of wanted) {
        sets.push(
          d2minTrainingSet({
            d2min: ev.d2min!,
            referenceFrames: allRows(traj.frames.length),
            species,
            targetSpecies: s,
            softThreshold: ev.parameters.threshold,
            hardThreshold: hard,
            nPerClass,
            seed: seed + s,
          }),
        );
      }
    }
    wanted.forEach((s, k) => {
      const c = sets[k].counts;
      lines.push(
        `species ${names[s]}: soft ${c.soft.used} of ${c.soft.available} available, hard ${c.hard.used} of ${c.hard.available}${c.excluded ? ` (${c.excluded} excluded)` : ''}`,
      );
      if (c.soft.used === 0) throw new Error(`species ${names[s]} has no soft example; lower pc / threshold or use a longer trajectory`);
    });
    ctx.emit({ kind: 'text', text: lines.join('\n') });
    const value: TrainingSetValue = { kind: 'trainingSet', source: ev, ...concatenate(sets), parameters };
    return value;
  },
};

function speciesIndex(names: readonly string[], name: string): number {
  const s = names.indexOf(name);
  if (s < 0) throw new RangeError(`unknown species '${name}'; this trajectory has ${names.join(', ')}`);
  return s;
}

/** Joins the per-species sets and re-sorts by (frame, particle), so features read each frame once. */
function concatenate(sets: readonly TrainingSet[]): { frame: Int32Array; particle: Int32Array; label: Int8Array } {
  const total = sets.reduce((sum, s) => sum + s.label.length, 0);
  const order = Array.from({ length: total }, (_, k) => k);
  const frame = new Int32Array(total);
  const particle = new Int32Array(total);
  const label = new Int8Array(total);
  let offset = 0;
  for (const s of sets) {
    frame.set(s.frame, offset);
    particle.set(s.particle, offset);
    label.set(s.label, offset);
    offset += s.label.length;
  }
  order.sort((a, b) => frame[a] - frame[b] || particle[a] - particle[b]);
  return {
    frame: Int32Array.from(order, (k) => frame[k]),
    particle: Int32Array.from(order, (k) => particle[k]),
    label: Int8Array.from(order, (k) => label[k]),
  };
}
