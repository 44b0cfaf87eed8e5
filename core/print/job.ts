// A print job of the report: the official PDF's bytes and the options that print exactly its pages (A4, no scaling, no browser headers or footers), with the preview's page range and copies.
import type { PrintRequest } from './request';

export { PrintRequestSchema, type PrintRequest } from './request';

/**
 * The options handed to Electron's `webContents.print` (see README "In báo cáo"): the system print dialog
 * (`silent: false`), A4, no margins added and 100 % scale (the PDF already carries the document's margins), the
 * page ranges 0-based as Electron takes them, the copies. Chromium prints a PDF without its own headers or footers.
 */
export interface PrintOptions {
  silent: false;
  printBackground: true;
  pageSize: 'A4';
  landscape: false;
  scaleFactor: 100;
  margins: { marginType: 'none' };
  copies: number;
  collate: true;
  pageRanges?: { from: number; to: number }[];
}

/** What the shell prints: these exact PDF bytes, with these options. */
export interface PrintJob {
  pdf: Uint8Array;
  pageCount: number;
  options: PrintOptions;
}

/** Pages of a PDF made by the app's writer (each page object carries "/Type /Page"). */
export function pdfPageCount(pdf: Uint8Array): number {
  const text = new TextDecoder('latin1').decode(pdf);
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

export class PrintRangeError extends Error {}

/**
 * Builds the job from the PDF bytes and the clerk's choices. Ranges beyond the last page are refused with a clear
 * Vietnamese message (PrintRangeError) rather than printing nothing.
 */
export function printJobOf(pdf: Uint8Array, request: PrintRequest = {}): PrintJob {
  const pageCount = pdfPageCount(pdf);
  const ranges = request.pageRanges ?? [];
  for (const r of ranges) {
    if (r.to > pageCount) throw new PrintRangeError(`Báo cáo chỉ có ${pageCount} trang; không in được trang ${r.from === r.to ? r.from : `${r.from}–${r.to}`}.`);
  }
  const options: PrintOptions = {
    silent: false,
    printBackground: true,
    pageSize: 'A4',
    landscape: false,
    scaleFactor: 100,
    margins: { marginType: 'none' },
    copies: request.copies ?? 1,
    collate: true,
    ...(ranges.length > 0 ? { pageRanges: ranges.map((r) => ({ from: r.from - 1, to: r.to - 1 })) } : {}),
  };
  return { pdf, pageCount, options };
}
