/**
 * The part of VS Code's notebook renderer API (package `vscode-notebook-renderer`) this renderer
 * uses, declared here instead of installing the types package. Matches the documented API:
 * VS Code imports the renderer module and calls `activate(context)`; the returned object renders
 * each output item into an element of the output webview.
 */

/** One output item of a cell: its MIME type and bytes. */
export interface OutputItem {
  readonly id: string;
  readonly mime: string;
  readonly metadata?: unknown;
  /** The raw bytes. */
  data(): Uint8Array;
  /** The bytes parsed as UTF-8 JSON. */
  json(): unknown;
  /** The bytes decoded as UTF-8 text. */
  text(): string;
}

export interface Disposable {
  dispose(): void;
}

/** What VS Code hands to `activate`. `postMessage` exists only when the extension listens for messages. */
export interface RendererContext<TState = unknown> {
  getState(): TState | undefined;
  setState(state: TState): void;
  readonly workspace?: { readonly isTrusted: boolean };
  postMessage?(message: unknown): void;
  onDidReceiveMessage?(listener: (message: unknown) => void): Disposable;
}

/** What `activate` returns. */
export interface RendererApi {
  renderOutputItem(outputItem: OutputItem, element: HTMLElement, signal?: AbortSignal): void | Promise<void>;
  disposeOutputItem?(id?: string): void;
}

export type ActivationFunction<TState = unknown> = (context: RendererContext<TState>) => RendererApi | Promise<RendererApi>;
