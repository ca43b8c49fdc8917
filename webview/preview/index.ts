/**
 * The trajectory preview webview (custom editor `softness.trajectoryPreview`, bundled to
 * dist/trajectoryPreview.js): the summary of a LAMMPS dump / XYZ / GSD file, the particles of the
 * current frame (shared three.js canvas, webview/common/particleCanvas.ts) coloured by species or
 * any per-atom column, a frame slider with play/pause, species toggles and a 3D slab, and for the
 * current frame the partial g(r) and a histogram of the colouring column (plotly, loaded lazily).
 * Everything comes from the host (src/protocol/previewMessages.ts); frames arrive as typed arrays.
 */
import './trajectoryPreview.css';
import type { PreviewFrame, PreviewToWebview, TrajectorySummary, WebviewToPreview } from '../../src/protocol/previewMessages';
import { createParticleCanvas, type ColourMode, type ParticleCanvas, type ParticleFrame } from '../common/particleCanvas';
import { h } from '../common/dom';
import { loadPlotly, PLOT_CONFIG } from '../common/plotly';
import { readTheme, themedLayout } from '../common/theme';
import { frameControls, type ControlValues, type FrameControls } from './frameControls';
import type { Figure } from '../../src/core/plots/figure';
import { safeFigure } from '../../src/protocol/figureSafety';
import { colourHistogramFigure, pairCorrelationFigure } from './frameFigures';
import { errorView, summaryView, updateIndexState, type IndexState } from './summaryView';

/** What survives the page being rebuilt when a hidden preview is shown again (vscode state). */
interface SavedState {
  readonly frame: number;
  readonly colour: string;
}

declare function acquireVsCodeApi(): {
  postMessage(message: WebviewToPreview): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
};

/** Least time between two frames while playing (ms): at most 10 frames a second. */
const PLAY_INTERVAL_MS = 100;

const host = acquireVsCodeApi();
const root = document.getElementById('trajectory-preview') as HTMLElement;

interface Page {
  readonly summary: TrajectorySummary;
  readonly table: HTMLElement;
  readonly controls: FrameControls;
  readonly values: ControlValues;
  readonly canvas: ParticleCanvas;
  /** Where an indexing error (the file's) and a frame's read error are shown, apart. */
  readonly indexError: HTMLElement;
  readonly frameError: HTMLElement;
  readonly grPlot: HTMLElement;
  readonly histogramPlot: HTMLElement;
}

let page: Page | null = null;
let index: IndexState = { frames: 0, indexing: true, fraction: null, lastTimestep: null };
let frame: PreviewFrame | null = null;
/** The frame as the canvas draws it; rebuilt only when the frame or the colouring changes (the canvas uploads a new object's arrays). */
let particles: ParticleFrame | null = null;
let latestRequest = 0;
let lastPlayStep = 0;
/** Settles when the plots of the newest frame are drawn. */
let plotsDrawn: Promise<void> = Promise.resolve();

window.addEventListener('message', (event: MessageEvent<PreviewToWebview>) => handle(event.data));
host.postMessage({ type: 'ready' });

function handle(message: PreviewToWebview): void {
  switch (message.type) {
    case 'summary':
      index = { ...index, frames: message.frames, indexing: message.indexing };
      showSummary(message.summary);
      break;
    case 'progress':
      index = { ...index, frames: message.frames, fraction: message.totalBytes > 0 ? message.bytesDone / message.totalBytes : null };
      updateIndex();
      break;
    case 'indexed':
      index = { frames: message.frames, indexing: false, fraction: null, lastTimestep: message.lastTimestep };
      updateIndex();
      if (message.error && page)
        page.indexError.replaceChildren(errorView(`Indexing stopped after ${message.frames} frames`, message.error));
      break;
    case 'frame':
      if (message.request === latestRequest) showFrame(message.frame);
      break;
    case 'frameError':
      if (message.request !== latestRequest || !page) break;
      page.controls.pause();
      page.frameError.replaceChildren(errorView(`Cannot read frame ${message.frame}`, message.error));
      root.dataset.frameError = String(message.frame);
      break;
    case 'fatal':
      page?.canvas.dispose();
      page = null;
      root.replaceChildren(errorView('Cannot preview this trajectory', message.error));
      root.dataset.view = 'error';
      break;
    case 'revealPairCorrelation':
      void revealPairCorrelation();
      break;
    case 'fileChanged':
      startOver();
      break;
  }
}

/**
 * The file changed on disk: drops the page of the old content (its frames may no longer exist)
 * and waits for the new summary, which rebuilds the page at frame 0 with the same colouring.
 */
