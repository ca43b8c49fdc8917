import type { Locator, Page } from 'playwright-core';

/**
 * Reading and driving an open notebook editor in the code-server workbench. The cell list is
 * virtual (only cells near the viewport are in the DOM), so whole-notebook reads scroll through it.
 */

/** What the workbench shows for one code cell. */
export interface CodeCellView {
  /** Position in the notebook (markdown cells count), 0-based. */
  readonly index: number;
  /** The execution-order label, e.g. "[3]" ("[ ]" when never run). */
  readonly executionCount: string;
  /** The status-bar check mark: success, error, or none (never ran, running, cancelled). */
  readonly state: 'success' | 'error' | 'none';
  /** The cell status bar's text, e.g. "4.0s". */
  readonly status: string;
  /** MIME type of each output, in order (the one VS Code picked to render). */
  readonly outputMimes: readonly string[];
}

/** The cell list of the active notebook editor. */
export function cellList(page: Page): Locator {
  return page.locator('.notebookOverlay .cell-list-container');
}

function codeRow(page: Page, index: number): Locator {
  return cellList(page).locator(`.monaco-list-row.code-cell-row[data-index="${index}"]`);
}

/**
 * Clicks the notebook toolbar's Run All and waits until no cell runs or waits any more (the
 * toolbar's Interrupt button has come and gone). `onWait` is called about every 250 ms meanwhile.
 * Throws when the run does not start within 60 s or end within `timeoutMs`.
 */
export async function runAllCells(page: Page, timeoutMs: number, onWait?: () => Promise<void> | void): Promise<void> {
  const interrupt = page.locator('.notebook-toolbar-container').getByRole('button', { name: 'Interrupt' });
  await page.locator('.notebook-toolbar-container').getByRole('button', { name: 'Run All' }).click();
  await interrupt.waitFor({ timeout: 60_000 });
  const deadline = Date.now() + timeoutMs;
  while (await interrupt.isVisible()) {
    if (Date.now() > deadline) throw new Error(`Run All still running after ${timeoutMs / 1000} s`);
    await onWait?.();
    await page.waitForTimeout(250);
  }
}

/** Reads the code cells currently in the DOM. */
async function visibleCodeCells(page: Page): Promise<CodeCellView[]> {
  return cellList(page)
    .locator('.monaco-list-row.code-cell-row')
    .evaluateAll((rows) =>
      rows.map((row) => {
        const icon = row.querySelector('.cell-status-left .codicon[class*="notebook-state-"]')?.className ?? '';
        return {
          index: Number(row.getAttribute('data-index')),
          executionCount: row.querySelector('.execution-count-label')?.textContent?.trim() ?? '',
          state: icon.includes('notebook-state-success') ? ('success' as const) : icon.includes('notebook-state-error') ? ('error' as const) : ('none' as const),
          status: (row.querySelector('.cell-status-left') as HTMLElement | null)?.innerText.replace(/\s+/g, ' ').trim() ?? '',
          outputMimes: Array.from(row.querySelectorAll('[output-mime-type]')).map((element) => element.getAttribute('output-mime-type') ?? ''),
        };
      }),
    );
}

/**
 * Scrolls the notebook from top to bottom (mouse wheel over the cell gutter, so that no output
 * webview takes the wheel) and returns every code cell as seen when it was last in view, in
 * notebook order. Leaves the notebook scrolled to the bottom, every output rendered once.
 */
export async function allCodeCells(page: Page): Promise<CodeCellView[]> {
  const box = await cellList(page).boundingBox();
  if (!box) throw new Error('no notebook cell list on the page');
  await page.mouse.move(box.x + 12, box.y + box.height / 2);
  const seen = new Map<number, CodeCellView>();
  let lastTop: string | null = null;
  for (let step = 0; step < 10_000; step++) {
    await page.mouse.wheel(0, step === 0 ? -1e6 : box.height / 2);
    await page.waitForTimeout(400); // let the list render rows and the webview place outputs
    for (const cell of await visibleCodeCells(page)) seen.set(cell.index, cell);
    // The list scrolls by moving its rows container; an unchanged offset means the end is reached.
    const top = await cellList(page).locator('.monaco-list-rows').evaluate((rows) => (rows as HTMLElement).style.top);
    if (step > 0 && top === lastTop) break;
    lastTop = top;
  }
  return [...seen.values()].sort((a, b) => a.index - b.index);
}

/** Scrolls the notebook until `target` (an element of a cell row) is fully in view; throws after 200 wheel steps. */
export async function scrollIntoView(page: Page, target: Locator): Promise<void> {
  const list = await cellList(page).boundingBox();
  if (!list) throw new Error('no notebook cell list on the page');
  await page.mouse.move(list.x + 12, list.y + list.height / 2);
  for (let step = 0; step < 200; step++) {
    const box = (await target.count()) > 0 ? await target.first().boundingBox() : null;
    if (box && box.y >= list.y && box.y + box.height <= list.y + list.height) return;
    // Not rendered yet (virtual list) or below: scroll down; above: scroll up.
    const dy = box && box.y < list.y ? Math.max(box.y - list.y, -list.height / 2) : box ? Math.min(box.y + box.height - list.y - list.height, list.height / 2) : list.height / 2;
    await page.mouse.wheel(0, dy);
    await page.waitForTimeout(300);
  }
  throw new Error('could not scroll the notebook to the requested element');
}

/**
 * Runs code cell `index` again (Ctrl+Enter in its editor) and resolves to the milliseconds from
 * the key press reaching the page to the cell showing a new execution order with the success
 * mark: the round trip a user sees (workbench -> extension host -> kernel worker -> back).
 * Throws if that does not happen within 60 s.
 */
export async function timeCellRun(page: Page, index: number): Promise<number> {
  await codeRow(page, index).locator('.cell-editor-container .view-lines').click();
  await cellList(page).evaluate((list, cellIndex) => {
    // The virtual list may re-create the row: watch the whole list and look the row up each time.
    const row = (): Element | null => list.querySelector(`.code-cell-row[data-index="${cellIndex}"]`);
    const label = (): string | null | undefined => row()?.querySelector('.execution-count-label')?.textContent;
    const before = label();
    const state = window as unknown as { softnessRoundTrip?: Promise<number> };
    state.softnessRoundTrip = new Promise<number>((resolve, reject) => {
      let pressed = 0;
      window.addEventListener('keydown', () => (pressed = performance.now()), { capture: true, once: true });
      const timer = setTimeout(() => (observer.disconnect(), reject(new Error(`cell ${cellIndex} did not finish within 60 s`))), 60_000);
      const observer = new MutationObserver(() => {
        const done = label() !== before && row()?.querySelector('.codicon-notebook-state-success') && !row()?.querySelector('.codicon-notebook-state-executing');
        if (pressed === 0 || !done) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(performance.now() - pressed);
      });
      observer.observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  }, index);
  await page.keyboard.press('Control+Enter');
  return page.evaluate(() => (window as unknown as { softnessRoundTrip: Promise<number> }).softnessRoundTrip);
}
