import type { ParamSpec, StatementDoc } from './spec';

/**
 * The documentation of every statement: summary, example, and each parameter's type, default, unit,
 * meaning and source. Pure data, kept apart from the implementations (statements/*.ts) so that the
 * reference (docs/language.md), argument checking and the editor's completions and hovers use the
 * same specs without loading the engine.
 */

export const loadDoc: StatementDoc = {
  verb: 'load',
  summary: 'Opens a trajectory (LAMMPS dump, XYZ/extended XYZ, HOOMD-blue GSD, optionally .gz) and selects frames. Frames are read lazily.',
  returns: 'trajectory',
  example: 'traj = load "../samples/ka3d/ka3d_is.dump.gz" dt=0.005',
  params: [
    { name: 'file', type: 'path', positional: true, doc: 'trajectory file, relative to the notebook' },
    {
      name: 'dt',
      type: 'number',
      min: 1e-12,
      default: 0.005,
      unit: 'tau',
      doc: 'MD timestep size: frame time = timestep x dt (LAMMPS default for units lj)',
    },
    { name: 'start', type: 'number', integer: true, min: 0, default: 0, doc: 'first frame (0-based)' },
    { name: 'stop', type: 'number', integer: true, min: -1, default: -1, doc: 'one past the last frame; -1 = to the end' },
    { name: 'every', type: 'number', integer: true, min: 1, default: 1, doc: 'keep every k-th frame' },
    {
      name: 'dimension',
      type: 'enum',
      values: ['auto', '2', '3'],
      default: 'auto',
      doc: '2D or 3D; auto = 2 when all z are equal (GSD: its configuration/dimensions)',
    },
  ],
};

export const overlapDoc: StatementDoc = {
  verb: 'overlap',
  summary: 'Self overlap q(t) averaged over time origins and the alpha-relaxation time tau_alpha (q = 1/e); plots q(t).',
  returns: 'table',
  source: 'Schoenholz review Eq. 1',
  example: 'q = overlap traj a=0.3',
  params: [
    { name: 'trajectory', type: 'result', kinds: ['trajectory'], positional: true, doc: 'the loaded trajectory' },
    { name: 'a', type: 'number', min: 0, default: 0.3, unit: 'sigma_AA', doc: 'mobility cut-off a' },
    { name: 'maxLag', type: 'number', min: 0, default: -1, unit: 'tau', doc: 'longest lag; -1 = half the trajectory' },
  ],
};

export const rearrangementsDoc: StatementDoc = {
  verb: 'rearrangements',
  summary:
    'Labels what particles do next: p_hop and its events (quiescent liquids) or D2_min over an interval (sheared or compressed solids). Also flags each particle-frame as rearranging for P(S|R) and P_R(S).',
  returns: 'rearrangements',
  source: 'p_hop: Schoenholz review Eq. 2 and sec. 3.1; D2_min: Cubuk et al. PRL 2015 Eq. 3 (Falk & Langer)',
  example: 'ev = rearrangements traj method=phop tR=10',
  params: [
    { name: 'trajectory', type: 'result', kinds: ['trajectory'], positional: true, doc: 'the loaded trajectory' },
    { name: 'method', type: 'enum', values: ['phop', 'd2min'], default: 'phop', doc: 'rearrangement indicator' },
    {
      name: 'tR',
      type: 'number',
      min: 0,
      default: 10,
      unit: 'tau',
      doc: 'p_hop window t_R (time to complete a rearrangement)',
      source: 'Schoenholz review sec. 3.1 (t_R = 10 tau)',
    },
    {
      name: 'pL',
      type: 'number',
      min: 0,
      default: 0.05,
      unit: 'sigma_AA^2',
      doc: 'p_hop event threshold p_L',
      source: 'Schoenholz review sec. 3.1 (p_L ~ 0.05)',
    },
    {
      name: 'pR',
      type: 'number',
      min: 0,
      default: 0.2,
      unit: 'sigma_AA^2',
      doc: 'p_hop above which a particle-frame counts as rearranging for P(S|R), P_R(S)',
      source: 'Schoenholz review below Eq. 10 (p_hop >~ 0.2)',
    },
    {
      name: 'interval',
      type: 'number',
      min: 0,
      default: 1,
      unit: 'tau',
      doc: 'D2_min interval Delta t (rounded to whole frames)',
      source: 'Cubuk et al. PRL 2015 Eq. 3',
    },
    {
      name: 'rCut',
      type: 'number',
      min: 0,
      default: 2.5,
      unit: 'sigma_AA',
      doc: 'D2_min neighbour cut-off R_c^D',
      source: 'Cubuk et al. PRL 2015 Eq. 3',
    },
    {
      name: 'threshold',
      type: 'number',
      min: 0,
      default: null,
      unit: 'sigma_AA^2',
      doc: 'D2_min,0: D2_min at or above it counts as rearranging (required for d2min)',
      source: 'Cubuk thesis sec. 4.3.1: 0.28 at T = 0.4, i.e. 0.7 T',
    },
  ],
};

