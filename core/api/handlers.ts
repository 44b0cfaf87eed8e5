// The handler map implementing every call of the API contract with the core (pure Node: no electron, shared by main, harness and tests).
import { fillFromAggregate } from '../dossiers/fill';
import { aggregatePeriodOf } from '../dossiers/period';
import { UserFacingError } from '../files/errors';
import { baseNameOf, isWindowsReservedName, RESERVED_NAME_MESSAGE } from '../files/names';
import { buildPreview, type ImportOptions } from '../import/preview';
import { sharedWorkerPool, type WorkerPool } from '../worker/pool';
import { checkChosenFiles } from '../import/files';
import { checkDrop } from '../xlsx/limits';
import { exportDocxToFile } from '../docx/export';
import { exportPdfToFile } from '../pdf/export';
import { printJobOf, PrintRangeError, type PrintJob } from '../print/job';
import { renderReportPdf } from '../pdf/render';
import { readPasted } from '../xlsx/paste';
import type { WorkbookData } from '../xlsx/read';
import { writeReportXlsx } from '../xlsx/write';
import type { ReportLibrary } from '../library/library';
import type { SettingsService } from '../library/settings-store';
import type { Report } from '../model/schema';
import type { AppInfo, CallName, CallResult, ParsedArgs } from './contract';
import type { Emit, GrantPurpose, JobRegistry, NoticeHub, PathGrants } from './runtime';

/** What a handler gets besides its validated arguments. */
export interface CallContext {
  /** Aborted when `job.cancel` names this call's jobId. */
  signal?: AbortSignal;
  /** Reports progress of a call started with a jobId (sent as `progress` events). */
  progress?: (done: number, total: number | null, label: string) => void;
}

export type Handler<K extends CallName> = (args: ParsedArgs<K>, ctx: CallContext) => Promise<CallResult<K>> | CallResult<K>;
export type Handlers = { [K in CallName]: Handler<K> };

/** Native dialogs: implemented by electron main, stubbed by the test harness. Paths they return are granted. */
export interface Dialogs {
  openFile(args: ParsedArgs<'dialog.openFile'>): Promise<{ paths: string[] }>;
  saveFile(args: ParsedArgs<'dialog.saveFile'>): Promise<{ path: string | null }>;
  chooseFolder(args: ParsedArgs<'dialog.chooseFolder'>): Promise<{ path: string | null }>;
}

/** Opening files with the system (electron's shell in main; stubbed by the test harness). */
export interface OsShell {
  openPath(path: string): Promise<void>;
  showInFolder(path: string): Promise<void>;
}

type PdfMode = 'draft' | 'final';

/** Document writers (default: the core's PDF and Excel writers); tests may replace them. */
export interface Exporters {
  pdf?: (report: Report, path: string, mode: PdfMode) => Promise<void>;
  pdfBytes?: (report: Report, mode: PdfMode) => Promise<Uint8Array>;
  docx?: (report: Report, path: string, mode: PdfMode) => Promise<void>;
  xlsx?: (report: Report, path: string, template: boolean) => Promise<void>;
}

/** The core's writers; `fontsDir` is where the packaged app keeps the PDF fonts. */
export function defaultExporters(fontsDir?: string): Required<Exporters> {
  const fonts = fontsDir ? { fontsDir } : {};
  return {
    pdf: async (report, path, mode) => {
      await exportPdfToFile(report, path, { mode, ...fonts });
    },
    pdfBytes: (report, mode) => renderReportPdf(report, { mode, ...fonts }),
    docx: async (report, path, mode) => {
      await exportDocxToFile(report, path, { mode, ...fonts });
    },
    xlsx: (report, path, template) => writeReportXlsx(report, path, { template }),
  };
}

/** The shell's printer: prints exactly `job.pdf` with `job.options`; printed false when the clerk cancelled the dialog. */
export interface Printer {
  print(job: PrintJob): Promise<{ printed: boolean }>;
}

