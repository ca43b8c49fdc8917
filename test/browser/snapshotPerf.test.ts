import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openRendererPage, randomSnapshot, RESULTS, type RendererPage } from './harness';

// Time from renderOutputItem to drawn (two animation frames after it resolves) for large
// snapshots, and the time to redraw after a species toggle; printed, with bounds at the targets of
// the renderer (10,000 particles <= 1 s, 100,000 <= 3 s) doubled, so a busy CI machine
// passes while a real slip does not (SwiftShader renders on the CPU).
describe.skipIf(!hasChromium)('snapshot renderer speed in chromium', () => {
  let r: RendererPage;
  beforeAll(async () => {
    r = await openRendererPage();
    // Warm-up: the first snapshot evaluates three.js and compiles the shaders (measured separately).
    const ms = await r.render('warmup', randomSnapshot(10, 2));
    console.log(`first snapshot (evaluates three.js, compiles shaders): ${ms.toFixed(0)} ms`);
  }, 60_000);
  afterAll(async () => {
    await r?.close();
  });

  const cases: Array<[number, 2 | 3, number]> = [
    [10_000, 2, 2_000],
    [10_000, 3, 2_000],
    [100_000, 2, 6_000],
    [100_000, 3, 6_000],
  ];
  it.each(cases)(
    'draws %i particles in %iD and redraws after a species toggle',
    async (n, dimension, boundMs) => {
      const id = `perf${dimension}d${n}`;
      const snap = randomSnapshot(n, dimension, n);
      const nA = snap.species.filter((s) => s === 0).length;
      const ms = await r.render(id, snap);
      expect(await r.page.locator(`#${id} .softness-drawn`).textContent()).toBe(`drawn ${n} of ${n} particles`);
      const t0 = Date.now();
      await r.page.$eval(`#${id}`, (root) => {
        const canvas = root.querySelector('.softness-particles') as HTMLElement;
        // Like render(): drawn = two animation frames after the canvas has rendered.
        const done = new Promise((resolve) =>
          canvas.addEventListener('softness:drawn', () => requestAnimationFrame(() => requestAnimationFrame(resolve)), { once: true }),
        );
        (root.querySelectorAll('.softness-controls input[type=checkbox]')[1] as HTMLInputElement).click();
        return done;
      });
      const toggleMs = Date.now() - t0;
      expect(await r.page.locator(`#${id} .softness-drawn`).textContent()).toBe(`drawn ${nA} of ${n} particles`);
      // Interaction: a 10-step mouse drag (rotate in 3D, pan in 2D); each step renders once on demand.
      const canvas = r.page.locator(`#${id} canvas`);
      await canvas.scrollIntoViewIfNeeded();
      const box = await canvas.boundingBox();
      if (!box) throw new Error('snapshot canvas not laid out');
      await r.page.$eval(`#${id} .softness-particles`, (root) => {
        const w = window as unknown as { renders: number };
        w.renders = 0;
        root.addEventListener('softness:drawn', () => w.renders++);
      });
      const t1 = Date.now();
      await r.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await r.page.mouse.down();
      for (let step = 1; step <= 10; step++) {
        await r.page.mouse.move(box.x + box.width / 2 + 15 * step, box.y + box.height / 2 + 5 * step);
        await r.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      }
      await r.page.mouse.up();
      const dragMs = (Date.now() - t1) / 10;
      const renders = await r.page.evaluate(() => (window as unknown as { renders: number }).renders);
      expect(renders).toBeGreaterThanOrEqual(5);
      console.log(
        `${n} particles ${dimension}D: drawn in ${ms.toFixed(0)} ms, species toggle redrawn in ${toggleMs} ms, ` +
          `drag ${dragMs.toFixed(0)} ms per step (${renders} renders for 10 steps)`,
      );
      if (n === 100_000)
        await r.page.locator(`#${id}`).screenshot({ path: path.join(RESULTS, `renderer-snapshot-${dimension}d-100k.png`) });
      expect(ms).toBeLessThan(boundMs);
      expect(toggleMs).toBeLessThan(boundMs);
      await r.page.evaluate(
        (item) =>
          (window as unknown as { softness: { api: { disposeOutputItem(id: string): void } } }).softness.api.disposeOutputItem(item),
        id,
      );
    },
    180_000,
  );

  it('logged no console errors', () => {
    expect(r.errors).toEqual([]);
  });
});
