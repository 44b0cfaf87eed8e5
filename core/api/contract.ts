// The one typed API between the renderer and main: every call's name, argument schema and result type, plus events and cancellation.
//
// The preload bridge, the main-process IPC handlers (electron/main.ts), the pure handler map (core/api/handlers.ts)
// and the browser test harness all derive from the `API` object below. Arguments are validated against these zod
// schemas by `dispatch` (core/api/dispatch.ts) before anything reaches the core. Results are plain data (structured
// clone safe). Calls are only added here, never renamed.
import { z } from 'zod';
import { PeriodSchema, ReportSchema, TableKindSchema, UnitSchema, type Report } from '../model/schema';
import type { AggregateResult } from '../dossiers/aggregator';
import type { DossierColumns } from '../dossiers/columns';
import { DossierMappingSchema, MAX_AGGREGATE_FILES } from '../dossiers/fields';
import type { ImportPatch } from '../import/patch';
import type { OverviewData, OverviewEstimate, SingleChange, UnitTrendPoint } from '../scoring/types';
import type { ImportPreview } from '../import/preview-types';
import { SettingsPatchSchema, type Settings } from '../library/settings';
import { baseNameOf, isWindowsReservedName, RESERVED_NAME_MESSAGE } from '../files/names';
import { PrintRequestSchema } from '../print/request';
/** The print job main's printer receives (the PDF's bytes and the options for webContents.print). */
export type { PrintJob } from '../print/job';
import { EVENT_NAME_LIST, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from './channels';
import { SmokeStepSchema } from './smoke';

/* ------------------------------------------------------------- argument pieces */

/** A report id as stored in the library: letters, digits, dash and underscore (it becomes a file name). */
export const ReportIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,80}$/, 'mã báo cáo không hợp lệ')
  .refine((id) => !isWindowsReservedName(id), RESERVED_NAME_MESSAGE);
/** A version id from `library.versions` (a file name without folders). */
export const VersionIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/, 'mã phiên bản không hợp lệ');
/** A recycle-bin entry id from `library.recycleList`. */
export const RecycleIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,160}$/, 'mã mục trong thùng rác không hợp lệ');
/** A job id chosen by the renderer for a long call, so that it can follow progress and cancel. */
export const JobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'mã tác vụ không hợp lệ');
/**
 * An absolute file or folder path, as returned by a dialog call. Main accepts it only for the purpose it was granted:
 * dialog.openFile and a "restore" folder are read, dialog.saveFile and a "backup" folder are written, and only a file
 * the app exported may be opened (core/api/runtime.ts, PathGrants).
 */
export const PathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'đường dẫn phải là đường dẫn đầy đủ');
/** A path the app writes a document to: its file name must not be a Windows device name (CON, NUL.pdf…). */
export const ExportPathSchema = PathSchema.refine((p) => !isWindowsReservedName(baseNameOf(p)), RESERVED_NAME_MESSAGE);
/** Non-negative revision number of a stored report (0 = never saved). */
export const RevisionSchema = z.number().int().nonnegative();

const NoArgs = z.object({}).strict();

/** 'draft' leaves the document number and the day blank for the clerical office; 'final' prints them. */
export const PdfModeSchema = z.enum(['draft', 'final']);

/** Options shared by the import previews (the clerk's answers in the wizard). */
const ImportOptionsShape = {
  /** The kind of tables whose figure columns are not named by their headers or titles. */
  tableKind: TableKindSchema.optional(),
  /** Unknown unit names the clerk confirmed → unit id; each becomes another name (alias) of that unit. */
  confirmed: z.record(z.string().min(1).max(300), z.string().regex(/^[a-z0-9-]+$/)).optional(),
  /** Paste or import into this one table. */
  tableId: z.string().regex(/^[a-zA-Z0-9-]+$/).optional(),
  /** Unknown unit names the clerk adds to the report as new units ("Thêm đơn vị mới"). */
  newUnits: z.array(z.string().min(1).max(300)).max(500).optional(),
  /** How figures ≤ 1 of rate columns read, per column key (RateColumn.key) or for all. */
  ratesAs: z.union([z.enum(['fraction', 'percent']), z.record(z.string().min(1).max(1000), z.enum(['fraction', 'percent']))]).optional(),
};

/** What-if targets: sub-indicator line id → target rate in % (0–100). */
export const TargetsSchema = z.record(
  z.string().regex(/^[a-z]+\.[A-Za-z0-9]+$/, 'mã chỉ tiêu không hợp lệ'),
  z.number().finite().min(0, 'tỷ lệ mục tiêu phải từ 0 đến 100').max(100, 'tỷ lệ mục tiêu phải từ 0 đến 100'),
);

