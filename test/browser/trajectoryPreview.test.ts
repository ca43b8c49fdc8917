import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeBenchFile, tiledDump } from '../../bench/previewBench';
import { hasChromium, RESULTS } from './harness';
import { openPreviewPage, type PreviewPage } from './trajectoryPreviewPage';

const ROOT = path.resolve(__dirname, '../..');
const KA3D = path.join(ROOT, 'samples/ka3d/ka3d_is.dump.gz');
const SHEAR2D = path.join(ROOT, 'samples/shear2d/shear2d.dump.gz');
const dir = mkdtempSync(path.join(tmpdir(), 'softness-preview-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first 20 frames of the 3D sample with a `softness` column S_i = sin(id_i) (both signs, known per atom). */
function withSoftnessColumn(): string {
  const frames = gunzipSync(readFileSync(KA3D))
    .toString('latin1')
    .split(/(?=ITEM: TIMESTEP)/)
    .slice(0, 20);
  const text = frames
    .join('')
    .replace(/ITEM: ATOMS id type xu yu zu/g, 'ITEM: ATOMS id type xu yu zu softness')
    .replace(/^(\d+) (\d+ \S+ \S+ \S+)$/gm, (_, id: string, rest: string) => `${id} ${rest} ${Math.sin(Number(id)).toFixed(6)}`);
  const file = path.join(dir, 'ka3d_softness.lammpstrj');
  writeFileSync(file, text);
  return file;
}

describe.skipIf(!hasChromium)('trajectory preview webview in chromium (stubbed host, real frames)', () => {
  let p: PreviewPage;
  beforeAll(async () => {
    p = await openPreviewPage();
  }, 60_000);
  afterAll(async () => {
    await p?.close();
  });

  /** The text of `selector` as rendered (line breaks and tabs between table cells kept, unlike textContent). */
  const shownText = (selector: string): Promise<string> =>
    // biome-ignore lint/performance/useDomNodeTextContent: playwright's Locator.innerText(), whose rendered whitespace the tests match
    p.page.locator(selector).first().innerText();
  const dataset = (): Promise<Record<string, string>> =>
    p.page.$eval('#trajectory-preview', (el) => ({ ...(el as HTMLElement).dataset }) as Record<string, string>);
  const waitFor = (key: string, value: string): Promise<unknown> =>
    p.page.waitForFunction(
      ([k, v]) => (document.getElementById('trajectory-preview') as HTMLElement).dataset[k] === v,
      [key, value] as const,
      { timeout: 30_000 },
    );
  /** Traces of the plotly graph in #id: name and total of y. */
  const traces = (id: string): Promise<Array<{ name: string; total: number }>> =>
    p.page.$eval(`#${id}`, (gd) =>
      (gd as unknown as { data: Array<{ name: string; y: Array<number | null> }> }).data.map((t) => ({
        name: t.name,
        total: t.y.reduce((a: number, b) => a + (b ?? 0), 0),
      })),
    );

  it('3D sample: summary, 1000 particles drawn, g(r) A-A/A-B/B-B and the species histogram; the slider changes the frame', async () => {
    await p.open(KA3D);
    await waitFor('view', 'preview');
    await waitFor('plotsFrame', '0');
    const summary = await shownText('table.summary');
    expect(summary).toMatch(/particles N\s+1000/);
    expect(summary).toMatch(/species \(frame 0\)\s+A: 800, B: 200/);
    expect(summary).toMatch(/dimension\s+3D/);
    expect(summary).toMatch(/lx = 9\.41036, ly = 9\.41036, lz = 9\.41036 σ from \(0, 0, 0\), orthogonal/);
    await p.page.waitForFunction(() => /^350$/.test(document.getElementById('summary-frames')!.textContent ?? ''));
    expect(await p.page.$eval('#summary-timesteps', (e) => e.textContent)).toBe('0 – 69800');
    expect((await dataset()).drawn).toBe('1000');
    expect((await traces('gr-plot')).map((t) => t.name)).toEqual([
      'g<sub>A-A</sub>(r)',
      'g<sub>A-B</sub>(r)',
      'g<sub>B-B</sub>(r)',
      'ideal gas',
    ]);
    expect(await traces('histogram-plot')).toEqual([{ name: 'particles', total: 1000 }]);
    await p.page.screenshot({ path: path.join(RESULTS, 'trajectory-preview-3d.png'), fullPage: true });

    await p.page.$eval('#frame-slider', (s) => {
      (s as HTMLInputElement).value = '100';
      s.dispatchEvent(new Event('input'));
    });
    await waitFor('plotsFrame', '100');
    expect((await dataset()).frame).toBe('100');
    expect(await p.page.$eval('#frame-label', (e) => e.textContent)).toBe('frame 100 of 0–349, timestep 20000');
    // Hiding species B leaves the 800 A particles; a 2 sigma slab keeps a fraction of them.
    await p.page.click('label:has-text("B") input');
    expect((await dataset()).drawn).toBe('800');
    await p.page.selectOption('#slab-axis', '2');
    const inSlab = Number((await dataset()).drawn);
    expect(inSlab).toBeGreaterThan(800 * 0.1);
    expect(inSlab).toBeLessThan(800 * 0.35);
    expect(p.errors).toEqual([]);
  });

  it('colour by a softness column: diverging colour bar, histogram of the column over all particles', async () => {
    await p.open(withSoftnessColumn());
    await waitFor('plotsFrame', '0');
    // A `softness` column is the default colouring.
    expect((await dataset()).colour).toBe('softness');
    expect(await p.page.$eval('.softness-colourbar-title', (e) => e.textContent)).toBe('softness');
    const ticks = await p.page.$$eval('.softness-colourbar-tick', (els) => els.map((e) => Number((e as HTMLElement).dataset.value)));
    // Diverging scale centred on 0, spanning max |sin(id)| over ids 1..1000.
    const maxAbs = Math.max(...Array.from({ length: 1000 }, (_, i) => Math.abs(Number(Math.sin(i + 1).toFixed(6)))));
    expect(ticks[0]).toBeCloseTo(-maxAbs, 5);
    expect(ticks[2]).toBeCloseTo(0, 10);
    const histogram = await traces('histogram-plot');
    expect(histogram.map((t) => t.name)).toEqual(['A', 'B']);
    expect(histogram.map((t) => t.total)).toEqual([800, 200]);
    await p.page.screenshot({ path: path.join(RESULTS, 'trajectory-preview-softness.png'), fullPage: true });
    await p.page.selectOption('#colour-by', 'species');
    await p.page.waitForFunction(() => document.querySelectorAll('.softness-colourbar-species').length === 2);
    expect(p.errors).toEqual([]);
  });

  it('2D sheared sample: triclinic box with its tilt, colour by column xu', async () => {
    await p.open(SHEAR2D);
    await waitFor('plotsFrame', '0');
    const summary = await shownText('table.summary');
    expect(summary).toMatch(/dimension\s+2D/);
    expect(summary).toMatch(/per-atom columns\s+xu, yu/);
    expect((await dataset()).drawn).toBe('1000');
    await p.page.selectOption('#colour-by', 'xu');
    await waitFor('colour', 'xu');
    expect(await p.page.$eval('.softness-colourbar-title', (e) => e.textContent)).toBe('xu');
    expect(await p.page.$$('#slab-axis')).toHaveLength(0);
    await p.page.$eval('#frame-slider', (s) => {
      (s as HTMLInputElement).value = '200';
      s.dispatchEvent(new Event('input'));
    });
    await waitFor('plotsFrame', '200');
    // Frame 0 is unsheared; the last frame's cell is tilted by the shear (LAMMPS fix deform, xy != 0).
    expect(summary).toMatch(/lx = 28\.8675, ly = 28\.8675, lz = 1 σ .*, orthogonal/);
    const lastXy = Number(
      [
        ...gunzipSync(readFileSync(SHEAR2D))
          .toString('latin1')
          .matchAll(/BOX BOUNDS xy xz yz pp pp pp\n\S+ \S+ (\S+)/g),
      ].at(-1)![1],
    );
    expect(lastXy).not.toBe(0);
    expect(await p.page.$eval('#frame-box', (e) => e.textContent)).toBe(`box tilt xy = ${lastXy.toPrecision(4)}, xz = 0.000, yz = 0.000`);
    await p.page.screenshot({ path: path.join(RESULTS, 'trajectory-preview-2d.png'), fullPage: true });
    expect(p.errors).toEqual([]);
  });

  it('a broken file shows the error with file, frame and line instead of an empty panel', async () => {
    const broken = path.join(dir, 'broken.dump');
    writeFileSync(
      broken,
      [
        'ITEM: TIMESTEP',
        '0',
        'ITEM: NUMBER OF ATOMS',
        '2',
        'ITEM: BOX BOUNDS pp pp pp',
        '0 5',
        '0 five',
        '0 5',
        'ITEM: ATOMS id type x y z',
        '1 1 0 0 0',
        '2 1 1 1 1',
        '',
      ].join('\n'),
    );
    await p.open(broken);
    await waitFor('view', 'error');
    const text = await shownText('.preview-error');
    expect(text).toContain('Cannot preview this trajectory');
    expect(text).toContain(`file: ${broken}`);
    expect(text).toContain('where: frame 0, line 7');
    expect(text).toMatch(/expected 2 finite numbers \(lo hi\) for axis y of the box bounds, found '0 five'/);
    await p.page.screenshot({ path: path.join(RESULTS, 'trajectory-preview-error.png') });
    expect(p.errors).toEqual([]);
  });

  it('125,000 particles per frame: drawn whole, frames switch interactively, webview heap stays bounded', async () => {
    const file = tiledDump(KA3D, 6, 5);
    try {
      await p.open(file);
      const t0 = Date.now();
      await waitFor('plotsFrame', '0');
      const firstMs = Date.now() - t0;
      expect((await dataset()).drawn).toBe('125000');
      const switches: number[] = [];
      for (const k of [3, 5, 1]) {
        const start = Date.now();
        await p.page.$eval(
          '#frame-slider',
          (s, v) => {
            (s as HTMLInputElement).value = String(v);
            s.dispatchEvent(new Event('input'));
          },
          k,
        );
        await waitFor('plotsFrame', String(k));
        switches.push(Date.now() - start);
      }
      const cdp = await p.page.context().newCDPSession(p.page);
      await cdp.send('Performance.enable');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const heapMiB = metrics.find((m) => m.name === 'JSHeapUsedSize')!.value / 2 ** 20;
      console.log(
        `125,000 particles: first frame with plots ${firstMs} ms (incl. the stub host's parse), ` +
          `switches ${switches.join(', ')} ms, webview JS heap ${heapMiB.toFixed(0)} MiB`,
      );
      // Three frames were shown: the page keeps one frame's arrays (~3 MB), plotly and three.js.
      expect(heapMiB).toBeLessThan(300);
      await p.page.screenshot({ path: path.join(RESULTS, 'trajectory-preview-125k.png') });
      expect(p.errors).toEqual([]);
    } finally {
      removeBenchFile(file);
    }
  }, 120_000);

  it('a bad frame and a truncated end: the frames before stay viewable, both errors are shown apart', async () => {
    const frames = gunzipSync(readFileSync(KA3D))
      .toString('latin1')
      .split(/(?=ITEM: TIMESTEP)/)
      .slice(0, 4);
    frames[2] = frames[2].replace(/\n(5 \d \S+) \S+/, '\n$1 nan?');
    frames[3] = frames[3].slice(0, frames[3].lastIndexOf('\n', 2000) + 1);
    const file = path.join(dir, 'damaged.dump');
    writeFileSync(file, frames.join(''));
    await p.open(file);
    await waitFor('plotsFrame', '0');
    await p.page.locator('#index-error .preview-error').waitFor();
    expect(await shownText('#index-error')).toMatch(
      /Indexing stopped after 3 frames[\s\S]*where: frame 3, line \d+[\s\S]*truncated frame: expected 1000 atom lines/,
    );
    const slide = (k: number) =>
      p.page.$eval(
        '#frame-slider',
        (s, v) => {
          (s as HTMLInputElement).value = String(v);
          s.dispatchEvent(new Event('input'));
        },
        k,
      );
    await slide(2);
    await waitFor('frameError', '2');
    expect(await shownText('#frame-error')).toMatch(/Cannot read frame 2[\s\S]*where: frame 2, line \d+[\s\S]*nan\?/);
    await slide(1);
    await waitFor('plotsFrame', '1');
    expect(await p.page.$eval('#frame-error', (e) => e.childElementCount)).toBe(0);
    expect(await p.page.$$('#index-error .preview-error')).toHaveLength(1);
    await p.page.screenshot({ path: path.join(RESULTS, 'trajectory-preview-damaged.png'), fullPage: true });
    expect(p.errors).toEqual([]);
  });

  it('"Open in Softness Notebook" and "Show g(r) of Current Frame" talk to the host', async () => {
    await p.open(KA3D);
    await waitFor('view', 'preview');
    await p.page.click('#open-in-notebook');
    await expect.poll(() => p.sent.some((m) => m.type === 'openInNotebook')).toBe(true);
    // "Show g(r) of Current Frame": the page answers once frame 0's g(r) is drawn.
    await p.deliver({ type: 'revealPairCorrelation' });
    await expect.poll(() => p.sent.find((m) => m.type === 'pairCorrelationShown')).toEqual({ type: 'pairCorrelationShown', frame: 0 });
    expect(await p.page.$$eval('#gr-plot .scatterlayer .trace', (traces) => traces.length)).toBe(4);
  });

  it('the file changed on disk: the page drops the old frames and starts over at frame 0 from the new content', async () => {
    await p.open(KA3D);
    await waitFor('plotsFrame', '0');
    await p.page.$eval('#frame-slider', (s) => {
      (s as HTMLInputElement).value = '100';
      s.dispatchEvent(new Event('input'));
    });
    await waitFor('plotsFrame', '100');
    const before = p.sent.length;
    await p.fileChanged();
    await waitFor('view', 'preview');
    await waitFor('plotsFrame', '0');
    expect((await dataset()).frame).toBe('0');
    expect(
      p.sent
        .slice(before)
        .filter((m) => m.type === 'requestFrame')
        .map((m) => (m as { frame: number }).frame),
    ).toEqual([0]);
    expect(p.errors).toEqual([]);
  });
});
