import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** What differs between the custom editors' pages. */
export interface WebviewPage {
  /** Bundle name: the page loads dist/<bundle>.js and dist/<bundle>.css. */
  readonly bundle: string;
  /** Document title. */
  readonly title: string;
  /** id (and class) of the <main> element the script fills, and the text shown until it does. */
  readonly rootId: string;
  readonly loading: string;
}

/**
 * The page of a custom editor webview. Content security policy: nothing by default; scripts
 * only the bundled script carrying this page's nonce (no inline or remote script, no eval: three.js
 * needs none and plotly's strict bundle is precompiled); styles from the extension's own files,
 * plus 'unsafe-inline' because plotly writes style attributes and a <style> element of its own
 * (measured in the trajectory preview's browser test: without it chromium blocks them; inline
 * styles cannot run code); images from the extension or data:/blob: (plotly's toImage). No
 * remote content.
 *
 * @param resources cspSource = webview.cspSource; scriptUri/styleUri = webview URIs of the
 *   bundle's .js and .css; nonce = a fresh random token per page (pageNonce).
 */
export function webviewPageHtml(
  resources: { cspSource: string; scriptUri: string; styleUri: string; nonce: string },
  page: Omit<WebviewPage, 'bundle'>,
): string {
  const { cspSource, scriptUri, styleUri, nonce } = resources;
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${styleUri}">
<title>${page.title}</title>
</head>
<body>
<main id="${page.rootId}" class="${page.rootId}"><p class="note">${page.loading}</p></main>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>
`;
}

/** A nonce for the CSP: 128 random bits as hex, new for every page. */
export function pageNonce(): string {
  return randomBytes(16).toString('hex');
}

/** Enables scripts (local resources only from `dist`) and sets the page of `page.bundle` in `webview`. */
export function setWebviewPage(webview: vscode.Webview, dist: vscode.Uri, page: WebviewPage): void {
  webview.options = { enableScripts: true, localResourceRoots: [dist] };
  const uri = (ext: string) => webview.asWebviewUri(vscode.Uri.joinPath(dist, `${page.bundle}.${ext}`)).toString();
  webview.html = webviewPageHtml({ cspSource: webview.cspSource, scriptUri: uri('js'), styleUri: uri('css'), nonce: pageNonce() }, page);
}
