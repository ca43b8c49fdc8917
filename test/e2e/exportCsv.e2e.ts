import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatCell } from '../../src/core/analysis/tableText';
import { cellList, notebookEditor, runAllCells } from './notebook';
import { openWorkbench, typeIntoSimpleDialog, type Workbench } from './workbench';

/**
 * Export CSV under a notebook table, in a real VS Code (code-server with the packaged .vsix): the
 * renderer posts the table to the extension host (renderer messaging), which shows VS Code's save
 * dialog and writes the file; the renderer then shows where it was saved. Checks the file holds
 * the rows the table shows.
 */
const NOTEBOOK = {
  format: 'softnb',
  version: 1,
  metadata: {},
  cells: [
    { kind: 'code', language: 'softness', source: 'traj = load "samples/ka3d/ka3d_is.dump.gz" dt=0.005' },
    // q(t) at lags 0..4 tau (frames are 1 tau apart): a table of 5 rows.
    { kind: 'code', language: 'softness', source: 'q = overlap traj a=0.3 maxLag=4\nshow q' },
  ],
};

describe('Export CSV of a notebook table in code-server', () => {
  let workbench: Workbench;

  beforeAll(async () => {
    workbench = await openWorkbench({ files: { samples: 'samples' }, viewport: { width: 1400, height: 1200 } });
    writeFileSync(path.join(workbench.server.workspace, 'overlap.softnb'), JSON.stringify(NOTEBOOK));
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await workbench?.screenshot(`failed-${task.name.replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await workbench?.close();
  });

  it('saves the table where the save dialog says and shows the path under the table', async () => {
    const { page } = workbench;
    await workbench.openFile('overlap.softnb');
    await cellList(page).locator('.code-cell-row').first().waitFor({ state: 'attached', timeout: 60_000 });
    await runAllCells(page, 5 * 60_000);

    const outputs = workbench.webview(notebookEditor(page).locator('iframe.webview.ready'));
    const table = outputs.locator('.softness-output', { has: outputs.locator('h4', { hasText: /^overlap \(5 rows\)$/ }) });
    await table.locator('tbody tr').nth(4).waitFor({ timeout: 60_000 });
    const shown = await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => Array.from(row.children, (td) => td.textContent)));
    await table.locator('button', { hasText: 'Export CSV' }).click();

    // code-server's save dialog is VS Code's simple file dialog: a quick input holding a path, which
    // it resets once it has listed the folder; type only after the listing, until the path stays.
    const input = page.locator('.quick-input-widget input');
    // With the CSV filter it lists only folders ('..', 'samples'); Quick Open's hidden rows stay in the DOM.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'samples' }).filter({ visible: true }).waitFor({ timeout: 60_000 });
    expect(await input.inputValue()).toBe(path.join(workbench.server.workspace, 'overlap.csv'));
    const file = path.join(workbench.server.workspace, 'q-rows.csv');
    await typeIntoSimpleDialog(input, file);
    await page.keyboard.press('Enter');
    const status = table.locator('.softness-export-status');
    // Under load the simple dialog may take the first Enter to accept its own completion of the typed path.
    await expect
      .poll(
        async () => {
          if (await input.isVisible()) await page.keyboard.press('Enter');
          return status.textContent();
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBe(`saved ${file}`);
    await workbench.screenshot('export-csv');

    expect(existsSync(file)).toBe(true);
    const [header, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(header).toBe('t,q');
    expect(rows.map((row) => row.split(',').map((v) => formatCell(Number(v))))).toEqual(shown);
    expect(rows[0]).toBe('0,1');
    expect(workbench.errors.filter((error) => /softness|renderer\.js/i.test(error))).toEqual([]);
  });
});
