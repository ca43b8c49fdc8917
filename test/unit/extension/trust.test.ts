import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activate, deactivate } from '../../../src/extension/extension';
import { applyModelToTrajectory } from '../../../src/extension/preview/modelApply';
import { recorded, resetMock, Uri, window, workspace } from '../../mocks/vscode';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
/** The commands that run engine code on files other than the one a preview shows. */
const ENGINE_COMMANDS = ['softness.applyModelToTrajectory', 'softness.openTrajectoryInNotebook'];

const openDialog = window.showOpenDialog;
let dialogs = 0;
beforeEach(() => {
  resetMock();
  dialogs = 0;
  window.showOpenDialog = async () => {
    dialogs++;
    return [Uri.file(path.join(root, 'samples', 'any.lammpstrj'))];
  };
  activate({ subscriptions: [], extensionUri: Uri.file(root) } as never);
});
afterEach(() => {
  window.showOpenDialog = openDialog;
  deactivate();
});

describe('workspace trust', () => {
  it('package.json disables the engine commands in untrusted workspaces and says what the previews do there', () => {
    for (const id of ENGINE_COMMANDS)
      expect(manifest.contributes.commands.find((c: { command: string }) => c.command === id).enablement).toBe('isWorkspaceTrusted');
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(manifest.capabilities.untrustedWorkspaces.description).toMatch(/does not read the training trajectory/);
  });

  it.each(ENGINE_COMMANDS)('%s does nothing in an untrusted workspace but say why (a webview button can call it)', async (id) => {
    workspace.isTrusted = false;
    await recorded.commands.get(id)!(Uri.file(path.join(root, 'samples', 'any.softness.json')));
    expect(dialogs).toBe(0);
    expect(recorded.messages).toEqual([{ level: 'warning', text: expect.stringMatching(/^Softness: .* needs a trusted workspace/) }]);
  });

  it("the model preview's Apply button hears that the run was refused", async () => {
    workspace.isTrusted = false;
    const states: string[] = [];
    await applyModelToTrajectory(
      () => {
        throw new Error('no kernel may start');
      },
      Uri.file('/m.softness.json') as never,
      (state, message) => states.push(`${state}: ${message}`),
    );
    expect(states).toEqual(['failed: applying a model needs a trusted workspace']);
  });

  it('in a trusted workspace the same command goes on to ask for files', async () => {
    window.showOpenDialog = async () => {
      dialogs++;
      return undefined;
    };
    await recorded.commands.get('softness.applyModelToTrajectory')!();
    expect(dialogs).toBe(1);
    expect(recorded.messages).toEqual([]);
  });
});