function startOver(): void {
  page?.canvas.dispose();
  page = null;
  frame = null;
  particles = null;
  // Answers to requests made before the change are stale: the counter moves past them.
  latestRequest++;
  index = { frames: 0, indexing: true, fraction: null, lastTimestep: null };
  const saved = host.getState();
  if (saved) host.setState({ ...saved, frame: 0 });
  for (const key of ['frameError', 'frame', 'drawn', 'plotsFrame']) delete root.dataset[key];
  root.replaceChildren(h('p', { className: 'note', textContent: 'The file changed on disk; reading it again…' }));
  root.dataset.view = 'reloading';
}

/** Scrolls the g(r) plot into view, flashes it, and tells the host once the current frame's g(r) is drawn. */
async function revealPairCorrelation(): Promise<void> {
  if (!page) return host.postMessage({ type: 'pairCorrelationShown', frame: null });
  const { grPlot } = page;
  grPlot.scrollIntoView({ behavior: 'smooth', block: 'center' });
  grPlot.classList.add('highlight');
  setTimeout(() => grPlot.classList.remove('highlight'), 1500);
  await plotsDrawn;
  host.postMessage({ type: 'pairCorrelationShown', frame: frame?.index ?? null });
}

/** Builds the page for a trajectory and asks for the saved (or first) frame. */
function showSummary(summary: TrajectorySummary): void {
  const saved = host.getState();
  const values: ControlValues = {
    // Not clamped to the frames indexed so far: the worker answers once the index reaches it.
    frame: saved?.frame ?? 0,
    colour: saved && (saved.colour === 'species' || summary.columns.includes(saved.colour)) ? saved.colour : defaultColour(summary.columns),
    hiddenSpecies: new Set(),
    slab: null,
  };
  const controls = frameControls(
    {
      speciesNames: summary.speciesNames,
      columns: summary.columns,
      dimension: summary.dimension,
      extent: boxExtent(summary),
      initial: values,
    },
    onControl,
    playStep,
  );
  const open = h('button', {
    id: 'open-in-notebook',
    textContent: 'Open in Softness Notebook',
    title: 'a new softness notebook whose first cell loads this file',
  });
  open.addEventListener('click', () => host.postMessage({ type: 'openInNotebook' }));
  const particleHost = h('div', { className: 'particles', id: 'particles' });
  const grPlot = h('div', { className: 'plot', id: 'gr-plot' });
  const histogramPlot = h('div', { className: 'plot', id: 'histogram-plot' });
  const indexError = h('div', { id: 'index-error' });
  const frameError = h('div', { id: 'frame-error' });
  const table = summaryView(summary, index);
  const name = summary.file.split(/[\\/]/).pop() ?? summary.file;
  root.replaceChildren(
    h('header', {}, h('h1', {}, name), open),
    table,
    indexError,
    frameError,
    controls.element,
    particleHost,
    h('section', { className: 'plots' }, grPlot, histogramPlot),
  );
  page?.canvas.dispose();
  page = { summary, table, controls, values, canvas: createParticleCanvas(particleHost), indexError, frameError, grPlot, histogramPlot };
  root.dataset.view = 'preview';
  controls.setFrameCount(index.frames);
  request(values.frame);
}

function updateIndex(): void {
  if (!page) return;
  updateIndexState(page.table, page.summary, index);
  page.controls.setFrameCount(index.frames);
  if (frame) page.controls.showFrame(frame.index, frame.timestep, tiltText(frame.cell));
}

function onControl(values: ControlValues, what: 'frame' | 'colour' | 'view'): void {
  host.setState({ frame: values.frame, colour: values.colour });
  if (what === 'frame') {
    request(values.frame);
    return;
  }
  if (what === 'colour') particles = null;
  draw();
  if (what === 'colour' && frame) void drawPlots(frame);
}

/** Asks the host for frame k; only the answer to the newest request is shown. */
function request(k: number): void {
  latestRequest++;
  host.postMessage({ type: 'requestFrame', request: latestRequest, frame: k });
}

/** While playing: the next frame, no sooner than PLAY_INTERVAL_MS after the last; stops at the end. */
function playStep(): void {
  if (!page?.controls.playing || !frame) return;
  const next = frame.index + 1;
  if (next >= index.frames) {
    // At the end: stop, or wait for the index to reach the next frame.
    if (!index.indexing) page.controls.pause();
    else setTimeout(playStep, PLAY_INTERVAL_MS);
    return;
  }
  const wait = Math.max(0, lastPlayStep + PLAY_INTERVAL_MS - performance.now());
  setTimeout(() => {
    if (!page?.controls.playing) return;
    lastPlayStep = performance.now();
    page.values.frame = next;
    host.setState({ frame: next, colour: page.values.colour });
    request(next);
  }, wait);
}

