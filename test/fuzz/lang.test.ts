import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { featureNames } from '../../src/core/features/names';
import type { FeatureSpec } from '../../src/core/features/spec';
import { resolveArgs } from '../../src/core/lang/args';
import { CellError, type Statement } from '../../src/core/lang/ast';
import { parseNotebook, serializeNotebook } from '../../src/core/lang/notebookFile';
import { parseCell } from '../../src/core/lang/parser';
import { statementDocs } from '../../src/core/lang/registryDocs';
import type { ValueKind } from '../../src/core/lang/values';
import { loadModel, softness } from '../../src/core/learn/model';
import { modelWeights } from '../../src/core/learn/weightFunction';
import { completionsAt, diagnose, hoverAt } from '../../src/extension/language/analysis';
import { FUZZ_SEED, fixturesOf, summarised, yieldToVitest, fuzzRuns, holds, mutatedJson, mutatedText, OutcomeTable } from './langFuzz';

/**
 * Property-based tests of the language's readers: the cell parser with the argument check, the
 * editor helpers, the `.softnb` reader and the model file loader. Every input must end in a valid
 * result that meets the contract or a clean error of the reader's type naming its place — never
 * a TypeError/RangeError from inside, never a hang. Short seeded run here; the long run is
 * `npm run fuzz` (SOFTNESS_FUZZ_RUNS, SOFTNESS_FUZZ_SEED; SOFTNESS_FUZZ_SAVE=1 keeps failing inputs
 * in test/fixtures/lang-fuzz/, replayed below).
 */

const dir = mkdtempSync(join(tmpdir(), 'softness-lang-fuzz-'));
const tables: OutcomeTable[] = [];
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  const header = '| parser | inputs | clean errors | valid | crashes | hangs | contract breaks |\n|---|---|---|---|---|---|---|';
  process.stdout.write(`\nlanguage fuzz, seed ${FUZZ_SEED}\n${header}\n${tables.map((t) => t.row()).join('\n')}\n`);
});

const examples = ['quickstart', 'shear2d_d2min', 'model_diagnostics'].flatMap((name) =>
  parseNotebook(readFileSync(join(__dirname, '../../examples', `${name}.softnb`), 'utf8'))
    .cells.filter((c) => c.kind === 'code')
    .map((c) => c.source),
);
const seedCells = [...statementDocs.map((d) => d.example), ...examples];

// ---- the cell language -------------------------------------------------------------------------

const vocabulary = [
  ...statementDocs.flatMap((d) => [d.verb, ...d.params.map((p) => p.name)]),
  'traj',
  'X',
  'true',
  'false',
  'phop',
  '=',
  '=',
  '[',
  ']',
  ',',
  '\n',
  '#',
  '"',
  "'",
  '"a.dump"',
  ' ',
  ' ',
  '\t',
  '\r\n',
  '1',
  '-0',
  '0.5',
  '1e999',
  '-1e999',
  '1e-999',
  '9'.repeat(400),
  '.',
  '+',
  'NaN',
  'Infinity',
  '\\',
  '@',
  '∞',
  'é',
  '\u0000',
  '\u{1F600}',
];
const tokenSoup = fc.array(fc.constantFrom(...vocabulary), { maxLength: 60 }).map((pieces) => pieces.join(''));
const deepCell = fc
  .tuple(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom('[', '[1,', '[[]', '["a",'), fc.boolean())
  .map(([depth, open, closed]) => `x = load ${open.repeat(depth)}${closed ? ']'.repeat(depth) : ''}`);
const cellInput = fc.oneof(
  { weight: 4, arbitrary: tokenSoup },
  { weight: 4, arbitrary: mutatedText(seedCells) },
  { weight: 1, arbitrary: deepCell },
  { weight: 1, arbitrary: fc.fullUnicodeString({ maxLength: 200 }) },
);

/** Stand-in results for the argument check (as the editor's static check): any name holds the expected kind. */
const standIn = (_name: string, expected: readonly ValueKind[]) => ({ kind: expected[0] });

function inCell(source: string, pos: { line: number; column: number }): boolean {
  const lines = source.split('\n');
  return pos.line >= 1 && pos.line <= lines.length && pos.column >= 1 && pos.column <= lines[pos.line - 1].length + 1;
}

