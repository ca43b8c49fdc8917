import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../src/cli/report';
import { uniformBins } from '../../src/core/analysis/binning';
import { softnessStatistics } from '../../src/core/analysis/softnessStatistics';
import { probabilityOfRearrangementFigure } from '../../src/core/plots/softnessFigures';
import { buildReportScript, hasChromium, openRendererPage, randomSnapshot, RESULTS, type RendererPage } from './harness';

// The CLI's self-contained report (src/cli/report.ts + dist/report.js) opened in chromium: its
// outputs are drawn by the notebook renderer, offline, without console errors.
describe.skipIf(!hasChromium)('HTML report in chromium', () => {
  let r: RendererPage;
  const snap = randomSnapshot(1000, 3, 4);
  let reportHtml = '';
  beforeAll(async () => {
    r = await openRendererPage();
    const n = 4000;
    const softness = Float32Array.from({ length: n }, (_, i) => -3 + (6 * i) / n);
    const rearranging = Uint8Array.from(softness, (s, i) => ((i * 7919) % 100 < 100 / (1 + Math.exp(-2 * s + 3)) ? 1 : 0));
    const figure = probabilityOfRearrangementFigure(softnessStatistics(softness, rearranging, uniformBins(-3, 3, 12)));
    const html = renderReport(
      'report test',
      [
        { kind: 'markdown', source: '# Report', outputs: [], error: null, seconds: 0 },
        {
          kind: 'code',
          source: 'pr = plot PRS S ev\nsnapshot S frame=0',
          outputs: [
            { kind: 'text', text: 'done' },
            { kind: 'table', title: 'bins', columns: ['S', 'n'], rows: Array.from({ length: 30 }, (_, i) => [i / 10, i]) },
            { kind: 'plot', title: 'P_R(S)', figure },
            snap,
          ],
          error: null,
          seconds: 1,
        },
      ],
      await buildReportScript(),
    );
    reportHtml = html;
    // Every CSP violation of the report page, recorded from before its first script runs.
    await r.page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await r.page.goto(r.serve('/report.html', 'text/html', html));
  }, 90_000);
  afterAll(async () => {
    await r?.close();
  });

  it('draws the P_R(S) plot, a paginated table and the 3D snapshot with its controls', async () => {
    await expect.poll(() => r.page.locator('.softness-drawn').textContent(), { timeout: 30_000 }).toBe('drawn 1000 of 1000 particles');
    expect(await r.page.locator('.js-plotly-plot .scatterlayer .point').count()).toBeGreaterThan(5);
    expect(await r.page.locator('.softness-page').textContent()).toBe('rows 1–25 of 30 · page 1/2');
    expect(await r.page.locator('.softness-output select[title="cut a slab perpendicular to this axis"]').count()).toBe(1);
    const ticks = await r.page.locator('.softness-colourbar-tick').allTextContents();
    expect(ticks).toHaveLength(5);
    expect(ticks[2]).toBe('0');
    await r.page.screenshot({ path: path.join(RESULTS, 'report.png'), fullPage: true });
  });

  it('logged no console errors and made no failed or remote requests', () => {
    expect(r.errors).toEqual([]);
  });

  it('carries a CSP that forbids remote loads and eval, and rendering it violates nothing', async () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(reportHtml)?.[1] ?? '';
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]+=*'; /);
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(await r.page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    // The policy is enforced: a script without the hash does not run, and says so.
    const blocked = await r.page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return {
        ran: (window as unknown as { injected?: boolean }).injected === true,
        seen: (window as unknown as { cspViolations: string[] }).cspViolations,
      };
    });
    expect(blocked).toEqual({ ran: false, seen: ['script-src-elem inline'] });
  });
});
