/**
 * A small in-memory stand-in of the `vscode` API for unit tests (vitest aliases `vscode` here).
 * Only the surface the extension uses; recorded calls (`registered`, `messages`, executions)
 * let tests assert what the extension did. `resetMock()` restores the defaults between tests.
 */
import { readFileSync } from 'node:fs';

export class Disposable {
  constructor(private readonly onDispose: () => void = () => {}) {}
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> {
  private listeners: Array<(value: T) => void> = [];
  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class RelativePattern {
  constructor(
    readonly base: Uri,
    readonly pattern: string,
  ) {}
}

export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  readonly token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel(): void {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose(): void {}
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  static file(fsPath: string): Uri {
    return new Uri('file', fsPath);
  }
  static parse(text: string): Uri {
    const [scheme, rest] = text.split(':', 2);
    return new Uri(scheme, rest.replace(/^\/\//, ''));
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    const joined = [base.fsPath, ...parts].join('/').split('/');
    const out: string[] = [];
    for (const part of joined)
      if (part === '..') out.pop();
      else if (part !== '.') out.push(part);
    return new Uri(base.scheme, out.join('/'));
  }
  get path(): string {
    return this.fsPath;
  }
  toString(): string {
    return `${this.scheme}://${this.fsPath}`;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(startLine: number | Position, startCharacter: number | Position, endLine?: number, endCharacter?: number) {
    if (startLine instanceof Position && startCharacter instanceof Position) {
      this.start = startLine;
      this.end = startCharacter;
    } else {
      this.start = new Position(startLine as number, startCharacter as number);
      this.end = new Position(endLine ?? (startLine as number), endCharacter ?? (startCharacter as number));
    }
  }
  contains(p: Position): boolean {
    const after = p.line > this.start.line || (p.line === this.start.line && p.character >= this.start.character);
    const before = p.line < this.end.line || (p.line === this.end.line && p.character <= this.end.character);
    return after && before;
  }
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export class Diagnostic {
  source?: string;
  code?: string | number;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: DiagnosticSeverity = DiagnosticSeverity.Error,
  ) {}
}

export enum CompletionItemKind {
  Text = 0,
  Method = 1,
  Function = 2,
  Constructor = 3,
  Field = 4,
  Variable = 5,
  Class = 6,
  Interface = 7,
  Module = 8,
  Property = 9,
  Unit = 10,
  Value = 11,
  Enum = 12,
  Keyword = 13,
  Snippet = 14,
  Color = 15,
  File = 16,
  Reference = 17,
  Folder = 18,
  EnumMember = 19,
  Constant = 20,
}

export class MarkdownString {
  constructor(public value = '') {}
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text;
    return this;
  }
  appendCodeblock(code: string, language = ''): this {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

export class CompletionItem {
  detail?: string;
  documentation?: string | MarkdownString;
  insertText?: string;
  sortText?: string;
  filterText?: string;
  range?: Range;
  constructor(
    readonly label: string,
    readonly kind?: CompletionItemKind,
  ) {}
}

export class Hover {
  constructor(
    readonly contents: MarkdownString | MarkdownString[] | string,
    readonly range?: Range,
  ) {}
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export enum NotebookCellStatusBarAlignment {
  Left = 1,
  Right = 2,
}

export class NotebookCellStatusBarItem {
  tooltip?: string;
  constructor(
    public text: string,
    public alignment: NotebookCellStatusBarAlignment,
  ) {}
}

export enum NotebookCellKind {
  Markup = 1,
  Code = 2,
}

export class NotebookCellOutputItem {
  constructor(
    readonly data: Uint8Array,
    readonly mime: string,
  ) {}
  static text(value: string, mime = 'text/plain'): NotebookCellOutputItem {
    return new NotebookCellOutputItem(new TextEncoder().encode(value), mime);
  }
  static json(value: unknown, mime = 'text/x-json'): NotebookCellOutputItem {
    return NotebookCellOutputItem.text(JSON.stringify(value), mime);
  }
  static error(error: { name: string; message: string; stack?: string }): NotebookCellOutputItem {
    return NotebookCellOutputItem.text(
      JSON.stringify({ name: error.name, message: error.message, stack: error.stack }),
      'application/vnd.code.notebook.error',
    );
  }
}

export class NotebookCellOutput {
  constructor(
    public items: NotebookCellOutputItem[],
    public metadata?: Record<string, unknown>,
  ) {}
}

export class NotebookCellData {
  outputs?: NotebookCellOutput[];
  metadata?: Record<string, unknown>;
  constructor(
    public kind: NotebookCellKind,
    public value: string,
    public languageId: string,
  ) {}
}

export class NotebookData {
  metadata?: Record<string, unknown>;
  constructor(public cells: NotebookCellData[]) {}
}

/** A notebook cell as tests build it: text, kind and outputs that executions edit. */
export interface MockCell {
  readonly index: number;
  readonly kind: NotebookCellKind;
  readonly notebook: MockNotebook;
  readonly document: { getText(): string; uri: Uri; languageId: string };
  outputs: NotebookCellOutput[];
}

export interface MockNotebook {
  readonly uri: Uri;
  readonly notebookType: string;
  getCells(): MockCell[];
  cellAt(index: number): MockCell;
  readonly cellCount: number;
}

/** Builds a notebook of code cells (`softness` language) from their sources. */
export function makeNotebook(uri: Uri, sources: string[], notebookType = 'softness-notebook'): MockNotebook {
  const cells: MockCell[] = [];
  const notebook: MockNotebook = {
    uri,
    notebookType,
    getCells: () => cells,
    cellAt: (k) => cells[k],
    get cellCount() {
      return cells.length;
    },
  };
  sources.forEach((source, index) =>
    cells.push({
      index,
      kind: NotebookCellKind.Code,
      notebook,
      outputs: [],
      document: { getText: () => source, uri: Uri.parse(`vscode-notebook-cell:${uri.fsPath}#${index}`), languageId: 'softness' },
    }),
  );
  return notebook;
}

/** A recorded cell execution: its lifecycle events in order, and the cell's outputs it edits. */
export class MockCellExecution {
  executionOrder: number | undefined;
  readonly events: string[] = [];
  startTime: number | undefined;
  endTime: number | undefined;
  success: boolean | undefined;
  ended = false;
  readonly tokenSource = new CancellationTokenSource();
  readonly token = this.tokenSource.token;
  private resolveEnded: () => void = () => {};
  readonly whenEnded = new Promise<void>((resolve) => (this.resolveEnded = resolve));

  constructor(readonly cell: MockCell) {}
  start(startTime?: number): void {
    this.startTime = startTime;
    this.events.push('start');
  }
  end(success: boolean | undefined, endTime?: number): void {
    this.success = success;
    this.endTime = endTime;
    this.ended = true;
    this.events.push('end');
    this.resolveEnded();
  }
  async clearOutput(): Promise<void> {
    this.cell.outputs = [];
  }
  async replaceOutput(out: NotebookCellOutput | NotebookCellOutput[]): Promise<void> {
    this.cell.outputs = Array.isArray(out) ? [...out] : [out];
  }
  async appendOutput(out: NotebookCellOutput | NotebookCellOutput[]): Promise<void> {
    this.cell.outputs.push(...(Array.isArray(out) ? out : [out]));
  }
  async replaceOutputItems(items: NotebookCellOutputItem | NotebookCellOutputItem[], output: NotebookCellOutput): Promise<void> {
    output.items = Array.isArray(items) ? [...items] : [items];
  }
}

export class MockNotebookController {
  supportedLanguages?: string[];
  supportsExecutionOrder?: boolean;
  description?: string;
  executeHandler: (cells: MockCell[], notebook: MockNotebook, controller: MockNotebookController) => void | Promise<void> = () => {};
  interruptHandler?: (notebook: MockNotebook) => void | Promise<void>;
  readonly executions: MockCellExecution[] = [];
  constructor(
    readonly id: string,
    readonly notebookType: string,
    readonly label: string,
  ) {}
  createNotebookCellExecution(cell: MockCell): MockCellExecution {
    const execution = new MockCellExecution(cell);
    this.executions.push(execution);
    return execution;
  }
  dispose(): void {}
}

/** What the extension registered and showed, for assertions. */
export const recorded = {
  controllers: [] as MockNotebookController[],
  commands: new Map<string, (...args: any[]) => any>(),
  serializers: new Map<string, unknown>(),
  /** Custom editor providers by viewType, with their registration options. */
  customEditors: new Map<string, { provider: any; options: unknown }>(),
  /** File system watchers created, with emitters for their events. */
  watchers: [] as Array<{
    pattern: unknown;
    change: EventEmitter<Uri>;
    create: EventEmitter<Uri>;
    remove: EventEmitter<Uri>;
    disposed: boolean;
  }>,
  messages: [] as Array<{ level: 'info' | 'warning' | 'error'; text: string }>,
  /** Renderer messaging by renderer id: `receive` fires onDidReceiveMessage (a renderer's message), `posted` holds what the extension sent. */
  rendererMessaging: new Map<
    string,
    { receive: EventEmitter<{ editor: unknown; message: unknown }>; posted: Array<{ message: unknown; editor: unknown }> }
  >(),
  statusBarItems: [] as Array<{ text: string; visible: boolean }>,
  /** Cell status bar item providers by notebook type. */
  cellStatusBarProviders: new Map<
    string,
    {
      onDidChangeCellStatusBarItems?: (listener: () => void) => Disposable;
      provideCellStatusBarItems: (cell: MockCell) => NotebookCellStatusBarItem[];
    }
  >(),
};

const settings = new Map<string, unknown>();
/** Sets a configuration value, e.g. setSetting('softness.notebook.saveOutputs', false). */
export function setSetting(key: string, value: unknown): void {
  settings.set(key, value);
}

const closeNotebook = new EventEmitter<MockNotebook>();
const noEvent = new EventEmitter<any>().event;

export const workspace = {
  isTrusted: true,
  workspaceFolders: undefined as Array<{ uri: Uri }> | undefined,
  notebookDocuments: [] as MockNotebook[],
  textDocuments: [] as unknown[],
  getConfiguration: (section: string) => ({
    get: <T>(key: string, fallback?: T): T =>
      settings.has(`${section}.${key}`) ? (settings.get(`${section}.${key}`) as T) : (fallback as T),
  }),
  registerNotebookSerializer: (type: string, serializer: unknown) => {
    recorded.serializers.set(type, serializer);
    return new Disposable();
  },
  onDidCloseNotebookDocument: closeNotebook.event,
  /** Test hook: fires onDidCloseNotebookDocument. */
  fireCloseNotebook: (notebook: MockNotebook) => closeNotebook.fire(notebook),
  onDidChangeNotebookDocument: noEvent,
  onDidChangeTextDocument: noEvent,
  onDidOpenTextDocument: noEvent,
  onDidCloseTextDocument: noEvent,
  openNotebookDocument: async (..._args: unknown[]) => ({}) as unknown,
  /** A watcher whose events tests fire through `recorded.watchers` (e.g. the model preview's reload). */
  createFileSystemWatcher: (pattern: RelativePattern | string) => {
    const watcher = {
      pattern,
      change: new EventEmitter<Uri>(),
      create: new EventEmitter<Uri>(),
      remove: new EventEmitter<Uri>(),
      disposed: false,
    };
    recorded.watchers.push(watcher);
    return {
      onDidChange: watcher.change.event,
      onDidCreate: watcher.create.event,
      onDidDelete: watcher.remove.event,
      dispose: () => void (watcher.disposed = true),
    };
  },
  fs: {
    stat: async (_uri: Uri) => ({}),
    readFile: async (uri: Uri) => new Uint8Array(readFileSync(uri.fsPath)),
    writeFile: async (_uri: Uri, _data: Uint8Array) => {},
  },
};

export const notebooks = {
  createRendererMessaging: (rendererId: string) => {
    const channel = {
      receive: new EventEmitter<{ editor: unknown; message: unknown }>(),
      posted: [] as Array<{ message: unknown; editor: unknown }>,
    };
    recorded.rendererMessaging.set(rendererId, channel);
    return {
      onDidReceiveMessage: channel.receive.event,
      postMessage: async (message: unknown, editor?: unknown) => {
        channel.posted.push({ message, editor });
        return true;
      },
    };
  },
  createNotebookController: (id: string, notebookType: string, label: string) => {
    const controller = new MockNotebookController(id, notebookType, label);
    recorded.controllers.push(controller);
    return controller;
  },
  registerNotebookCellStatusBarItemProvider: (notebookType: string, provider: any) => {
    recorded.cellStatusBarProviders.set(notebookType, provider);
    return new Disposable(() => recorded.cellStatusBarProviders.delete(notebookType));
  },
};

export const window = {
  activeNotebookEditor: undefined as { notebook: MockNotebook } | undefined,
  createStatusBarItem: (_alignment?: StatusBarAlignment, _priority?: number) => {
    const state = { text: '', visible: false };
    recorded.statusBarItems.push(state);
    return {
      name: '',
      tooltip: '',
      get text() {
        return state.text;
      },
      set text(value: string) {
        state.text = value;
      },
      show: () => void (state.visible = true),
      hide: () => void (state.visible = false),
      dispose: () => void (state.visible = false),
    };
  },
  showInformationMessage: async (text: string) => void recorded.messages.push({ level: 'info', text }),
  showWarningMessage: async (text: string) => void recorded.messages.push({ level: 'warning', text }),
  showErrorMessage: async (text: string) => void recorded.messages.push({ level: 'error', text }),
  showQuickPick: async <T>(items: T[]) => items[0],
  showSaveDialog: async (_options?: unknown) => undefined as Uri | undefined,
  showNotebookDocument: async (notebook: unknown) => notebook,
  showOpenDialog: async (_options?: unknown) => undefined as Uri[] | undefined,
  registerCustomEditorProvider: (viewType: string, provider: unknown, options?: unknown) => {
    recorded.customEditors.set(viewType, { provider, options });
    return new Disposable(() => recorded.customEditors.delete(viewType));
  },
  /** Runs `task` at once with a progress sink that records nothing and a token tests can cancel (`progressToken`). */
  withProgress: async <T>(
    _options: unknown,
    task: (progress: { report(value: unknown): void }, token: CancellationTokenSource['token']) => Promise<T>,
  ) => task({ report: () => {} }, progressToken.token),
};

/** The cancellation source behind window.withProgress's token (reset by resetMock). */
export let progressToken = new CancellationTokenSource();

export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}

export const commands = {
  registerCommand: (id: string, run: (...args: any[]) => any) => {
    recorded.commands.set(id, run);
    return new Disposable(() => recorded.commands.delete(id));
  },
  executeCommand: async (id: string, ...args: unknown[]) => recorded.commands.get(id)?.(...args),
};

export const languages = {
  createDiagnosticCollection: (name?: string) => {
    const entries = new Map<string, Diagnostic[]>();
    return {
      name,
      set: (uri: Uri, diagnostics: Diagnostic[] | undefined) =>
        void (diagnostics ? entries.set(uri.toString(), diagnostics) : entries.delete(uri.toString())),
      get: (uri: Uri) => entries.get(uri.toString()),
      delete: (uri: Uri) => void entries.delete(uri.toString()),
      clear: () => entries.clear(),
      dispose: () => entries.clear(),
    };
  },
  registerCompletionItemProvider: (..._args: unknown[]) => new Disposable(),
  registerHoverProvider: (..._args: unknown[]) => new Disposable(),
};

/** Restores trust, settings and recordings to their defaults. */
export function resetMock(): void {
  workspace.isTrusted = true;
  workspace.workspaceFolders = undefined;
  window.activeNotebookEditor = undefined;
  settings.clear();
  recorded.controllers.length = 0;
  recorded.commands.clear();
  recorded.serializers.clear();
  recorded.customEditors.clear();
  recorded.watchers.length = 0;
  progressToken = new CancellationTokenSource();
  recorded.messages.length = 0;
  recorded.rendererMessaging.clear();
  recorded.statusBarItems.length = 0;
  recorded.cellStatusBarProviders.clear();
}
