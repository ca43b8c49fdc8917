import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniformBins } from '../../src/core/analysis/binning';
import { softnessStatistics } from '../../src/core/analysis/softnessStatistics';
import type { TableOutput } from '../../src/core/lang/outputs';
import { probabilityOfRearrangementFigure } from '../../src/core/plots/softnessFigures';
import { TABLE_PAGE_SIZE } from '../../webview/renderer/tableView';
import { hasChromium, openRendererPage, randomSnapshot, RESULTS, type PageHelpers, type RendererPage } from './harness';

/** The renderer API as the stub pages call it (items with data() only, no abort signal). */
interface StubApi {
  renderOutputItem(item: { id: string; mime: string; data(): Uint8Array }, element: HTMLElement): Promise<void>;
}

// Plotly's graph div state as the tests read it (trace uid and point count, layout colours).
interface Graph {
  data: Array<{ uid?: string; type: string; x: unknown[] }>;
  layout: { paper_bgcolor?: string };
  _fullLayout: { yaxis?: { type: string } };
}

/**
 * P_R(S) of 20,000 particle-frames with a rearrangement probability rising with S (logistic, as
 * in [Schoenholz2018] Fig. 4a), in 12 bins of width 0.5 over [-3, 3].
 */
function prsFigure(): ReturnType<typeof probabilityOfRearrangementFigure> {
  const n = 20000;
  const softness = new Float32Array(n);
  const rearranging = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    softness[i] = -3 + (6 * i) / n;
    rearranging[i] = (i * 7919) % 1000 < 1000 / (1 + Math.exp(-2 * softness[i] + 4)) ? 1 : 0;
  }
  return probabilityOfRearrangementFigure(softnessStatistics(softness, rearranging, uniformBins(-3, 3, 12)));
}

