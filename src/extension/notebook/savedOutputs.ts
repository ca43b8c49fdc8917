import { MIME, type OutputItem } from '../../protocol/outputMime';

/**
 * How a cell output item is kept inside a .softnb file: text-like MIME types (text/*, JSON, the
 * notebook error item) as readable UTF-8 `text`, anything else (the binary snapshot) as `base64`.
 */
export type SavedOutputItem = { readonly mime: string; readonly text: string } | { readonly mime: string; readonly base64: string };

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** True for MIME types whose bytes are UTF-8 text (kept readable and diff-friendly in the file). */
function isTextMime(mime: string): boolean {
  return (
    mime.startsWith('text/') ||
    mime.endsWith('json') ||
    mime === 'application/vnd.code.notebook.error' ||
    mime.startsWith('application/vnd.code.notebook.std')
  );
}

/** Serialises one output item (MIME type + bytes) for the notebook file. */
export function saveOutputItem(item: OutputItem): SavedOutputItem {
  if (isTextMime(item.mime)) return { mime: item.mime, text: fromUtf8.decode(item.data) };
  return { mime: item.mime, base64: Buffer.from(item.data.buffer, item.data.byteOffset, item.data.byteLength).toString('base64') };
}

/**
 * The MIME types a notebook file may bring back as outputs: the extension's own (drawn by its
 * renderer, which decodes and checks them), plain text, PNG images (drawn as an <img> of the
 * bytes, no script) and VS Code's error and stdout/stderr items. Anything else in a file (HTML,
 * SVG, JavaScript, another extension's renderer types) could run or fetch content in the output
 * webview of a notebook someone sent, so it is not restored.
 */
export const RESTORABLE_MIMES: ReadonlySet<string> = new Set([
  ...Object.values(MIME),
  'image/png',
  'application/vnd.code.notebook.error',
  'application/vnd.code.notebook.stdout',
  'application/vnd.code.notebook.stderr',
]);

/** Longest MIME type quoted in the note that replaces an output not restored. */
const MAX_QUOTED_MIME = 80;

/**
 * Parses one saved output item back into MIME type + bytes. An item of a type not in
 * RESTORABLE_MIMES becomes a text/plain note naming that type (its data is dropped). Throws Error
 * naming `where` (e.g. "notebook.softnb: cell 3, output 1") when the entry is not a SavedOutputItem.
 */
export function restoreOutputItem(saved: unknown, where: string): OutputItem {
  const entry = saved as Partial<Record<'mime' | 'text' | 'base64', unknown>> | null;
  if (typeof entry !== 'object' || entry === null || typeof entry.mime !== 'string')
    throw new Error(`${where}: an output item needs a string 'mime'`);
  if (!RESTORABLE_MIMES.has(entry.mime)) {
    const quoted = entry.mime.replace(/[^\x20-\x7e]/g, '?').slice(0, MAX_QUOTED_MIME);
    const note = `An output of type ${quoted} was not restored: a softness notebook restores only its own outputs, text and PNG images.`;
    return { mime: MIME.text, data: utf8.encode(note) };
  }
  if (typeof entry.text === 'string') return { mime: entry.mime, data: utf8.encode(entry.text) };
  if (typeof entry.base64 === 'string') return { mime: entry.mime, data: new Uint8Array(Buffer.from(entry.base64, 'base64')) };
  throw new Error(`${where}: an output item needs 'text' or 'base64' data`);
}
