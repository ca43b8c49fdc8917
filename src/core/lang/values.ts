import type { RearrangementEvents } from '../dynamics/events';
import type { FeatureMatrix } from '../features/structureFunctions';
import type { FeatureSpec } from '../features/spec';
import type { Trajectory } from '../io/frame';
import type { SoftnessModel } from '../learn/model';
import type { TableOutput } from './outputs';

/**
 * The results a cell can name and pass on, one kind per pipeline stage:
 * trajectory -> rearrangements -> trainingSet -> features -> model -> softness -> analyses.
 */
export const VALUE_KINDS = ['trajectory', 'rearrangements', 'trainingSet', 'features', 'model', 'softness', 'table'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** An opened trajectory and the frames selected from it (`load ... start= stop= every=`). */
export interface TrajectoryValue {
  readonly kind: 'trajectory';
  readonly trajectory: Trajectory;
  /** Selected file frame indices, Int32Array [nFrames], increasing. */
  readonly frames: Int32Array;
  /** Time of each selected frame in tau (timestep x dt), Float64Array [nFrames]. */
  readonly times: Float64Array;
  /** MD timestep size in tau (LAMMPS `timestep`). */
  readonly dt: number;
  readonly n: number;
  readonly dimension: 2 | 3;
}

/**
 * Rearrangement indicators on the selected frames of a trajectory.
 * p_hop route: `pHop` Float32Array [nFrames x n] (sigma_AA^2) and its events.
 * D2_min route: `d2min` Float64Array [nFrames x n] (sigma_AA^2) of the interval starting at each
 * frame (NaN where frame + interval runs past the end).
 * Rows index the trajectory value's selected frames.
 */
export interface RearrangementsValue {
  readonly kind: 'rearrangements';
  readonly source: TrajectoryValue;
  readonly method: 'phop' | 'd2min';
  readonly pHop: Float32Array | null;
  readonly events: RearrangementEvents | null;
  readonly d2min: Float64Array | null;
  /** Parameters used (tR, pL, interval, rCut, ...) for provenance. */
  readonly parameters: Readonly<Record<string, number>>;
  /**
   * Rearranging flag per particle-frame for P(S|R) and P_R(S): 1 rearranging, 0 not, 255 unknown;
   * Uint8Array [nFrames x n].
   */
  readonly rearranging: Uint8Array;
}

/** Labelled environments: (selected-frame row, particle row, +1 soft / -1 hard). */
export interface TrainingSetValue {
  readonly kind: 'trainingSet';
  readonly source: RearrangementsValue;
  /** Rows into the trajectory value's selected frames, Int32Array [nEnv]. */
  readonly frame: Int32Array;
  readonly particle: Int32Array;
  /** +1 about to rearrange (soft), -1 stable (hard), Int8Array [nEnv]. */
  readonly label: Int8Array;
  readonly parameters: Readonly<Record<string, number>>;
}

/** Structure functions of labelled environments. */
export interface FeaturesValue {
  readonly kind: 'features';
  readonly source: TrainingSetValue;
  readonly spec: FeatureSpec;
  /** values row-major [nEnv x nFeatures], rows aligned with the training set. */
  readonly matrix: FeatureMatrix;
  /** Species of each environment's central particle, Uint8Array [nEnv]. */
  readonly species: Uint8Array;
}

export interface ModelValue {
  readonly kind: 'model';
  readonly model: SoftnessModel;
}

/** Softness of every particle of some selected frames. */
export interface SoftnessValue {
  readonly kind: 'softness';
  readonly source: TrajectoryValue;
  /** Rows into the trajectory value's selected frames, Int32Array [nRows]. */
  readonly rows: Int32Array;
  /** S, Float32Array row-major [nRows x n]. */
  readonly values: Float32Array;
}

/** A table (danfojs DataFrame content) such as the P_R(S) bins: the same shape as its output. */
export type TableValue = TableOutput;

export type Value = TrajectoryValue | RearrangementsValue | TrainingSetValue | FeaturesValue | ModelValue | SoftnessValue | TableValue;

/** One-line summary shown after `name = ...`, in the field's vocabulary. */
export function describeValue(value: Value): string {
  switch (value.kind) {
    case 'trajectory': {
      const t = value.trajectory;
      const span = value.times.length > 1 ? `, t = ${fmt(value.times[0])}..${fmt(value.times[value.times.length - 1])} tau` : '';
      return `trajectory ${t.path}: N = ${value.n}, ${value.dimension}D, species ${t.speciesNames.join('/')}, ${value.frames.length} of ${t.frameCount} frames${span}`;
    }
    case 'rearrangements':
      return value.method === 'phop'
        ? `p_hop on ${value.source.frames.length} frames, ${value.events?.count ?? 0} events (p_hop > p_L)`
        : `D2_min on ${value.source.frames.length} frames (interval ${value.parameters.interval} tau)`;
    case 'trainingSet': {
      let soft = 0;
      for (const l of value.label) if (l > 0) soft++;
      return `training set: ${soft} soft + ${value.label.length - soft} hard environments`;
    }
    case 'features':
      return `structure functions: ${value.matrix.nRows} environments x ${value.matrix.nFeatures} features${value.spec.preset ? ` (${value.spec.preset})` : ''}`;
    case 'model':
      return `softness model for species ${value.model.species.map((s) => s.species).join(', ')}, ${value.model.featureNames.length} features`;
    case 'softness':
      return `softness of ${value.source.n} particles x ${value.rows.length} frames`;
    case 'table':
      return `table '${value.title}': ${value.rows.length} rows x ${value.columns.length} columns`;
  }
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}
