import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium } from '../browser/harness';
import { E2E_RESULTS, startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';

/**
 * The VS Code workbench of a fresh code-server (codeServer.ts) in Debian's headless Chromium,
 * driven with playwright-core the way a user drives it: Quick Open, the command palette,
 * toolbar buttons. Shared by every e2e test file (notebook, previews).
 */
export interface Workbench {
  readonly page: Page;
  readonly server: CodeServer;
  /** Console errors, page errors of the workbench page (webview frames included). */
  readonly errors: string[];
  /** Opens a workspace file through Quick Open (Ctrl+P) and waits until its editor tab is active. */
  openFile(relativePath: string): Promise<void>;
  /** Runs a command from the command palette by its full title, e.g. "Notebook: Run All". */
  runCommand(title: string): Promise<void>;
  /**
   * The content of a webview (a notebook's output webview, a custom editor): VS Code nests the
   * extension's page in iframe.webview.ready > iframe#active-frame. `host` narrows which webview
   * (default: the only ready one).
   */
  webview(host?: Locator): FrameLocator;
  /** Saves a full-window screenshot to test-results/e2e/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts code-server with the packaged extension and `options.files` in a fresh workspace, opens
 * its workbench in a fresh Chromium profile and waits until the extensions are activated.
 * Rejects (after cleaning up) if the workbench does not come up within 120 s.
 */
export async function openWorkbench(options: CodeServerOptions & { viewport?: { width: number; height: number } }): Promise<Workbench> {
  const server = await startCodeServer(options);
  let browser: Browser | null = null;
  try {
    // launch() gives every run a fresh temporary profile (user-data-dir), deleted on close.
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
    await page.goto(server.url);
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 120_000 });
    await page.getByText('Activating Extensions...').waitFor({ state: 'hidden', timeout: 120_000 });
    mkdirSync(E2E_RESULTS, { recursive: true });
    return workbench(page, browser, server, errors);
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}

function workbench(page: Page, browser: Browser, server: CodeServer, errors: string[]): Workbench {
  /**
   * Opens the quick input with `shortcut`, types `text` and accepts the row whose label contains
   * `label`. A webview that takes the focus can swallow the shortcut or close the quick input
   * half-way (seen in CI right after commands that reveal the trajectory preview): then Escape,
   * click the active editor tab to give the workbench the focus, and start again (three tries).
   */
  const pick = async (shortcut: string, text: string, label: string): Promise<void> => {
    const input = page.locator('.quick-input-widget input');
    for (let attempt = 1; ; attempt++) {
      try {
        await page.keyboard.press(shortcut);
        await input.waitFor({ state: 'visible', timeout: 5_000 });
        await input.fill(text, { timeout: 5_000 });
        // The list fills asynchronously (file search, command registry): accept only the wanted row.
        await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 60_000 });
        await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
      await page.keyboard.press('Escape');
      await page.locator('.tabs-container .tab.active').first().click();
    }
  };
  return {
    page,
    server,
    errors,
    async openFile(relativePath) {
      await pick('Control+P', relativePath, path.basename(relativePath));
      await page.locator('.tabs-container .tab.active', { hasText: path.basename(relativePath) }).waitFor({ timeout: 60_000 });
    },
    async runCommand(title) {
      await pick('Control+Shift+P', `>${title}`, title);
    },
    webview(host) {
      return (host ?? page.locator('iframe.webview.ready')).contentFrame().frameLocator('#active-frame');
    },
    async screenshot(name) {
      const file = path.join(E2E_RESULTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Types `file` into the input of code-server's simple file dialog and again until it stays: the
 * dialog sets its input to the folder once it has listed it, overwriting a path typed before.
 */
export async function typeIntoSimpleDialog(input: Locator, file: string): Promise<void> {
  await expect
    .poll(
      async () => {
        if ((await input.inputValue()) !== file) await input.fill(file);
        await input.page().waitForTimeout(300);
        return input.inputValue();
      },
      { timeout: 30_000 },
    )
    .toBe(file);
}