describe.skipIf(!hasChromium)('notebook renderer in chromium', () => {
  let r: RendererPage;
  beforeAll(async () => {
    r = await openRendererPage();
  }, 60_000);
  afterAll(async () => {
    await r?.close();
  });

  /** The renderer's "drawn k of n particles" line of the snapshot in #id. */
  const drawnText = (id: string): Promise<string | null> => r.page.locator(`#${id} .softness-drawn`).textContent();
  /**
   * Pixels of the snapshot's WebGL canvas in #id that are clearly red (soft) or blue (hard):
   * proves the particles were really drawn (the canvas keeps its drawing buffer).
   */
  const colouredPixels = (id: string): Promise<{ red: number; blue: number }> =>
    r.page.$eval(`#${id} .softness-particles canvas`, (canvas) =>
      (window as unknown as { softness: PageHelpers }).softness.colouredPixels(canvas as HTMLCanvasElement),
    );
  /** Runs `act` and waits until the snapshot in #id has redrawn. */
  const redrawn = async (id: string, act: () => Promise<void>): Promise<void> => {
    const done = r.page.$eval(
      `#${id} .softness-particles`,
      (root) => new Promise<void>((resolve) => root.addEventListener('softness:drawn', () => resolve(), { once: true })),
    );
    await act();
    await done;
  };

  it('uses WebGL through SwiftShader (no GPU)', async () => {
    const renderer = await r.page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : null;
    });
    console.log(`WebGL renderer: ${renderer}`);
    expect(renderer).toMatch(/SwiftShader/);
  });

  it('draws P_R(S) on a log axis with error bars, in the theme colours', async () => {
    const figure = prsFigure();
    const points = (figure.data[0] as { x: number[] }).x.length;
    expect(points).toBeGreaterThan(8);
    await r.render('prs', { kind: 'plot', title: 'P_R(S)', figure });
    const drawn = await r.page.$eval('#prs .js-plotly-plot', (gd) => ({
      svg: gd.querySelectorAll('.main-svg').length,
      points: gd.querySelectorAll('.scatterlayer .point').length,
      errorBars: gd.querySelectorAll('.errorbar').length,
      yType: (gd as unknown as Graph)._fullLayout.yaxis?.type,
      paper: (gd as unknown as Graph).layout.paper_bgcolor,
    }));
    expect(drawn).toEqual({ svg: expect.any(Number), points, errorBars: points, yType: 'log', paper: '#1e1e1e' });
    expect(drawn.svg).toBeGreaterThan(0);
    await r.page.locator('#prs').screenshot({ path: path.join(RESULTS, 'renderer-prs.png') });
  });

  it('a plot whose layout or traces name remote images makes no request for them; a data: PNG still draws', async () => {
    const remote = r.serve('/remote.png', 'image/png', '');
    const requested: string[] = [];
    const onRequest = (request: { url(): string }) => requested.push(request.url());
    r.page.on('request', onRequest);
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    await r.render('remote-images', {
      kind: 'plot',
      title: 'remote images',
      figure: {
        data: [
          { type: 'scatter', x: [0, 1], y: [0, 1] },
          { type: 'image', source: `${remote}?trace` },
        ],
        layout: {
          images: [
            { source: `${remote}?layout`, xref: 'paper', yref: 'paper', x: 0, y: 1, sizex: 0.5, sizey: 0.5 },
            { source: png, xref: 'paper', yref: 'paper', x: 0.5, y: 1, sizex: 0.2, sizey: 0.2 },
          ],
        },
      },
    });
    await r.page.waitForTimeout(500);
    r.page.off('request', onRequest);
    expect(requested.filter((url) => url.includes('/remote.png'))).toEqual([]);
    // The data: image is drawn (an SVG <image> in the layout images layer), the remote one is not.
    const hrefs = await r.page.$$eval('#remote-images .layer-above image, #remote-images .layer-below image', (images) =>
      images.map((i) => i.getAttribute('href') ?? ''),
    );
    expect(hrefs).toEqual([png]);
  });

  it('paginates and sorts a table of 60 rows and exports it as CSV', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [i, ((i * 37) % 60) / 10 - 3, i % 2 ? 'A' : 'B']);
    const table: TableOutput = { kind: 'table', title: 'softness per particle', columns: ['id', 'S', 'species'], rows };
    await r.render('table', table);
    const body = r.page.locator('#table tbody tr');
    const status = r.page.locator('#table .softness-page');
    await expect.poll(() => body.count()).toBe(TABLE_PAGE_SIZE);
    expect(await status.textContent()).toBe('rows 1–25 of 60 · page 1/3');
    expect(await r.page.locator('#table h4').textContent()).toBe('softness per particle (60 rows)');
    const next = r.page.locator('#table button', { hasText: 'Next' });
    await next.click();
    await next.click();
    expect(await body.count()).toBe(10);
    expect(await status.textContent()).toBe('rows 51–60 of 60 · page 3/3');
    expect(await next.isDisabled()).toBe(true);
    // Sorting by S goes back to page 1; the first cells are the smallest S, then (click again) the largest.
    const header = r.page.locator('#table th', { hasText: 'S' }).first();
    const firstS = async (): Promise<number> => Number(await r.page.locator('#table tbody tr:first-child td:nth-child(2)').textContent());
    await header.click();
    expect(await status.textContent()).toBe('rows 1–25 of 60 · page 1/3');
    expect(await firstS()).toBe(-3);
    await header.click();
    expect(await firstS()).toBe(2.9);
    expect(await header.getAttribute('data-sort')).toBe('descending');
    await r.page.locator('#table').screenshot({ path: path.join(RESULTS, 'renderer-table.png') });
    const [download] = await Promise.all([
      r.page.waitForEvent('download'),
      r.page.locator('#table button', { hasText: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('softness_per_particle.csv');
    const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(csv[0]).toBe('id,S,species');
    expect(csv).toHaveLength(62); // header, 60 rows, trailing line end
    // Full precision in the file (2.9000000000000004), not the 4 digits shown, in the current (descending S) order.
    expect(csv[1]).toBe(
      rows
        .slice()
        .sort((a, b) => Number(b[1]) - Number(a[1]))[0]
        .join(','),
    );
    expect(csv[1]).toBe('47,2.9000000000000004,A');
    // three.js (which marks window.__THREE__ when evaluated) waits for the first snapshot.
    expect(await r.page.evaluate(() => (window as unknown as { __THREE__?: string }).__THREE__)).toBeUndefined();
  });

  it('with renderer messaging, asks the extension host to save the CSV and shows its answer under the table', async () => {
    const table: TableOutput = {
      kind: 'table',
      title: 'q(t)',
      columns: ['t', 'q'],
      rows: [
        [0, 1],
        [0.5, 0.75],
      ],
    };
    await r.render('messaging', table); // serves the bytes at /out/messaging
    // A second renderer instance whose context has VS Code's messaging: it records what it posts
    // and lets the test answer as the extension host would.
    await r.page.evaluate(async () => {
      const { activate } = (window as unknown as { softness: { activate(context: object): Promise<StubApi> } }).softness;
      const posted: unknown[] = [];
      let listener: (message: unknown) => void = () => {};
      const api = await activate({
        getState() {},
        setState() {},
        workspace: { isTrusted: true },
        postMessage: (message: unknown) => posted.push(message),
        onDidReceiveMessage: (l: (message: unknown) => void) => {
          listener = l;
          return { dispose() {} };
        },
      });
      const bytes = new Uint8Array(await (await fetch('/out/messaging')).arrayBuffer());
      const element = Object.assign(document.createElement('div'), { id: 'messagingTable' });
      document.body.append(element);
      await api.renderOutputItem({ id: 'messagingTable', mime: 'application/vnd.softness.table+json', data: () => bytes }, element);
      Object.assign(window, { softnessMessaging: { posted, answer: (message: unknown) => listener(message) } });
    });
    type Messaging = { posted: Array<{ type: string; requestId: number; title: string; csv: string }>; answer(m: unknown): void };
    const exportButton = r.page.locator('#messagingTable button', { hasText: 'Export CSV' });
    const exportStatus = r.page.locator('#messagingTable .softness-export-status');
    await exportButton.click();
    const posted = await r.page.evaluate(() => (window as unknown as { softnessMessaging: Messaging }).softnessMessaging.posted);
    expect(posted).toEqual([{ type: 'softness.exportCsv', requestId: 1, title: 'q(t)', csv: 't,q\r\n0,1\r\n0.5,0.75\r\n' }]);
    // Answers for another request are not this table's; its own answer is shown.
    await r.page.evaluate(
      (answers) => {
        for (const m of answers) (window as unknown as { softnessMessaging: Messaging }).softnessMessaging.answer(m);
      },
      [
        { type: 'softness.exportCsvResult', requestId: 99, outcome: 'saved', path: '/elsewhere.csv' },
        { type: 'softness.exportCsvResult', requestId: 1, outcome: 'saved', path: '/data/q_t.csv' },
      ],
    );
    await expect.poll(() => exportStatus.textContent()).toBe('saved /data/q_t.csv');
    await exportButton.click();
    await r.page.evaluate(() =>
      (window as unknown as { softnessMessaging: Messaging }).softnessMessaging.answer({
        type: 'softness.exportCsvResult',
        requestId: 2,
        outcome: 'failed',
        error: 'refusing to write /data/nb.softnb',
      }),
    );
    await expect.poll(() => exportStatus.textContent()).toBe('not saved: refusing to write /data/nb.softnb');
  });

  it('draws a 2D snapshot with a colour bar; species toggle and S range change the drawn points', async () => {
    const snap = randomSnapshot(2000, 2, 7);
    const nA = snap.species.filter((s) => s === 0).length;
    await r.render('snap2d', snap);
    expect(await drawnText('snap2d')).toBe('drawn 2000 of 2000 particles');
    const bar = await r.page.$eval('#snap2d .softness-colourbar', (e) => ({
      title: e.querySelector('.softness-colourbar-title')?.textContent,
      ticks: Array.from(e.querySelectorAll('.softness-colourbar-tick'), (t) => Number((t as HTMLElement).dataset.value)),
    }));
    // Diverging scale centred on 0 spanning +-max|S| of the frame.
    const vmax = snap.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(bar.title).toBe('S');
    expect(bar.ticks[0]).toBeCloseTo(-vmax, 6);
    expect(bar.ticks[2]).toBe(0);
    expect(bar.ticks[4]).toBeCloseTo(vmax, 6);
    const pixels = await colouredPixels('snap2d');
    expect(pixels.red).toBeGreaterThan(1000);
    expect(pixels.blue).toBeGreaterThan(1000);
    await r.page.locator('#snap2d').screenshot({ path: path.join(RESULTS, 'renderer-snapshot-2d.png') });

    await redrawn('snap2d', () => r.page.locator('#snap2d label', { hasText: 'B' }).locator('input').uncheck());
    expect(await drawnText('snap2d')).toBe(`drawn ${nA} of 2000 particles`);
    // Highlight soft particles S in [0, 3]: the others stay drawn, grey, so the count is unchanged.
    await redrawn('snap2d', () => r.page.locator('#snap2d label', { hasText: 'from' }).locator('input').fill('0'));
    const before = await colouredPixels('snap2d');
    await redrawn('snap2d', () => r.page.locator('#snap2d label', { hasText: /^to/ }).locator('input').fill('3'));
    let softA = 0;
    for (let i = 0; i < 2000; i++) if (snap.species[i] === 0 && snap.values[i] >= 0 && snap.values[i] <= 3) softA++;
    expect(softA).toBeGreaterThan(500);
    expect(await drawnText('snap2d')).toBe(`drawn ${nA} of 2000 particles, ${softA} with S in [0, 3]`);
    const after = await colouredPixels('snap2d');
    expect(after.blue).toBeLessThan(before.blue / 20);
    expect(after.red).toBeGreaterThan(before.red / 2);
    await r.page.locator('#snap2d').screenshot({ path: path.join(RESULTS, 'renderer-snapshot-2d-soft-A.png') });
    // Colour by species: the colour bar becomes a legend of the species.
    await redrawn(
      'snap2d',
      async () => void (await r.page.locator('#snap2d select[title="colour the particles by"]').selectOption('species')),
    );
    expect(await r.page.locator('#snap2d .softness-colourbar-species').allTextContents()).toEqual([' A', ' B']);
    expect(await drawnText('snap2d')).toBe(`drawn ${nA} of 2000 particles, ${softA} with S in [0, 3]`);
  });

  it('draws a 3D snapshot; a z slab keeps exactly the particles inside it', async () => {
    expect(await r.page.evaluate(() => (window as unknown as { __THREE__?: string }).__THREE__)).toBe('187');
    const snap = randomSnapshot(1500, 3, 11);
    await r.render('snap3d', snap);
    expect(await drawnText('snap3d')).toBe('drawn 1500 of 1500 particles');
    await redrawn(
      'snap3d',
      async () => void (await r.page.locator('#snap3d select[title="cut a slab perpendicular to this axis"]').selectOption('z')),
    );
    expect(await drawnText('snap3d')).toBe('drawn 1500 of 1500 particles');
    const [lo, hi] = [3, 6];
    // Set both bounds, then one input event: each event redraws, and `redrawn` waits for one redraw.
    await r.page.locator('#snap3d input[title="slab lower bound"]').evaluate((e, v) => {
      (e as HTMLInputElement).value = String(v);
    }, lo);
    await redrawn('snap3d', () =>
      r.page.locator('#snap3d input[title="slab upper bound"]').evaluate((e, v) => {
        (e as HTMLInputElement).value = String(v);
        e.dispatchEvent(new Event('input'));
      }, hi),
    );
    let inside = 0;
    for (let i = 0; i < 1500; i++) if (snap.positions[3 * i + 2] >= lo && snap.positions[3 * i + 2] <= hi) inside++;
    expect(inside).toBeGreaterThan(150);
    expect(await drawnText('snap3d')).toBe(`drawn ${inside} of 1500 particles`);
    expect(await r.page.locator('#snap3d .softness-slab-label').textContent()).toBe('z ∈ [3.00, 6.00] σ_AA');
    const pixels = await colouredPixels('snap3d');
    expect(pixels.red).toBeGreaterThan(300);
    expect(pixels.blue).toBeGreaterThan(300);
    await r.page.locator('#snap3d').screenshot({ path: path.join(RESULTS, 'renderer-snapshot-3d-slab.png') });
  });

  it('releases the WebGL context when VS Code disposes a snapshot output', async () => {
    await r.render('snapGone', randomSnapshot(100, 2, 3));
    expect(await r.page.locator('#snapGone canvas').count()).toBe(1);
    await r.page.evaluate(() =>
      (window as unknown as { softness: { api: { disposeOutputItem(id: string): void } } }).softness.api.disposeOutputItem('snapGone'),
    );
    expect(await r.page.locator('#snapGone canvas').count()).toBe(0);
  });

  it('selecting an S range in the P_R(S) plot highlights it in the snapshots of the notebook', async () => {
    await r.render('prsSel', { kind: 'plot', title: 'P_R(S)', figure: prsFigure() });
    const snap = randomSnapshot(3000, 3, 21);
    await r.render('snapSel', snap);
    const inRange = (lo: number, hi: number): number => snap.values.filter((v) => v >= lo && v <= hi).length;
    const inputs = async (): Promise<string[]> => [
      await r.page.locator('#snapSel label', { hasText: 'from' }).locator('input').inputValue(),
      await r.page.locator('#snapSel label', { hasText: /^to/ }).locator('input').inputValue(),
    ];
    // Pixel x of S on the plot's (linear) x axis, from plotly's axis state.
    const pixelOf = (s: number): Promise<{ x: number; y: number }> =>
      r.page.$eval(
        '#prsSel .js-plotly-plot',
        (gd, value) => {
          const axis = (
            gd as unknown as {
              _fullLayout: { xaxis: { range: number[]; _offset: number; _length: number }; yaxis: { _offset: number; _length: number } };
            }
          )._fullLayout;
          const box = gd.getBoundingClientRect();
          const [r0, r1] = axis.xaxis.range;
          return {
            x: box.left + axis.xaxis._offset + ((value - r0) / (r1 - r0)) * axis.xaxis._length,
            y: box.top + axis.yaxis._offset + axis.yaxis._length / 2,
          };
        },
        s,
      );
    // Box-select from S = 0.6 to S = 1.9: the points at bin centres 0.75, 1.25 and 1.75, so bins [0.5, 2].
    await r.page.locator('#prsSel').scrollIntoViewIfNeeded();
    const [a, b] = [await pixelOf(0.6), await pixelOf(1.9)];
    await r.page.mouse.move(a.x, a.y);
    await r.page.mouse.down();
    await r.page.mouse.move(b.x, b.y + 20, { steps: 6 });
    await r.page.mouse.up();
    expect(inRange(0.5, 2)).toBeGreaterThan(500);
    await expect.poll(() => drawnText('snapSel')).toBe(`drawn 3000 of 3000 particles, ${inRange(0.5, 2)} with S in [0.5, 2]`);
    expect(await inputs()).toEqual(['0.5', '2']);
    await r.page.locator('#snapSel').screenshot({ path: path.join(RESULTS, 'renderer-prs-selection-snapshot.png') });
    // A click on the marker of one bin (centre S = -0.25) highlights that bin, [-0.5, 0] (the screenshot scrolled the plot away).
    await r.page.locator('#prsSel').scrollIntoViewIfNeeded();
    const k = (prsFigure().data[0] as { x: number[] }).x.findIndex((x) => Math.abs(x + 0.25) < 1e-9);
    const marker = await r.page.locator('#prsSel .scatterlayer .point').nth(k).boundingBox();
    if (!marker) throw new Error('P_R(S) marker not drawn');
    await r.page.mouse.click(marker.x + marker.width / 2, marker.y + marker.height / 2);
    await expect.poll(() => drawnText('snapSel')).toBe(`drawn 3000 of 3000 particles, ${inRange(-0.5, 0)} with S in [-0.5, 0]`);
    // So does a click on the bar of a bin in the counts panel (centre S = -1.25: [-1.5, -1]).
    await r.page.waitForTimeout(400);
    const j = (prsFigure().data[1] as { x: number[] }).x.findIndex((x) => Math.abs(x + 1.25) < 1e-9);
    const bar = await r.page.locator('#prsSel .barlayer .point').nth(j).boundingBox();
    if (!bar) throw new Error('P_R(S) count bar not drawn');
    // Bars rise from the panel's bottom (some only a little): click just above it.
    const panelBottom = await r.page.$eval('#prsSel .js-plotly-plot', (gd) => {
      const y2 = (gd as unknown as { _fullLayout: { yaxis2: { _offset: number; _length: number } } })._fullLayout.yaxis2;
      return gd.getBoundingClientRect().top + y2._offset + y2._length;
    });
    await r.page.mouse.click(bar.x + bar.width / 2, panelBottom - 4);
    await expect.poll(() => drawnText('snapSel')).toBe(`drawn 3000 of 3000 particles, ${inRange(-1.5, -1)} with S in [-1.5, -1]`);
    // Double-click clears the selection, and with it the highlight. plotly counts clicks closer
    // than its doubleClickDelay (300 ms) together, so the click above must be older.
    await r.page.waitForTimeout(400);
    const c = await pixelOf(-2);
    await r.page.mouse.dblclick(c.x, c.y);
    await expect.poll(() => drawnText('snapSel')).toBe('drawn 3000 of 3000 particles');
    expect(await inputs()).toEqual(['', '']);
  });

  it('shows malformed bytes as an error in the output instead of throwing', async () => {
    const bad = r.page.evaluate(() => {
      const element = document.createElement('div');
      element.id = 'bad';
      document.body.append(element);
      const bytes = new Uint8Array([8, 0, 0, 0, 123, 125]);
      const api = (window as unknown as { softness: { api: { renderOutputItem(i: object, e: HTMLElement): Promise<void> } } }).softness.api;
      return api.renderOutputItem({ id: 'bad', mime: 'application/vnd.softness.snapshot', data: () => bytes }, element);
    });
    await expect(bad).resolves.toBeUndefined();
    expect(await r.page.locator('#bad .softness-error').textContent()).toMatch(
      /^Cannot show this application\/vnd\.softness\.snapshot output: .*snapshot/,
    );
  });

  it('logged no console errors and made no failed or remote requests', () => {
    expect(r.errors).toEqual([]);
  });
});