/* --------------------------------------------------------------- result types */

export interface AppInfo {
  name: string;
  version: string;
  /** Electron version, or null in the test harness and the CLI. */
  electron: string | null;
  platform: string;
  /** The library folder (inside the user data folder in the app). */
  libraryFolder: string;
  /** True in the packaged app. */
  packaged: boolean;
}

// The library's result types live beside the library (core/library/dto.ts); the contract names them for its calls.
export type * from '../library/dto';
import type {
  ReportSummary,
  OpenedReport,
  VersionInfo,
  RecycleEntry,
  SaveResult,
  BackupResult,
  RestoreBackupResult,
  Notice,
} from '../library/dto';

export interface ExportResult {
  path: string;
}

/* ---------------------------------------------------------------- helpers */

/** Declares one call: its argument schema plus (type-only) its result type. */
function call<R>() {
  return <A extends z.ZodType>(args: A, doc: string) => ({ args, doc, result: undefined as unknown as R });
}

/* ------------------------------------------------------------------ the calls */

export const API = {
  'app.info': call<AppInfo>()(NoArgs, 'Name, versions and library folder.'),
  'app.notices': call<Notice[]>()(NoArgs, 'Notices raised before the renderer listened (startup recovery); returns and clears them.'),
  'app.flushed': call<null>()(
    z.object({ requestId: z.string().max(64) }).strict(),
    'The renderer has saved everything after an "app.flushRequest" event; main may close.',
  ),

  'app.smokeResult': call<null>()(
    z.object({ steps: z.array(SmokeStepSchema).max(200) }).strict(),
    'Smoke mode only (--smoke-test): the renderer reports the steps of renderer/smoke.ts; main adds its own checks, writes OUT.json and quits. Outside smoke mode it is ignored.',
  ),

  'library.list': call<ReportSummary[]>()(NoArgs, 'All reports, newest period first.'),
  'library.open': call<OpenedReport>()(z.object({ id: ReportIdSchema }).strict(), 'Reads one report with its revision.'),
  'library.newReport': call<OpenedReport>()(
    z.object({ period: PeriodSchema, fromId: ReportIdSchema.optional() }).strict(),
    "New report of a period from an earlier report's profile and units (default: the newest non-sample report, else the sample), figures blank.",
  ),
  'library.duplicate': call<OpenedReport>()(z.object({ id: ReportIdSchema }).strict(), 'A copy of a report with a new id.'),
  'library.delete': call<RecycleEntry>()(z.object({ id: ReportIdSchema }).strict(), 'Moves a report to the recycle bin.'),
  'library.recycleList': call<RecycleEntry[]>()(NoArgs, 'Reports in the recycle bin, newest deletion first.'),
  'library.recycleRestore': call<ReportSummary>()(
    z.object({ recycleId: RecycleIdSchema }).strict(),
    'Puts a report back from the recycle bin (a new id if its id is taken meanwhile).',
  ),
  'library.versions': call<VersionInfo[]>()(z.object({ id: ReportIdSchema }).strict(), 'Earlier versions of a report, newest first.'),
  'library.version': call<{ versionId: string; takenAt: string; report: Report }>()(
    z.object({ id: ReportIdSchema, versionId: VersionIdSchema }).strict(),
    "One earlier version's report, to compare it with the report now.",
  ),
  'library.restoreVersion': call<OpenedReport>()(
    z.object({ id: ReportIdSchema, versionId: VersionIdSchema }).strict(),
    'Restores an earlier version (after a snapshot of the current one); the result carries the new revision.',
  ),
  'library.snapshot': call<VersionInfo>()(
    z.object({ id: ReportIdSchema, reason: z.enum(['before-import', 'before-restore']) }).strict(),
    'Keeps the stored report as a version now (the renderer calls it before applying an import or paste).',
  ),
  'library.backup': call<BackupResult>()(
    z.object({ folder: PathSchema, jobId: JobIdSchema.optional() }).strict(),
    'Copies the whole library (reports, versions, recycle bin) into a new dated folder inside `folder`.',
  ),
  'library.restoreBackup': call<RestoreBackupResult>()(
    z.object({ folder: PathSchema, jobId: JobIdSchema.optional() }).strict(),
    'Takes reports from a backup folder; a report already in the library is kept as a version first.',
  ),
  'library.previous': call<{ id: string; report: Report } | null>()(
    z.object({ id: ReportIdSchema, period: PeriodSchema, locality: z.string().max(300) }).strict(),
    "The report of the period before `period` for the same locality (not report `id` itself; a real report before the sample), for the comparison beside the figures; null when the library has none.",
  ),
  'library.addSample': call<OpenedReport>()(NoArgs, 'Puts the built-in sample (marked as the sample) back into the library.'),

  'report.save': call<SaveResult>()(
    z
      .object({
        id: ReportIdSchema,
        revision: RevisionSchema,
        report: ReportSchema,
      })
      .strict(),
    'Saves the open report if `revision` is the stored one; else fails with code STALE_REVISION. (The save that applies an import is preceded by library.snapshot.)',
  ),

  'overview.get': call<OverviewData>()(
    z.object({ reportId: ReportIdSchema, report: ReportSchema.optional() }).strict(),
    "The overview of a stored report (or of `report`, the open copy with unsaved edits): official scores and points lost beside the rules' estimates (labelled ước tính), band and gap to the next band, units ranked by total, the best single change, the saved scenario, and the trend of the same issuer over the last 12 periods in the library.",
  ),
  'overview.simulate': call<{ estimate: OverviewEstimate; bestChange: SingleChange | null; changes: SingleChange[] }>()(
    z.object({ reportId: ReportIdSchema, report: ReportSchema.optional(), targets: TargetsSchema }).strict(),
    'What-if: the estimate with target rates applied (official figures unchanged), the projected total, band and gap, and which single change gains most.',
  ),
  'overview.unitTrend': call<UnitTrendPoint[]>()(
    z.object({ reportId: ReportIdSchema, unitId: z.string().regex(/^[a-z0-9-]+$/, 'mã đơn vị không hợp lệ'), report: ReportSchema.optional() }).strict(),
    "One unit's official total and per-unit rates (a number, a status text or null) over the last 12 periods of the same issuer in the library, oldest first (reads those reports).",
  ),
  'overview.saveScenario': call<SaveResult & { scenario: { targets: Record<string, number>; savedAt: string | null } | null }>()(
    z.object({ reportId: ReportIdSchema, revision: RevisionSchema, targets: TargetsSchema }).strict(),
    'Saves the what-if targets with the stored report as its scenario (never as figures; empty targets remove it) if `revision` is the stored one; returns the new revision.',
  ),

  'settings.get': call<Settings>()(NoArgs, 'Current settings.'),
  'settings.set': call<Settings>()(SettingsPatchSchema, 'Changes some top-level settings fields; returns all settings.'),
  'settings.addAliases': call<Settings>()(
    z
      .object({
        aliases: z.array(z.object({ unitId: z.string().regex(/^[a-z0-9-]+$/), alias: z.string().min(1).max(300) }).strict()).max(5000),
        units: z.array(UnitSchema).max(5000).optional(),
      })
      .strict(),
    'Remembers names the clerk confirmed (other names of units) and units the clerk added in the default unit catalogue, so the next months know them; without a catalogue nothing changes (new reports copy the previous report, which holds both). Returns all settings.',
  ),

  'dialog.openFile': call<{ paths: string[] }>()(
    z.object({ purpose: z.enum(['import', 'report']), multiple: z.boolean().optional() }).strict(),
    'Native open dialog; empty list when cancelled.',
  ),
  'dialog.saveFile': call<{ path: string | null }>()(
    z
      .object({
        purpose: z.enum(['pdf', 'docx', 'xlsx', 'report']),
        defaultName: z.string().min(1).max(200).refine((n) => !isWindowsReservedName(n), RESERVED_NAME_MESSAGE),
      })
      .strict(),
    'Native save dialog; null when cancelled.',
  ),
  'dialog.chooseFolder': call<{ path: string | null }>()(
    z.object({ purpose: z.enum(['backup', 'restore', 'export']) }).strict(),
    'Native folder dialog (e.g. a USB stick for backups); null when cancelled.',
  ),

  'export.pdf': call<ExportResult>()(
    z.object({ report: ReportSchema, path: ExportPathSchema, mode: PdfModeSchema.optional(), overview: z.boolean().optional(), jobId: JobIdSchema.optional() }).strict(),
    'Writes the official PDF of the report to `path` (from dialog.saveFile); mode "draft" (default) leaves number and day blank; `overview` adds the overview appendix (estimates labelled, trend from the library) after the official document.',
  ),
  'export.pdfPreview': call<{ pdf: Uint8Array }>()(
    z.object({ report: ReportSchema, mode: PdfModeSchema.optional() }).strict(),
    'The PDF bytes of the report, for the preview screen (nothing is written).',
  ),
  'export.docx': call<ExportResult>()(
    z.object({ report: ReportSchema, path: ExportPathSchema, mode: PdfModeSchema.optional(), jobId: JobIdSchema.optional() }).strict(),
    'Writes the report as an editable Word document (.docx, same content and numbering as the PDF) to `path` (from dialog.saveFile); mode "draft" (default) leaves number and day blank.',
  ),
  'print.report': call<{ printed: boolean }>()(
    z.object({ report: ReportSchema, mode: PdfModeSchema.optional(), print: PrintRequestSchema.optional() }).strict(),
    "Prints the report's PDF (the same bytes as export.pdfPreview) through the system print dialog: A4, no scaling, the page ranges (1-based) and copies given; printed false when the clerk cancelled.",
  ),
  'export.xlsx': call<ExportResult>()(
    z
      .object({ report: ReportSchema, path: ExportPathSchema, template: z.boolean().optional(), overview: z.boolean().optional(), jobId: JobIdSchema.optional() })
      .strict(),
    'Writes the Excel workbook of the report to `path` (from dialog.saveFile); `template` writes the blank import template; `overview` adds the "Tổng quan" sheet (estimates labelled, trend from the library; off by default).',
  ),

  'import.preview': call<ImportPreview>()(
    z.object({ report: ReportSchema, paths: z.array(PathSchema).min(1).max(20), ...ImportOptionsShape, jobId: JobIdSchema.optional() }).strict(),
    'Reads Excel/CSV/HTML files (from dialog.openFile) and returns what was recognised and the patch (old → new) for the given report. Nothing is changed: the renderer takes a library.snapshot, applies the patch (applyPatch) and keeps its inverse for undo.',
  ),
  'import.previewDropped': call<ImportPreview>()(
    z
      .object({
        report: ReportSchema,
        /** Files dropped on the window, read by the renderer (a drop gives no path a dialog granted). */
        files: z
          .array(
            z
              .object({
                name: z.string().min(1).max(255),
                data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= 60 * 1024 * 1024, 'tệp quá lớn (tối đa 60 MB)'),
              })
              .strict(),
          )
          .min(1)
          .max(20),
        ...ImportOptionsShape,
        jobId: JobIdSchema.optional(),
      })
      .strict(),
    'Same as import.preview for files dropped on the window, given as their bytes (per-unit tables; dossier lists go through dialog.openFile).',
  ),
  'import.pastePreview': call<ImportPreview>()(
    z
      .object({
        report: ReportSchema,
        text: z.string().max(50 * 1024 * 1024).optional(),
        html: z.string().max(50 * 1024 * 1024).optional(),
        ...ImportOptionsShape,
      })
      .strict()
      .refine((a) => a.text !== undefined || a.html !== undefined, 'cần nội dung dán (text hoặc html)'),
    'Same as import.preview for pasted clipboard content (tab-separated text or an HTML table).',
  ),
  'import.dossierColumns': call<DossierColumns>()(
    z.object({ path: PathSchema, mapping: DossierMappingSchema.optional(), jobId: JobIdSchema.optional() }).strict(),
    'Reads the first rows of a dossier list (from dialog.openFile) and says which header column holds each field, for the clerk to check or fix before import.dossiers; without `mapping`, the mapping remembered in the settings for this kind of list (its header signature) is applied.',
  ),
  'import.dossiers': call<{ result: AggregateResult; patch: ImportPatch }>()(
    z
      .object({
        report: ReportSchema,
        path: PathSchema.optional(),
        paths: z.array(PathSchema).min(1).max(MAX_AGGREGATE_FILES).optional(),
        mapping: DossierMappingSchema.optional(),
        tables: z.array(TableKindSchema).optional(),
        confirmed: ImportOptionsShape.confirmed,
        jobId: JobIdSchema.optional(),
      })
      .strict()
      .refine((a) => (a.path === undefined) !== (a.paths === undefined), 'cần một tệp (path) hoặc nhiều tệp (paths), không phải cả hai'),
    "Reads a dossier list (danh sách hồ sơ), or several read one after another as one (`paths`: a quarter or a year of monthly lists, from dialog.openFile with multiple), for the report's period, with one progress bar and cancel; returns the per-unit figures and the patch filling blank or status cells (computed figures, never over official ones). A `mapping` given is remembered in the settings for this kind of list after a successful run. Names in `confirmed` (name -> unit id) are read as other names of their units, and the patch adds them as aliases.",
  ),

  'os.openPath': call<null>()(
    z.object({ path: PathSchema }).strict(),
    'Opens a file the app wrote (an export) in its default program (shell.openPath); only a file exported by export.pdf/export.xlsx to a path from dialog.saveFile (grant "open").',
  ),
  'os.showInFolder': call<null>()(
    z.object({ path: PathSchema }).strict(),
    "Shows a file the app wrote in the system's file manager (shell.showItemInFolder); only a file the app exported (grant \"open\").",
  ),

  'job.cancel': call<{ cancelled: boolean }>()(
    z.object({ jobId: JobIdSchema }).strict(),
    'Cancels a long call started with this jobId; it then fails with code CANCELLED.',
  ),
} as const;

