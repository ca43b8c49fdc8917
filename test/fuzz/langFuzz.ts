import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

/** Where failing inputs of the language fuzz tests are kept and replayed from (`<parser>-<hash>.<ext>`). */
export const LANG_FUZZ_FIXTURES = join(__dirname, '../fixtures/lang-fuzz');

/** Cases per parser: SOFTNESS_FUZZ_RUNS (the long run, `npm run fuzz`), else `short` (the normal suite). */
export function fuzzRuns(short: number): number {
  const runs = Number(process.env.SOFTNESS_FUZZ_RUNS);
  return Number.isInteger(runs) && runs > 0 ? runs : short;
}

/** SOFTNESS_FUZZ_SEED, else a fixed seed so that the normal suite is reproducible. */
export const FUZZ_SEED = process.env.SOFTNESS_FUZZ_SEED ? Number.parseInt(process.env.SOFTNESS_FUZZ_SEED, 10) : 20261205;

/** Longest time one input may take before it counts as a hang (ms). */
export const HANG_MS = 5000;

/** How one input ended: a valid result, a clean error, or a broken contract (crash, hang, bad result). */
export type Outcome = 'valid' | 'clean' | 'crash' | 'hang' | 'contract';

/** Tally of outcomes for one parser, and the first failing inputs with why. */
export class OutcomeTable {
  readonly counts: Record<Outcome, number> = { valid: 0, clean: 0, crash: 0, hang: 0, contract: 0 };
  readonly failures: { input: string; outcome: Outcome; why: string }[] = [];

  constructor(
    readonly parser: string,
    readonly extension: string,
  ) {}

  /**
   * Runs `attempt` on `input`: it returns when the input gave a valid result that met the contract,
   * throws ContractBreak when the result broke it, and throws the parser's error otherwise, which
   * `isClean` judges. Longer than HANG_MS is a hang whatever the result.
   */
  record(input: string, attempt: () => void, isClean: (error: unknown) => boolean): Outcome {
    const started = performance.now();
    let outcome: Outcome;
    let why = '';
    try {
      attempt();
      outcome = 'valid';
    } catch (error) {
      why = error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : String(error);
      outcome = error instanceof ContractBreak ? 'contract' : isClean(error) ? 'clean' : 'crash';
    }
    const ms = performance.now() - started;
    if (ms > HANG_MS) {
      outcome = 'hang';
      why = `took ${ms.toFixed(0)} ms`;
    }
    this.counts[outcome]++;
    if (outcome !== 'valid' && outcome !== 'clean') {
      this.failures.push({ input, outcome, why });
      if (process.env.SOFTNESS_FUZZ_SAVE === '1') saveFixture(this.parser, this.extension, input);
    }
    return outcome;
  }

  /** One row of the report table: parser, inputs tried, clean errors, valid results, crashes, hangs, contract breaks. */
  row(): string {
    const c = this.counts;
    const total = c.valid + c.clean + c.crash + c.hang + c.contract;
    return `| ${this.parser} | ${total} | ${c.clean} | ${c.valid} | ${c.crash} | ${c.hang} | ${c.contract} |`;
  }
}

/** Lets the event loop run between cases, so that a long run does not starve vitest's worker messages. */
export function yieldToVitest(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Failures as a test message shows them: outcome, why, and the input's start (inputs may be megabytes). */
export function summarised(failures: OutcomeTable['failures']): string[] {
  return failures.map((f) => `${f.outcome}: ${f.why.slice(0, 200)} <- ${JSON.stringify(f.input.slice(0, 120))}`);
}

/** A valid-looking result that breaks the parser's contract (a position outside the cell, a non-finite number, ...). */
export class ContractBreak extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'ContractBreak';
  }
}

/** Throws ContractBreak with `what` unless `ok`. */
export function holds(ok: boolean, what: string): void {
  if (!ok) throw new ContractBreak(what);
}

function saveFixture(parser: string, extension: string, input: string): void {
  mkdirSync(LANG_FUZZ_FIXTURES, { recursive: true });
  const hash = createHash('sha256').update(input).digest('hex').slice(0, 12);
  writeFileSync(join(LANG_FUZZ_FIXTURES, `${parser}-${hash}.${extension}`), input);
}

