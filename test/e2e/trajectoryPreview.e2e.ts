import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './codeServer';
import { openWorkbench, type Workbench } from './workbench';

/**
 * Issue #4, section 2, in a real VS Code (code-server with the packaged .vsix): opening the 3D and
 * the sheared 2D sample dumps shows the trajectory preview custom editor (summary, particles drawn
 * by the preview worker's frames, g(r) and histogram), a broken dump shows its error, and
 * "Softness: Open Trajectory in Notebook" opens a notebook whose first cell loads the file.
 */
const FILES_DIR = path.join(ROOT, 'test-results', 'e2e-trajectory');

describe('trajectory preview in code-server', () => {
  let workbench: Workbench;

  beforeAll(async () => {
    rmSync(FILES_DIR, { recursive: true, force: true });
    mkdirSync(FILES_DIR, { recursive: true });
    writeFileSync(path.join(FILES_DIR, 'broken.dump'), 'ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n0 5\n0 five\n0 5\nITEM: ATOMS id type x y z\n1 1 0 0 0\n2 1 1 1 1\n');
    workbench = await openWorkbench({
      files: {
        'ka3d_is.dump.gz': 'samples/ka3d/ka3d_is.dump.gz',
        'shear2d.dump.gz': 'samples/shear2d/shear2d.dump.gz',
        'broken.dump': path.relative(ROOT, path.join(FILES_DIR, 'broken.dump')),
      },
      viewport: { width: 1400, height: 1200 },
    });
  });

  afterAll(async () => {
    await workbench?.close();
    rmSync(FILES_DIR, { recursive: true, force: true });
  });

  /** The preview page inside the active custom editor's webview. */
  const preview = () => workbench.webview(workbench.page.locator('iframe.webview.ready').last()).locator('#trajectory-preview');

  it('opening the 3D sample dump shows its preview: summary, 1000 particles drawn, g(r) and histogram of frame 0', async () => {
    await workbench.openFile('ka3d_is.dump.gz');
    const root = preview();
    await root.locator('xpath=self::*[@data-plots-frame="0"]').waitFor({ timeout: 120_000 });
    expect(await root.getAttribute('data-drawn')).toBe('1000');
    expect(await root.locator('table.summary').innerText()).toMatch(/particles N\s+1000[\s\S]*A: 800, B: 200[\s\S]*3D/);
    await root.locator('#summary-frames', { hasText: /^350$/ }).waitFor({ timeout: 60_000 });
    expect(await root.locator('#gr-plot .scatterlayer .trace').count()).toBe(4);
    expect(await root.locator('#histogram-plot .barlayer .trace').count()).toBe(1);
    expect(await root.locator('canvas').count()).toBeGreaterThan(0);
    await workbench.screenshot('trajectory-preview-ka3d');
  });

  it('the frame slider changes the frame', async () => {
    const root = preview();
    await root.locator('#frame-slider').evaluate((slider) => {
      (slider as HTMLInputElement).value = '120';
      slider.dispatchEvent(new Event('input'));
    });
    await root.locator('xpath=self::*[@data-plots-frame="120"]').waitFor({ timeout: 60_000 });
    expect(await root.locator('#frame-label').innerText()).toMatch(/^frame 120 of 0–349, timestep \d+/);
  });

  it('"Softness: Open Trajectory in Notebook" opens a notebook whose first cell loads the previewed file', async () => {
    await workbench.runCommand('Softness: Open Trajectory in Notebook');
    const cell = workbench.page.locator('.notebook-editor .cell-editor-container .view-lines').first();
    await cell.waitFor({ timeout: 60_000 });
    expect((await cell.innerText()).replace(/\u00a0/g, ' ')).toContain('traj = load "ka3d_is.dump.gz"');
    await workbench.screenshot('trajectory-preview-notebook');
  });

  it('the sheared 2D sample: 2D summary and 1000 particles', async () => {
    await workbench.openFile('shear2d.dump.gz');
    const root = preview();
    await root.locator('xpath=self::*[@data-plots-frame="0"]').waitFor({ timeout: 120_000 });
    expect(await root.getAttribute('data-drawn')).toBe('1000');
    expect(await root.locator('table.summary').innerText()).toMatch(/dimension\s+2D/);
    await workbench.screenshot('trajectory-preview-shear2d');
  });

  it('a broken dump shows the error with file, frame and line', async () => {
    await workbench.openFile('broken.dump');
    const root = preview();
    await root.locator('xpath=self::*[@data-view="error"]').waitFor({ timeout: 60_000 });
    const text = await root.locator('.preview-error').innerText();
    expect(text).toContain('where: frame 0, line 7');
    expect(text).toMatch(/expected 2 finite numbers \(lo hi\) for axis y of the box bounds, found '0 five'/);
    await workbench.screenshot('trajectory-preview-error');
  });
});
