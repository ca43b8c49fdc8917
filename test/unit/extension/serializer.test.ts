import { beforeEach, describe, expect, it } from 'vitest';
import * as vscode from 'vscode';
import { resetMock } from '../../mocks/vscode';
import { SoftnessSerializer } from '../../../src/extension/notebook/serializer';
import { decodeOutput, encodeOutput, MIME } from '../../../src/protocol/outputMime';
import type { SnapshotOutput } from '../../../src/core/lang/outputs';

const snapshot: SnapshotOutput = {
  kind: 'snapshot',
  title: 'S at frame 3',
  dimension: 2,
  positions: new Float32Array([0, 0, 0, 1.5, -2.25, 0, 3.125, 4, 0]),
  species: new Uint8Array([0, 1, 0]),
  speciesNames: ['A', 'B'],
  values: new Float32Array([-1.5, 0.25, 2]),
  valueName: 'softness',
  cell: { origin: [0, 0, 0], a: [10, 0, 0], b: [0, 10, 0], c: [0, 0, 1] },
};

function notebookWithOutputs(): vscode.NotebookData {
  const markdown = new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '# Title\nsome *text*', 'markdown');
  const code = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'traj = load "a.dump"\nshow traj', 'softness');
  const items = [
    encodeOutput({ kind: 'text', text: 'traj = trajectory a.dump: N = 3' }),
    encodeOutput({
      kind: 'table',
      title: 'q(t)',
      columns: ['t', 'q'],
      rows: [
        [0, 1],
        [1.5, 0.367879],
      ],
    }),
    encodeOutput(snapshot),
  ].map((item) => new vscode.NotebookCellOutput([new vscode.NotebookCellOutputItem(item.data, item.mime)]));
  code.outputs = [
    ...items,
    new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error({ name: 'Error at line 2:1', message: 'boom' })]),
  ];
  const data = new vscode.NotebookData([markdown, code]);
  data.metadata = { title: 'round trip' };
  return data;
}

const bytesOf = (data: vscode.NotebookData, save: boolean) => new SoftnessSerializer(() => save).serializeNotebook(data);