function showFrame(next: PreviewFrame): void {
  if (!page) return;
  frame = next;
  particles = null;
  page.values.frame = next.index;
  page.controls.showFrame(next.index, next.timestep, tiltText(next.cell));
  if (root.dataset.frameError !== undefined) {
    page.frameError.replaceChildren();
    delete root.dataset.frameError;
  }
  draw();
  plotsDrawn = drawPlots(next);
  void plotsDrawn.then(playStep);
}

/** Draws the particles of the current frame with the current colouring and filters. */
function draw(): void {
  if (!page || !frame) return;
  const { summary, values, canvas } = page;
  const column = frame.columns.find((c) => c.name === values.colour) ?? null;
  particles ??= {
    dimension: summary.dimension,
    positions: frame.positions,
    species: frame.species,
    speciesNames: summary.speciesNames,
    values: column?.values ?? null,
    valueName: column?.name ?? 'species',
    cell: frame.cell,
  };
  canvas.draw(particles, { hiddenSpecies: values.hiddenSpecies, slab: values.slab }, colourMode(column?.values ?? null));
  root.dataset.frame = String(frame.index);
  root.dataset.colour = values.colour;
  root.dataset.drawn = String(canvas.drawnCount);
}

/** Diverging (centred on 0: softness, signed quantities) when the values have both signs, else sequential. */
function colourMode(values: Float32Array | null): ColourMode {
  if (!values) return 'species';
  let negative = false;
  let positive = false;
  for (let i = 0; i < values.length && !(negative && positive); i++) {
    if (values[i] < 0) negative = true;
    if (values[i] > 0) positive = true;
  }
  return negative && positive ? 'diverging' : 'sequential';
}

/** g(r) and the colouring-column histogram of `shown` (skipped if another frame came meanwhile). */
async function drawPlots(shown: PreviewFrame): Promise<void> {
  if (!page) return;
  const { grPlot, histogramPlot, summary, values } = page;
  const label = `frame ${shown.index}`;
  const column = shown.columns.find((c) => c.name === values.colour) ?? null;
  const histogram = colourHistogramFigure(column?.values ?? null, column?.name ?? 'species', shown.species, summary.speciesNames, label);
  const plotly = await loadPlotly();
  if (shown !== frame || !page) return;
  const theme = readTheme(root);
  const plot = (target: HTMLElement, figure: Figure) => {
    const safe = safeFigure(figure);
    return plotly.react(target, safe.data, themedLayout(safe.layout, theme), PLOT_CONFIG);
  };
  if (shown.gr) await plot(grPlot, pairCorrelationFigure(shown.gr, label));
  else grPlot.replaceChildren(h('p', { className: 'note' }, `g(r) not available: ${shown.grError ?? 'unknown reason'}`));
  await plot(histogramPlot, histogram);
  root.dataset.plotsFrame = String(shown.index);
}

/** [lo, hi] of the box along x, y, z (the slab range), from the cell incl. tilt; [0, 1] without a box. */
function boxExtent(summary: TrajectorySummary): Array<[number, number]> {
  const box = summary.box;
  if (!box)
    return [
      [0, 1],
      [0, 1],
      [0, 1],
    ];
  const { lo, lx, ly, lz, xy, xz, yz } = box;
  return [
    [lo[0] + Math.min(0, xy, xz, xy + xz), lo[0] + lx + Math.max(0, xy, xz, xy + xz)],
    [lo[1] + Math.min(0, yz), lo[1] + ly + Math.max(0, yz)],
    [lo[2], lo[2] + lz],
  ];
}

/** The tilt factors of a frame's cell (they change under shear), or '' for an orthogonal or no cell. */
function tiltText(cell: PreviewFrame['cell']): string {
  if (!cell) return '';
  const [xy, xz, yz] = [cell.b[0], cell.c[0], cell.c[1]];
  return xy === 0 && xz === 0 && yz === 0 ? '' : `box tilt xy = ${xy.toPrecision(4)}, xz = ${xz.toPrecision(4)}, yz = ${yz.toPrecision(4)}`;
}

function defaultColour(columns: readonly string[]): string {
  return columns.find((c) => /^softness$/i.test(c)) ?? 'species';
}
