// pdf.js in the renderer: loads the bundled worker once and renders one page of a PDF into a canvas.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PDFDocumentProxy } from 'pdfjs-dist';

let lib: Promise<typeof import('pdfjs-dist')> | null = null;

/** pdf.js, loaded on first use (it is large) with its worker from the app's own files (CSP worker-src 'self'). */
function pdfjs(): Promise<typeof import('pdfjs-dist')> {
  if (!lib) {
    lib = import('pdfjs-dist').then((m) => {
      m.GlobalWorkerOptions.workerSrc = workerUrl;
      return m;
    });
  }
  return lib;
}

/** Opens PDF bytes (nothing is fetched: no fonts, no scripts, no eval). */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const m = await pdfjs();
  return m.getDocument({ data: bytes, isEvalSupported: false, enableXfa: false, useSystemFonts: false, disableAutoFetch: true, disableStream: true }).promise;
}

/** A page being drawn: `promise` settles when done; `cancel` stops it (the promise then rejects). */
export interface PageRender {
  promise: Promise<void>;
  cancel(): void;
}

/** Renders page `n` (1-based) into `canvas` at `scale` CSS pixels per PDF point, sharp on high-density screens. */
export function renderPage(doc: PDFDocumentProxy, n: number, canvas: HTMLCanvasElement, scale: number): PageRender {
  let cancelled = false;
  let task: { cancel(): void } | null = null;
  const promise = (async () => {
    const page = await doc.getPage(n);
    if (cancelled) throw new Error('cancelled');
    const viewport = page.getViewport({ scale });
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = `${Math.floor(viewport.width)}px`;
    canvas.style.height = `${Math.floor(viewport.height)}px`;
    const t = page.render({ canvas, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined });
    task = t;
    await t.promise;
  })();
  return {
    promise,
    cancel: () => {
      cancelled = true;
      task?.cancel();
    },
  };
}
