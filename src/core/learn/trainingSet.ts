import { Rng } from './rng';

/**
 * Rearrangement events as the dynamics module produces them ([Schoenholz2018] Sec. 3.1):
 * event e is particle[e]'s maximal run of frames with p_hop > p_L, from tStart[e] (first frame
 * above) to tEnd[e] (first frame below after it), peaking at pStar[e] at frame tPeak[e].
 * All arrays have one entry per event; frames are 0-based trajectory frame indices.
 */
export interface RearrangementEventsLike {
  readonly particle: Int32Array;
  readonly tStart: Int32Array;
  readonly tEnd: Int32Array;
  readonly tPeak: Int32Array;
  readonly pStar: Float32Array;
}

/**
 * Quiescent windows: particle[q] has no event (p_hop <= p_L) in frames start[q] .. end[q] - 1
 * (half-open [start, end), like an event's [tStart, tEnd)).
 */
export interface QuiescentWindowsLike {
  readonly particle: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/** How many candidate environments each class had, and how many were sampled. */
export interface TrainingCounts {
  soft: { available: number; used: number };
  hard: { available: number; used: number };
  /**
   * Candidates dropped before sampling: p_hop route, large events whose t_start - offset falls
   * before frame 0; D2_min route, (interval, particle) entries whose D2_min is NaN (undefined).
   */
  excluded: number;
}

/**
 * Labelled particle environments: entry e is particle[e] (row index into the frame) in frame
 * frame[e], label[e] = +1 soft / -1 hard. Int32Array/Int8Array [nEnvironments], sorted by
 * (frame, particle) so features can be computed one frame at a time.
 */
export interface TrainingSet {
  readonly frame: Int32Array;
  readonly particle: Int32Array;
  readonly label: Int8Array;
  readonly counts: TrainingCounts;
}

/** Calls visit(frame, particle, label) for every candidate environment, label +1 or -1. */
type Enumerate = (visit: (frame: number, particle: number, label: 1 | -1) => void) => void;

/**
 * Balanced seeded sampling shared by both routes: min(nPerClass, softAvailable, hardAvailable)
 * candidates of each class, so the SVM sees equal numbers of soft and hard environments as in
 * [Cubuk2015] ("6,000 particles ... and an equal number of particles that do not").
 * Enumerates twice (count, then pick by rank) so no candidate list is materialised.
 */
function sampleBalanced(enumerate: Enumerate, nPerClass: number, seed: number, excluded: number): TrainingSet {
  let softAvailable = 0;
  let hardAvailable = 0;
  enumerate((_f, _p, label) => (label === 1 ? softAvailable++ : hardAvailable++));
  const nUsed = Math.min(nPerClass, softAvailable, hardAvailable);
  const rng = new Rng(seed);
  const picks = { soft: rng.sample(nUsed, softAvailable), hard: rng.sample(nUsed, hardAvailable) };
  const frame = new Int32Array(2 * nUsed);
  const particle = new Int32Array(2 * nUsed);
  const label = new Int8Array(2 * nUsed);
  const rank = { soft: 0, hard: 0 };
  const next = { soft: 0, hard: 0 };
  let fill = 0;
  enumerate((f, p, l) => {
    const cls = l === 1 ? 'soft' : 'hard';
    if (next[cls] < nUsed && picks[cls][next[cls]] === rank[cls]) {
      frame[fill] = f;
      particle[fill] = p;
      label[fill++] = l;
      next[cls]++;
    }
    rank[cls]++;
  });
  const order = Array.from(frame.keys()).sort((a, b) => frame[a] - frame[b] || particle[a] - particle[b] || label[a] - label[b]);
  return {
    frame: Int32Array.from(order, (e) => frame[e]),
    particle: Int32Array.from(order, (e) => particle[e]),
    label: Int8Array.from(order, (e) => label[e]),
    counts: { soft: { available: softAvailable, used: nUsed }, hard: { available: hardAvailable, used: nUsed }, excluded },
  };
}

function checkCommon(species: Uint8Array, targetSpecies: number, nPerClass: number): void {
  if (species.length === 0) throw new RangeError('species must hold one entry per particle, got an empty array');
  if (!(Number.isInteger(targetSpecies) && targetSpecies >= 0 && targetSpecies <= 255)) {
    throw new RangeError(`targetSpecies must be a species index in [0, 255], got ${targetSpecies}`);
  }
  if (!(Number.isInteger(nPerClass) && nPerClass > 0)) throw new RangeError(`nPerClass must be a positive integer, got ${nPerClass}`);
}

function checkParallelArrays(what: string, arrays: Record<string, ArrayLike<number>>, nParticles: number): void {
  const entries = Object.entries(arrays);
  const n = entries[0][1].length;
  for (const [name, a] of entries) {
    if (a.length !== n) throw new RangeError(`${what}.${name} has ${a.length} entries but ${what}.${entries[0][0]} has ${n}`);
  }
  const particle = arrays.particle;
  for (let e = 0; e < n; e++) {
    if (!(particle[e] >= 0 && particle[e] < nParticles)) {
      throw new RangeError(`${what}.particle[${e}] = ${particle[e]} is not a particle index in [0, ${nParticles})`);
    }
  }
}

/**
 * Training set from p_hop rearrangement events ([Schoenholz2018] Sec. 3.1).
 * Soft (+1): each event of a `targetSpecies` particle with p* > pC, environment at frame
 * t_start - offsetFrames ("just before the rearrangement, at t_start - 2 tau"); events where that
 * frame is < 0 are excluded. Hard (-1): each quiescent window is cut into consecutive blocks of
 * tauCFrames frames (tau_c ~ tau_alpha, "no rearrangement events for approximately tau_c"), one
 * environment per block at its middle frame block + floor((tauCFrames - 1) / 2); a window shorter
 * than tauCFrames gives none. Then min(nPerClass, soft, hard) of each class are sampled (seeded).
 *
 * Inputs: events and windows as documented on their interfaces (frames 0-based), species
 * Uint8Array [nParticles]. pC is in p_hop's unit, sigma_AA^2 (default 0.6: the p_c ~ 0.6 of
 * [Schoenholz2018] for its inherent-structure data; [Cubuk2016] Ch. 5 uses p_c = 0.2 for thermal data).
 * offsetFrames and tauCFrames are times already converted to frames by the caller.
 * Throws RangeError naming the parameter on mismatched array lengths, particle indices out of
 * range, non-finite pStar, a window with start < 0 or end < start, or invalid pC/offsetFrames/tauCFrames/nPerClass.
 */
export function pHopTrainingSet(params: {
  events: RearrangementEventsLike;
  windows: QuiescentWindowsLike;
  species: Uint8Array;
  targetSpecies: number;
  pC?: number;
  offsetFrames: number;
  tauCFrames: number;
  nPerClass: number;
  seed: number;
}): TrainingSet {
  const { events, windows, species, targetSpecies, offsetFrames, tauCFrames, nPerClass, seed } = params;
  const pC = params.pC ?? 0.6;
  checkCommon(species, targetSpecies, nPerClass);
  if (!(Number.isFinite(pC) && pC >= 0)) throw new RangeError(`pC must be a finite number >= 0, got ${pC}`);
  if (!(Number.isInteger(offsetFrames) && offsetFrames >= 0))
    throw new RangeError(`offsetFrames must be an integer >= 0, got ${offsetFrames}`);
  if (!(Number.isInteger(tauCFrames) && tauCFrames > 0)) throw new RangeError(`tauCFrames must be a positive integer, got ${tauCFrames}`);
  const { particle, tStart, tEnd, tPeak, pStar } = events;
  checkParallelArrays('events', { particle, tStart, tEnd, tPeak, pStar }, species.length);
  checkParallelArrays('windows', { particle: windows.particle, start: windows.start, end: windows.end }, species.length);
  for (let e = 0; e < pStar.length; e++) {
    if (!Number.isFinite(pStar[e])) throw new RangeError(`events.pStar[${e}] = ${pStar[e]} is not finite`);
  }
  for (let q = 0; q < windows.start.length; q++) {
    if (windows.start[q] < 0 || windows.end[q] < windows.start[q]) {
      throw new RangeError(`windows[${q}] = [${windows.start[q]}, ${windows.end[q]}) is not a frame range with 0 <= start <= end`);
    }
  }
  // pStar is Float32: compare against p_c rounded the same way, so p* = 0.6 is not "> 0.6".
  const pC32 = Math.fround(pC);
  const large = (e: number) => species[particle[e]] === targetSpecies && pStar[e] > pC32;
  let excluded = 0;
  for (let e = 0; e < pStar.length; e++) if (large(e) && tStart[e] - offsetFrames < 0) excluded++;
  const middle = Math.floor((tauCFrames - 1) / 2);
  const enumerate: Enumerate = (visit) => {
    for (let e = 0; e < pStar.length; e++) {
      const f = tStart[e] - offsetFrames;
      if (large(e) && f >= 0) visit(f, particle[e], 1);
    }
    for (let q = 0; q < windows.start.length; q++) {
      const p = windows.particle[q];
      if (species[p] !== targetSpecies) continue;
      for (let block = windows.start[q]; block + tauCFrames <= windows.end[q]; block += tauCFrames) visit(block + middle, p, -1);
    }
  };
  return sampleBalanced(enumerate, nPerClass, seed, excluded);
}

/**
 * Training set from D2_min ([Cubuk2015]; [Cubuk2016] Sec. 4.3, Eq. 4.3): for interval
 * k, starting at frame referenceFrames[k], a `targetSpecies` particle is soft (+1) if
 * D2_min >= softThreshold (it rearranges within Delta t) and hard (-1) if D2_min < hardThreshold;
 * the environment is the reference frame. hardThreshold defaults to softThreshold ("otherwise hard"
 * in [Cubuk2015]); a lower value leaves a margin of ambiguous particles out. [Cubuk2016] uses
 * D2_min,0 = 0.28 sigma_AA^2 at T = 0.4 (2D sheared LJ) and scales it as D2_min,0(T) = 0.7 T
 * sigma_AA^2 — the threshold is a required parameter because it is system-specific.
 * Then min(nPerClass, soft, hard) of each class are sampled (seeded).
 *
 * Inputs: d2min Float64Array row-major [nIntervals x nParticles] in sigma_AA^2 (NaN = undefined,
 * e.g. too few neighbours: excluded and counted); referenceFrames Int32Array [nIntervals];
 * species Uint8Array [nParticles]. Throws RangeError naming the parameter on a shape mismatch,
 * a negative or infinite D2_min (naming interval and particle), a negative reference frame, or
 * thresholds that are not finite with 0 <= hardThreshold <= softThreshold.
 */
export function d2minTrainingSet(params: {
  d2min: Float64Array;
  referenceFrames: Int32Array;
  species: Uint8Array;
  targetSpecies: number;
  softThreshold: number;
  hardThreshold?: number;
  nPerClass: number;
  seed: number;
}): TrainingSet {
  const { d2min, referenceFrames, species, targetSpecies, softThreshold, nPerClass, seed } = params;
  const hardThreshold = params.hardThreshold ?? softThreshold;
  checkCommon(species, targetSpecies, nPerClass);
  const n = species.length;
  const nIntervals = referenceFrames.length;
  if (d2min.length !== nIntervals * n) {
    throw new RangeError(
      `d2min must be Float64Array [${nIntervals} intervals x ${n} particles] = ${nIntervals * n} values, got ${d2min.length}`,
    );
  }
  if (!(Number.isFinite(softThreshold) && softThreshold > 0))
    throw new RangeError(`softThreshold must be a finite number > 0 (sigma_AA^2), got ${softThreshold}`);
  if (!(Number.isFinite(hardThreshold) && hardThreshold > 0 && hardThreshold <= softThreshold)) {
    throw new RangeError(`hardThreshold must be in (0, softThreshold = ${softThreshold}], got ${hardThreshold}`);
  }
  let excluded = 0;
  for (let k = 0; k < nIntervals; k++) {
    if (referenceFrames[k] < 0) throw new RangeError(`referenceFrames[${k}] = ${referenceFrames[k]} is negative`);
    for (let i = 0; i < n; i++) {
      const v = d2min[k * n + i];
      if (Number.isNaN(v)) {
        if (species[i] === targetSpecies) excluded++;
      } else if (!(v >= 0 && v < Infinity)) {
        throw new RangeError(`d2min[interval ${k}, particle ${i}] = ${v}; expected a finite value >= 0 or NaN`);
      }
    }
  }
  const enumerate: Enumerate = (visit) => {
    for (let k = 0; k < nIntervals; k++) {
      for (let i = 0; i < n; i++) {
        if (species[i] !== targetSpecies) continue;
        const v = d2min[k * n + i];
        if (v >= softThreshold) visit(referenceFrames[k], i, 1);
        else if (v < hardThreshold) visit(referenceFrames[k], i, -1);
      }
    }
  };
  return sampleBalanced(enumerate, nPerClass, seed, excluded);
}
