import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTrajectory } from '../../src/core/io/open';
import { ROOT } from './codeServer';
import { openWorkbench, type Workbench } from './workbench';

/**
 * The trajectory preview in a real VS Code (code-server with the packaged .vsix): opening the 3D and
 * the sheared 2D sample dumps, an extended XYZ and a GSD file shows the trajectory preview custom
 * editor (summary, particles drawn by the preview worker's frames, g(r) and histogram), a broken
 * dump shows its error, and
 * "Softness: Open Trajectory in Notebook" opens a notebook whose first cell loads the file.
 */
const FILES_DIR = path.join(ROOT, 'test-results', 'e2e-trajectory');

describe('trajectory preview in code-server', () => {
  let workbench: Workbench;

  beforeAll(async () => {
    rmSync(FILES_DIR, { recursive: true, force: true });
    mkdirSync(FILES_DIR, { recursive: true });
    writeFileSync(
      path.join(FILES_DIR, 'broken.dump'),
      'ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n0 5\n0 five\n0 5\nITEM: ATOMS id type x y z\n1 1 0 0 0\n2 1 1 1 1\n',
    );
    // Frame 0 of the 3D sample as extended XYZ (species names, Lattice, a per-atom column).
    const sample = openTrajectory(path.join(ROOT, 'samples/ka3d/ka3d_is.dump.gz'));
    const frame = sample.readFrame(0);
    const { lx, ly, lz } = frame.box!;
    const atoms = Array.from(
      { length: frame.n },
      (_, i) => `${sample.speciesNames[frame.species[i]]} ${frame.positions.subarray(3 * i, 3 * i + 3).join(' ')} ${i % 7}`,
    );
    writeFileSync(
      path.join(FILES_DIR, 'ka3d.extxyz'),
      `${frame.n}\nLattice="${lx} 0 0 0 ${ly} 0 0 0 ${lz}" Properties=species:S:1:pos:R:3:c_ring:R:1 Timestep=0\n${atoms.join('\n')}\n`,
    );
    sample.close();
    workbench = await openWorkbench({
      files: {
        'ka3d_is.dump.gz': 'samples/ka3d/ka3d_is.dump.gz',
        'shear2d.dump.gz': 'samples/shear2d/shear2d.dump.gz',
        'broken.dump': path.relative(ROOT, path.join(FILES_DIR, 'broken.dump')),
        'ka3d.extxyz': path.relative(ROOT, path.join(FILES_DIR, 'ka3d.extxyz')),
        'ka3d.gsd': 'test/fixtures/io/gsd/ka3d.gsd',
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

  it('"Softness: Show g(r) of Current Frame" brings the g(r) of the current frame into view', async () => {
    await workbench.runCommand('Softness: Show g(r) of Current Frame');
    const root = preview();
    await root.locator('#gr-plot.highlight').waitFor({ timeout: 30_000 });
    expect(await root.locator('#gr-plot .gtitle').textContent()).toBe('partial g(r), frame 120');
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

  it('extended XYZ and HOOMD-blue GSD files open in the same preview', async () => {
    await workbench.openFile('ka3d.extxyz');
    let root = preview();
    await root.locator('xpath=self::*[@data-plots-frame="0"]').waitFor({ timeout: 120_000 });
    expect(await root.getAttribute('data-drawn')).toBe('1000');
    expect(await root.locator('table.summary').innerText()).toMatch(/format\s+xyz[\s\S]*per-atom columns\s+c_ring/);
    await workbench.openFile('ka3d.gsd');
    root = preview();
    await root.locator('xpath=self::*[@data-plots-frame="0"]').waitFor({ timeout: 120_000 });
    // The GSD fixture (test/fixtures/io/gsd): 256 particles of types A and B, 4 frames.
    expect(await root.getAttribute('data-drawn')).toBe('256');
    expect(await root.locator('table.summary').innerText()).toMatch(/format\s+gsd[\s\S]*frames\s+4/);
    await workbench.screenshot('trajectory-preview-gsd');
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
