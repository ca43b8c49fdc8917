/**
 * The model preview webview (custom editor `softness.modelPreview`, bundled to dist/modelPreview.js):
 * training summary, the learned radial weight functions beside g(r), the angular weights and the
 * provenance of a `*.softness.json` model, and the "Apply to Trajectory…" button. The host sends
 * everything (src/protocol/modelPreviewMessages.ts); plots are drawn with plotly (lazy loader of
 * the notebook renderer) in the VS Code theme's colours.
 */
import './modelPreview.css';
import type { ModelPreviewToHost, ModelPreviewToWebview, TrainingPairCorrelation } from '../../src/protocol/modelPreviewMessages';
import { h } from '../common/dom';
import { loadPlotly, PLOT_CONFIG } from '../common/plotly';
import { readTheme, themedLayout } from '../common/theme';
import { provenanceView, summaryView } from './summaryView';
import type { Figure } from '../../src/core/plots/figure';
import { safeFigure } from '../../src/protocol/figureSafety';
import { angularWeightFigure, radialWeightFigure, type WeightMode } from './weightFigures';

declare function acquireVsCodeApi(): { postMessage(message: ModelPreviewToHost): void };

type ModelMessage = Extract<ModelPreviewToWebview, { type: 'model' }>;
type PairCorrelationMessage = Extract<ModelPreviewToWebview, { type: 'pairCorrelation' }>;

const host = acquireVsCodeApi();
const root = document.getElementById('model-preview') as HTMLElement;

/** What is on screen; the weight plots are redrawn when g(r) arrives or the mode changes. */
const state: { model: ModelMessage | null; gr: PairCorrelationMessage | null; mode: WeightMode; draws: number } = {
  model: null,
  gr: null,
  mode: 'perNeighbor',
  draws: 0,
};

const WEIGHTS_NOTE = [
  'Solid: w_XY(r) = Σ_k (w_k / scale_k) φ(r − μ_k), the change of the softness S of a central X particle when one Y',
  'neighbour sits at distance r, so that S_i = b′ + Σ_j w(R_ij) + angular terms exactly (Cubuk, PhD thesis 2016,',
  'Eq. 6.14 and Fig. 6.6; Schoenholz et al. 2018, Eq. 7). It is shown by default because it is the physical weight:',
  'in units of S per neighbour, independent of how the features were standardised, comparable between species; where',
  'it is positive a neighbour makes the particle softer. "Standardised weights" shows instead the SVM normal w_k on',
  'standardised features against μ_k (Cubuk, PhD thesis 2016, Eq. 5.7 and Fig. 5.16): the importance of density',
  'fluctuations at μ_k. Dotted (right axis): g_XY(r) of the training trajectory. Shaded: distances at which the training',
  'environments had on average less than one such neighbour per Gaussian; features there barely vary, so their weights',
  'per neighbour can be orders of magnitude larger than in the shells (the curve then leaves the axis, which is scaled',
  'to the shells).',
].join(' ');

window.addEventListener('message', (event: MessageEvent<ModelPreviewToWebview>) => void handle(event.data));
host.postMessage({ type: 'ready' });

async function handle(message: ModelPreviewToWebview): Promise<void> {
  switch (message.type) {
    case 'model':
      state.model = message;
      showModel(message);
      await drawPlots();
      break;
    case 'error':
      state.model = null;
      root.replaceChildren(h('h1', {}, 'Cannot show this softness model'), h('pre', { className: 'error' }, message.message));
      root.dataset.view = 'error';
      break;
    case 'pairCorrelation':
      state.gr = message;
      showPairCorrelationNote();
      if (message.state === 'ready' && state.model) await drawPlots();
      break;
    case 'apply':
      showApplyState(message.state === 'running', message.message);
      break;
  }
}

