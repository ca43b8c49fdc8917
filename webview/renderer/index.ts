import type { ActivationFunction } from 'vscode-notebook-renderer';
import { messagingCsvExport } from './csvExport';
import { createOutputDrawer } from './outputDrawer';

/**
 * The notebook renderer `softness-renderer` (package.json contributes.notebookRenderer): draws the
 * MIME types of src/protocol/outputMime.ts in VS Code's output webview (outputDrawer.ts); a
 * table's Export CSV asks the extension host to save it (csvExport.ts, src/protocol/rendererMessages.ts).
 */
export const activate: ActivationFunction = (context) => {
  const drawer = createOutputDrawer(messagingCsvExport(context));
  return {
    renderOutputItem: (item, element, signal) => drawer.draw(item.id, item.mime, item.data(), element, signal),
    disposeOutputItem: (id) => drawer.release(id),
  };
};
