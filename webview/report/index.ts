import { downloadCsv } from '../renderer/csvExport';
import { createOutputDrawer } from '../renderer/outputDrawer';

/**
 * The script of the CLI's self-contained HTML report (src/cli/report.ts inlines dist/report.js):
 * every output of the report is an element `[data-softness-mime]` holding the output's bytes,
 * exactly as the notebook receives them (src/protocol/outputMime.ts), in base64 in
 * `data-softness-bytes`. It draws them with the notebook renderer's drawer — plotly plots (P_R(S)
 * selection included), snapshots with the three.js particle view and its controls, paginated
 * sortable tables with CSV export as a download — so the report and the notebook show the same views.
 */
async function drawReport(): Promise<void> {
  const drawer = createOutputDrawer(downloadCsv);
  const elements = Array.from(document.querySelectorAll<HTMLElement>('[data-softness-mime]'));
  for (const [k, element] of elements.entries()) {
    const bytes = Uint8Array.from(atob(element.dataset.softnessBytes ?? ''), (c) => c.charCodeAt(0));
    // One at a time: the first plot and the first snapshot each load their library once.
    await drawer.draw(`report-output-${k}`, element.dataset.softnessMime ?? '', bytes, element);
  }
}

void drawReport();