/** Parses the cell and checks every statement's arguments; a CellError must point inside the cell. */
function parseAndCheck(source: string): void {
  let statements: Statement[];
  try {
    statements = parseCell(source);
    for (const s of statements) {
      holds(inCell(source, s.pos) && inCell(source, s.verbPos), `statement position ${JSON.stringify(s.pos)} outside the cell`);
      const doc = statementDocs.find((d) => d.verb === s.verb || d.aliases?.includes(s.verb));
      if (!doc) continue; // the session reports an unknown statement as a CellError
      const args = resolveArgs(doc, s, standIn, '/base');
      for (const value of Object.values(args)) {
        const numbers = typeof value === 'number' ? [value] : Array.isArray(value) ? value : [];
        holds(numbers.every(Number.isFinite), `non-finite number accepted: ${JSON.stringify(numbers.slice(0, 4))}`);
      }
    }
  } catch (error) {
    if (error instanceof CellError)
      holds(inCell(source, error.pos), `CellError at ${error.pos.line}:${error.pos.column}, outside the cell`);
    throw error;
  }
}

/** The editor helpers promise never to throw, and to keep diagnostics inside the cell. */
function editorHelpers(source: string, line: number, column: number): void {
  for (const d of diagnose(source)) holds(inCell(source, d) && d.endColumn > d.column, `diagnostic outside the cell: ${JSON.stringify(d)}`);
  completionsAt(source, line, column);
  hoverAt(source, line, column);
}

const isCellError = (error: unknown) => error instanceof CellError;

describe('fuzz: the cell language', () => {
  const parser = new OutcomeTable('cell', 'cell');
  const editor = new OutcomeTable('editor', 'cell');
  tables.push(parser, editor);
  const runs = fuzzRuns(300);

  it(`parses or fails with a CellError inside the cell (seed ${FUZZ_SEED}, ${runs} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(cellInput, fc.nat(), fc.nat(), async (source, line, column) => {
        parser.record(source, () => parseAndCheck(source), isCellError);
        const lines = source.split('\n');
        const l = 1 + (line % lines.length);
        editor.record(
          source,
          () => editorHelpers(source, l, 1 + (column % (lines[l - 1].length + 1))),
          () => false,
        );
      }),
      { seed: FUZZ_SEED, numRuns: runs },
    );
    expect(summarised([...parser.failures, ...editor.failures])).toEqual([]);
  }, 600_000);

  it('replays the kept failing cells', () => {
    for (const { name, input } of fixturesOf('cell')) {
      expect(
        parser.record(input, () => parseAndCheck(input), isCellError),
        name,
      ).toMatch(/valid|clean/);
      expect(
        editor.record(
          input,
          () => editorHelpers(input, 1, 1),
          () => false,
        ),
        name,
      ).toBe('valid');
    }
  });
});

// ---- the .softnb notebook file -----------------------------------------------------------------

const NOTEBOOK_FILE = '/fuzz/nb.softnb';
const notebookSeed = JSON.parse(readFileSync(join(__dirname, '../../examples/quickstart.softnb'), 'utf8'));
const notebookInput = fc.oneof(mutatedJson(notebookSeed), mutatedText([JSON.stringify(notebookSeed, null, 1)]));

function readNotebook(text: string): void {
  const notebook = parseNotebook(text, NOTEBOOK_FILE);
  for (const cell of notebook.cells)
    holds(typeof cell.source === 'string' && (cell.kind === 'code' || cell.kind === 'markdown'), 'a cell without kind or source');
  holds(parseNotebook(serializeNotebook(notebook), NOTEBOOK_FILE).cells.length === notebook.cells.length, 'does not round-trip');
}

const namesNotebook = (error: unknown) =>
  error instanceof Error && error.constructor === Error && error.message.startsWith(`${NOTEBOOK_FILE}: `);

describe('fuzz: the .softnb reader', () => {
  const table = new OutcomeTable('notebook', 'softnb');
  tables.push(table);
  const runs = fuzzRuns(200);

  it(`reads a notebook or fails with an Error naming the file (seed ${FUZZ_SEED}, ${runs} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(notebookInput, async (text) => {
        table.record(text, () => readNotebook(text), namesNotebook);
        await yieldToVitest();
      }),
      { seed: FUZZ_SEED, numRuns: runs },
    );
    expect(summarised(table.failures)).toEqual([]);
  }, 600_000);

  it('replays the kept failing notebooks', () => {
    for (const { name, input } of fixturesOf('notebook'))
      expect(
        table.record(input, () => readNotebook(input), namesNotebook),
        name,
      ).toMatch(/valid|clean/);
  });
});