describe('SoftnessSerializer', () => {
  beforeEach(resetMock);

  it('round-trips cells, metadata and every output item byte for byte when outputs are saved', () => {
    const original = notebookWithOutputs();
    const bytes = bytesOf(original, true);
    const back = new SoftnessSerializer(() => true).deserializeNotebook(bytes);
    expect(back.metadata).toEqual({ title: 'round trip' });
    expect(back.cells.map((c) => [c.kind, c.languageId, c.value])).toEqual(original.cells.map((c) => [c.kind, c.languageId, c.value]));
    const flat = (d: vscode.NotebookData) =>
      d.cells.flatMap((c) => (c.outputs ?? []).flatMap((o) => o.items.map((i) => [i.mime, Array.from(i.data)])));
    expect(flat(back)).toEqual(flat(original));
    expect(flat(back)).toHaveLength(4);
    // The binary snapshot decodes to the same particles; the second save is identical (stable).
    const snap = decodeOutput(MIME.snapshot, back.cells[1].outputs![2].items[0].data) as SnapshotOutput;
    expect(Array.from(snap.positions)).toEqual([0, 0, 0, 1.5, -2.25, 0, 3.125, 4, 0]);
    expect(Array.from(snap.values)).toEqual([-1.5, 0.25, 2]);
    expect(new TextDecoder().decode(bytesOf(back, true))).toBe(new TextDecoder().decode(bytes));
  });

  it('keeps JSON and text outputs readable in the file and the snapshot as base64', () => {
    const file = JSON.parse(new TextDecoder().decode(bytesOf(notebookWithOutputs(), true)));
    const items = file.cells[1].outputs.map((o: { items: unknown[] }) => o.items[0]);
    expect(items[0]).toEqual({ mime: 'text/plain', text: 'traj = trajectory a.dump: N = 3' });
    expect(JSON.parse(items[1].text)).toEqual({
      title: 'q(t)',
      columns: ['t', 'q'],
      rows: [
        [0, 1],
        [1.5, 0.367879],
      ],
    });
    expect(items[2].mime).toBe(MIME.snapshot);
    expect(Buffer.from(items[2].base64, 'base64').length).toBe(encodeOutput(snapshot).data.length);
    expect(file.cells[0]).toEqual({ kind: 'markdown', language: 'markdown', source: '# Title\nsome *text*' });
  });

  it("restores only the extension's own outputs, text, PNG and VS Code's error/stdout/stderr; others become a note", () => {
    const item = (mime: string, data: { text: string } | { base64: string }) => ({ mime, ...data });
    const file = {
      format: 'softnb',
      version: 1,
      metadata: {},
      cells: [
        {
          kind: 'code',
          language: 'softness',
          source: 'show x',
          outputs: [
            {
              items: [
                item(MIME.plot, { text: '{"title":"p","figure":{"data":[],"layout":{}}}' }),
                item('image/png', { base64: 'iVBORw0K' }),
              ],
            },
            { items: [item('application/vnd.code.notebook.stdout', { text: 'out' }), item('text/plain', { text: 'plain' })] },
            { items: [item('text/html', { text: '<img src="https://example.org/x.png" onerror="alert(1)">' })] },
            { items: [item('image/svg+xml', { text: '<svg onload="alert(1)"/>' }), item('application/javascript', { text: 'alert(1)' })] },
            { items: [item('x/\u0007evil\n', { base64: 'AAAA' })] },
          ],
        },
      ],
    };
    const back = new SoftnessSerializer(() => true).deserializeNotebook(new TextEncoder().encode(JSON.stringify(file)));
    const shown = back.cells[0].outputs!.map((o) => o.items.map((i) => [i.mime, new TextDecoder().decode(i.data)]));
    const note = (mime: string) =>
      `An output of type ${mime} was not restored: a softness notebook restores only its own outputs, text and PNG images.`;
    expect(shown.slice(0, 2).map((o) => o.map(([mime]) => mime))).toEqual([
      [MIME.plot, 'image/png'],
      ['application/vnd.code.notebook.stdout', 'text/plain'],
    ]);
    expect(shown.slice(2)).toEqual([
      [['text/plain', note('text/html')]],
      [
        ['text/plain', note('image/svg+xml')],
        ['text/plain', note('application/javascript')],
      ],
      [['text/plain', note('x/?evil?')]],
    ]);
  });

  it('drops outputs when softness.notebook.saveOutputs is off', () => {
    const text = new TextDecoder().decode(bytesOf(notebookWithOutputs(), false));
    expect(JSON.parse(text).cells[1]).toEqual({ kind: 'code', language: 'softness', source: 'traj = load "a.dump"\nshow traj' });
    const back = new SoftnessSerializer(() => false).deserializeNotebook(new TextEncoder().encode(text));
    expect(back.cells[1].outputs).toEqual([]);
    expect(back.cells[1].value).toBe('traj = load "a.dump"\nshow traj');
  });

  it('reads an empty file as an empty notebook and names the bad cell of a malformed one', () => {
    const serializer = new SoftnessSerializer(() => true);
    expect(serializer.deserializeNotebook(new Uint8Array()).cells).toEqual([]);
    const bad = { format: 'softnb', version: 1, cells: [{ kind: 'code', source: 'x', outputs: [{ items: [{ mime: 'text/plain' }] }] }] };
    expect(() => serializer.deserializeNotebook(new TextEncoder().encode(JSON.stringify(bad)))).toThrow(
      "softness notebook: cell 1, output 1: an output item needs 'text' or 'base64' data",
    );
    expect(() => serializer.deserializeNotebook(new TextEncoder().encode('{"format":"ipynb"}'))).toThrow('"format": "softnb"');
  });
});