/* ------------------------------------------------------------------ derived types */

export type ApiSpec = typeof API;
export type CallName = keyof ApiSpec;
/** What the renderer passes (before validation and defaults). */
export type CallArgs<K extends CallName> = z.input<ApiSpec[K]['args']>;
/** What a handler receives (after validation). */
export type ParsedArgs<K extends CallName> = z.output<ApiSpec[K]['args']>;
export type CallResult<K extends CallName> = ApiSpec[K]['result'];
export type ApiCalls = { [K in CallName]: { args: CallArgs<K>; result: CallResult<K> } };

export const CALL_NAMES = Object.keys(API) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API, name);
}

/** Errors travel as data; `message` is one Vietnamese sentence for the clerk, never a stack trace. */
export interface ApiError {
  /** Stable code: BAD_ARGS, UNKNOWN_CALL, STALE_REVISION, NOT_FOUND, CANCELLED, FILE_LOCKED, INTERNAL… */
  code: string;
  message: string;
}
export type ApiResult<T> = { ok: true; result: T } | { ok: false; error: ApiError };

/* ------------------------------------------------------------------ events from main */

export interface ProgressEvent {
  jobId: string;
  done: number;
  /** null when the total is not known yet. */
  total: number | null;
  /** Vietnamese: "Đang đọc danh sách hồ sơ…" */
  label: string;
}

