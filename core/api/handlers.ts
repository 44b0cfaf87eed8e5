// The handler map implementing every call of the API contract with the core (pure Node: no electron, shared by main, harness and tests).
import { fillFromAggregate } from '../dossiers/fill';
import { aggregatePeriodOf } from '../dossiers/period';
import { UserFacingError } from '../files/errors';
import { baseNameOf, isWindowsReservedName, RESERVED_NAME_MESSAGE } from '../files/names';
import { withConfirmedAliases } from '../import/patch';
import { buildPreview, type ImportOptions } from '../import/preview';
import { catalogueWithAliases } from '../library/settings';
import { aggregateInWorkers } from '../worker/aggregate-files';
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
import { buildOverview, rulesForReport, simulate, singleChanges, trendFromLibrary, trendReportsFrom, unitTrend } from '../scoring';
import type { AppInfo, CallName, CallResult, ParsedArgs } from './contract';
import type { SmokeStep } from './smoke';
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
  /** `overview`: the optional overview appendix after the official document, its trend from these reports. */
  pdf?: (report: Report, path: string, mode: PdfMode, overview?: { library: readonly Report[] }) => Promise<void>;
  pdfBytes?: (report: Report, mode: PdfMode) => Promise<Uint8Array>;
  docx?: (report: Report, path: string, mode: PdfMode) => Promise<void>;
  xlsx?: (report: Report, path: string, template: boolean, opts?: { overview?: boolean; overviewHistory?: readonly Report[] }) => Promise<void>;
}

/** The core's writers; `fontsDir` is where the packaged app keeps the PDF fonts. */
export function defaultExporters(fontsDir?: string): Required<Exporters> {
  const fonts = fontsDir ? { fontsDir } : {};
  return {
    pdf: async (report, path, mode, overview) => {
      await exportPdfToFile(report, path, { mode, ...fonts, ...(overview ? { overview } : {}) });
    },
    pdfBytes: (report, mode) => renderReportPdf(report, { mode, ...fonts }),
    docx: async (report, path, mode) => {
      await exportDocxToFile(report, path, { mode, ...fonts });
    },
    xlsx: (report, path, template, opts) => writeReportXlsx(report, path, { template, ...opts }),
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
  /** Smoke mode only: the renderer's smoke steps (absent: the call is ignored). */
  onSmokeResult?: (steps: SmokeStep[]) => void;
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

/** Refuses targets naming a line the report's scoring rules do not read (one Vietnamese sentence). */
function checkTargets(report: Report, targets: Record<string, number>): void {
  const known = new Set(rulesForReport(report).map((r) => r.subIndicator));
  const unknown = Object.keys(targets).filter((id) => !known.has(id));
  if (unknown.length) {
    throw new UserFacingError('BAD_ARGS', `Không đặt được mục tiêu cho “${unknown.join('”, “')}”: báo cáo không có chỉ tiêu tính điểm này.`);
  }
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
    'app.smokeResult': ({ steps }) => {
      deps.onSmokeResult?.(steps);
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
    'library.version': ({ id, versionId }) => library.version(id, versionId),
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
    'library.previous': ({ id, period, locality }) => library.previous(id, period, locality),
    'library.addSample': () => library.addSample(),

    'report.save': ({ id, revision, report }) => library.save(id, revision, report),

    'overview.get': async ({ reportId, report }) => {
      const current = report ?? (await library.open(reportId)).report;
      if (current.id !== reportId) throw new UserFacingError('BAD_ARGS', 'Mã báo cáo không khớp với nội dung báo cáo.');
      // The trend comes from the library's (cached) list: no other report is read.
      return { ...buildOverview(current, []), trend: await trendFromLibrary(library, current) };
    },
    'overview.simulate': async ({ reportId, report, targets }) => {
      const current = report ?? (await library.open(reportId)).report;
      if (current.id !== reportId) throw new UserFacingError('BAD_ARGS', 'Mã báo cáo không khớp với nội dung báo cáo.');
      checkTargets(current, targets);
      const changes = singleChanges(current, targets);
      return { estimate: simulate(current, targets), bestChange: changes[0] ?? null, changes };
    },
    'overview.unitTrend': async ({ reportId, unitId, report }) => {
      const current = report ?? (await library.open(reportId)).report;
      if (current.id !== reportId) throw new UserFacingError('BAD_ARGS', 'Mã báo cáo không khớp với nội dung báo cáo.');
      if (!current.units.some((u) => u.id === unitId)) throw new UserFacingError('BAD_ARGS', `Báo cáo không có đơn vị “${unitId}”.`);
      return unitTrend(await trendReportsFrom(library, current), current, unitId);
    },
    'overview.saveScenario': async ({ reportId, revision, targets }) => {
      const opened = await library.open(reportId);
      if (opened.revision !== revision) {
        throw new UserFacingError(
          'STALE_REVISION',
          'Báo cáo đã được lưu từ một cửa sổ hoặc thao tác khác sau khi bạn mở nó, nên mục tiêu không được lưu để không ghi đè. Hãy mở lại báo cáo rồi làm tiếp.',
        );
      }
      checkTargets(opened.report, targets);
      const next = structuredClone(opened.report);
      const scenario = Object.keys(targets).length ? { targets: { ...targets }, savedAt: new Date().toISOString() } : null;
      if (scenario) next.scenario = scenario;
      else delete next.scenario;
      const saved = await library.save(reportId, revision, next);
      return { ...saved, scenario };
    },

    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),
    'settings.addAliases': ({ aliases, units }) => {
      const current = settings.get();
      if (!current.catalogue) return current;
      return settings.set({ catalogue: catalogueWithAliases(current.catalogue, aliases, units ?? []) });
    },

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

    'export.pdf': async ({ report, path, mode, overview }) => {
      checkPath(path, 'write');
      if (overview) await exporters.pdf(report, path, mode ?? 'draft', { library: await trendReportsFrom(library, report) });
      else await exporters.pdf(report, path, mode ?? 'draft');
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
    'export.xlsx': async ({ report, path, template, overview }) => {
      checkPath(path, 'write');
      const extra = overview === true && template !== true ? { overview: true, overviewHistory: await trendReportsFrom(library, report) } : undefined;
      await exporters.xlsx(report, path, template ?? false, extra);
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
    'import.dossiers': async ({ report: given, path, paths: many, mapping, tables, confirmed }, ctx) => {
      const paths = many ?? [path!];
      for (const p of paths) checkPath(p);
      // Names the clerk confirmed are read as other names of their units, and the patch adds them for real.
      const { report, aliases } = withConfirmedAliases(given, confirmed ?? {});
      const options = { period: aggregatePeriodOf(report.period), units: report.units, ...(mapping ? { mapping } : {}) };
      const result = await aggregateInWorkers(workers(), paths, options, inWorker(ctx));
      const filled = fillFromAggregate(report, result, tables ? { tables } : {});
      const patch = aliases.length ? { ...filled, aliases: [...filled.aliases, ...aliases] } : filled;
      if (mapping) {
        // Remembering never makes a finished run fail: a list that cannot be read again keeps the settings as they were.
        const list = await workers()
          .run('rememberMapping', { path: paths[0]!, mapping, list: settings.get().importMappings })
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
