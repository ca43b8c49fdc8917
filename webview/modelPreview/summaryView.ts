import type { ModelSummary } from '../../src/protocol/modelPreviewMessages';
import { h } from '../common/dom';

/**
 * The metric holding the fraction of rearrangements with S > 0, P(S > 0 | R) ([Cubuk2015]:
 * ~90%): `train` records it as testSoftRecall, the held-out rearranging (soft) environments on the
 * soft side. Model files written before it did lack it; the summary then says so.
 */
const CAPTURE_KEY = 'testSoftRecall';
/** Labels of the metrics; other keys are shown by name. */
const METRIC_LABELS: Record<string, string> = {
  testAccuracy: 'test accuracy (held-out split, all species)',
  cvAccuracy: 'cross-validated accuracy (all species)',
  [CAPTURE_KEY]: 'held-out rearrangements with S > 0, P(S > 0 | R)',
};

const percent = (v: number | null): string => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);
const fixed = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toPrecision(digits) : String(v));

/** The training summary: species, set sizes, C, accuracies, intercepts, global metrics and the features. */
export function summaryView(summary: ModelSummary): HTMLElement {
  const rows = summary.species.map((s) =>
    h(
      'tr',
      {},
      h('td', {}, s.species),
      h('td', {}, String(s.soft)),
      h('td', {}, String(s.hard)),
      h('td', {}, String(s.C)),
      h('td', {}, s.loss),
      h('td', {}, percent(s.cvAccuracy)),
      h('td', {}, percent(s.testAccuracy)),
      h('td', {}, s.converged ? `converged (${s.iterations} it.)` : `NOT converged (${s.iterations} it.)`),
      h('td', {}, fixed(s.intercept)),
    ),
  );
  const head = ['central species', 'soft', 'hard', 'C', 'loss', 'CV accuracy', 'test accuracy', 'solver', 'b′ (S with no neighbours)'];
  const table = h(
    'table',
    { className: 'training' },
    h('thead', {}, h('tr', {}, ...head.map((t) => h('th', {}, t)))),
    h('tbody', {}, ...rows),
  );
  const metrics = h('dl', { className: 'metrics' });
  for (const [key, value] of Object.entries(summary.metrics))
    metrics.append(h('dt', {}, METRIC_LABELS[key] ?? key), h('dd', {}, percent(value)));
  if (!(CAPTURE_KEY in summary.metrics)) {
    metrics.append(
      h('dt', {}, METRIC_LABELS[CAPTURE_KEY]),
      h('dd', {}, 'not recorded in this model file (a notebook measures it: `plot PRS S ev` on labelled data)'),
    );
  }
  const { radial, angular } = summary;
  const features = h(
    'dl',
    { className: 'features' },
    h('dt', {}, 'features'),
    h(
      'dd',
      {},
      `${summary.nFeatures} per particle${summary.preset ? ` (preset ${summary.preset})` : ''}, species ${summary.speciesNames.join(', ')}`,
    ),
  );
  if (radial)
    features.append(
      h('dt', {}, 'radial G_Y(μ)'),
      h(
        'dd',
        {},
        `${radial.count} per neighbour species, μ = ${radial.muMin}–${radial.muMax} σ_AA, ` +
          `width ${radial.width} (${radial.convention}), r_c = ${radial.rCut} σ_AA`,
      ),
    );
  if (angular)
    features.append(h('dt', {}, 'angular Ψ_YZ(ξ, ζ, λ)'), h('dd', {}, `${angular.triples} per neighbour pair, r_c = ${angular.rCut} σ_AA`));
  return h('section', { className: 'summary' }, h('h2', {}, 'Training'), table, metrics, features);
}

/** Provenance: input files, frames (as ranges), seeds, parameters, code version and date. */
export function provenanceView(summary: ModelSummary): HTMLElement {
  const p = summary.provenance;
  const list = h('dl', { className: 'provenance' });
  const add = (term: string, value: Node | string): void => void list.append(h('dt', {}, term), h('dd', {}, value));
  for (const input of p.inputs) add('input', `${input.path} (${(input.bytes / 1e6).toFixed(1)} MB)`);
  add('frames', `${frameRanges(p.frames)} (${p.frames.length} frames)`);
  add(
    'seeds',
    Object.entries(p.seeds)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || '—',
  );
  add('parameters', h('pre', {}, JSON.stringify(p.parameters, null, 1)));
  add('code version', `${p.codeVersion} (model file version ${summary.version})`);
  add('created', p.createdAt);
  add('file', summary.file);
  return h('section', { className: 'provenance' }, h('h2', {}, 'Provenance'), list);
}

/** Sorted frame indices as compact ranges: [0,1,2,3,7,9,10] -> "0–3, 7, 9–10". */
export function frameRanges(frames: readonly number[]): string {
  const sorted = [...new Set(frames)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let k = 0; k < sorted.length; ) {
    let end = k;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
    parts.push(end > k ? `${sorted[k]}–${sorted[end]}` : String(sorted[k]));
    k = end + 1;
  }
  return parts.join(', ') || '—';
}
