import { quiescentWindows } from '../../dynamics/events';
import { d2minTrainingSet, pHopTrainingSet, type TrainingSet } from '../../learn/trainingSet';
import { allRows, frameSpacing } from '../run/frameLoop';
import { defineStatement, type StatementDoc } from '../spec';
import type { TrainingSetValue } from '../values';

const doc = {
  verb: 'trainingSet',
  aliases: ['trainingset'],
  summary:
    'Builds balanced, seeded training sets per central species. p_hop route: soft = particles with an event of p* > p_c, environment at t_start - offset; hard = particles with no event for tau_c, environment in the middle of that window. D2_min route: soft = D2_min >= threshold, hard = D2_min < hardThreshold, environment at the interval start.',
  returns: 'trainingSet',
  source: '[Schoenholz2018] sec. 3.1; [Cubuk2015]; [Cubuk2016] sec. 4.3',
  example: 'ts = trainingSet ev pC=0.6 offset=2 tauC=20 nPerClass=3000',
  params: [
    { name: 'rearrangements', type: 'result', kinds: ['rearrangements'], positional: true, doc: 'labels from `rearrangements`' },
    {
      name: 'pC',
      aliases: ['pc'],
      type: 'number',
      min: 0,
      default: 0.6,
      unit: 'sigma_AA^2',
      doc: 'p_hop route: only events with p* > p_c are soft examples',
      source: '[Schoenholz2018] sec. 3.1 (p_c ~ 0.6)',
    },
    {
      name: 'offset',
      type: 'number',
      min: 0,
      default: 2,
      unit: 'tau',
      doc: 'p_hop route: soft environment taken at t_start - offset',
      source: '[Schoenholz2018] sec. 3.1 (2 tau)',
    },
    {
      name: 'tauC',
      type: 'number',
      min: 0,
      default: 20,
      unit: 'tau',
      doc: 'p_hop route: hard = no event for tau_c (about tau_alpha; see `overlap`)',
      source: '[Schoenholz2018] sec. 3.1 (tau_c ~ tau_alpha)',
    },
    {
      name: 'hardThreshold',
      type: 'number',
      min: 0,
      default: null,
      unit: 'sigma_AA^2',
      doc: 'D2_min route: hard = D2_min below this (default: the rearrangement threshold)',
    },
    {
      name: 'nPerClass',
      type: 'number',
      integer: true,
      min: 1,
      default: 3000,
      unit: 'environments',
      doc: 'at most this many soft and as many hard environments per species',
      source: '[Schoenholz2018] sec. 3.1 (at least 3000 per population)',
    },
    { name: 'species', type: 'string', default: 'all', doc: 'central species to train, e.g. "A" or "A,B"; all = every species' },
    { name: 'seed', type: 'number', integer: true, min: 0, default: 1, unit: 'dimensionless', doc: 'random seed of the sampling' },
  ],
} as const satisfies StatementDoc;

/** `ts = trainingSet ev pC=0.6 offset=2 tauC=20 nPerClass=3000 seed=1` */
export const trainingSet = defineStatement(doc, async (args, ctx) => {
  const ev = args.rearrangements;
  const traj = ev.source;
  const names = traj.trajectory.speciesNames;
  const wanted = args.species === 'all' ? names.map((_, s) => s) : args.species.split(',').map((name) => speciesIndex(names, name.trim()));
  const species = traj.trajectory.readFrame(traj.frames[0]).species;
  const nPerClass = args.nPerClass;
  const seed = args.seed;
  const sets: TrainingSet[] = [];
  const lines: string[] = [];
  let parameters: Record<string, number>;
  if (ev.method === 'phop') {
    const spacing = frameSpacing(traj);
    const offsetFrames = Math.round(args.offset / spacing);
    const tauCFrames = Math.max(1, Math.round(args.tauC / spacing));
    const windows = quiescentWindows(ev.pHop!, traj.frames.length, traj.n, ev.parameters.pL, tauCFrames);
    parameters = { pc: args.pC, offset: offsetFrames * spacing, tauC: tauCFrames * spacing, nPerClass, seed };
    for (const s of wanted) {
      sets.push(
        pHopTrainingSet({
          events: ev.events!,
          windows,
          species,
          targetSpecies: s,
          pC: args.pC,
          offsetFrames,
          tauCFrames,
          nPerClass,
          seed: seed + s,
        }),
      );
    }
  } else {
    const hard = args.hardThreshold ?? ev.parameters.threshold;
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
    if (c.soft.used === 0) throw new Error(`species ${names[s]} has no soft example; lower pC / threshold or use a longer trajectory`);
  });
  ctx.emit({ kind: 'text', text: lines.join('\n') });
  const value: TrainingSetValue = { kind: 'trainingSet', source: ev, ...concatenate(sets), parameters };
  return value;
});

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
