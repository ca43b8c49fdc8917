import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLammpsDump } from '../../src/core/io/dumpWriter';
import { openTrajectory } from '../../src/core/io/open';
import { KA3D_SAMPLE, trainSampleModel } from '../unit/preview/modelFixture';
import { ROOT } from './codeServer';
import { openWorkbench, typeIntoSimpleDialog, type Workbench } from './workbench';

/**
 * The model preview in a real VS Code (code-server with the packaged .vsix): opening a
 * `*.softness.json` model shows the model preview custom editor — training summary, w(r) beside
 * the training trajectory's g(r) (computed by the extension's worker from the model's provenance),
 * angular weights —, "Apply to Trajectory…" writes a dump with a softness column and opens it in the
 * trajectory preview, and a broken model file shows its error in the panel.
 */
const MODEL_DIR = path.join(ROOT, 'test-results', 'e2e-model');

describe('model preview in code-server', () => {
  let workbench: Workbench;

  beforeAll(async () => {
    // A real model trained on the KA sample.
    rmSync(MODEL_DIR, { recursive: true, force: true });
    mkdirSync(MODEL_DIR, { recursive: true });
    const model = await trainSampleModel(MODEL_DIR);
    // A short trajectory to apply the model to (the first 4 frames of the sample).
    const sample = openTrajectory(KA3D_SAMPLE);
    writeLammpsDump(
      path.join(MODEL_DIR, 'short.dump'),
      [0, 1, 2, 3].map((k) => sample.readFrame(k)),
      { speciesNames: sample.speciesNames },
    );
    sample.close();
    // The preview reads a training trajectory only inside the model's folder or the workspace: the
    // model names the sample beside it, and the sample is copied into the workspace with it.
    const trained = JSON.parse(readFileSync(model, 'utf8'));
    trained.provenance.inputs[0].path = 'ka3d_is.dump.gz';
    writeFileSync(model, JSON.stringify(trained));
    const broken = JSON.parse(readFileSync(model, 'utf8'));
    broken.species[0].w = broken.species[0].w.slice(1);
    writeFileSync(path.join(MODEL_DIR, 'broken.softness.json'), JSON.stringify(broken));
    const rel = (file: string) => path.relative(ROOT, path.join(MODEL_DIR, file));
    workbench = await openWorkbench({
      files: {
        'ka3d.softness.json': rel('ka3d.softness.json'),
        'ka3d_is.dump.gz': path.relative(ROOT, KA3D_SAMPLE),
        'broken.softness.json': rel('broken.softness.json'),
        'short.dump': rel('short.dump'),
      },
      viewport: { width: 1400, height: 1200 },
    });
  });

  afterAll(async () => {
    await workbench?.close();
    rmSync(MODEL_DIR, { recursive: true, force: true });
  });

  it('shows the training summary, w(r) with g(r) and the angular weights of a trained model', async () => {
    await workbench.openFile('ka3d.softness.json');
    const view = workbench.webview(workbench.page.locator('iframe.webview.ready').last());
    await view.locator('#model-preview[data-view=model][data-gr=ready]').waitFor({ timeout: 120_000 });
    await view.locator('#weights-A .scatterlayer .trace').nth(3).waitFor({ timeout: 60_000 });
    expect(await view.locator('h1').innerText()).toBe('Softness model: ka3d.softness.json');
    expect(await view.locator('table.training tbody tr').count()).toBe(2);
    // Per central species: w_XA, g_XA, w_XB, g_XB lines, and 3 x 22 angular bars.
    for (const X of ['A', 'B']) {
      expect(await view.locator(`#weights-${X} .scatterlayer .trace`).count()).toBe(4);
      expect(await view.locator(`#angular-${X} .barlayer path`).count()).toBe(66);
    }
    expect(await view.locator('#gr-status').innerText()).toMatch(/^g\(r\) of .*ka3d_is\.dump\.gz, averaged over frames/);
    await workbench.screenshot('model-preview');
  });

  it('applies the model to a trajectory from the button and opens the result in the trajectory preview', async () => {
    const { page } = workbench;
    const view = workbench.webview(page.locator('iframe.webview.ready').last());
    await view.locator('#apply').click();
    // code-server's open dialog is VS Code's simple file dialog: a quick input holding a path. It
    // sets that path to the default folder once it has listed it, overwriting anything typed
    // before (the stride pick then never came: the dialog said "Please select a file", seen in CI
    // and reproduced once in 8 local runs): wait for the listing, type, and type again until the
    // path stays put.
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'short.dump' }).waitFor({ timeout: 60_000 });
    const file = path.join(workbench.server.workspace, 'short.dump');
    await typeIntoSimpleDialog(input, file);
    await page.keyboard.press('Enter');
    const stride = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Every frame' });
    // Under load the simple dialog may take the first Enter to accept its own completion of the typed path (seen in CI).
    await stride.waitFor({ timeout: 15_000 }).catch(async () => {
      await page.keyboard.press('Enter');
      await stride.waitFor({ timeout: 30_000 });
    });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'short.softness.dump.gz' }).waitFor({ timeout: 180_000 });
    const result = workbench.webview(page.locator('iframe.webview.ready').last());
    await result.locator('#colour-by option[value="softness"]').waitFor({ state: 'attached', timeout: 60_000 });
    expect(existsSync(path.join(workbench.server.workspace, 'short.softness.dump.gz'))).toBe(true);
    // The trajectory preview colours by the new column once its particles are drawn.
    await result.locator('[data-colour="softness"][data-drawn="1000"]').waitFor({ state: 'attached', timeout: 60_000 });
    await workbench.screenshot('model-preview-applied');
  });

  it('shows the error of a broken model file in the panel', async () => {
    await workbench.openFile('broken.softness.json');
    const view = workbench.webview(workbench.page.locator('iframe.webview.ready').last());
    await view.locator('#model-preview[data-view=error]').waitFor({ timeout: 60_000 });
    expect(await view.locator('pre.error').innerText()).toMatch(/broken\.softness\.json.*species\[0\]\.w/);
    await workbench.screenshot('model-preview-error');
  });
});