/** The kept inputs of one parser (file name and content), to replay. */
export function fixturesOf(parser: string): { name: string; input: string }[] {
  let names: string[];
  try {
    names = readdirSync(LANG_FUZZ_FIXTURES);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.startsWith(`${parser}-`))
    .map((name) => ({ name, input: readFileSync(join(LANG_FUZZ_FIXTURES, name), 'utf8') }));
}

/** Text mutations: flip, insert, delete or duplicate characters; cut the text short; insert deep nesting. */
export function mutatedText(seeds: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof(fc.string({ maxLength: 8 }), fc.fullUnicodeString({ maxLength: 4 })),
    }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
    fc.record({
      kind: fc.constant('duplicate' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 64 }),
      times: fc.integer({ min: 1, max: 50 }),
    }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant('nest' as const),
      at: fc.nat(),
      depth: fc.integer({ min: 1, max: 50_000 }),
      open: fc.constantFrom('[', '{', '[[', '{"a":'),
    }),
  );
  return fc.tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 4 })).map(([seed, edits]) => {
    let text = seed;
    for (const e of edits) {
      const at = text.length === 0 ? 0 : e.at % (text.length + 1);
      if (e.kind === 'insert') text = text.slice(0, at) + e.text + text.slice(at);
      else if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + e.length);
      else if (e.kind === 'duplicate') text = text.slice(0, at) + text.slice(at, at + e.length).repeat(e.times) + text.slice(at);
      else if (e.kind === 'truncate') text = text.slice(0, at);
      else text = text.slice(0, at) + e.open.repeat(e.depth) + text.slice(at);
    }
    return text;
  });
}

/** A hostile JSON value: wrong types, null, huge and tiny numbers, long arrays, deep nesting (see DEEP). */
export const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    0.5,
    1e308,
    -1e308,
    1.7976931348623157e308,
    5e-324,
    1e-320,
    2 ** 53 + 1,
    'NaN',
    'Infinity',
    '',
    'x',
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 1, max: 200_000 }).map((n) => new Array(n).fill(1)),
  fc.integer({ min: 1, max: 200_000 }).map((n) => 'x'.repeat(n)),
  // Deep nesting as a marker that mutatedJson expands in the text (building it as a value would
  // overflow the stack of JSON.stringify before the loader is even called).
  fc.integer({ min: 1, max: 100_000 }).map((depth) => `${DEEP}${depth}`),
);

const DEEP = '__deep_nesting__';

/** Paths to every value inside a JSON document (keys and indices), the document's own first. */
export function jsonPaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  // Only the first entries of an array: the mutations then hit every field, not mostly numbers of long arrays.
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.slice(0, 8).map((v, k) => [k, v])
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
      : [];
  for (const [key, child] of children) jsonPaths(child, [...prefix, key], out);
  return out;
}

/** Structural mutations of a JSON document at random places: delete or rename a field, replace a value. */
export function mutatedJson(seed: unknown): fc.Arbitrary<string> {
  const paths = jsonPaths(seed).filter((p) => p.length > 0);
  const edit = fc.record({
    path: fc.constantFrom(...paths),
    kind: fc.constantFrom('delete', 'rename', 'replace', 'replace', 'replace'),
    value: hostileJsonValue,
  });
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    const doc = structuredClone(seed) as Record<string | number, unknown>;
    for (const { path, kind, value } of edits) {
      let parent: unknown = doc;
      for (const key of path.slice(0, -1))
        parent = typeof parent === 'object' && parent !== null ? (parent as Record<string | number, unknown>)[key] : undefined;
      if (typeof parent !== 'object' || parent === null) continue;
      const holder = parent as Record<string | number, unknown>;
      const key = path[path.length - 1];
      if (kind === 'delete') delete holder[key];
      else if (kind === 'rename') {
        holder[`${key}_`] = holder[key];
        delete holder[key];
      } else holder[key] = value;
    }
    return JSON.stringify(doc).replace(new RegExp(`"${DEEP}(\\d+)"`, 'g'), (_, depth) => `${'['.repeat(depth)}1${']'.repeat(depth)}`);
  });
}
