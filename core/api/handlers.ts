// The handler map implementing every call of the API contract with the core (pure Node: no electron, shared by main, harness and tests).
import { UserFacingError } from '../files/errors';
import type { ReportLibrary } from '../library/library';
import type { SettingsService } from '../library/settings-store';
import type { Report } from '../model/schema';
import type { AppInfo, CallName, CallResult, ParsedArgs } from './contract';
import type { Emit, JobRegistry, NoticeHub, PathGrants } from './runtime';

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

/** Document writers; a missing one makes its call fail with NOT_AVAILABLE. */
export interface Exporters {
  pdf?: (report: Report, path: string, ctx: CallContext) => Promise<void>;
  pdfBytes?: (report: Report) => Promise<Uint8Array>;
  xlsx?: (report: Report, path: string, ctx: CallContext) => Promise<void>;
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
  exporters?: Exporters;
  /** Sends events (for notices after startup). */
  emit?: Emit;
  /** The renderer finished saving after an `app.flushRequest`. */
  onFlushed?: (requestId: string) => void;
}

function notAvailable(what: string): UserFacingError {
  return new UserFacingError('NOT_AVAILABLE', `Chức năng ${what} chưa có trong phiên bản này của ứng dụng.`);
}

/** Builds the handler map; each handler calls one core function. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { library, settings, jobs, notices, dialogs, grants } = deps;
  const checkPath = (p: string) => grants?.check(p);
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
      checkPath(folder);
      return library.backup(folder, ctx);
    },
    'library.restoreBackup': ({ folder }, ctx) => {
      checkPath(folder);
      return library.restoreBackup(folder, ctx);
    },
    'library.addSample': () => library.addSample(),

    'report.save': ({ id, revision, report }) => library.save(id, revision, report),

    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),

    'dialog.openFile': async (args) => {
      const res = await dialogs.openFile(args);
      for (const p of res.paths) grants?.grant(p);
      return res;
    },
    'dialog.saveFile': async (args) => {
      const res = await dialogs.saveFile(args);
      if (res.path) grants?.grant(res.path);
      return res;
    },
    'dialog.chooseFolder': async (args) => {
      const res = await dialogs.chooseFolder(args);
      if (res.path) grants?.grant(res.path);
      return res;
    },

    'export.pdf': async ({ report, path }, ctx) => {
      checkPath(path);
      if (!deps.exporters?.pdf) throw notAvailable('xuất PDF');
      await deps.exporters.pdf(report, path, ctx);
      return { path };
    },
    'export.pdfPreview': async ({ report }) => {
      if (!deps.exporters?.pdfBytes) throw notAvailable('xem trước');
      return { pdf: await deps.exporters.pdfBytes(report) };
    },
    'export.xlsx': async ({ report, path }, ctx) => {
      checkPath(path);
      if (!deps.exporters?.xlsx) throw notAvailable('xuất Excel');
      await deps.exporters.xlsx(report, path, ctx);
      return { path };
    },

    'job.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
  };
}