export const trainingSetDoc: StatementDoc = {
  verb: 'trainingset',
  summary:
    'Builds balanced, seeded training sets per central species. p_hop route: soft = particles with an event of p* > p_c, environment at t_start - offset; hard = particles with no event for tau_c, environment in the middle of that window. D2_min route: soft = D2_min >= threshold, hard = D2_min < hardThreshold, environment at the interval start.',
  returns: 'trainingSet',
  source: 'Schoenholz review sec. 3.1; Cubuk et al. PRL 2015; Cubuk thesis sec. 4.3',
  example: 'ts = trainingset ev pc=0.6 offset=2 tauC=20 nPerClass=3000',
  params: [
    { name: 'rearrangements', type: 'result', kinds: ['rearrangements'], positional: true, doc: 'labels from `rearrangements`' },
    {
      name: 'pc',
      type: 'number',
      min: 0,
      default: 0.6,
      unit: 'sigma_AA^2',
      doc: 'p_hop route: only events with p* > p_c are soft examples',
      source: 'Schoenholz review sec. 3.1 (p_c ~ 0.6)',
    },
    {
      name: 'offset',
      type: 'number',
      min: 0,
      default: 2,
      unit: 'tau',
      doc: 'p_hop route: soft environment taken at t_start - offset',
      source: 'Schoenholz review sec. 3.1 (2 tau)',
    },
    {
      name: 'tauC',
      type: 'number',
      min: 0,
      default: 20,
      unit: 'tau',
      doc: 'p_hop route: hard = no event for tau_c (about tau_alpha; see `overlap`)',
      source: 'Schoenholz review sec. 3.1 (tau_c ~ tau_alpha)',
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
      doc: 'at most this many soft and as many hard environments per species',
      source: 'Schoenholz review sec. 3.1 (at least 3000 per population)',
    },
    { name: 'species', type: 'string', default: 'all', doc: 'central species to train, e.g. "A" or "A,B"; all = every species' },
    { name: 'seed', type: 'number', integer: true, min: 0, default: 1, doc: 'random seed of the sampling' },
  ],
};

export const featuresDoc: StatementDoc = {
  verb: 'features',
  summary:
    'Structure functions of the training environments: radial G_Y(i; mu, L) and angular Psi_YZ(i; xi, lambda, zeta). Only the chosen particles of the chosen frames are computed.',
  returns: 'features',
  source: 'Cubuk et al. PRL 2015 Eqs. 1-2; Cubuk thesis Table 4.1; Schoenholz review Eq. 3',
  example: 'X = features ts preset=cubuk2015',
  params: [
    { name: 'trainingSet', type: 'result', kinds: ['trainingSet'], positional: true, doc: 'environments from `trainingset`' },
    {
      name: 'preset',
      type: 'enum',
      values: ['cubuk2015', 'schoenholz2016'],
      default: 'cubuk2015',
      doc: 'cubuk2015: radial mu = 0.3..5.0 step 0.1, L = 0.1 + the 22 angular triples of thesis Table 4.1; schoenholz2016: radial only, r = 0.1..5.0, width 0.1',
    },
    { name: 'radialCut', type: 'number', min: 0, default: null, unit: 'sigma_AA', doc: 'override the radial cut-off (preset: 5.0)' },
    { name: 'angularCut', type: 'number', min: 0, default: null, unit: 'sigma_AA', doc: 'override the angular cut-off (preset: 2.5)' },
  ],
};

export const trainDoc: StatementDoc = {
  verb: 'train',
  summary:
    'Trains one linear SVM per central species on standardised structure functions: a stratified held-out test split, k-fold cross-validated accuracy on the rest, then the final hyperplane on the training split. Softness S = w.x + b.',
  returns: 'model',
  source: 'Cubuk et al. PRL 2015 (linear SVM, C = 1); Cubuk thesis Eq. 4.4; Schoenholz review sec. 3.3',
  example: 'model = train X C=1',
  params: [
    { name: 'features', type: 'result', kinds: ['features'], positional: true, doc: 'labelled structure functions from `features`' },
    {
      name: 'C',
      type: 'number',
      min: 1e-12,
      default: 1,
      doc: 'SVM penalty C',
      source: 'Cubuk thesis sec. 4.3.1 (C = 1; insensitive for C > 0.1)',
    },
    {
      name: 'loss',
      type: 'enum',
      values: ['hinge', 'squared_hinge'],
      default: 'hinge',
      doc: 'hinge = the soft-margin SVM of LIBSVM / thesis Eq. 4.4; squared_hinge = scikit-learn LinearSVC default',
    },
    { name: 'folds', type: 'number', integer: true, min: 2, default: 5, doc: 'k of the stratified k-fold cross-validation' },
    { name: 'testFraction', type: 'number', min: 0.01, max: 0.9, default: 0.2, doc: 'held-out test fraction' },
    { name: 'seed', type: 'number', integer: true, min: 0, default: 1, doc: 'seed of the split, folds and solver' },
  ],
};

