import { webviewPageHtml, type WebviewPage } from './webviewPage';

/** The model preview's page: dist/modelPreview.js and .css filling <main id="model-preview">. */
export const MODEL_PREVIEW_PAGE: WebviewPage = {
  bundle: 'modelPreview',
  title: 'Softness model',
  rootId: 'model-preview',
  loading: 'Loading the model…',
};

/**
 * The model preview's page HTML (content security policy: see webviewPageHtml).
 *
 * @param resources cspSource = webview.cspSource; scriptUri/styleUri = webview URIs of
 *   dist/modelPreview.js and dist/modelPreview.css; nonce = a fresh random token per page.
 */
export function modelPreviewHtml(resources: { cspSource: string; scriptUri: string; styleUri: string; nonce: string }): string {
  return webviewPageHtml(resources, MODEL_PREVIEW_PAGE);
}
