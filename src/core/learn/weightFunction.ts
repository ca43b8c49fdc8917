import { featureLayout, featureNames } from '../features/names';
import { compileRadial } from '../features/radial';
import { validateFeatureSpec, type FeatureSpec } from '../features/spec';
import type { SoftnessModel } from './model';

/** The radial weights of one central species X for one neighbour species Y. */
export interface RadialWeights {
  /** Neighbour species Y. */
  readonly neighbor: string;
  /** Centres mu_k of the radial functions G_Y(mu_k), Float64Array [nMus] (sigma_AA), in spec order. */
  readonly mus: Float64Array;
  /**
   * Hyperplane normal components w_k on the standardised features, Float64Array [nMus]
   * (dimensionless): the importance of density fluctuations at mu_k ([Cubuk2016] Eq. 5.7 and
   * Fig. 5.16).
   */
  readonly standardized: Float64Array;
  /**
   * w_XY(r) = sum_k (w_k / scale_k) phi(r - mu_k), Float64Array [nR] on ModelWeights.r: the change
   * of S when one Y neighbour sits at distance r, so that S_i = intercept + sum_j w_{X Y_j}(R_ij)
   * + (angular terms) exactly ([Cubuk2016] Eq. 6.14 and "S_i = sum_j w(R_ij)"; [Schoenholz2018] Eq. 7).
   * phi is the model's own radial function; zero for r >= rCut.
   */
  readonly perNeighbor: Float64Array;
  /**
   * Smallest mu_k (sigma_AA) whose Gaussian held, on average over the training environments, at
   * least min(1, c_max / 4) Y neighbours, c_k = scaler mean_k / prefactor (one neighbour; for a
   * rare species whose largest count c_max is below 4, a quarter of it). Below it neighbours were rare in training: those features have nearly
   * zero variance, so w_k / scale_k, and w_XY(r) with it, can be orders of magnitude larger there
   * than in the shells; the preview scales its axis to r >= denseFrom. Null if no feature qualifies.
   */
  readonly denseFrom: number | null;
}

/** The weight of one angular function Psi_YZ(xi, zeta, lambda) of one central species. */
export interface AngularWeight {
  /** Neighbour pair 'YZ' in speciesNames order (e.g. 'AB'), as in the feature names. */
  readonly pair: string;
  readonly xi: number;
  readonly zeta: number;
  readonly lambda: number;
  /** w_k on the standardised feature (dimensionless, comparable across features). */
  readonly standardized: number;
  /** w_k / scale_k: the change of S per unit change of Psi (Psi's unit is 1). */
  readonly perUnit: number;
}

/** Everything the model preview plots for one central species X. */
export interface SpeciesWeights {
  readonly species: string;
  /**
   * b - sum_k w_k mean_k / scale_k: S of a particle with no neighbour inside the cut-offs, the
   * constant of the decomposition S_i = intercept + sum_j w(R_ij) + angular terms.
   */
  readonly intercept: number;
  /** One entry per neighbour species, speciesNames order; empty without radial functions. */
  readonly radial: RadialWeights[];
  /** One entry per (pair, triple) in feature order; empty without angular functions. */
  readonly angular: AngularWeight[];
}

export interface ModelWeights {
  /** Radii of perNeighbor, Float64Array [nR] (sigma_AA): 0, dr, ... below the radial cut-off; empty without radial functions. */
  readonly r: Float64Array;
  /** Radial cut-off (sigma_AA), or null without radial functions. */
  readonly radialCut: number | null;
  /** 'cubuk' (exp(-(r-mu)^2/L^2)) or 'schoenholz' (exp(-(r-mu)^2/(2 sigma^2))/sqrt(2 pi)), or null. */
  readonly convention: 'cubuk' | 'schoenholz' | null;
  /** One entry per trained central species, in the model's order. */
  readonly species: SpeciesWeights[];
}

/** Most radii of the w(r) grid, whatever dr and rCut a model file declares. */
export const MAX_WEIGHT_GRID = 4096;
/** Most evaluations of phi(r - mu_k) for all curves together (about 0.1 s), bounding a model with very many radial features. */
export const MAX_WEIGHT_GRID_WORK = 2e7;

/**
 * Radii of the w(r) grid: the `wanted` number (rCut / dr), at most MAX_WEIGHT_GRID and at most
 * MAX_WEIGHT_GRID_WORK / `curveTerms` (the phi evaluations per radius), at least 1.
 */
function gridPoints(wanted: number, curveTerms: number): number {
  return Math.max(1, Math.min(Math.ceil(wanted), MAX_WEIGHT_GRID, Math.floor(MAX_WEIGHT_GRID_WORK / Math.max(1, curveTerms))));
}

