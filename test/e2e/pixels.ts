import type { Locator, Page } from 'playwright-core';

/**
 * Number of distinct colours in a screenshot of `target` (what is really on screen, WebGL
 * included: a WebGL canvas cannot be read back once composited). The PNG is decoded by the
 * workbench page itself (createImageBitmap on a Blob, no URL load, so no CSP applies).
 */
export async function distinctColours(page: Page, target: Locator): Promise<number> {
  const png = await target.screenshot();
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return colours.size;
  }, png.toString('base64'));
}
