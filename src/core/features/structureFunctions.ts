import type { PositionsLike } from '../neighbors/cellGrid';
import { forEachNeighborChunk } from '../neighbors/cellList';
import { addAngular, compileAngular } from './angular';
import { featureLayout, featureNames } from './names';
import { addRadial, compileRadial } from './radial';
import { validateFeatureSpec, type FeatureSpec } from './spec';

/** Structure functions of many environments. */
export interface FeatureMatrix {
  /** Row-major [nRows x nFeatures]; float32 is ample for SVM inputs and halves memory. */
  values: Float32Array;
  nRows: number;
  nFeatures: number;
  /** Column names in layout order (see names.ts), length nFeatures. */
  names: string[];
}

/** What computeStructureFunctions reads from a Frame. */
export interface SpeciesPositions extends PositionsLike {
  /** Species index per particle row, Uint8Array [n], into spec.speciesNames. */
  readonly species: Uint8Array;
}

/** Centers per neighbour-list chunk: ~6 MB of pairs at rCut = 5, density 1.2, reused per chunk. */
const CHUNK = 256;

/**
 * Radial and angular structure functions G_Y(i; mu) and Psi_YZ(i; xi, zeta, lambda) of each
 * center i ([Cubuk2015] Eqs. 1-2; [Cubuk2016] Eqs. 4.1-4.2; 'schoenholz' radial convention:
 * [Schoenholz2018] Eq. 3). Column layout and names: names.ts; angular pair-counting convention
 * (each unordered pair once): angular.ts.
 *
 * One neighbour search at max(radial rCut, angular rCut) serves both families; only the
 * centers' lists are built (all particles are binned once), streamed in chunks of 256 centers
 * through reused buffers.
 *
 * @param frame positions Float64Array [n x 3] in sigma_AA, box (or null), species Uint8Array [n].
 * @param centers particle rows, Int32Array [nRows] (default: all rows); rows of the result follow it.
 * @returns values Float32Array row-major [nRows x nFeatures].
 * @throws RangeError for an invalid spec (validateFeatureSpec), a species index outside
 *   speciesNames (naming the particle row), or invalid positions/centers (buildNeighborList).
 */
export function computeStructureFunctions(frame: SpeciesPositions, spec: FeatureSpec, centers?: Int32Array): FeatureMatrix {
  validateFeatureSpec(spec);
  const layout = featureLayout(spec);
  const { species } = frame;
  if (species.length < frame.n) {
    throw new RangeError(`features: species must hold n = ${frame.n} entries, got ${species.length}`);
  }
  for (let i = 0; i < frame.n; i++) {
    if (species[i] >= layout.nSpecies) {
      throw new RangeError(
        `features: particle row ${i} has species index ${species[i]}, but speciesNames lists only ${layout.nSpecies} (${spec.speciesNames.join(', ')})`,
      );
    }
  }
  const rows = centers ?? Int32Array.from({ length: frame.n }, (_, i) => i);
  const radial = spec.radial ? compileRadial(spec.radial) : null;
  const angular = spec.angular ? compileAngular(spec.angular) : null;
  const rCut = Math.max(radial?.rCut ?? 0, angular?.rCut ?? 0);
  const { nFeatures } = layout;
  const values = new Float32Array(rows.length * nFeatures);
  const row = new Float64Array(nFeatures);
  forEachNeighborChunk(frame, rCut, rows, CHUNK, (list, first) => {
    for (let c = 0; c < list.centers.length; c++) {
      row.fill(0);
      if (radial) addRadial(radial, list, c, species, layout, row);
      if (angular) addAngular(angular, list, c, species, layout, row);
      values.set(row, (first + c) * nFeatures);
    }
  });
  return { values, nRows: rows.length, nFeatures, names: featureNames(spec) };
}