/**
 * The learned weights of a softness model, arranged for interpretation ([Cubuk2016] Sec. 5.5.5 /
 * Fig. 5.16 and Sec. 6.3 / Fig. 6.6; [Schoenholz2018] Eqs. 4-9).
 *
 * The model computes S = sum_k w_k (x_k - mean_k) / scale_k + b per central species. Since every
 * radial feature is a sum over neighbours, G_Y(i; mu_k) = sum_{j in Y, R_ij < rCut} phi(R_ij - mu_k),
 * the radial part of S is exactly a sum of one function per neighbour, w_XY(R_ij) (see
 * RadialWeights.perNeighbor); the means only shift the constant (SpeciesWeights.intercept).
 *
 * @param model a loaded model; its featureSpec must be a valid FeatureSpec whose feature names are
 *   the model's featureNames (the column layout is derived from the spec).
 * @param options.dr spacing of ModelWeights.r (sigma_AA), finite and > 0; default width / 4. The grid
 *   is coarsened (dr grows) so that it has at most MAX_WEIGHT_GRID radii and all curves together
 *   take at most MAX_WEIGHT_GRID_WORK evaluations: the model preview computes them as a file opens.
 * @throws RangeError for an invalid featureSpec (naming the parameter) or dr, Error when the
 *   featureNames do not follow the featureSpec (the layout would be guessed).
 */
export function modelWeights(model: SoftnessModel, options: { dr?: number } = {}): ModelWeights {
  const spec = model.featureSpec as FeatureSpec;
  validateFeatureSpec(spec);
  const expected = featureNames(spec);
  const mismatch = expected.findIndex((name, k) => model.featureNames[k] !== name);
  if (mismatch >= 0 || expected.length !== model.featureNames.length) {
    const k = mismatch >= 0 ? mismatch : Math.min(expected.length, model.featureNames.length);
    throw new Error(
      `the model's featureNames do not follow its featureSpec: column ${k} is ${JSON.stringify(model.featureNames[k])}, the spec gives ${JSON.stringify(expected[k])}`,
    );
  }
  const layout = featureLayout(spec);
  const names = spec.speciesNames;
  const radial = spec.radial;
  const requested = options.dr ?? (radial ? radial.width / 4 : 1);
  if (!(Number.isFinite(requested) && requested > 0)) {
    throw new RangeError(`weight function: dr must be a finite positive length (sigma_AA), got ${requested}`);
  }
  const points = radial ? gridPoints(radial.rCut / requested, model.species.length * layout.nSpecies * layout.nMus) : 0;
  const dr = radial ? Math.max(requested, radial.rCut / points) : requested;
  const r = Float64Array.from({ length: points }, (_, k) => k * dr);
  const kernel = radial ? compileRadial(radial) : null;

  const species = model.species.map((entry): SpeciesWeights => {
    const { mean, scale } = entry.scaler;
    const w = entry.svm.w;
    let intercept = entry.svm.b;
    for (let k = 0; k < w.length; k++) intercept -= (w[k] * mean[k]) / scale[k];
    const radialWeights =
      radial && kernel
        ? names.map((neighbor, y): RadialWeights => {
            const first = y * layout.nMus;
            const perNeighbor = new Float64Array(r.length);
            for (let k = 0; k < layout.nMus; k++) {
              const amplitude = (kernel.prefactor * w[first + k]) / scale[first + k];
              for (let p = 0; p < r.length; p++)
                perNeighbor[p] += amplitude * Math.exp(-((r[p] - radial.mus[k]) ** 2) * kernel.inverseWidth2);
            }
            const counts = Array.from({ length: layout.nMus }, (_, k) => mean[first + k] / kernel.prefactor);
            const threshold = Math.min(1, Math.max(...counts) / 4);
            const dense = radial.mus.filter((_, k) => counts[k] >= threshold && counts[k] > 0);
            const denseFrom = dense.length > 0 ? Math.min(...dense) : null;
            return {
              neighbor,
              mus: Float64Array.from(radial.mus),
              standardized: w.slice(first, first + layout.nMus),
              perNeighbor,
              denseFrom,
            };
          })
        : [];
    const angular: AngularWeight[] = [];
    for (let y = 0; y < names.length && spec.angular; y++) {
      for (let z = y; z < names.length; z++) {
        const start = layout.pairStart[y * names.length + z];
        spec.angular.triples.forEach(({ xi, zeta, lambda }, t) => {
          angular.push({
            pair: `${names[y]}${names[z]}`,
            xi,
            zeta,
            lambda,
            standardized: w[start + t],
            perUnit: w[start + t] / scale[start + t],
          });
        });
      }
    }
    return { species: entry.species, intercept, radial: radialWeights, angular };
  });
  return { r, radialCut: radial?.rCut ?? null, convention: radial?.convention ?? null, species };
}