/** A parameter of `train`, shared verbatim by statements that must train the same way. */
function trainParam(name: string): ParamSpec {
  const spec = trainDoc.params.find((p) => p.name === name);
  if (!spec) throw new Error(`train has no parameter '${name}'`);
  return spec;
}

export const trainScanDoc: StatementDoc = {
  verb: 'trainscan',
  summary:
    "How the softness classifier's accuracy depends on the SVM penalty C and on the training-set size, per central species, with the protocol of `train` (the same stratified held-out test split, standardisation learned inside each fold, stratified k-fold CV): for every point the CV accuracy (mean ± std over the folds), the accuracy of one fit on the whole training (sub)set on the held-out test set, and on that training set itself (above the test accuracy when it overfits). The size scan trains on seeded stratified subsamples of the training split (nested: each holds the smaller ones) and always scores on the same test set. Plots accuracy vs C and vs size (log x axes); the table holds every point.",
  returns: 'table',
  source:
    'Cubuk thesis sec. 4.3.1, Figs. 4.3-4.4 (insensitive to C for C > 0.1; test accuracy saturates and meets the training accuracy for large training sets)',
  example: 'scan = trainscan X C=[0.01, 0.1, 1, 10] sizes=[250, 500, 1000, 2000]',
  params: [
    { name: 'features', type: 'result', kinds: ['features'], positional: true, doc: 'labelled structure functions from `features`' },
    {
      name: 'C',
      type: 'numberList',
      default: [0.01, 0.1, 1, 10],
      doc: 'SVM penalties C to compare (each > 0), trained on the whole training split',
      source: 'Cubuk thesis sec. 4.3.1 (insensitive for C > 0.1)',
    },
    {
      name: 'sizes',
      type: 'numberList',
      default: null,
      unit: 'environments',
      doc: "training-set sizes to compare (environments of one species, soft + hard, each an integer >= 2 x folds); a size above a species' training split uses all of it; none = 1/16, 1/8, 1/4, 1/2 and all of each training split",
      source: 'Cubuk thesis sec. 4.3.1, Fig. 4.4',
    },
    {
      name: 'sizeC',
      type: 'number',
      min: 1e-12,
      default: 1,
      doc: 'SVM penalty C of the training-set size scan',
      source: 'Cubuk et al. PRL 2015; Cubuk thesis sec. 4.3.1 (C = 1)',
    },
    trainParam('loss'),
    trainParam('folds'),
    trainParam('testFraction'),
    trainParam('seed'),
  ],
};

export const loadModelDoc: StatementDoc = {
  verb: 'loadmodel',
  summary: 'Reads a trained model (*.softness.json) to apply it to other trajectories (e.g. other temperatures).',
  returns: 'model',
  example: 'model = loadmodel "ka3d.softness.json"',
  params: [{ name: 'file', type: 'path', positional: true, doc: 'model file, relative to the notebook' }],
};

export const softnessDoc: StatementDoc = {
  verb: 'softness',
  summary:
    'Softness S = w.x + b of every particle of the selected frames, with the model of its species (NaN for a species the model was not trained on). One frame in memory at a time.',
  returns: 'softness',
  source: 'Schoenholz review sec. 3.3; Cubuk et al. PRL 2015',
  example: 'S = softness model traj every=1',
  params: [
    { name: 'model', type: 'result', kinds: ['model'], positional: true, doc: 'trained model (from `train`)' },
    {
      name: 'trajectory',
      type: 'result',
      kinds: ['trajectory'],
      positional: true,
      doc: 'trajectory to evaluate (may differ from the training one)',
    },
    { name: 'every', type: 'number', integer: true, min: 1, default: 1, doc: 'use every k-th selected frame' },
  ],
};

