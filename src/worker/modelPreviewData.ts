import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { RadialSpec } from '../core/features/spec';
import { loadModel, type SoftnessModel } from '../core/learn/model';
import { modelWeights } from '../core/learn/weightFunction';
import type { ModelPreviewToWebview, ModelSummary, PairCorrelationWorkerData } from '../protocol/modelPreviewMessages';

/** Frames of the training trajectory averaged for g(r): enough for smooth curves, few enough to stay quick. */
export const PAIR_CORRELATION_FRAMES = 8;
/** g(r) bin width (sigma_AA): resolves the first peaks of a Lennard-Jones glass (width ~0.1-0.2). */
export const PAIR_CORRELATION_BIN = 0.04;
/**
 * Largest g(r) range (sigma_AA): feature cut-offs are 2.5-5 sigma_AA; a model file claiming a larger
 * one (1e6) must not size the g(r) histogram or its neighbour search.
 */
export const PAIR_CORRELATION_MAX_R = 10;

/**
 * Reads a `*.softness.json` model for the preview: its summary and weight curves
 * (core/learn/weightFunction.ts), or an error message naming the file and the bad field / JSON
 * error / layout problem (never throws; a malformed file becomes an `error` message).
 */
export function readModelPreview(file: string): {
  message: Extract<ModelPreviewToWebview, { type: 'model' | 'error' }>;
  model: SoftnessModel | null;
} {
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
      // Not Math.min(...mus): a spread of a huge array overflows the call stack.
      muMin: radial.mus.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY),
      muMax: radial.mus.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY),
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
 * the training used (frame 0 if none is recorded), out to the largest cut-off of the features (at
 * most PAIR_CORRELATION_MAX_R). `readableRoots` are the absolute folders a training trajectory may be read from (the model's
 * folder and the workspace folders), null when none may be read (an untrusted workspace): a model
 * file names any path it likes, and an error quoting a file's first line would show it in the panel.
 * The path is checked (after `..` is resolved) before its existence is, so the panel never tells
 * what exists elsewhere. Symbolic links inside the roots are followed: the folder's owner put them
 * there (a model file cannot make one). Returns the reason instead when the file is outside the
 * roots or not on this machine (e.g. a model trained elsewhere).
 */
export function trainingPairCorrelationRequest(
  model: SoftnessModel,
  modelFile: string,
  readableRoots: readonly string[] | null,
): PairCorrelationWorkerData | { unavailable: string } {
  const input = model.provenance.inputs[0];
  if (!input) return { unavailable: 'the model records no training trajectory' };
  if (readableRoots === null)
    return { unavailable: `the training trajectory ${input.path} is read only in a trusted workspace (it is not the file previewed)` };
  const file = path.resolve(path.dirname(modelFile), input.path);
  const outside = {
    unavailable:
      `the preview reads a training trajectory only from the model's folder or a workspace folder; ` +
      `${input.path} is outside them, so it is not read`,
  };
  if (!insideAny(file, readableRoots)) return outside;
  if (!existsSync(file)) return { unavailable: `the training trajectory ${input.path} is not on this machine` };
  const used = [...model.provenance.frames].sort((a, b) => a - b);
  const frames = used.length === 0 ? [0] : evenlySpaced(used, PAIR_CORRELATION_FRAMES);
  const radial = model.featureSpec.radial as RadialSpec | null;
  const angular = model.featureSpec.angular as { rCut: number } | null;
  const rMax = Math.min(PAIR_CORRELATION_MAX_R, Math.max(radial?.rCut ?? 0, angular?.rCut ?? 0));
  return { file, frames, rMax, binWidth: PAIR_CORRELATION_BIN };
}

/** Whether absolute `file` is one of `roots` or lies below one (compared as paths, no file access). */
function insideAny(file: string, roots: readonly string[]): boolean {
  return roots.some((root) => {
    const relative = path.relative(root, file);
    return relative === '' || (relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative));
  });
}

/** At most `count` entries of the sorted list, evenly spaced, first and last included. */
function evenlySpaced(sorted: readonly number[], count: number): number[] {
  if (sorted.length <= count) return [...sorted];
  return Array.from({ length: count }, (_, k) => sorted[Math.round((k * (sorted.length - 1)) / (count - 1))]);
}
