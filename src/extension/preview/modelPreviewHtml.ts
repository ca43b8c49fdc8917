import { randomBytes } from 'node:crypto';

/**
 * The model preview's page. Content security policy: nothing by default; only the bundled
 * script with this page's nonce (no inline or remote script, no eval — plotly's SVG traces do not
 * need it); styles from the extension's own files, plus inline style attributes, which plotly
 * sets on its SVG elements; images from the extension or data:/blob: (plotly's toImage).
 *
 * @param resources cspSource = webview.cspSource; scriptUri/styleUri = webview URIs of
 *   dist/modelPreview.js and dist/modelPreview.css; nonce = a fresh random token per page.
 */
export function modelPreviewHtml(resources: { cspSource: string; scriptUri: string; styleUri: string; nonce: string }): string {
  const { cspSource, scriptUri, styleUri, nonce } = resources;
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource} 'unsafe-inline'`, `img-src ${cspSource} data: blob:`, `font-src ${cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${styleUri}">
<title>Softness model</title>
</head>
<body>
<main id="model-preview" class="model-preview"><p class="note">Loading the model…</p></main>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>
`;
}

/** A nonce for the CSP: 128 random bits as hex. */
export function makeNonce(): string {
  return randomBytes(16).toString('hex');
}
