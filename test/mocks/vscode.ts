/**
 * A small in-memory stand-in of the `vscode` API for unit tests (vitest aliases `vscode` here).
 * Only the surface the extension uses; recorded calls (`recorded`, executions) let tests assert
 * what the extension did. `resetMock()` restores the defaults between tests.
 */
import { readFileSync } from 'node:fs';
import type * as vscode from 'vscode';

/*
 * Every stand-in below is checked against @types/vscode: `satisfies Mirror<...>` for namespaces and
 * the objects they hand out, `implements Mirror<...>` for classes, `Statics<...>` for static members
 * and `EnumMirror<...>` for enums. A member the real API does not have (a renamed one), or has with
 * another type, fails `npm run typecheck`. A stand-in may omit members, accept wider parameters and
 * use the stand-in classes where the API has its own (a mock Uri for a Uri); those are compared
 * member by member in turn. Members that only record for tests are named in an Omit<> at the check.
 */

/** The members of `M`, each required to exist in the real API type `R` and to fit its type there. */
export type Mirror<M, R> = { [K in keyof M]: K extends keyof R ? (Fits<M[K], R[K]> extends true ? M[K] : never) : never };
/** The static members of a stand-in class `M` (its typeof), checked against the real class `R` (its typeof). */
export type Statics<M, R> = Mirror<Omit<M, 'prototype'>, R>;
/** A stand-in enum: each member exists in the real enum `R` with the same value. */
export type EnumMirror<M, R> = {
  [K in Extract<keyof M, string>]: K extends keyof R ? (`${M[K] & number}` extends `${R[K] & number}` ? M[K] : never) : never;
};

type AnyFunction = (...args: never[]) => unknown;
/** Either type is assignable to the other. */
type Compatible<A, B> = [A] extends [B] ? true : [B] extends [A] ? true : false;
type Returns<T> = T extends (...args: never[]) => infer Result ? Result : never;
type IsAsync<T> = [Extract<T, PromiseLike<unknown>>] extends [never] ? false : true;
/**
 * Whether stand-in type `M` fits API type `R`: compatible types; enum members of equal value;
 * arrays of fitting elements; functions whose parameters fit position by position and whose
 * awaited results fit (a promise only where the API returns one); or objects whose members that
 * the API also has fit (at least one shared). Each member of a union `M` must fit a member of `R`.
 * `Depth` stops the walk through stand-ins that refer to each other (a cell's notebook's cells).
 */
type Fits<M, R, Depth extends unknown[] = []> = Depth['length'] extends 5
  ? true
  : Compatible<M, R> extends true
    ? true
    : false extends EachFits<NonNullable<M>, NonNullable<R>, [...Depth, unknown]>
      ? false
      : true;
type EachFits<M, R, Depth extends unknown[]> = M extends unknown ? (true extends FitsOneOf<M, R, Depth> ? true : false) : never;
type FitsOneOf<M, R, Depth extends unknown[]> = R extends unknown ? FitsOne<M, R, Depth> : never;
type FitsOne<M, R, Depth extends unknown[]> = [M] extends [number]
  ? [R] extends [number]
    ? Compatible<`${M}`, `${R}`>
    : false
  : [M] extends [AnyFunction]
    ? [R] extends [AnyFunction]
      ? ParametersFit<Parameters<M>, Parameters<R>, Depth> extends true
        ? Fits<Awaited<Returns<M>>, Awaited<Returns<R>>, Depth> extends true
          ? IsAsync<Returns<M>> extends true
            ? IsAsync<Returns<R>>
            : true
          : false
        : false
      : false
    : [M] extends [readonly (infer ME)[]]
      ? [R] extends [readonly (infer RE)[]]
        ? Fits<ME, RE, Depth>
        : false
      : [M] extends [object]
        ? [R] extends [object]
          ? [keyof M & keyof R] extends [never]
            ? false
            : false extends { [K in keyof M & keyof R]: Fits<M[K], R[K], Depth> }[keyof M & keyof R]
              ? false
              : true
          : false
        : false;
