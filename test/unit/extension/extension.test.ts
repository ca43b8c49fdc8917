import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activate, deactivate } from '../../../src/extension/extension';
import { encodeOutput, MIME } from '../../../src/protocol/outputMime';
import {
  makeNotebook,
  NotebookCellOutput,
  type NotebookData,
  NotebookCellOutputItem,
  recorded,
  resetMock,
  Uri,
  window,
  workspace,
} from '../../mocks/vscode';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

beforeEach(() => {
  resetMock();
  activate({ subscriptions: [], extensionUri: Uri.file(root) } as never);
});
afterEach(deactivate);

describe('extension activation', () => {
  it('registers the serializer, the controller and exactly the commands of package.json', () => {
    expect([...recorded.commands.keys()].sort()).toEqual(manifest.contributes.commands.map((c: { command: string }) => c.command).sort());
    expect([...recorded.serializers.keys()]).toEqual(['softness-notebook']);
    expect(recorded.controllers.map((c) => c.notebookType)).toEqual(['softness-notebook']);
  });

  it('Open Quickstart opens an untitled copy of examples/quickstart.softnb that reads the bundled sample by absolute path', async () => {
    const opened: unknown[] = [];
    workspace.openNotebookDocument = async (...args: unknown[]) => {
      opened.push(...args);
      return {};
    };
    await recorded.commands.get('softness.openQuickstart')!();
    expect(opened[0]).toBe('softness-notebook');
    const sources = (opened[1] as NotebookData).cells.map((c) => c.value).join('\n');
    expect(sources).toContain(`traj = load "${path.join(root, 'samples/ka3d/ka3d_is.dump.gz')}" dt=0.005`);
    expect(sources).not.toContain('../samples/');
    // The export cell still writes relative to the notebook, i.e. not into the extension folder.
    expect(sources).toContain('export model "quickstart.report/ka3d.softness.json"');
  });

  it('Export Results writes the picked table as CSV where the save dialog says', async () => {
    const notebook = makeNotebook(Uri.file('/data/nb.softnb'), ['q = overlap traj a=0.3']);
    const table = encodeOutput({
      kind: 'table',
      title: 'q(t)',
      columns: ['t', 'q, self'],
      rows: [
        [0, 1],
        [2.5, 'a "b"'],
      ],
    });
    notebook.cellAt(0).outputs = [
      new NotebookCellOutput([NotebookCellOutputItem.text('x = 1'), new NotebookCellOutputItem(table.data, MIME.table)]),
    ];
    window.activeNotebookEditor = { notebook };
    let dialogDefault = '';
    window.showSaveDialog = async (options?: unknown) => {
      dialogDefault = (options as { defaultUri: Uri }).defaultUri.fsPath;
      return Uri.file('/out/q.csv');
    };
    const written: Array<[string, string]> = [];
    workspace.fs.writeFile = async (uri: Uri, data: Uint8Array) => void written.push([uri.fsPath, new TextDecoder().decode(data)]);
    await recorded.commands.get('softness.exportResults')!();
    expect(dialogDefault).toBe('/data/q_t_.csv');
    expect(written).toEqual([['/out/q.csv', 't,"q, self"\r\n0,1\r\n2.5,"a ""b"""\r\n']]);
    expect(recorded.messages.at(-1)).toEqual({ level: 'info', text: 'Softness: saved 2 rows to /out/q.csv.' });
  });

  it('Restart Kernel without a softness notebook warns instead of failing', async () => {
    await recorded.commands.get('softness.restartKernel')!();
    expect(recorded.messages).toEqual([{ level: 'warning', text: 'Softness: open a softness notebook to restart its kernel.' }]);
  });
});
