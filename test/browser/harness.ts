import { build } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { CellOutput, SnapshotOutput } from '../../src/core/lang/outputs';
import { encodeOutput } from '../../src/protocol/outputMime';

/**
 * Browser test harness for the notebook renderer: bundles webview/renderer/index.ts with esbuild
 * (same options as scripts/build.mjs; also webview/common/particleCanvas.ts alone, served as
 * /particleCanvas.js for tests to import), serves it with a stub renderer context from a node:http
 * server on 127.0.0.1, and drives Debian's chromium (WebGL through SwiftShader, no GPU) with
 * playwright-core. Outputs are real encodeOutput bytes, fetched by the page from /out/<name>.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

/** Bundles custom-editor webview scripts (classic scripts, as scripts/build.mjs does) into `outdir`. */
export async function bundleWebview(entryPoints: Record<string, string>, outdir: string): Promise<void> {
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    minify: true,
    logLevel: 'warning',
  });
}

/** Debian's Chromium, headless, with nothing that reaches out to the network by itself. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const ROOT = path.resolve(__dirname, '../..');
export const RESULTS = path.join(ROOT, 'test-results');

// A dark theme's --vscode-* variables, so theming is visible in screenshots and checkable. The CSP
// blocks every remote or inline script and eval (plotly's strict bundle and three.js need neither);
// inline styles stay allowed because plotly sets style attributes on its SVG.
const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:">
<style>body { --vscode-editor-foreground: #cccccc; --vscode-editor-background: #1e1e1e; --vscode-font-family: DejaVu Sans, sans-serif;
 --vscode-editor-font-size: 13px; background: #1e1e1e; color: #cccccc; width: 1000px; }</style>
<script type="module" src="/page.js"></script></head><body></body></html>`;

// The stub of VS Code's renderer context; window.softness.render(name, mime, id) renders /out/<name>
// into a new element and resolves to the milliseconds from renderOutputItem to two frames later;
// window.softness.activate starts another renderer instance (e.g. with a messaging context);
// window.softness.particleCanvas() imports the particle canvas module on its own;
// window.softness.colouredPixels(canvas) counts its clearly red and clearly blue pixels.
const PAGE_SCRIPT = `import { activate } from '/renderer.js';
const api = await activate({ getState() {}, setState() {}, workspace: { isTrusted: true } });
window.softness = {
  api,
  activate,
  particleCanvas: () => import('/particleCanvas.js'),
  // Pixels of a WebGL canvas (drawn with preserveDrawingBuffer) that are clearly red (soft) or blue (hard).
  colouredPixels(canvas) {
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [canvas.width, canvas.height];
    const ctx = copy.getContext('2d');
    ctx.drawImage(canvas, 0, 0);
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const counts = { red: 0, blue: 0 };
    for (let k = 0; k < px.length; k += 4) {
      if (px[k + 3] < 128) continue;
      if (px[k] > px[k + 2] + 60) counts.red++;
      else if (px[k + 2] > px[k] + 60) counts.blue++;
    }
    return counts;
  },
  async render(name, mime, id) {
    const bytes = new Uint8Array(await (await fetch('/out/' + name)).arrayBuffer());
    const element = document.createElement('div');
    element.id = id;
    document.body.append(element);
    const item = { id, mime, data: () => bytes, text: () => new TextDecoder().decode(bytes), json: () => JSON.parse(new TextDecoder().decode(bytes)) };
    const t0 = performance.now();
    await api.renderOutputItem(item, element);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
  },
};
window.softnessReady = true;`;

/** What PAGE_SCRIPT puts on window.softness, for page.evaluate callbacks. */
export interface PageHelpers {
  particleCanvas(): Promise<unknown>;
  colouredPixels(canvas: HTMLCanvasElement): { red: number; blue: number };
}

export interface RendererPage {
  readonly page: Page;
  /** Console errors, page errors and failed/blocked requests seen so far. */
  readonly errors: string[];
  /** Serves `output` (encodeOutput bytes) at /out/<name>, renders it in a new element #<name>; returns ms to drawn. */
  render(name: string, output: CellOutput): Promise<number>;
  /** Serves `body` at `url` (a path such as /report.html) from now on; returns the absolute URL. */
  serve(url: string, type: string, body: string): string;
  close(): Promise<void>;
}

/** dist/report.js as scripts/build.mjs builds it (webview/report/index.ts, a classic script), for renderReport. */
export async function buildReportScript(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'webview/report/index.ts')],
    write: false,
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    minify: true,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** Builds the renderer, starts the server and chromium, and opens the test page. */
export async function openRendererPage(): Promise<RendererPage> {
  const dir = mkdtempSync(path.join(tmpdir(), 'softness-renderer-'));
  await build({
    entryPoints: {
      renderer: path.join(ROOT, 'webview/renderer/index.ts'),
      particleCanvas: path.join(ROOT, 'webview/common/particleCanvas.ts'),
    },
    outdir: dir,
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'esm',
    minify: true,
    logLevel: 'warning',
  });
  const outputs = new Map<string, Uint8Array>();
  const files: Record<string, [string, string | Uint8Array]> = {
    '/': ['text/html', PAGE],
    '/page.js': ['text/javascript', PAGE_SCRIPT],
    '/renderer.js': ['text/javascript', readFileSync(path.join(dir, 'renderer.js'))],
    '/particleCanvas.js': ['text/javascript', readFileSync(path.join(dir, 'particleCanvas.js'))],
  };
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const out = url.startsWith('/out/') ? outputs.get(decodeURIComponent(url.slice(5))) : undefined;
    const [type, body] = out ? ['application/octet-stream', out] : (files[url] ?? ['text/plain', '']);
    res.writeHead(out || files[url] ? 200 : 404, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser: Browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => (window as unknown as { softnessReady?: boolean }).softnessReady === true);
  mkdirSync(RESULTS, { recursive: true });
  return {
    page,
    errors,
    async render(name, output) {
      const item = encodeOutput(output);
      outputs.set(name, item.data);
      return page.evaluate(
        ([n, mime]) =>
          (window as unknown as { softness: { render(a: string, b: string, c: string): Promise<number> } }).softness.render(n, mime, n),
        [name, item.mime] as const,
      );
    },
    serve(url, type, body) {
      files[url] = [type, body];
      return `http://127.0.0.1:${port}${url}`;
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A random snapshot of n particles in a periodic cubic (3D) or square (2D) cell of side L at
 * number density 1.2 (sigma_AA^-3 or ^-2), 80:20 species A:B, softness ~ uniform in [-3, 3].
 * Seeded (mulberry32) so counts are reproducible.
 */
export function randomSnapshot(n: number, dimension: 2 | 3, seed = 1): SnapshotOutput {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const side = (n / 1.2) ** (1 / dimension);
  const positions = new Float32Array(3 * n);
  const species = new Uint8Array(n);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dimension; d++) positions[3 * i + d] = side * random();
    species[i] = random() < 0.8 ? 0 : 1;
    values[i] = 6 * random() - 3;
  }
  const c = dimension === 3 ? [0, 0, side] : [0, 0, 0];
  return {
    kind: 'snapshot',
    title: `random ${dimension}D, ${n} particles`,
    dimension,
    positions,
    species,
    speciesNames: ['A', 'B'],
    values,
    valueName: 'S',
    cell: { origin: [0, 0, 0], a: [side, 0, 0], b: [0, side, 0], c },
  };
}
