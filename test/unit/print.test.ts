// Printing (core/print/job.ts, print.report, electron/print.ts): the job is the preview's PDF bytes with A4, no scaling, the page ranges and copies; the shell loads exactly those bytes into a hidden window and calls webContents.print with those options.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../core/api/contract';
import { loadSample } from '../../core/model/report';
import { pdfPageCount, printJobOf, type PrintJob } from '../../core/print/job';
import { printPdf, type PrintWindowConstructor } from '../../electron/print';
import { UserFacingError } from '../../core/files/errors';
import { fakeElectronSource } from '../helpers/fake-electron';
import { pdfInfo } from '../helpers/pdf';
import { createTestRuntime } from '../helpers/runtime';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bc766-print-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function ok<T>(res: ApiResult<unknown>): T {
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.result as T;
}

describe('the print job (core)', () => {
  it('prints the preview PDF as it is: same bytes, A4, no margins added, 100 %, system dialog, ranges and copies', async () => {
    const jobs: PrintJob[] = [];
    const rt = createTestRuntime(join(dir, 'lib1', 'library'), undefined, undefined, {
      printer: { print: async (job) => (jobs.push(job), { printed: true }) },
    });
    const report = loadSample();
    const { pdf } = ok<{ pdf: Uint8Array }>(await rt.invoke('export.pdfPreview', { report, mode: 'final' }));
    const res = ok<{ printed: boolean }>(await rt.invoke('print.report', { report, mode: 'final', print: { pageRanges: [{ from: 2, to: 3 }, { from: 5, to: 5 }], copies: 3 } }));
    expect(res.printed).toBe(true);
    expect(jobs).toHaveLength(1);
    const job = jobs[0]!;
    // The PDF bytes are the preview's, byte for byte, apart from the creation time (metadata, XMP, file /ID).
    const strip = (b: Uint8Array) =>
      Buffer.from(b)
        .toString('latin1')
        .replace(/\(D:\d+Z\)/g, '')
        .replace(/<xmp:CreateDate>[^<]*</g, '')
        .replace(/\/ID \[[^\]]*\]/g, '');
    expect(strip(job.pdf)).toBe(strip(pdf));
    expect(job.pageCount).toBe(Number((await pdfInfo(pdf))['Pages']));
    expect(job.options).toEqual({
      silent: false,
      printBackground: true,
      pageSize: 'A4',
      landscape: false,
      scaleFactor: 100,
      margins: { marginType: 'none' },
      copies: 3,
      collate: true,
      pageRanges: [
        { from: 1, to: 2 },
        { from: 4, to: 4 },
      ],
    });
  });

  it('prints every page once by default, and refuses pages beyond the last one in Vietnamese', async () => {
    const pdf = (await import('../../core/pdf/render')).renderReportPdfSync(loadSample(), {
      mode: 'draft',
      fonts: (await import('../../core/pdf/fonts')).loadFontsSync(),
    });
    const pages = pdfPageCount(pdf);
    expect(pages).toBe(Number((await pdfInfo(pdf))['Pages']));
    const job = printJobOf(pdf);
    expect(job.options.copies).toBe(1);
    expect(job.options.pageRanges).toBeUndefined();
    expect(() => printJobOf(pdf, { pageRanges: [{ from: pages, to: pages + 1 }] })).toThrow(`Báo cáo chỉ có ${pages} trang`);
    const rt = createTestRuntime(join(dir, 'lib2', 'library'), undefined, undefined, { printer: { print: async () => ({ printed: true }) } });
    const res = await rt.invoke('print.report', { report: loadSample(), print: { pageRanges: [{ from: 40, to: 41 }] } });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('PRINT_RANGE');
      expect(res.error.message).toContain('không in được trang 40–41');
    }
  });

  it('says clearly that printing needs the desktop app when there is no printer', async () => {
    const rt = createTestRuntime(join(dir, 'lib3', 'library'));
    const res = await rt.invoke('print.report', { report: loadSample() });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('PRINT_UNAVAILABLE');
  });
});

describe('the shell part (electron/print.ts) against the fake electron', () => {
  interface Fake {
    windows: { options: { webPreferences: Record<string, unknown>; show: boolean }; url: string; destroyed: boolean }[];
    printed?: { options: unknown; url: string }[];
    onPrint?: (options: unknown, url: string) => [boolean, string];
  }
  let fake: Fake;
  let BrowserWindow: PrintWindowConstructor;

  beforeAll(async () => {
    fake = { windows: [] };
    (globalThis as Record<string, unknown>)['__fakePrint'] = fake;
    const file = join(dir, 'fake-electron.mjs');
    await writeFile(file, fakeElectronSource('__fakePrint'));
    BrowserWindow = (await import(pathToFileURL(file).href)).BrowserWindow as PrintWindowConstructor;
  });

  it('loads exactly the job PDF into a hidden sandboxed window, prints it with the job options, then cleans up', async () => {
    const pdf = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Page >> endobj\n%%EOF\n', 'latin1'));
    const job = printJobOf(pdf, { copies: 2, pageRanges: [{ from: 1, to: 1 }] });
    const temp = join(dir, 'temp');
    await mkdir(temp, { recursive: true });
    let seen: Buffer | null = null;
    fake.onPrint = (_options, url) => {
      // The print dialog is asked while the page is loaded: the file it shows holds the job's bytes.
      seen = readFileSync(fileURLToPath(url));
      return [true, ''];
    };
    const res = await printPdf({ BrowserWindow, tempDir: temp }, job);
    expect(res).toEqual({ printed: true });
    expect(seen).not.toBeNull();
    expect(Buffer.compare(seen!, Buffer.from(pdf))).toBe(0);
    expect(fake.printed!.at(-1)!.options).toEqual(job.options);
    const w = fake.windows.at(-1)!;
    expect(w.options.show).toBe(false);
    expect(w.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true });
    expect(w.url.startsWith('file:')).toBe(true);
    // The window is gone and the temporary copy deleted.
    expect(w.destroyed).toBe(true);
    expect(await readdir(temp)).toEqual([]);
  });

  it('reports a cancelled dialog as not printed and a printer failure as a Vietnamese message', async () => {
    const pdf = new Uint8Array(Buffer.from('%PDF-1.7\n%%EOF\n', 'latin1'));
    const temp = join(dir, 'temp2');
    await mkdir(temp, { recursive: true });
    fake.onPrint = () => [false, 'Print job canceled'];
    expect(await printPdf({ BrowserWindow, tempDir: temp }, printJobOf(pdf))).toEqual({ printed: false });
    fake.onPrint = () => [false, 'Print job failed'];
    const err = await printPdf({ BrowserWindow, tempDir: temp }, printJobOf(pdf)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).message).toContain('Không in được báo cáo');
    expect(await readdir(temp)).toEqual([]);
  });
});