export const plotDoc: StatementDoc = {
  verb: 'plot',
  summary:
    'Plots a softness analysis: PS = P(S) and P(S|R) overlaid; PRS = P_R(S) on a log axis with counts and error bars; softD2min = fraction with S > 0 vs D2_min. Also prints P(S > 0 | R) and the fraction of rearrangements captured by S > 0; returns the per-bin table.',
  returns: 'table',
  source: 'Schoenholz review Fig. 3c and Eq. 10 (direct counting); Cubuk et al. PRL 2015 Fig. 2',
  example: 'pr = plot PRS S ev bins=40',
  params: [
    { name: 'kind', type: 'enum', values: ['PS', 'PRS', 'softD2min'], positional: true, doc: 'which plot' },
    { name: 'softness', type: 'result', kinds: ['softness'], positional: true, doc: 'softness field (from `softness`)' },
    {
      name: 'rearrangements',
      type: 'result',
      kinds: ['rearrangements'],
      positional: true,
      doc: 'rearrangement labels on the same trajectory',
    },
    { name: 'bins', type: 'number', integer: true, min: 2, default: 40, doc: 'number of softness (or D2_min) bins' },
    {
      name: 'clip',
      type: 'number',
      min: 0,
      max: 0.2,
      default: 0.001,
      doc: 'fraction of extreme S values left out at each end when choosing the bin range',
    },
  ],
};

export const weightsDoc: StatementDoc = {
  verb: 'weights',
  summary:
    "A model's radial weight functions beside the structure they act on: w_XY(r), the change of softness S when one neighbour of species Y sits at distance r from a central particle of species X (so that S_i = b' + sum_j w(R_ij) + angular terms exactly), and the partial g_XY(r) of a trajectory averaged over a few of its frames. One column per central species, g(r) above w(r) on a shared r axis up to the model's radial cut-off; where the training environments had (almost) no such neighbours w(r) is not determined and is shaded. The table holds the curves (central, neighbor, curve = w or g, r, value, determined = whether r lies where training environments had such neighbours).",
  returns: 'table',
  source: 'Cubuk thesis Eq. 6.14 and Figs. 5.16, 6.6; Schoenholz review Eq. 7',
  example: 'wr = weights model traj frames=5',
  params: [
    {
      name: 'model',
      type: 'result',
      kinds: ['model'],
      positional: true,
      doc: 'trained model (from `train` or `loadmodel`) with radial structure functions',
    },
    {
      name: 'trajectory',
      type: 'result',
      kinds: ['trajectory'],
      positional: true,
      doc: 'trajectory whose g(r) is drawn (usually the training one), with the species of the model',
    },
    {
      name: 'frames',
      type: 'number',
      integer: true,
      min: 1,
      default: 5,
      doc: 'g(r) is averaged over this many frames spread evenly over the selected ones (all of them if there are fewer)',
    },
    {
      name: 'binWidth',
      type: 'number',
      min: 1e-6,
      default: 0.05,
      unit: 'sigma_AA',
      doc: 'g(r) bin width (adjusted so the bins tile 0..cut-off)',
    },
  ],
};

export const snapshotDoc: StatementDoc = {
  verb: 'snapshot',
  summary: 'Draws the particles of one frame coloured by softness (diverging scale, red = soft), sized by species, with the periodic cell.',
  returns: null,
  example: 'snapshot S frame=0',
  params: [
    { name: 'softness', type: 'result', kinds: ['softness'], positional: true, doc: 'softness field' },
    { name: 'frame', type: 'number', integer: true, min: 0, default: 0, doc: 'which of the softness frames (0 = first)' },
  ],
};

export const exportResultDoc: StatementDoc = {
  verb: 'export',
  summary:
    'Writes a result to a file, atomically and never over an input: a model as *.softness.json; softness as a LAMMPS dump with a `softness` column (readable by OVITO; .gz allowed); a table as CSV.',
  returns: null,
  example: 'export S "ka3d_softness.dump.gz"',
  params: [
    { name: 'result', type: 'result', kinds: ['model', 'softness', 'table'], positional: true, doc: 'what to write' },
    { name: 'file', type: 'path', positional: true, doc: 'output file, relative to the notebook' },
  ],
};

export const showDoc: StatementDoc = {
  verb: 'show',
  summary: 'Prints a one-line summary of a result; tables are shown in full.',
  returns: null,
  example: 'show model',
  params: [
    {
      name: 'result',
      type: 'result',
      kinds: ['trajectory', 'rearrangements', 'trainingSet', 'features', 'model', 'softness', 'table'],
      positional: true,
      doc: 'any earlier result',
    },
  ],
};

/** Every statement's doc, in pipeline order (the order docs/language.md lists them). */
export const statementDocs: readonly StatementDoc[] = [
  loadDoc,
  overlapDoc,
  rearrangementsDoc,
  trainingSetDoc,
  featuresDoc,
  trainDoc,
  trainScanDoc,
  loadModelDoc,
  softnessDoc,
  plotDoc,
  weightsDoc,
  snapshotDoc,
  exportResultDoc,
  showDoc,
];
