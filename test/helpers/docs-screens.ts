// Small PNG copies of the walk's screenshots for docs/screens/ (linked from the README): the page's screenshot scaled
// down in a blank Chromium page (canvas, high-quality smoothing) until it is under the size limit. Written only when
// UPDATE_SCREENS=1, so an ordinary test run never changes the committed files.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO } from './browser';

export const DOCS_SCREENS = join(REPO, 'docs/screens');
export const DOCS_SCREEN_MAX_BYTES = 150_000;
/** Shades are rounded to multiples of this (of 255) before encoding. */
const POSTERISE_STEP = 12;

export function docsScreensWanted(): boolean {
  return process.env.UPDATE_SCREENS === '1';
}

/** Scales a PNG by `scale` (and further until under `maxBytes`) in Chromium; returns the new PNG's bytes. */
export async function shrinkPng(browser: Browser, png: Buffer, scale = 0.85, maxBytes = DOCS_SCREEN_MAX_BYTES): Promise<Buffer> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let s = scale;
    for (;;) {
      // A string script: this file is compiled without the DOM library.
      const b64 = (await page.evaluate(`(async () => {
        const bin = atob(${JSON.stringify(png.toString('base64'))});
        const data = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
        const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
        const w = Math.round(bitmap.width * ${s}), h = Math.round(bitmap.height * ${s});
        const canvas = new OffscreenCanvas(w, h);
        const ctx = canvas.getContext('2d');
        ctx.imageSmoothingEnabled = true;
        ctx.imageSmoothingQuality = 'high';
        ctx.drawImage(bitmap, 0, 0, w, h);
        // Fewer shades per channel (posterise): the smoothing's near-equal colours then compress far better in PNG.
        const img = ctx.getImageData(0, 0, w, h);
        const px = img.data;
        for (let i = 0; i < px.length; i += 4) {
          for (let c = 0; c < 3; c++) px[i + c] = Math.min(255, Math.round(px[i + c] / ${POSTERISE_STEP}) * ${POSTERISE_STEP});
        }
        ctx.putImageData(img, 0, 0);
        const blob = await canvas.convertToBlob({ type: 'image/png' });
        const url = await new Promise((ok) => { const r = new FileReader(); r.onload = () => ok(r.result); r.readAsDataURL(blob); });
        return url.slice(url.indexOf(',') + 1);
      })()`)) as string;
      const out = Buffer.from(b64, 'base64');
      if (out.length <= maxBytes || s < 0.4) return out;
      s = Math.round((s - 0.05) * 100) / 100;
    }
  } finally {
    await context.close();
  }
}

/** Screenshots the page and, with UPDATE_SCREENS=1, writes a small copy as docs/screens/<name>.png. */
export async function docsScreen(browser: Browser, page: Page, name: string): Promise<void> {
  if (!docsScreensWanted()) return;
  const png = await page.screenshot({ fullPage: false });
  await mkdir(DOCS_SCREENS, { recursive: true });
  await writeFile(join(DOCS_SCREENS, `${name}.png`), await shrinkPng(browser, png));
}
