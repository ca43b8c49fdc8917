import { describe, expect, it } from 'vitest';
import { modelPreviewHtml } from '../../../src/extension/preview/modelPreviewHtml';
import { pageNonce } from '../../../src/extension/preview/webviewPage';

describe('modelPreviewHtml: the page and its content security policy', () => {
  const html = modelPreviewHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    scriptUri: 'https://x/dist/modelPreview.js',
    styleUri: 'https://x/dist/modelPreview.css',
    nonce: 'abc123',
  });
  const csp = /content="([^"]+)"/.exec(html)![1];
  const directives = Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );

  it('allows nothing by default and only the nonce-tagged bundle as script: no eval, no inline or remote script', () => {
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'nonce-abc123'"]);
    expect(csp).not.toMatch(/unsafe-eval|\*|http:/);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="abc123" src="https://x/dist/modelPreview.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="https://x/dist/modelPreview.css">');
    expect(directives['style-src']).toEqual(['https://file+.vscode-resource.vscode-cdn.net', "'unsafe-inline'"]);
  });

  it('makes a fresh 128-bit nonce per page', () => {
    const a = pageNonce();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(pageNonce()).not.toBe(a);
  });
});
