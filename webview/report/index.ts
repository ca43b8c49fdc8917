import { activate } from '../renderer/index';

/**
 * The script of the CLI's self-contained HTML report (src/cli/report.ts inlines dist/report.js):
 * every output of the report is an element `[data-softness-mime]` holding the output's bytes,
 * exactly as the notebook receives them (src/protocol/outputMime.ts), in base64 in
 * `data-softness-bytes`. It draws them with the notebook renderer itself — plotly plots (P_R(S)
 * selection included), snapshots with the three.js particle view and its controls, paginated
 * sortable tables with CSV export — so the report and the notebook show the same views.
 */
async function drawReport(): Promise<void> {
  const api = await activate({ getState: () => undefined, setState: () => undefined });
  const elements = Array.from(document.querySelectorAll<HTMLElement>('[data-softness-mime]'));
  for (const [k, element] of elements.entries()) {
    const mime = element.dataset.softnessMime ?? '';
    const bytes = Uint8Array.from(atob(element.dataset.softnessBytes ?? ''), (c) => c.charCodeAt(0));
    const text = (): string => new TextDecoder().decode(bytes);
    // One at a time: the first plot and the first snapshot each load their library once.
    await api.renderOutputItem({ id: `report-output-${k}`, mime, data: () => bytes, text, json: () => JSON.parse(text()) }, element);
  }
}

void drawReport();
