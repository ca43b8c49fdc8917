import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openRendererPage, randomSnapshot, RESULTS, type PageHelpers, type RendererPage } from './harness';

/** What the tests call in the page (webview/common/particleCanvas.ts, bundled alone). */
interface CanvasModule {
  createParticleCanvas(parent: HTMLElement): {
    draw(frame: object, view: object, colour: string): void;
    readonly drawnCount: number;
    dispose(): void;
  };
}
type Mounted = { canvas: ReturnType<CanvasModule['createParticleCanvas']>; frame: object };
type TestWindow = Window & { softness: PageHelpers; mounted: Record<string, Mounted> };

/** Plain arrays of a frame, as page.evaluate can pass them. */
interface FrameSpec {
  dimension: 2 | 3;
  positions: number[];
  species: number[];
  values: number[];
  cell: object | null;
}

// Four particles of known colour in a 10 x 10 periodic square: soft (S = +2), hard (S = -2),
// neutral (S = 0) and one without a value (NaN), at the centres of the four quadrants.
const FOUR = { positions: [2.5, 2.5, 0, 7.5, 2.5, 0, 2.5, 7.5, 0, 7.5, 7.5, 0], species: [0, 0, 1, 1], values: [2, -2, 0, Number.NaN] };

describe.skipIf(!hasChromium)('particle canvas (three.js) in chromium', () => {
  let r: RendererPage;
  /** Creates a width x height element #id holding a particle canvas, and the frame of `spec`, kept in window.mounted[id]. */
  const mount = (id: string, width: number, height: number, spec: FrameSpec): Promise<void> =>
    r.page.evaluate(
      async ([i, w, h, f]) => {
        const win = window as unknown as TestWindow;
        const { createParticleCanvas } = (await win.softness.particleCanvas()) as CanvasModule;
        const parent = document.createElement('div');
        parent.id = i;
        Object.assign(parent.style, { width: `${w}px`, height: `${h}px` });
        document.body.append(parent);
        const frame = {
          ...f,
          positions: Float32Array.from(f.positions),
          species: Uint8Array.from(f.species),
          values: Float32Array.from(f.values),
          speciesNames: ['A', 'B'],
          valueName: 'S',
        };
        win.mounted = { ...win.mounted, [i]: { canvas: createParticleCanvas(parent), frame } };
      },
      [id, width, height, spec] as const,
    );
  beforeAll(async () => {
    r = await openRendererPage();
    await mount('four', 520, 400, { dimension: 2, ...FOUR, cell: { origin: [0, 0, 0], a: [10, 0, 0], b: [0, 10, 0], c: [0, 0, 0] } });
  }, 60_000);
  afterAll(async () => {
    await r?.close();
  });

  /** Draws the four-particle frame with `view` and `colour`; returns the RGBA under each particle's centre and the drawn count. */
  const drawFour = (
    view: { hidden?: number[]; range?: { lo: number; hi: number } },
    colour: string,
  ): Promise<{ rgba: number[][]; drawn: number; ticks: string[]; legend: string[] }> =>
    r.page.evaluate(
      ([v, c, f]) => {
        const { canvas: under, frame } = (window as unknown as TestWindow).mounted.four;
        under.draw(frame, { hiddenSpecies: new Set(v.hidden ?? []), valueRange: v.range ?? null }, c);
        const canvas = document.querySelector('#four canvas') as HTMLCanvasElement;
        const [width, height] = [canvas.width, canvas.height];
        const copy = document.createElement('canvas');
        [copy.width, copy.height] = [width, height];
        const ctx = copy.getContext('2d') as CanvasRenderingContext2D;
        ctx.drawImage(canvas, 0, 0);
        // The orthographic camera frames [0, 10]^2 plus one sigma of margin: half-height 6 (the viewport is wider than tall).
        const halfHeight = 6;
        const rgba = [0, 1, 2, 3].map((i) => {
          const px = Math.round(width / 2 + ((f.positions[3 * i] - 5) / halfHeight) * (height / 2));
          const py = Math.round(height / 2 - ((f.positions[3 * i + 1] - 5) / halfHeight) * (height / 2));
          return Array.from(ctx.getImageData(px, py, 1, 1).data);
        });
        const texts = (selector: string): string[] =>
          Array.from(document.querySelectorAll(`#four ${selector}`), (e) => (e.textContent ?? '').trim());
        return { rgba, drawn: under.drawnCount, ticks: texts('.softness-colourbar-tick'), legend: texts('.softness-colourbar-species') };
      },
      [view, colour, FOUR] as const,
    );

  it('colours soft red, hard blue and S = 0 grey on the diverging scale, with a colour bar from -2 to 2', async () => {
    const { rgba, drawn, ticks } = await drawFour({}, 'diverging');
    expect(drawn).toBe(4);
    // plotly's RdBu ends and centre (webview/common/colourScales.ts), flat-shaded in 2D; NaN is mid grey.
    expect(rgba).toEqual([
      [178, 10, 28, 255],
      [5, 10, 172, 255],
      [190, 190, 190, 255],
      [160, 160, 160, 255],
    ]);
    expect(ticks).toEqual(['-2', '-1', '0', '1', '2']);
    await r.page.locator('#four').screenshot({ path: path.join(RESULTS, 'particle-canvas-four.png') });
  });

  it('colours by species with a legend, and by a sequential scale (viridis) from min to max', async () => {
    const bySpecies = await drawFour({}, 'species');
    // The plots' species palette (src/core/plots/speciesColours.ts): A #1f77b4, B #d62728.
    expect(bySpecies.rgba.map((c) => c.slice(0, 3))).toEqual([
      [31, 119, 180],
      [31, 119, 180],
      [214, 39, 40],
      [214, 39, 40],
    ]);
    expect(bySpecies.legend).toEqual(['A', 'B']);
    const sequential = await drawFour({}, 'sequential');
    // viridis: -2 is the first stop (68, 1, 84), +2 the last (253, 231, 37), 0 the middle stop (33, 145, 140).
    expect(sequential.rgba.slice(0, 3).map((c) => c.slice(0, 3))).toEqual([
      [253, 231, 37],
      [68, 1, 84],
      [33, 145, 140],
    ]);
    expect(sequential.ticks).toEqual(['-2', '-1', '0', '1', '2']);
  });

  it('hides a species and greys (and shrinks) particles outside the highlighted range', async () => {
    const hidden = await drawFour({ hidden: [1] }, 'diverging');
    expect(hidden.drawn).toBe(2);
    // Hidden particles leave the (transparent) background.
    expect(hidden.rgba[2][3]).toBe(0);
    expect(hidden.rgba[3][3]).toBe(0);
    expect(await r.page.locator('#four canvas').getAttribute('aria-label')).toBe('2 of 4 particles in 2D, coloured by S');
    const highlighted = await drawFour({ range: { lo: 1, hi: 3 } }, 'diverging');
    expect(highlighted.drawn).toBe(4);
    expect(highlighted.rgba.map((c) => c.slice(0, 3))).toEqual([
      [178, 10, 28],
      [128, 128, 128],
      [128, 128, 128],
      [128, 128, 128],
    ]);
  });

  it('labels the particle under a click with its index, species, value and position', async () => {
    await drawFour({}, 'diverging');
    const box = await r.page.locator('#four canvas').boundingBox();
    if (!box) throw new Error('canvas not laid out');
    // Particle 1 at (7.5, 2.5): same mapping as drawFour (half-height 6 sigma, centre (5, 5)).
    const at = (x: number, y: number): [number, number] => [
      box.x + box.width / 2 + ((x - 5) / 6) * (box.height / 2),
      box.y + box.height / 2 - ((y - 5) / 6) * (box.height / 2),
    ];
    const label = r.page.locator('#four .softness-particle-label');
    // 0.4 sigma off centre is still on the particle (radius 0.5).
    await r.page.mouse.click(...at(7.5 + 0.4, 2.5));
    expect(await label.textContent()).toBe('#1 · A · S = -2.000 · (7.50, 2.50) σ_AA');
    // 0.6 sigma off centre is beside it: the label goes.
    await r.page.mouse.click(...at(7.5 + 0.6, 2.5));
    expect(await label.count()).toBe(0);
  });

  it('rejects colouring a frame without values by a value scale', async () => {
    const message = await r.page.evaluate(() => {
      const { canvas: under, frame } = (window as unknown as TestWindow).mounted.four;
      try {
        under.draw({ ...frame, values: null }, {}, 'diverging');
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(message).toMatch(/needs values, and this frame has none/);
  });

  it('draws 20,000 3D particles in perspective, keeps exactly those in a slab, and redraws when the camera is dragged', async () => {
    const snap = randomSnapshot(20_000, 3, 5);
    const [lo, hi] = [4, 9];
    let inside = 0;
    for (let i = 0; i < 20_000; i++) if (snap.positions[3 * i + 1] >= lo && snap.positions[3 * i + 1] <= hi) inside++;
    await mount('cube', 640, 480, {
      dimension: 3,
      positions: Array.from(snap.positions),
      species: Array.from(snap.species),
      values: Array.from(snap.values),
      cell: snap.cell,
    });
    const result = await r.page.evaluate(
      ([l, h]) => {
        const win = window as unknown as TestWindow;
        const { canvas, frame } = win.mounted.cube;
        canvas.draw(frame, {}, 'diverging');
        const all = canvas.drawnCount;
        canvas.draw(frame, { slab: { axis: 1, lo: l, hi: h } }, 'diverging');
        return {
          all,
          slab: canvas.drawnCount,
          pixels: win.softness.colouredPixels(document.querySelector('#cube canvas') as HTMLCanvasElement),
        };
      },
      [lo, hi] as const,
    );
    expect(result.all).toBe(20_000);
    expect(inside).toBeGreaterThan(3000);
    expect(result.slab).toBe(inside);
    expect(result.pixels.red).toBeGreaterThan(2000);
    expect(result.pixels.blue).toBeGreaterThan(2000);
    await r.page.locator('#cube').screenshot({ path: path.join(RESULTS, 'particle-canvas-3d-slab.png') });
    // Rotating with the mouse renders again (on demand, from OrbitControls' change event).
    const redrawn = r.page.$eval(
      '#cube .softness-particles',
      (root) => new Promise<boolean>((resolve) => root.addEventListener('softness:drawn', () => resolve(true), { once: true })),
    );
    const box = await r.page.locator('#cube canvas').boundingBox();
    if (!box) throw new Error('no canvas box');
    await r.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await r.page.mouse.down();
    await r.page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 5 });
    await r.page.mouse.up();
    expect(await redrawn).toBe(true);
    await r.page.locator('#cube').screenshot({ path: path.join(RESULTS, 'particle-canvas-3d-rotated.png') });
    // A click on a drawn sprite (the middle of the longest opaque run of the middle pixel row)
    // labels a particle of the slab (its y within [lo, hi]).
    const hit = await r.page.$eval('#cube canvas', (canvas) => {
      const gl = canvas as HTMLCanvasElement;
      const copy = document.createElement('canvas');
      [copy.width, copy.height] = [gl.width, 1];
      const ctx = copy.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(gl, 0, gl.height >> 1, gl.width, 1, 0, 0, gl.width, 1);
      const px = ctx.getImageData(0, 0, gl.width, 1).data;
      let [best, bestLength, start] = [-1, 0, -1];
      for (let x = 0; x <= gl.width; x++) {
        const opaque = x < gl.width && px[4 * x + 3] > 200;
        if (opaque && start < 0) start = x;
        if (!opaque && start >= 0) {
          if (x - start > bestLength) [best, bestLength] = [(start + x) >> 1, x - start];
          start = -1;
        }
      }
      return { x: best, length: bestLength };
    });
    expect(hit.length).toBeGreaterThan(4);
    await r.page.mouse.click(box.x + hit.x, box.y + box.height / 2);
    const text = (await r.page.locator('#cube .softness-particle-label').textContent()) ?? '';
    const match = /^#(\d+) · [AB] · S = (-?[\d.]+) · \((-?[\d.]+), (-?[\d.]+), (-?[\d.]+)\) σ_AA$/.exec(text);
    expect(match, text).not.toBeNull();
    const i = Number(match?.[1]);
    expect(Number(match?.[2])).toBeCloseTo(snap.values[i], 3);
    expect(snap.positions[3 * i + 1]).toBeGreaterThanOrEqual(lo);
    expect(snap.positions[3 * i + 1]).toBeLessThanOrEqual(hi);
  });

  it('says when the browser takes its WebGL context away, and draws again when it is restored', async () => {
    const lose = (restore: boolean): Promise<void> =>
      r.page.$eval(
        '#cube canvas',
        (canvas, back) => {
          // A lost context hands out no extensions: keep the one that lost it, to restore it.
          const w = window as unknown as { loseContext?: { loseContext(): void; restoreContext(): void } };
          w.loseContext ??= (canvas as HTMLCanvasElement).getContext('webgl2')?.getExtension('WEBGL_lose_context') ?? undefined;
          if (back) w.loseContext?.restoreContext();
          else w.loseContext?.loseContext();
        },
        restore,
      );
    await lose(false);
    await expect.poll(() => r.page.locator('#cube .softness-context-lost').count()).toBe(1);
    const redrawn = r.page.$eval(
      '#cube .softness-particles',
      (root) => new Promise<boolean>((resolve) => root.addEventListener('softness:drawn', () => resolve(true), { once: true })),
    );
    await lose(true);
    expect(await redrawn).toBe(true);
    expect(await r.page.locator('#cube .softness-context-lost').count()).toBe(0);
    const pixels = await r.page.$eval('#cube canvas', (c) =>
      (window as unknown as TestWindow).softness.colouredPixels(c as HTMLCanvasElement),
    );
    expect(pixels.red).toBeGreaterThan(2000);
    expect(pixels.blue).toBeGreaterThan(2000);
  });

  it('removes its elements on dispose', async () => {
    const left = await r.page.evaluate(() => {
      (window as unknown as TestWindow).mounted.four.canvas.dispose();
      return document.querySelectorAll('#four .softness-particles').length;
    });
    expect(left).toBe(0);
  });

  it('logged no console errors', () => {
    expect(r.errors).toEqual([]);
  });
});
