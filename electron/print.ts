// Printing the report's PDF from the shell: the exact PDF bytes in a hidden window (Chromium's PDF viewer), then webContents.print with the system print dialog.
//
// Why this way: Chromium prints a PDF document page for page at its own size, without the browser's header and
// footer lines, and `webContents.print({ silent: false })` opens the system print dialog (on Windows the
// standard one of the default printer), which honours `pageRanges` and `copies`. Printing from a PDF document
// printed blank pages before Electron 30–32 (electron/electron#30947, fixed by #43309); the app ships Electron 45.
// The job (bytes and options) is built in core (core/print/job.ts); this file only shows it to Electron.
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserFacingError } from '../core/files/errors';
import type { PrintJob } from '../core/api/contract';

/** The parts of Electron's WebContents this file uses. */
export interface PrintContents {
  once(event: 'did-finish-load', listener: () => void): unknown;
  once(event: 'did-fail-load', listener: (event: unknown, code: number, description: string) => void): unknown;
  print(options: PrintJob['options'], callback: (success: boolean, failureReason: string) => void): void;
}

/** The parts of Electron's BrowserWindow this file uses. */
export interface PrintWindow {
  webContents: PrintContents;
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
  destroy?(): void;
  close(): void;
}

export type PrintWindowConstructor = new (options: Record<string, unknown>) => PrintWindow;

export interface PrintDeps {
  BrowserWindow: PrintWindowConstructor;
  /** Folder for the short-lived copy of the PDF (app.getPath('temp')). */
  tempDir: string;
  /** Parent window of the print dialog. */
  parent?: unknown;
}

/** Options of the hidden window: no preload, sandboxed, the PDF viewer plugin on (it draws and prints the PDF). */
export function printWindowOptions(parent?: unknown): Record<string, unknown> {
  return {
    show: false,
    width: 794,
    height: 1123,
    ...(parent ? { parent } : {}),
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true, javascript: true, spellcheck: false },
  };
}

/**
 * Prints `job.pdf` with `job.options` and resolves { printed } (false when the clerk cancelled the dialog). The
 * temporary copy of the PDF and the hidden window are removed in every case.
 */
export async function printPdf(deps: PrintDeps, job: PrintJob): Promise<{ printed: boolean }> {
  const file = join(deps.tempDir, `bao-cao-766-in-${randomUUID()}.pdf`);
  await writeFile(file, job.pdf);
  const win = new deps.BrowserWindow(printWindowOptions(deps.parent));
  try {
    const loaded = new Promise<void>((resolve, reject) => {
      win.webContents.once('did-finish-load', () => resolve());
      win.webContents.once('did-fail-load', (_e, _code, description) => reject(new UserFacingError('PRINT_FAILED', `Không mở được bản in của báo cáo (${description}). Hãy thử lại.`)));
    });
    await win.loadURL(pathToFileURL(file).href);
    await loaded;
    return await new Promise<{ printed: boolean }>((resolve, reject) => {
      win.webContents.print(job.options, (success, reason) => {
        if (success) resolve({ printed: true });
        else if (/cancel/i.test(reason)) resolve({ printed: false });
        else reject(new UserFacingError('PRINT_FAILED', `Không in được báo cáo (${reason || 'lỗi máy in'}). Hãy kiểm tra máy in rồi thử lại.`));
      });
    });
  } finally {
    if (!win.isDestroyed()) (win.destroy ?? win.close).call(win);
    await rm(file, { force: true });
  }
}