/** Commands of the native menu, forwarded to the renderer. */
export const MENU_COMMANDS = [
  'newReport',
  'openLibrary',
  'import',
  'paste',
  'exportPdf',
  'exportDocx',
  'print',
  'exportXlsx',
  'preview',
  'backup',
  'restoreBackup',
  'settings',
  'undo',
  'redo',
  'versions',
  'recycle',
  'save',
  'guide',
  'about',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface ApiEvents {
  progress: ProgressEvent;
  'library.changed': { ids: string[] };
  notice: Notice;
  /** Main is about to close: save now, then call `app.flushed({ requestId })`. */
  'app.flushRequest': { requestId: string };
  menu: { command: MenuCommand };
}
export type EventName = keyof ApiEvents;
// Compile-time check that channels.ts lists exactly the events of ApiEvents.
type _SameEvents = [EventName] extends [(typeof EVENT_NAME_LIST)[number]] ? ([(typeof EVENT_NAME_LIST)[number]] extends [EventName] ? true : never) : never;
const _sameEvents: _SameEvents = true;
void _sameEvents;
export const EVENT_NAMES: readonly EventName[] = EVENT_NAME_LIST;

/* ------------------------------------------------------------------ the bridge and the typed client */

/** IPC channel names (main ↔ preload), defined in channels.ts. */
export { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL };

/** What the preload exposes as the renderer's `api` global (and the test harness provides the same shape). */
export interface Bridge {
  invoke<K extends CallName>(name: K, args: CallArgs<K>): Promise<ApiResult<CallResult<K>>>;
  /** Subscribes to an event from main; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

/** The typed client: each call is a function returning its result or rejecting with an ApiCallError. */
export type ApiClient = { [K in CallName]: (args: CallArgs<K>) => Promise<CallResult<K>> };

export class ApiCallError extends Error {
  code: string;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
  }
}

/** Builds the typed client over a bridge: `api['library.list']({})`. */
export function createApiClient(bridge: Pick<Bridge, 'invoke'>): ApiClient {
  const client = {} as Record<CallName, (args: unknown) => Promise<unknown>>;
  for (const name of CALL_NAMES) {
    client[name] = async (args: unknown) => {
      const res = (await bridge.invoke(name, args as never)) as ApiResult<unknown>;
      if (!res.ok) throw new ApiCallError(res.error);
      return res.result;
    };
  }
  return client as unknown as ApiClient;
}
