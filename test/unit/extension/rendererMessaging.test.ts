import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerRendererMessaging } from '../../../src/extension/notebook/rendererMessaging';
import { type ExportCsvRequest, RENDERER_ID } from '../../../src/protocol/rendererMessages';
import { recorded, resetMock, Uri, window } from '../../mocks/vscode';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
const CSV = 't,q\r\n0,1\r\n0.5,0.8\r\n';

describe('renderer messaging: Export CSV under a notebook table', () => {
  let dir: string;
  let notebookPath: string;
  let dialogOptions: { defaultUri?: Uri } | undefined;
  const editor = () => ({ notebook: { uri: Uri.file(notebookPath) } });

  beforeEach(() => {
    resetMock();
    dir = mkdtempSync(path.join(tmpdir(), 'softness-export-'));
    notebookPath = path.join(dir, 'analysis.softnb');
    writeFileSync(notebookPath, '{"cells": []}');
    dialogOptions = undefined;
    registerRendererMessaging();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Answers the save dialog with `target` (undefined: cancelled) and sends one renderer message. */
  async function exportCsv(target: string | undefined, message: unknown = request(7)): Promise<unknown> {
    window.showSaveDialog = async (options?: unknown) => {
      dialogOptions = options as { defaultUri?: Uri };
      return target === undefined ? undefined : Uri.file(target);
    };
    const channel = recorded.rendererMessaging.get(RENDERER_ID)!;
    const sent = editor();
    channel.receive.fire({ editor: sent, message });
    await vi.waitFor(() => expect(channel.posted).toHaveLength(1));
    expect(channel.posted[0].editor).toBe(sent);
    return channel.posted[0].message;
  }
  const request = (requestId: number): ExportCsvRequest => ({ type: 'softness.exportCsv', requestId, title: 'overlap q(t)', csv: CSV });

  it('listens on the renderer id that package.json declares with optional messaging', () => {
    const [renderer] = manifest.contributes.notebookRenderer;
    expect(renderer).toMatchObject({ id: RENDERER_ID, requiresMessaging: 'optional' });
    expect([...recorded.rendererMessaging.keys()]).toEqual([RENDERER_ID]);
  });

  it('offers the title as a file name beside the notebook, writes the CSV there and answers saved', async () => {
    const target = path.join(dir, 'chosen.csv');
    const result = await exportCsv(target);
    expect(dialogOptions?.defaultUri?.fsPath).toBe(path.join(dir, 'overlap_q_t.csv'));
    expect(readFileSync(target, 'utf8')).toBe(CSV);
    expect(readdirSync(dir).sort()).toEqual(['analysis.softnb', 'chosen.csv']); // no temporary file left
    expect(result).toEqual({ type: 'softness.exportCsvResult', requestId: 7, outcome: 'saved', path: target });
    expect(recorded.messages).toEqual([]);
  });

  it('answers cancelled and writes nothing when the dialog is cancelled', async () => {
    expect(await exportCsv(undefined)).toEqual({ type: 'softness.exportCsvResult', requestId: 7, outcome: 'cancelled' });
    expect(readdirSync(dir)).toEqual(['analysis.softnb']);
  });

  it('refuses to write over the notebook itself, reporting the path', async () => {
    const result = (await exportCsv(notebookPath)) as { outcome: string; error: string };
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatch(/refusing to write/);
    expect(readFileSync(notebookPath, 'utf8')).toBe('{"cells": []}');
    expect(recorded.messages).toHaveLength(1);
    expect(recorded.messages[0].level).toBe('error');
    expect(recorded.messages[0].text).toContain(notebookPath);
  });

  it('reports a write that fails with the path (a folder where the file should go)', async () => {
    const folder = path.join(dir, 'taken.csv');
    mkdirSync(folder);
    const result = (await exportCsv(folder)) as { outcome: string; error: string };
    expect(result.outcome).toBe('failed');
    expect(recorded.messages).toEqual([{ level: 'error', text: expect.stringContaining(folder) }]);
  });

  it('ignores messages that are not a well-formed export request', async () => {
    const channel = recorded.rendererMessaging.get(RENDERER_ID)!;
    let asked = false;
    window.showSaveDialog = async () => {
      asked = true;
      return undefined;
    };
    for (const message of [null, 'softness.exportCsv', { type: 'softness.exportCsv', requestId: 1, title: 'q' }, { type: 'other' }])
      channel.receive.fire({ editor: editor(), message });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toBe(false);
    expect(channel.posted).toEqual([]);
  });
});