export interface HandlerDeps {
  library: ReportLibrary;
  settings: SettingsService;
  jobs: JobRegistry;
  notices: NoticeHub;
  dialogs: Dialogs;
  appInfo: () => AppInfo;
  /** When given, calls taking a path accept only paths a dialog returned. */
  grants?: PathGrants;
  /** Replaces some document writers (default: defaultExporters()). */
  exporters?: Exporters;
  /** Sends events (for notices after startup). */
  emit?: Emit;
  /** Opens files and folders with the system; without it the os.* calls fail with a clear message. */
  shell?: OsShell;
  /** Prints a job through the system print dialog (electron/print.ts in the app); without it print.report fails clearly. */
  printer?: Printer;
  /** The renderer finished saving after an `app.flushRequest`. */
  onFlushed?: (requestId: string) => void;
  /** The threads that read files (default: the process's shared pool); tests pass one with test hooks. */
  workers?: WorkerPool;
}

function importOptions(tableKind: ImportOptions['tableKind'], confirmed: ImportOptions['confirmed'], tableId: string | undefined, newUnits?: string[], ratesAs?: ImportOptions['ratesAs']): ImportOptions {
  return {
    ...(tableKind ? { tableKind } : {}),
    ...(confirmed ? { confirmed } : {}),
    ...(tableId ? { tableId } : {}),
    ...(newUnits?.length ? { newUnits } : {}),
    ...(ratesAs ? { ratesAs } : {}),
  };
}