/** Builds the page of a model: header and button, summary, weight sections (empty plots), provenance. */
function showModel({ summary, weights }: ModelMessage): void {
  const apply = h('button', { id: 'apply' }, 'Apply to Trajectory…');
  apply.addEventListener('click', () => host.postMessage({ type: 'apply' }));
  const file = summary.file.split(/[\\/]/).pop() ?? summary.file;
  const header = h(
    'header',
    {},
    h('h1', {}, `Softness model: ${file}`),
    h('div', { className: 'actions' }, apply, h('span', { id: 'apply-status', className: 'note' })),
  );
  const modes = h(
    'div',
    { className: 'controls' },
    modeRadio('perNeighbor', 'Contribution of one neighbour, w(r)'),
    modeRadio('standardized', 'Standardised weights w_k vs μ'),
  );
  const radial =
    weights.radialCut === null
      ? h('p', { className: 'note' }, 'This model has no radial structure functions.')
      : h('div', { className: 'plots' }, ...weights.species.map((s) => h('div', { className: 'plot', id: `weights-${s.species}` })));
  const angular = weights.species.some((s) => s.angular.length > 0)
    ? h('div', { className: 'plots' }, ...weights.species.map((s) => h('div', { className: 'plot', id: `angular-${s.species}` })))
    : h('p', { className: 'note' }, 'This model has no angular structure functions.');
  root.replaceChildren(
    header,
    summaryView(summary),
    h(
      'section',
      {},
      h('h2', {}, 'Radial weight functions and g(r)'),
      modes,
      h('p', { className: 'note' }, WEIGHTS_NOTE),
      h('p', { id: 'gr-status', className: 'note' }),
      radial,
    ),
    h(
      'section',
      {},
      h('h2', {}, 'Angular weights'),
      h(
        'p',
        { className: 'note' },
        'SVM normal w_k of each angular function Ψ_YZ(ξ, ζ, λ) (Cubuk et al. 2015, Eq. 2) on standardised features, by neighbour pair.',
      ),
      angular,
    ),
    provenanceView(summary),
  );
  root.dataset.view = 'model';
  showPairCorrelationNote();
}

function modeRadio(mode: WeightMode, label: string): HTMLLabelElement {
  const input = h('input', { type: 'radio', name: 'weight-mode', value: mode, checked: state.mode === mode });
  input.addEventListener('change', () => {
    state.mode = mode;
    void drawPlots();
  });
  return h('label', {}, input, ` ${label}`);
}

function showPairCorrelationNote(): void {
  const note = document.getElementById('gr-status');
  const gr = state.gr;
  if (!note || !gr) return;
  if (gr.state === 'computing') note.textContent = `Computing g(r) of ${gr.file}…`;
  else if (gr.state === 'unavailable') note.textContent = `g(r) not available: ${gr.reason}.`;
  else note.textContent = `g(r) of ${gr.result.file}, averaged over frames ${gr.result.frames.join(', ')}.`;
  root.dataset.gr = gr.state;
}

function showApplyState(running: boolean, message: string): void {
  const button = document.getElementById('apply') as HTMLButtonElement | null;
  const status = document.getElementById('apply-status');
  if (button) button.disabled = running;
  if (status) status.textContent = message;
}

/** Draws (or redraws in place) every weight plot; root.dataset.draws counts completed passes (tests wait on it). */
async function drawPlots(): Promise<void> {
  const model = state.model;
  if (!model) return;
  const plotly = await loadPlotly();
  const theme = readTheme(document.body);
  const gr: TrainingPairCorrelation | null = state.gr?.state === 'ready' ? state.gr.result : null;
  const { weights, summary } = model;
  const draw = (id: string, figure: Figure) => {
    const element = document.getElementById(id);
    if (!element) return null;
    // Curves from a model file (its species names become labels): drawn only through safeFigure.
    const safe = safeFigure(figure);
    return plotly.react(element, safe.data, themedLayout(safe.layout, theme), PLOT_CONFIG);
  };
  await Promise.all(
    weights.species.flatMap((s) => [
      weights.radialCut === null
        ? null
        : draw(`weights-${s.species}`, radialWeightFigure(s, weights.r, weights.radialCut, gr, state.mode, summary.speciesNames)),
      s.angular.length > 0 ? draw(`angular-${s.species}`, angularWeightFigure(s)) : null,
    ]),
  );
  root.dataset.draws = String(++state.draws);
}
