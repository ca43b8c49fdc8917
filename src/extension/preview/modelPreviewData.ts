import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { RadialSpec } from '../../core/features/spec';
import { loadModel, type SoftnessModel } from '../../core/learn/model';
import { modelWeights } from '../../core/learn/weightFunction';
import type { ModelPreviewToWebview, ModelSummary, PairCorrelationWorkerData } from '../../protocol/modelPreviewMessages';

/** Frames of the training trajectory averaged for g(r): enough for smooth curves, few enough to stay quick. */
export const PAIR_CORRELATION_FRAMES = 8;
/** g(r) bin width (sigma_AA): resolves the first peaks of a Lennard-Jones glass (width ~0.1-0.2). */
export const PAIR_CORRELATION_BIN = 0.04;

/**
 * Reads a `*.softness.json` model for the preview: its summary and weight curves
 * (core/learn/weightFunction.ts), or an error message naming the file and the bad field / JSON
 * error / layout problem (never throws; a malformed file becomes an `error` message).
 */
export function readModelPreview(file: string): { message: ModelPreviewToWebview; model: SoftnessModel | null } {
  try {
    const model = loadModel(file);
    const weights = modelWeights(model);
    const summary = modelSummary(
      file,
      model,
      weights.species.map((s) => s.intercept),
    );
    return { message: { type: 'model', summary, weights }, model };
  } catch (error) {
    const text = (error as Error).message;
    return { message: { type: 'error', message: text.includes(file) ? text : `${file}: ${text}` }, model: null };
  }
}

/** The summary table, feature description and provenance of a loaded model; `intercepts` per model.species entry. */
function modelSummary(file: string, model: SoftnessModel, intercepts: readonly number[]): ModelSummary {
  const radial = model.featureSpec.radial as RadialSpec | null;
  const angular = model.featureSpec.angular as { triples: unknown[]; rCut: number } | null;
  return {
    file,
    version: model.version,
    speciesNames: model.featureSpec.speciesNames,
    preset: model.featureSpec.preset ?? null,
    nFeatures: model.featureNames.length,
    radial: radial && {
      count: radial.mus.length,
      muMin: Math.min(...radial.mus),
      muMax: Math.max(...radial.mus),
      width: radial.width,
      convention: radial.convention,
      rCut: radial.rCut,
    },
    angular: angular && { triples: angular.triples.length, rCut: angular.rCut },
    species: model.species.map((e, k) => ({
      species: e.species,
      soft: e.trainingCounts.soft,
      hard: e.trainingCounts.hard,
      C: e.svm.C,
      loss: e.svm.loss,
      converged: e.svm.converged,
      iterations: e.svm.nIter,
      cvAccuracy: e.cvAccuracy,
      testAccuracy: e.testAccuracy,
      intercept: intercepts[k],
    })),
    metrics: model.metrics,
    provenance: model.provenance,
  };
}

/**
 * What to compute g(r) of: the model's first provenance input (as recorded; a relative path is
 * taken against the model's folder), up to PAIR_CORRELATION_FRAMES evenly spaced frames of those
 * the training used (frame 0 if none is recorded), out to the largest cut-off of the features.
 * Returns the reason instead when the file is not on this machine (e.g. a model trained elsewhere).
 */
export function trainingPairCorrelationRequest(
  model: SoftnessModel,
  modelFile: string,
): PairCorrelationWorkerData | { unavailable: string } {
  const input = model.provenance.inputs[0];
  if (!input) return { unavailable: 'the model records no training trajectory' };
  const file = path.resolve(path.dirname(modelFile), input.path);
  if (!existsSync(file)) return { unavailable: `the training trajectory ${input.path} is not on this machine` };
  const used = [...model.provenance.frames].sort((a, b) => a - b);
  const frames = used.length === 0 ? [0] : evenlySpaced(used, PAIR_CORRELATION_FRAMES);
  const radial = model.featureSpec.radial as RadialSpec | null;
  const angular = model.featureSpec.angular as { rCut: number } | null;
  const rMax = Math.max(radial?.rCut ?? 0, angular?.rCut ?? 0);
  return { file, frames, rMax, binWidth: PAIR_CORRELATION_BIN };
}

/** At most `count` entries of the sorted list, evenly spaced, first and last included. */
function evenlySpaced(sorted: readonly number[], count: number): number[] {
  if (sorted.length <= count) return [...sorted];
  return Array.from({ length: count }, (_, k) => sorted[Math.round((k * (sorted.length - 1)) / (count - 1))]);
}
