import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { modelPreviewHtml } from '../../src/extension/preview/modelPreviewHtml';
import type { ModelPreviewToHost, ModelPreviewToWebview } from '../../src/protocol/modelPreviewMessages';
import { bundleWebview, launchChromium, RESULTS } from './harness';

const ROOT = path.resolve(__dirname, '../..');
const NONCE = 'testnonce0123456789abcdef';

/** The model preview webview in chromium, with a stubbed extension host. */
export interface ModelPreviewPage {
  readonly page: Page;
  /** Console errors (CSP violations included), page errors and failed requests seen so far. */
  readonly errors: string[];
  /** Delivers a host message to the webview, as VS Code does (a window `message` event). */
  post(message: ModelPreviewToWebview): Promise<void>;
  /** Messages the webview sent to the host so far. */
  posted(): Promise<ModelPreviewToHost[]>;
  close(): Promise<void>;
}

/**
 * Bundles webview/modelPreview/index.ts as scripts/build.mjs does (iife + extracted CSS), serves it
 * in the page the extension really builds (modelPreviewHtml: its CSP, nonce and tags) from a
 * node:http server on 127.0.0.1, and stubs acquireVsCodeApi before any page script runs.
 * Host -> webview messages are structured-cloned like VS Code's (typed arrays stay typed).
 */
export async function openModelPreviewPage(): Promise<ModelPreviewPage> {
  const dir = mkdtempSync(path.join(tmpdir(), 'softness-model-preview-'));
  await bundleWebview({ modelPreview: path.join(ROOT, 'webview/modelPreview/index.ts') }, dir);
  let origin = '';
  const files = (): Record<string, [string, string | Buffer]> => ({
    '/': [
      'text/html',
      modelPreviewHtml({ cspSource: origin, scriptUri: `${origin}/modelPreview.js`, styleUri: `${origin}/modelPreview.css`, nonce: NONCE }),
    ],
    '/modelPreview.js': ['text/javascript', readFileSync(path.join(dir, 'modelPreview.js'))],
    '/modelPreview.css': ['text/css', readFileSync(path.join(dir, 'modelPreview.css'))],
  });
  const server: Server = createServer((req, res) => {
    // Browsers ask for /favicon.ico; a webview does not: answer it empty rather than 404.
    if (req.url === '/favicon.ico') return void res.writeHead(204).end();
    const file = files()[req.url ?? '/'];
    res.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain' });
    res.end(file?.[1] ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
  const errors: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && errors.push(`console: ${m.text()}`)));
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  // VS Code's dark theme variables live on the html element's style (as in a real webview).
  await page.addInitScript(() => {
    const posted: unknown[] = [];
    Object.assign(window, {
      __posted: posted,
      acquireVsCodeApi: () => ({ postMessage: (m: unknown) => posted.push(m), getState: () => undefined, setState: () => {} }),
    });
    document.addEventListener('DOMContentLoaded', () => {
      const s = document.documentElement.style;
      s.setProperty('--vscode-editor-foreground', '#cccccc');
      s.setProperty('--vscode-editor-background', '#1e1e1e');
      s.setProperty('--vscode-font-family', 'DejaVu Sans, sans-serif');
      s.setProperty('--vscode-editor-font-size', '13px');
    });
  });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() =>
    ((window as unknown as { __posted: Array<{ type: string }> }).__posted ?? []).some((m) => m.type === 'ready'),
  );
  mkdirSync(RESULTS, { recursive: true });
  return {
    page,
    errors,
    post: (message) => page.evaluate((m) => window.postMessage(m, '*'), message as unknown as Record<string, unknown>),
    posted: () => page.evaluate(() => (window as unknown as { __posted: ModelPreviewToHost[] }).__posted.slice()),
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
