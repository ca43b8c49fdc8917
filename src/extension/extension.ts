import * as vscode from 'vscode';
import { KernelRegistry } from './kernel/kernelRegistry';
import { KernelSession } from './kernel/kernelSession';
import { registerLanguageFeatures } from './language/register';
import { registerCommands } from './commands';
import { createController, NOTEBOOK_TYPE } from './notebook/controller';
import { createProgressStatus } from './notebook/progressStatus';
import { registerRendererMessaging } from './notebook/rendererMessaging';
import { SoftnessSerializer } from './notebook/serializer';
import { registerModelPreview } from './preview/modelPreviewProvider';
import { registerTrajectoryPreview } from './preview/trajectoryPreview';
import { kernelHeapLimitMb } from './workerHandle';

let kernels: KernelRegistry | null = null;

/** Extension entry: the .softnb serializer, the worker-backed kernel, commands and language features. */
export function activate(context: vscode.ExtensionContext): void {
  const config = () => vscode.workspace.getConfiguration('softness');
  const workerPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'kernelWorker.js').fsPath;
  const memoryLimitMb = () => kernelHeapLimitMb(config().get<number>('kernel.memoryLimitMB'));
  const threads = () => Math.max(0, Math.floor(Number(config().get<number>('kernel.workerThreads', 0)) || 0));
  const newKernel = () =>
    new KernelSession({
      workerPath,
      memoryLimitMb: memoryLimitMb(),
      threads: threads(),
      onIdleCrash: (message) => void vscode.window.showWarningMessage(`Softness: ${message}.`),
    });
  const registry = new KernelRegistry(newKernel);
  kernels = registry;
  const progress = createProgressStatus(NOTEBOOK_TYPE);
  context.subscriptions.push(
    vscode.workspace.registerNotebookSerializer(
      NOTEBOOK_TYPE,
      new SoftnessSerializer(() => config().get<boolean>('notebook.saveOutputs', true)),
      { transientOutputs: false },
    ),
    createController(registry, progress),
    progress,
    registerRendererMessaging(),
    vscode.workspace.onDidCloseNotebookDocument((notebook) => registry.close(notebook.uri.toString())),
    { dispose: () => registry.dispose() },
  );
  registerCommands(context, registry);
  registerLanguageFeatures(context);
  registerModelPreview(context, newKernel);
  registerTrajectoryPreview(context);
}

/** Stops every kernel worker. */
export function deactivate(): void {
  kernels?.dispose();
  kernels = null;
}
