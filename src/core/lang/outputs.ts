/**
 * What a statement shows: the runner turns these into the HTML report (CLI) or notebook cell
 * outputs (extension). Heavy arrays stay typed arrays; only the report serialises them.
 */
import type { Figure } from '../plots/figure';

export interface TextOutput {
  readonly kind: 'text';
  readonly text: string;
}

/** A table: column names and rows (from a danfojs DataFrame). */
export interface TableOutput {
  readonly kind: 'table';
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<number | string>>;
}

/** A plotly figure with its title. */
export interface PlotOutput {
  readonly kind: 'plot';
  readonly title: string;
  readonly figure: Figure;
}

/** Particles of one frame coloured by a per-particle value (softness). */
export interface SnapshotOutput {
  readonly kind: 'snapshot';
  readonly title: string;
  readonly dimension: 2 | 3;
  /** Float32Array row-major [n x 3], sigma_AA. */
  readonly positions: Float32Array;
  /** Uint8Array [n] species index into speciesNames. */
  readonly species: Uint8Array;
  readonly speciesNames: readonly string[];
  /** Float32Array [n]: the colouring value (e.g. softness S). */
  readonly values: Float32Array;
  readonly valueName: string;
  /** Cell edge vectors a, b, c and origin (for drawing the box), or null for open boundaries. */
  readonly cell: {
    readonly origin: readonly number[];
    readonly a: readonly number[];
    readonly b: readonly number[];
    readonly c: readonly number[];
  } | null;
}

export type CellOutput = TextOutput | TableOutput | PlotOutput | SnapshotOutput;