// ---- the model file ----------------------------------------------------------------------------

const spec: FeatureSpec = {
  preset: 'fuzz',
  speciesNames: ['A', 'B'],
  radial: { mus: [0.5, 1, 1.5], width: 0.2, convention: 'cubuk', rCut: 2.5 },
  angular: {
    triples: [
      { xi: 1, zeta: 1, lambda: 1 },
      { xi: 2, zeta: 2, lambda: -1 },
    ],
    rCut: 2,
  },
};
const m = featureNames(spec).length;
const entry = (species: string, k: number) => ({
  species,
  scaler: {
    mean: Array.from({ length: m }, (_, j) => 1 + j + k),
    scale: Array.from({ length: m }, (_, j) => 0.5 + j / 10),
    nSamplesSeen: 40,
  },
  C: 1,
  loss: 'hinge',
  tol: 1e-4,
  maxIter: 1000,
  interceptScaling: 1,
  shrinking: true,
  seed: 0,
  w: Array.from({ length: m }, (_, j) => Math.sin(j + k)),
  b: 0.3 - k,
  nIter: 12,
  converged: true,
  trainingCounts: { soft: 20, hard: 20 },
  cvAccuracy: 0.8,
  testAccuracy: null,
});
const modelSeed = {
  version: 1,
  featureSpec: spec,
  featureNames: featureNames(spec),
  species: [entry('A', 0), entry('B', 1)],
  metrics: { testAccuracy: 0.81, cvAccuracy: null },
  provenance: {
    inputs: [{ path: '/data/t.dump', bytes: 10 }],
    frames: [0, 5],
    seeds: { svm: 0 },
    parameters: { pC: 0.2 },
    codeVersion: 'fuzz',
    createdAt: '2026-12-05T00:00:00Z',
  },
};
const modelInput = fc.oneof(
  { weight: 4, arbitrary: mutatedJson(modelSeed) },
  { weight: 1, arbitrary: mutatedText([JSON.stringify(modelSeed)]) },
);
const MODEL_FILE = join(dir, 'fuzz.softness.json');

/** Loads the model file; a model that loads must give finite weight curves and finite softness (or a RangeError naming the row). */
function readModel(text: string): void {
  writeFileSync(MODEL_FILE, text);
  const model = loadModel(MODEL_FILE);
  const weights = modelWeights(model);
  holds(weights.r.length <= 4096, `w(r) grid of ${weights.r.length} radii`);
  for (const s of weights.species) {
    holds(Number.isFinite(s.intercept), `intercept ${s.intercept}`);
    for (const r of s.radial) holds(r.perNeighbor.every(Number.isFinite), `w(r) of ${s.species}-${r.neighbor} not finite`);
  }
  const n = 8;
  const features = Float32Array.from({ length: n * m }, (_, j) => (j % 7) / 3);
  const species = Uint8Array.from({ length: n }, (_, i) => i % model.featureSpec.speciesNames.length);
  const S = softness(model, features, species, { untrainedSpecies: 'nan' });
  holds(
    S.every((s, i) => Number.isFinite(s) || !model.species.some((e) => e.species === model.featureSpec.speciesNames[species[i]])),
    'non-finite softness',
  );
}

/**
 * A clean failure names the file; softness() may still refuse (RangeError naming the row) features
 * too large for a valid model's weights, the documented way of not writing an infinite softness.
 */
const namesModel = (error: unknown) =>
  error instanceof Error &&
  (error.message.startsWith(`${MODEL_FILE}: `) ||
    (error instanceof RangeError &&
      /^softness of particle row \d+ .* its features are too large for the model's weights$/.test(error.message)));

describe('fuzz: the model file loader', () => {
  const table = new OutcomeTable('model', 'softness.json');
  tables.push(table);
  const runs = fuzzRuns(200);

  it(`loads a model whose results are finite, or fails with an Error naming the file and field (seed ${FUZZ_SEED}, ${runs} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(modelInput, async (text) => {
        table.record(text, () => readModel(text), namesModel);
        await yieldToVitest();
      }),
      { seed: FUZZ_SEED, numRuns: runs },
    );
    expect(summarised(table.failures)).toEqual([]);
  }, 600_000);

  it('replays the kept failing model files', () => {
    for (const { name, input } of fixturesOf('model'))
      expect(
        table.record(input, () => readModel(input), namesModel),
        name,
      ).toMatch(/valid|clean/);
  });
});
