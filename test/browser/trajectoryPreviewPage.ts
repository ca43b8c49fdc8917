import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TRAJECTORY_PREVIEW_PAGE } from '../../src/extension/preview/trajectoryPreview';
import { webviewPageHtml } from '../../src/extension/preview/webviewPage';
import type { PreviewToWebview, WebviewToPreview } from '../../src/protocol/previewMessages';
import { PreviewSession } from '../../src/worker/preview/previewSession';
import { bundleWebview, launchChromium, RESULTS } from './harness';

/**
 * Browser harness for the trajectory preview webview: bundles webview/preview/index.ts as
 * scripts/build.mjs does (iife + css), serves the page the extension serves (the same HTML and
 * content security policy, nonce included) from 127.0.0.1, and stubs the VS Code host: the
 * stubbed acquireVsCodeApi hands the page's messages to a real PreviewSession (the preview
 * worker's logic, reading real files) running in this Node process, whose answers are posted
 * back into the page as window messages with their typed arrays rebuilt (Float32Array etc.).
 */
const ROOT = path.resolve(__dirname, '../..');
const NONCE = '0123456789abcdef0123456789abcdef';

// Runs before the bundle (it carries the page's nonce): the acquireVsCodeApi stub, and the
// decoder of messages whose typed arrays travel as {typed, base64}.
const STUB = `
window.hostState = undefined;
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.hostPost(m), getState: () => window.hostState, setState: (s) => { window.hostState = s; } });
const decode = (v) => {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    if (typeof v.typed === 'string') {
      const bytes = Uint8Array.from(atob(v.base64), (c) => c.charCodeAt(0));
      return new globalThis[v.typed](bytes.buffer);
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  }
  return v;
};
window.deliver = (m) => window.dispatchEvent(new MessageEvent('message', { data: decode(m) }));`;

export interface PreviewPage {
  readonly page: Page;
  /** Console errors, page errors (CSP violations included) and failed requests. */
  readonly errors: string[];
  /** Messages the page sent to the host. */
  readonly sent: WebviewToPreview[];
  /** Opens the preview of `file` in a fresh page (the previous one is closed). */
  open(file: string): Promise<void>;
  /** Posts a host message into the page (as the extension host would). */
  deliver(message: PreviewToWebview): Promise<void>;
  /** What the host does when the file changes on disk: a new session on the file, `fileChanged` to the page, then the new session's messages. */
  fileChanged(): Promise<void>;
  close(): Promise<void>;
}

/** Typed arrays as {typed, base64} so they survive page.evaluate's JSON-like argument passing. */
function encode(value: unknown): unknown {
  if (ArrayBuffer.isView(value))
    return { typed: value.constructor.name, base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

/** Builds the webview bundle, starts the server and chromium. */
export async function openPreviewPage(): Promise<PreviewPage> {
  const dir = mkdtempSync(path.join(tmpdir(), 'softness-preview-'));
  await bundleWebview({ trajectoryPreview: path.join(ROOT, 'webview/preview/index.ts') }, dir);
  const server: Server = createServer((req, res) => {
    const files: Record<string, [string, string | Buffer]> = {
      '/': ['text/html', page()],
      '/stub.js': ['text/javascript', STUB],
      '/trajectoryPreview.js': ['text/javascript', readFileSync(path.join(dir, 'trajectoryPreview.js'))],
      '/trajectoryPreview.css': ['text/css', readFileSync(path.join(dir, 'trajectoryPreview.css'))],
    };
    const file = files[req.url ?? '/'];
    res.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain' });
    res.end(file?.[1] ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const page = (): string =>
    webviewPageHtml(
      { cspSource: origin, scriptUri: `${origin}/trajectoryPreview.js`, styleUri: `${origin}/trajectoryPreview.css`, nonce: NONCE },
      TRAJECTORY_PREVIEW_PAGE,
    )
      .replace('<title>', '<link rel="icon" href="data:,"><title>')
      .replace(
        '<script nonce',
        `<style>body { --vscode-editor-foreground: #cccccc; --vscode-editor-background: #1e1e1e; width: 1100px; }</style><script nonce="${NONCE}" src="${origin}/stub.js"></script><script nonce`,
      );
  const browser: Browser = await launchChromium();
  mkdirSync(RESULTS, { recursive: true });
  const errors: string[] = [];
  const sent: WebviewToPreview[] = [];
  let current: { page: Page; session: PreviewSession | null; restart(): void } | null = null;
  const handle: PreviewPage = {
    get page() {
      return current!.page;
    },
    errors,
    sent,
    async open(file) {
      await closeCurrent();
      const next = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
      const state: { page: Page; session: PreviewSession | null; restart(): void } = {
        page: next,
        session: null,
        restart: () => {
          state.session?.close();
          state.session = new PreviewSession({ file, pairCorrelation: { rMax: 5, binWidth: 0.05 }, send: post });
          void state.session.start();
        },
      };
      current = state;
      next.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
      next.on('pageerror', (e) => errors.push(`page: ${e.message}`));
      next.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
      const post = (message: PreviewToWebview): void =>
        void next.evaluate((m) => (window as unknown as { deliver(x: unknown): void }).deliver(m), encode(message)).catch(() => {});
      await next.exposeFunction('hostPost', (message: WebviewToPreview) => {
        sent.push(message);
        if (message.type === 'ready') state.restart();
        else if (message.type === 'requestFrame') state.session?.request(message.request, message.frame);
      });
      await next.goto(`${origin}/`);
    },
    async deliver(message) {
      await current!.page.evaluate((m) => (window as unknown as { deliver(x: unknown): void }).deliver(m), encode(message));
    },
    async fileChanged() {
      current!.session?.close();
      current!.session = null;
      await handle.deliver({ type: 'fileChanged' });
      current!.restart();
    },
    async close() {
      await closeCurrent();
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  async function closeCurrent(): Promise<void> {
    current?.session?.close();
    await current?.page.close();
    current = null;
  }
  return handle;
}
