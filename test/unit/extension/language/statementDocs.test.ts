import { build } from 'esbuild';
import { evaluateStatementDocs, statementDocsPlugin } from '../../../../scripts/statementDocsPlugin.mjs';
import { describe, expect, it } from 'vitest';
import { statements } from '../../../../src/core/lang/registry';
import { findStatementDoc, statementList } from '../../../../src/extension/language/statementIndex';

describe('statement docs for the editor', () => {
  it('match the registry statement by statement, parameter by parameter', () => {
    expect(statementList.map((d) => d.verb)).toEqual(statements.map((s) => s.doc.verb));
    for (const s of statements) {
      const doc = findStatementDoc(s.doc.verb);
      expect(doc?.params.map(({ typeLabel: _, ...p }) => p)).toEqual(s.doc.params);
      expect(doc?.summary).toBe(s.doc.summary);
    }
    expect(findStatementDoc('rearrangements')?.params.find((p) => p.name === 'method')?.typeLabel).toBe('pHop | d2min');
    expect(findStatementDoc('nonsense')).toBeUndefined();
  });

  it('reach the extension host bundle whole: the JSON evaluated at build time is the registry docs', async () => {
    expect(JSON.parse(await evaluateStatementDocs())).toEqual(statements.map((s) => s.doc));
  });

  it('keep the engine out of the extension host: the language bundle needs only vscode and node:path', async () => {
    const result = await build({
      entryPoints: ['src/extension/language/register.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['vscode'],
      write: false,
      metafile: true,
      logLevel: 'silent',
      // As in scripts/build.mjs: the docs as JSON instead of the registry.
      plugins: [statementDocsPlugin()],
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((f) => f.includes('node_modules') || f.includes('statements/'))).toEqual([]);
    const requires = [...new Set(result.outputFiles[0].text.match(/require\("[^"]+"\)/g))].sort();
    expect(requires).toEqual(['require("node:path")', 'require("vscode")']);
    expect(result.outputFiles[0].contents.length).toBeLessThan(200_000);
  });
});
