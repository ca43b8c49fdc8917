import { describe, expect, it } from 'vitest';
import { parseNotebook, serializeNotebook, type NotebookFile } from '../../../src/core/lang/notebookFile';

describe('softnb notebook file', () => {
  const notebook: NotebookFile = {
    format: 'softnb',
    version: 1,
    metadata: { title: 'demo' },
    cells: [
      { kind: 'markdown', language: 'markdown', source: '# Title' },
      { kind: 'code', language: 'softness', source: 'traj = load "a.dump"\nshow traj', outputs: [{ kind: 'text', text: 'x' }] },
    ],
  };

  it('round-trips through serialize/parse', () => {
    expect(parseNotebook(serializeNotebook(notebook))).toEqual(notebook);
  });

  it('joins line arrays and defaults the language', () => {
    const parsed = parseNotebook(
      JSON.stringify({ format: 'softnb', version: 1, cells: [{ kind: 'code', source: ['a = 1\n', 'show a'] }] }),
    );
    expect(parsed.cells[0]).toEqual({ kind: 'code', language: 'softness', source: 'a = 1\nshow a' });
  });

  it('names the file and cell of invalid content', () => {
    expect(() => parseNotebook('{', 'x.softnb')).toThrow(/^x.softnb: not valid JSON/);
    expect(() => parseNotebook('{"format":"ipynb"}', 'x.softnb')).toThrow(/"format": "softnb"/);
    expect(() => parseNotebook('{"format":"softnb","version":2,"cells":[]}', 'x.softnb')).toThrow(/unsupported softnb version 2/);
    expect(() => parseNotebook('{"format":"softnb","version":1,"cells":[{"kind":"code","source":3}]}', 'x.softnb')).toThrow(
      /x.softnb: cell 1: 'source' must be a string/,
    );
    expect(() => parseNotebook('{"format":"softnb","version":1,"cells":[{"kind":"raw","source":""}]}', 'x.softnb')).toThrow(
      /cell 1: 'kind'/,
    );
  });
});