/** Builds the handler map; each handler calls one core function. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { library, settings, jobs, notices, dialogs, grants } = deps;
  /** Refuses a path no dialog granted for this purpose; `checkPath(p)` is the check of a path read (import). */
  const checkPath = (p: string, purpose: GrantPurpose = 'read') => grants?.check(p, purpose);
  const exporters = { ...defaultExporters(), ...deps.exporters };
  // Files are read in worker threads (core/worker): a hang, a crash or a memory blow-up never reaches this thread.
  const workers = (): WorkerPool => deps.workers ?? sharedWorkerPool();
  const inWorker = (ctx: CallContext) => ({ ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.progress ? { onProgress: ctx.progress } : {}) });
  return {
    'app.info': () => deps.appInfo(),
    'app.notices': () => notices.take(deps.emit ?? null),
    'app.flushed': ({ requestId }) => {
      deps.onFlushed?.(requestId);
      return null;
    },

    'library.list': () => library.list(),
    'library.open': ({ id }) => library.open(id),
    'library.newReport': ({ period, fromId }) => library.newReport(period, fromId),
    'library.duplicate': ({ id }) => library.duplicate(id),
    'library.delete': ({ id }) => library.delete(id),
    'library.recycleList': () => library.recycleList(),
    'library.recycleRestore': ({ recycleId }) => library.recycleRestore(recycleId),
    'library.versions': ({ id }) => library.versions(id),
    'library.restoreVersion': ({ id, versionId }) => library.restoreVersion(id, versionId),
    'library.snapshot': ({ id, reason }) => library.snapshot(id, reason),
    'library.backup': ({ folder }, ctx) => {
      checkPath(folder, 'write');
      return library.backup(folder, ctx);
    },
    'library.restoreBackup': ({ folder }, ctx) => {
      checkPath(folder, 'read');
      return library.restoreBackup(folder, ctx);
    },
    'library.addSample': () => library.addSample(),

    'report.save': ({ id, revision, report, snapshotBefore }) => library.save(id, revision, report, snapshotBefore),

    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),

    'dialog.openFile': async (args) => {
      const res = await dialogs.openFile(args);
      for (const p of res.paths) grants?.grant(p, 'read');
      return res;
    },
    'dialog.saveFile': async (args) => {
      const res = await dialogs.saveFile(args);
      if (res.path && isWindowsReservedName(baseNameOf(res.path))) {
        throw new UserFacingError('RESERVED_NAME', `Tên tệp “${baseNameOf(res.path)}”: ${RESERVED_NAME_MESSAGE}.`);
      }
      if (res.path) grants?.grant(res.path, 'write');
      return res;
    },
    'dialog.chooseFolder': async (args) => {
      const res = await dialogs.chooseFolder(args);
      // The export folder is only remembered in the settings; no call takes it as a path.
      if (res.path && args.purpose !== 'export') grants?.grant(res.path, args.purpose === 'backup' ? 'write' : 'read');
      return res;
    },

    'export.pdf': async ({ report, path, mode }) => {
      checkPath(path, 'write');
      await exporters.pdf(report, path, mode ?? 'draft');
      grants?.grant(path, 'open');
      return { path };
    },
    'export.pdfPreview': async ({ report, mode }) => ({ pdf: await exporters.pdfBytes(report, mode ?? 'draft') }),
    'export.docx': async ({ report, path, mode }) => {
      checkPath(path, 'write');
      await exporters.docx(report, path, mode ?? 'draft');
      grants?.grant(path, 'open');
      return { path };
    },
    'print.report': async ({ report, mode, print }) => {
      if (!deps.printer) throw new UserFacingError('PRINT_UNAVAILABLE', 'Chức năng in chỉ có trong ứng dụng trên máy tính. Hãy xuất PDF rồi in tệp PDF.');
      // The same bytes as the preview shows and export.pdf writes.
      const pdf = await exporters.pdfBytes(report, mode ?? 'draft');
      let job: PrintJob;
      try {
        job = printJobOf(pdf, print ?? {});
      } catch (err) {
        if (err instanceof PrintRangeError) throw new UserFacingError('PRINT_RANGE', err.message);
        throw err;
      }
      return deps.printer.print(job);
    },
    'export.xlsx': async ({ report, path, template }) => {
      checkPath(path, 'write');
      await exporters.xlsx(report, path, template ?? false);
      grants?.grant(path, 'open');
      return { path };
    },

    'import.preview': async ({ report, paths, tableKind, confirmed, tableId, newUnits, ratesAs }, ctx) => {
      for (const p of paths) checkPath(p);
      await checkChosenFiles(paths);
      const sources = paths.map((path) => ({ path }));
      return workers().run('preview', { report, sources, options: importOptions(tableKind, confirmed, tableId, newUnits, ratesAs) }, inWorker(ctx));
    },
    'import.previewDropped': ({ report, files, tableKind, confirmed, tableId, newUnits, ratesAs }, ctx) => {
      checkDrop(files.map((f) => ({ name: f.name, bytes: f.data.byteLength })));
      const sources = files.map((f) => ({ name: f.name, bytes: f.data }));
      return workers().run('preview', { report, sources, options: importOptions(tableKind, confirmed, tableId, newUnits, ratesAs) }, inWorker(ctx));
    },
    'import.pastePreview': ({ report, text, html, tableKind, confirmed, tableId, newUnits, ratesAs }) => {
      const input = { ...(text !== undefined ? { text } : {}), ...(html !== undefined ? { html } : {}) };
      const book: WorkbookData = { fileName: 'Dữ liệu dán', origin: 'paste', sheets: readPasted(input) };
      return buildPreview(report, [book], importOptions(tableKind, confirmed, tableId, newUnits, ratesAs));
    },
    'import.dossierColumns': ({ path, mapping }, ctx) => {
      checkPath(path);
      return workers().run('dossierColumns', { path, ...(mapping ? { mapping } : {}), remembered: settings.get().importMappings }, inWorker(ctx));
    },
    'import.dossiers': async ({ report, path, mapping, tables }, ctx) => {
      checkPath(path);
      const options = { period: aggregatePeriodOf(report.period), units: report.units, ...(mapping ? { mapping } : {}) };
      const result = await workers().run('aggregate', { path, options }, inWorker(ctx));
      const patch = fillFromAggregate(report, result, tables ? { tables } : {});
      if (mapping) {
        // Remembering never makes a finished run fail: a list that cannot be read again keeps the settings as they were.
        const list = await workers()
          .run('rememberMapping', { path, mapping, list: settings.get().importMappings })
          .catch((err: unknown) => {
            if (err instanceof UserFacingError) return null;
            throw err;
          });
        if (list) settings.set({ importMappings: list });
      }
      return { result, patch };
    },

    'os.openPath': async ({ path }) => {
      checkPath(path, 'open');
      if (!deps.shell) throw new UserFacingError('NO_SHELL', 'Không mở được tệp từ ứng dụng. Hãy mở tệp bằng trình quản lý tệp.');
      await deps.shell.openPath(path);
      return null;
    },
    'os.showInFolder': async ({ path }) => {
      checkPath(path, 'open');
      if (!deps.shell) throw new UserFacingError('NO_SHELL', 'Không mở được thư mục từ ứng dụng. Hãy mở thư mục bằng trình quản lý tệp.');
      await deps.shell.showInFolder(path);
      return null;
    },

    'job.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
  };
}