/**
 * Each parameter the stand-in declares fits the API's at its position; one the API does not have
 * must be optional (the last overload of an API function is the one compared).
 */
type ParametersFit<MA extends unknown[], RA extends unknown[], Depth extends unknown[]> = false extends {
  [I in keyof MA]: I extends keyof RA ? Fits<MA[I], RA[I], Depth> : undefined extends MA[I] ? true : false;
}[number]
  ? false
  : true;

export class Disposable implements Mirror<Disposable, vscode.Disposable> {
  readonly dispose: () => void;
  constructor(onDispose: () => void = () => {}) {
    this.dispose = onDispose;
  }
}

export class EventEmitter<T> implements Mirror<EventEmitter<T>, vscode.EventEmitter<T>> {
  private listeners: Array<(value: T) => void> = [];
  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    });
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class RelativePattern implements Mirror<RelativePattern, vscode.RelativePattern> {
  /** The folder's path (the API keeps the folder as `baseUri` and its path as `base`). */
  readonly base: string;
  constructor(
    readonly baseUri: Uri,
    readonly pattern: string,
  ) {
    this.base = baseUri.fsPath;
  }
}

export class CancellationTokenSource implements Mirror<CancellationTokenSource, vscode.CancellationTokenSource> {
  private readonly emitter = new EventEmitter<void>();
  readonly token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel(): void {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose(): void {}
}

export class Uri implements Mirror<Uri, vscode.Uri> {
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
Uri satisfies Statics<typeof Uri, typeof vscode.Uri>;

export class Position implements Mirror<Position, vscode.Position> {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range implements Mirror<Range, vscode.Range> {
  readonly start: Position;
  readonly end: Position;
  constructor(start: Position, end: Position);
  constructor(startLine: number, startCharacter: number, endLine: number, endCharacter: number);
  constructor(startLine: number | Position, startCharacter: number | Position, endLine?: number, endCharacter?: number) {
    if (typeof startLine === 'number' && typeof startCharacter === 'number') {
      this.start = new Position(startLine, startCharacter);
      this.end = new Position(endLine ?? startLine, endCharacter ?? startCharacter);
    } else if (startLine instanceof Position && startCharacter instanceof Position) {
      this.start = startLine;
      this.end = startCharacter;
    } else {
      throw new TypeError('Range: give two positions or four numbers');
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
DiagnosticSeverity satisfies EnumMirror<typeof DiagnosticSeverity, typeof vscode.DiagnosticSeverity>;

export class Diagnostic implements Mirror<Diagnostic, vscode.Diagnostic> {
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
CompletionItemKind satisfies EnumMirror<typeof CompletionItemKind, typeof vscode.CompletionItemKind>;

export class MarkdownString implements Mirror<MarkdownString, vscode.MarkdownString> {
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

export class CompletionItem implements Mirror<CompletionItem, vscode.CompletionItem> {
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

export class Hover implements Mirror<Hover, vscode.Hover> {
  /** Always an array, as the API keeps it. */
  readonly contents: Array<MarkdownString | string>;
  constructor(
    contents: MarkdownString | string | Array<MarkdownString | string>,
    readonly range?: Range,
  ) {
    this.contents = Array.isArray(contents) ? contents : [contents];
  }
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}
StatusBarAlignment satisfies EnumMirror<typeof StatusBarAlignment, typeof vscode.StatusBarAlignment>;

export enum NotebookCellStatusBarAlignment {
  Left = 1,
  Right = 2,
}
NotebookCellStatusBarAlignment satisfies EnumMirror<typeof NotebookCellStatusBarAlignment, typeof vscode.NotebookCellStatusBarAlignment>;

export class NotebookCellStatusBarItem implements Mirror<NotebookCellStatusBarItem, vscode.NotebookCellStatusBarItem> {
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
NotebookCellKind satisfies EnumMirror<typeof NotebookCellKind, typeof vscode.NotebookCellKind>;

export class NotebookCellOutputItem implements Mirror<NotebookCellOutputItem, vscode.NotebookCellOutputItem> {
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
NotebookCellOutputItem satisfies Statics<typeof NotebookCellOutputItem, typeof vscode.NotebookCellOutputItem>;

export class NotebookCellOutput implements Mirror<NotebookCellOutput, vscode.NotebookCellOutput> {
  constructor(
    public items: NotebookCellOutputItem[],
    public metadata?: Record<string, unknown>,
  ) {}
}

export class NotebookCellData implements Mirror<NotebookCellData, vscode.NotebookCellData> {
  outputs?: NotebookCellOutput[];
  metadata?: Record<string, unknown>;
  constructor(
    public kind: NotebookCellKind,
    public value: string,
    public languageId: string,
  ) {}
}

export class NotebookData implements Mirror<NotebookData, vscode.NotebookData> {
  metadata?: Record<string, unknown>;
  constructor(public cells: NotebookCellData[]) {}
}

/** A notebook cell as tests build it: text, kind and the outputs that executions replace. */
export interface MockCell {
  readonly index: number;
  readonly kind: NotebookCellKind;
  readonly notebook: MockNotebook;
  readonly document: { getText(): string; uri: Uri; languageId: string };
  outputs: readonly NotebookCellOutput[];
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
  const notebook = {
    uri,
    notebookType,
    getCells: () => cells,
    cellAt: (k: number) => cells[k],
    get cellCount() {
      return cells.length;
    },
  } satisfies Mirror<MockNotebook, vscode.NotebookDocument>;
  for (const [index, source] of sources.entries()) {
    const document = { getText: () => source, uri: Uri.parse(`vscode-notebook-cell:${uri.fsPath}#${index}`), languageId: 'softness' };
    const cell = { index, kind: NotebookCellKind.Code, notebook, outputs: [], document } satisfies Mirror<MockCell, vscode.NotebookCell>;
    cells.push(cell);
  }
  return notebook;
}

/** What a MockCellExecution records for tests (not part of the API). */
type ExecutionRecord = 'events' | 'startTime' | 'endTime' | 'success' | 'ended' | 'tokenSource' | 'whenEnded';

/** A recorded cell execution: its lifecycle events in order, and the cell's outputs it edits. */
export class MockCellExecution implements Mirror<Omit<MockCellExecution, ExecutionRecord>, vscode.NotebookCellExecution> {
  executionOrder: number | undefined;
  readonly events: string[] = [];
  startTime: number | undefined;
  endTime: number | undefined;
  success: boolean | undefined;
  ended = false;
  readonly tokenSource = new CancellationTokenSource();
  readonly token = this.tokenSource.token;
  private resolveEnded: () => void = () => {};
  readonly whenEnded = new Promise<void>((resolve) => {
    this.resolveEnded = resolve;
  });

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
  async replaceOutput(out: NotebookCellOutput | readonly NotebookCellOutput[]): Promise<void> {
    this.cell.outputs = Array.isArray(out) ? [...out] : [out];
  }
  async appendOutput(out: NotebookCellOutput | readonly NotebookCellOutput[]): Promise<void> {
    this.cell.outputs = [...this.cell.outputs, ...(Array.isArray(out) ? out : [out])];
  }
  async replaceOutputItems(items: NotebookCellOutputItem | readonly NotebookCellOutputItem[], output: NotebookCellOutput): Promise<void> {
    output.items = Array.isArray(items) ? [...items] : [items];
  }
}

export class MockNotebookController implements Mirror<Omit<MockNotebookController, 'executions'>, vscode.NotebookController> {
  supportedLanguages?: string[];
  supportsExecutionOrder?: boolean;
  description?: string;
  /** Set by the extension; tests call it with stand-in cells (the controller argument is not read by the stand-in). */
  executeHandler: (cells: MockCell[], notebook: MockNotebook, controller: unknown) => void | Promise<void> = () => {};
  interruptHandler?: (notebook: MockNotebook) => void | Promise<void>;
  /** Recorded for tests: every execution created, in order. */
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

/** The stand-in of a NotebookCellStatusBarItemProvider, as tests call it. */
interface MockCellStatusBarItemProvider {
  onDidChangeCellStatusBarItems?: (listener: () => void) => Disposable;
  provideCellStatusBarItems(cell: MockCell): NotebookCellStatusBarItem[];
}

/** A registered custom editor provider, as tests call it (with a stand-in document and panel). */
export interface MockCustomEditorProvider {
  resolveCustomEditor(document: { uri: Uri }, panel: unknown): unknown;
}

/** What the extension registered and showed, for assertions. */
export const recorded = {
  controllers: [] as MockNotebookController[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  serializers: new Map<string, unknown>(),
  /** Custom editor providers by viewType, with their registration options. */
  customEditors: new Map<string, { provider: MockCustomEditorProvider; options: unknown }>(),
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
  cellStatusBarProviders: new Map<string, MockCellStatusBarItemProvider>(),
};

const settings = new Map<string, unknown>();
/** Sets a configuration value, e.g. setSetting('softness.notebook.saveOutputs', false). */
export function setSetting(key: string, value: unknown): void {
  settings.set(key, value);
}

const closeNotebook = new EventEmitter<MockNotebook>();
const grantTrustEmitter = new EventEmitter<void>();
/** Trusts the workspace as the user's "Trust" does: isTrusted becomes true, then onDidGrantWorkspaceTrust fires. */
export function grantTrust(): void {
  workspace.isTrusted = true;
  grantTrustEmitter.fire();
}
/** The event of the workspace events no test fires. */
const noEvent = new EventEmitter<never>().event;

export const workspace = {
  isTrusted: true,
  workspaceFolders: undefined as ReadonlyArray<{ uri: Uri }> | undefined,
  notebookDocuments: [] as readonly MockNotebook[],
  textDocuments: [] as readonly unknown[],
  getConfiguration: (section: string) => {
    const configuration = {
      get: <T>(key: string, fallback?: T): T | undefined =>
        settings.has(`${section}.${key}`) ? (settings.get(`${section}.${key}`) as T) : fallback,
    };
    return configuration satisfies Mirror<typeof configuration, vscode.WorkspaceConfiguration>;
  },
  registerNotebookSerializer: (type: string, serializer: unknown) => {
    recorded.serializers.set(type, serializer);
    return new Disposable();
  },
  onDidCloseNotebookDocument: closeNotebook.event,
  onDidChangeNotebookDocument: noEvent,
  onDidChangeTextDocument: noEvent,
  onDidOpenTextDocument: noEvent,
  onDidCloseTextDocument: noEvent,
  /** Fired by tests through `grantTrust()`. */
  onDidGrantWorkspaceTrust: grantTrustEmitter.event,
  openNotebookDocument: async (..._args: unknown[]): Promise<unknown> => ({}),
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
    const handle = {
      onDidChange: watcher.change.event,
      onDidCreate: watcher.create.event,
      onDidDelete: watcher.remove.event,
      dispose: () => {
        watcher.disposed = true;
      },
    };
    return handle satisfies Mirror<typeof handle, vscode.FileSystemWatcher>;
  },
  fs: {
    readFile: async (uri: Uri) => new Uint8Array(readFileSync(uri.fsPath)),
    writeFile: async (_uri: Uri, _data: Uint8Array) => {},
  },
};
workspace satisfies Mirror<typeof workspace, typeof vscode.workspace>;

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
  registerNotebookCellStatusBarItemProvider: (notebookType: string, provider: MockCellStatusBarItemProvider) => {
    recorded.cellStatusBarProviders.set(notebookType, provider);
    return new Disposable(() => recorded.cellStatusBarProviders.delete(notebookType));
  },
};
notebooks satisfies Mirror<typeof notebooks, typeof vscode.notebooks>;

/** Records a message the extension showed; the stand-in user dismisses it (no item picked). */
const showMessage =
  (level: 'info' | 'warning' | 'error') =>
  async (text: string, ..._items: unknown[]): Promise<undefined> => {
    recorded.messages.push({ level, text });
    return undefined;
  };

export const window = {
  activeNotebookEditor: undefined as { notebook: MockNotebook } | undefined,
  createStatusBarItem: (_alignment?: StatusBarAlignment, _priority?: number) => {
    const state = { text: '', visible: false };
    recorded.statusBarItems.push(state);
    const item = {
      name: '',
      tooltip: '',
      get text() {
        return state.text;
      },
      set text(value: string) {
        state.text = value;
      },
      show: () => {
        state.visible = true;
      },
      hide: () => {
        state.visible = false;
      },
      dispose: () => {
        state.visible = false;
      },
    };
    return item satisfies Mirror<typeof item, vscode.StatusBarItem>;
  },
  showInformationMessage: showMessage('info'),
  showWarningMessage: showMessage('warning'),
  showErrorMessage: showMessage('error'),
  /** Picks the first item. */
  showQuickPick: async <T>(items: readonly T[] | PromiseLike<readonly T[]>): Promise<T | undefined> => (await items)[0],
  showSaveDialog: async (_options?: unknown): Promise<Uri | undefined> => undefined,
  showNotebookDocument: async (notebook: unknown) => notebook,
  showOpenDialog: async (_options?: unknown): Promise<Uri[] | undefined> => undefined,
  registerCustomEditorProvider: (viewType: string, provider: MockCustomEditorProvider, options?: unknown) => {
    recorded.customEditors.set(viewType, { provider, options });
    return new Disposable(() => recorded.customEditors.delete(viewType));
  },
  /** Runs `task` at once with a progress sink that records nothing and a token tests can cancel (`progressToken`). */
  withProgress: async <T>(
    _options: unknown,
    task: (progress: { report(value: unknown): void }, token: CancellationTokenSource['token']) => PromiseLike<T>,
  ): Promise<T> => task({ report: () => {} }, progressToken.token),
};
window satisfies Mirror<typeof window, typeof vscode.window>;

/** The cancellation source behind window.withProgress's token (reset by resetMock). */
export let progressToken = new CancellationTokenSource();

export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}
ProgressLocation satisfies EnumMirror<typeof ProgressLocation, typeof vscode.ProgressLocation>;

export const commands = {
  registerCommand: (id: string, run: (...args: unknown[]) => unknown) => {
    recorded.commands.set(id, run);
    return new Disposable(() => recorded.commands.delete(id));
  },
  executeCommand: async (id: string, ...args: unknown[]) => recorded.commands.get(id)?.(...args),
};
commands satisfies Mirror<typeof commands, typeof vscode.commands>;

export const languages = {
  createDiagnosticCollection: (name?: string) => {
    const entries = new Map<string, readonly Diagnostic[]>();
    const collection = {
      name,
      /** set(uri, diagnostics), or set(entries) with [uri, diagnostics] pairs, as the API has both. */
      set: (
        uriOrEntries: Uri | ReadonlyArray<readonly [Uri, readonly Diagnostic[] | undefined]>,
        diagnostics?: readonly Diagnostic[] | undefined,
      ) => {
        const pairs = uriOrEntries instanceof Uri ? [[uriOrEntries, diagnostics] as const] : uriOrEntries;
        for (const [uri, list] of pairs) {
          if (list) entries.set(uri.toString(), list);
          else entries.delete(uri.toString());
        }
      },
      get: (uri: Uri) => entries.get(uri.toString()),
      delete: (uri: Uri) => {
        entries.delete(uri.toString());
      },
      clear: () => entries.clear(),
      dispose: () => entries.clear(),
    };
    return collection satisfies Mirror<typeof collection, vscode.DiagnosticCollection>;
  },
  registerCompletionItemProvider: (..._args: unknown[]) => new Disposable(),
  registerHoverProvider: (..._args: unknown[]) => new Disposable(),
};
languages satisfies Mirror<typeof languages, typeof vscode.languages>;

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
