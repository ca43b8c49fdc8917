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

/** The visible notebook editor (the workbench keeps those of other tabs in the DOM, hidden). */
export function notebookEditor(page: Page): Locator {
  return page.locator('.notebookOverlay').filter({ visible: true });
}

/** The cell list of the visible notebook editor. */
export function cellList(page: Page): Locator {
  return notebookEditor(page).locator('.cell-list-container');
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
  const toolbar = notebookEditor(page).locator('.notebook-toolbar-container');
  const interrupt = toolbar.getByRole('button', { name: 'Interrupt' });
  await toolbar.getByRole('button', { name: 'Run All' }).click();
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
          state: icon.includes('notebook-state-success')
            ? ('success' as const)
            : icon.includes('notebook-state-error')
              ? ('error' as const)
              : ('none' as const),
          status: (row.querySelector('.cell-status-left') as HTMLElement | null)?.innerText.replace(/\s+/g, ' ').trim() ?? '',
          outputMimes: Array.from(row.querySelectorAll('[output-mime-type]')).map(
            (element) => element.getAttribute('output-mime-type') ?? '',
          ),
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
    const top = await cellList(page)
      .locator('.monaco-list-rows')
      .evaluate((rows) => (rows as HTMLElement).style.top);
    if (step > 0 && top === lastTop) break;
    lastTop = top;
  }
  return [...seen.values()].sort((a, b) => a.index - b.index);
}

/**
 * Scrolls the notebook until the bottom of `target` (an element of a cell row, or of an output
 * inside the output webview, which scrolls with the cells) sits at the bottom of the view, so
 * that what precedes it shows too (or as close as the notebook's end allows). `target` must be
 * on the page (webview outputs are, once rendered, wherever the list is scrolled); throws when it
 * is not or cannot be brought into view.
 */
export async function scrollToBottomOf(page: Page, target: Locator): Promise<void> {
  const list = await cellList(page).boundingBox();
  if (!list) throw new Error('no notebook cell list on the page');
  const viewBottom = list.y + list.height;
  // Drag the list's scrollbar slider (mouse-wheel events over the output webview do not all reach
  // the list); its travel is the content's scaled by view height / content height.
  const slider = cellList(page).locator('.monaco-list > .monaco-scrollable-element > .scrollbar.vertical > .slider');
  for (let attempt = 0; attempt < 6; attempt++) {
    await page.waitForTimeout(800); // the webview moves its outputs a moment after the list scrolls
    const box = (await target.count()) > 0 ? await target.first().boundingBox() : null;
    if (!box) throw new Error('the requested element is not on the page');
    const below = box.y + box.height - viewBottom;
    if (Math.abs(below) <= 40) return;
    const handle = await slider.boundingBox();
    if (!handle) throw new Error('the notebook has no vertical scrollbar');
    const [x, y] = [handle.x + handle.width / 2, handle.y + handle.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y + (below * handle.height) / list.height, { steps: 5 });
    await page.mouse.up();
  }
  const box = await target.first().boundingBox();
  if (!box || box.y + box.height > viewBottom || box.y + box.height < list.y)
    throw new Error('could not bring the requested element into view');
}

/** Milliseconds from the click on a cell's run button to what the workbench shows (see timeCellRun). */
export interface CellRunTiming {
  /** The new execution order is shown: the kernel worker has taken the cell (half the trip). */
  readonly started: number;
  /** The success check mark is back. VS Code keeps the running spinner for at least 500 ms
   *  (ExecutionStateCellStatusBarItem.MIN_SPINNER_TIME), so this is never below ~500 ms. */
  readonly checkMark: number;
}

/**
 * Runs code cell `index` again with its run button and measures
 * the round trip a user sees: workbench -> extension host -> kernel worker -> back. The cell must
 * be in view. Throws if the cell does not finish within 60 s.
 */
export async function timeCellRun(page: Page, index: number): Promise<CellRunTiming> {
  const runButton = codeRow(page, index).locator('.run-button-container .action-label');
  await codeRow(page, index).locator('.cell-editor-container').hover(); // shows the run button
  await runButton.hover();
  await cellList(page).evaluate((list, cellIndex) => {
    // The virtual list may re-create the row: watch the whole list and look the row up each time.
    const row = (): Element | null => list.querySelector(`.code-cell-row[data-index="${cellIndex}"]`);
    const label = (): string | null | undefined => row()?.querySelector('.execution-count-label')?.textContent;
    const oldLabel = label();
    const state = window as unknown as { softnessRoundTrip?: Promise<CellRunTiming> };
    state.softnessRoundTrip = new Promise<CellRunTiming>((resolve, reject) => {
      let [pressed, started] = [0, 0];
      window.addEventListener('pointerdown', () => (pressed = performance.now()), { capture: true, once: true });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`cell ${cellIndex} did not finish within 60 s`));
      }, 60_000);
      const observer = new MutationObserver(() => {
        if (pressed === 0) return;
        if (label() === oldLabel) return;
        if (started === 0) started = performance.now() - pressed;
        if (!row()?.querySelector('.codicon-notebook-state-success') || row()?.querySelector('.codicon-notebook-state-executing')) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve({ started, checkMark: performance.now() - pressed });
      });
      observer.observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  }, index);
  await runButton.click();
  return page.evaluate(() => (window as unknown as { softnessRoundTrip: Promise<CellRunTiming> }).softnessRoundTrip);
}
