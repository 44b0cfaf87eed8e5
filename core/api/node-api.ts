// Assembles the whole API over a library folder and a settings store: used by electron main, the browser test harness and tests.
import { ReportLibrary } from '../library/library';
import { openSettings, type KeyValueStore, type SettingsService } from '../library/settings-store';
import { runChecks } from '../rules/checks';
import type { ApiResult, AppInfo, CallArgs, CallName, CallResult } from './contract';
import { dispatch } from './dispatch';
import { createHandlers, defaultExporters, type Dialogs, type Exporters, type Handlers, type OsShell, type Printer } from './handlers';
import { JobRegistry, NoticeHub, PathGrants, type Emit } from './runtime';
import type { WorkerPool } from '../worker/pool';
import type { SmokeStep } from './smoke';

export interface ApiRuntimeOptions {
  /** The library folder (the app passes `<userData>/library`). */
  libraryFolder: string;
  /** Settings file path and a factory for the store that keeps it (electron-store in the app, conf in Node). */
  settingsFile: string;
  createSettingsStore: () => KeyValueStore;
  dialogs: Dialogs;
  /** Opens exported files and their folders (electron's shell in the app). */
  shell?: OsShell;
  /** Prints the report's PDF (electron/print.ts in the app). */
  printer?: Printer;
  appInfo: Omit<AppInfo, 'libraryFolder'>;
  /** Sends events to the renderer (progress, notice, library.changed). */
  emit?: Emit;
  /** Check paths against those returned by dialogs (true in the app). */
  enforceGrants?: boolean;
  exporters?: Exporters;
  /** Folder of the PDF fonts (the packaged app passes its own; default: the repository's assets/fonts). */
  fontsDir?: string;
  onFlushed?: (requestId: string) => void;
  /** Smoke mode only: receives the renderer's smoke steps (app.smokeResult). */
  onSmokeResult?: (steps: SmokeStep[]) => void;
  onInternalError?: (name: string, err: unknown) => void;
  now?: () => Date;
  /** The threads that read files (default: the process's shared pool). */
  workers?: WorkerPool;
}

export interface ApiRuntime {
  library: ReportLibrary;
  settings: SettingsService;
  notices: NoticeHub;
  jobs: JobRegistry;
  handlers: Handlers;
  /** Validates and runs a call from untrusted input (IPC, exposeBinding). */
  invoke(name: unknown, args: unknown): Promise<ApiResult<unknown>>;
  /** Typed convenience for tests and main itself. */
  call<K extends CallName>(name: K, args: CallArgs<K>): Promise<ApiResult<CallResult<K>>>;
}

/** Counts errors and warnings for the library list; a failing rule set never breaks the list. */
function countFindings(report: Parameters<typeof runChecks>[0]) {
  try {
    const findings = runChecks(report);
    return { errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length };
  } catch {
    return null;
  }
}

/** Calls after which the library list may have changed (a `library.changed` event follows their success). */
const CHANGING_CALLS = new Set<string>([
  'library.newReport',
  'library.duplicate',
  'library.delete',
  'library.recycleRestore',
  'library.restoreVersion',
  'library.restoreBackup',
  'library.addSample',
  'report.save',
  'overview.saveScenario',
]);

export function createApiRuntime(opts: ApiRuntimeOptions): ApiRuntime {
  const notices = new NoticeHub();
  const jobs = new JobRegistry();
  const settings = openSettings({ filePath: opts.settingsFile, createStore: opts.createSettingsStore, onNotice: (n) => notices.push(n) });
  const library = new ReportLibrary({
    folder: opts.libraryFolder,
    onNotice: (n) => notices.push(n),
    countFindings,
    defaults: () => {
      const s = settings.get();
      return { profile: s.profile, catalogue: s.catalogue, numberStyle: s.numberStyle, indicatorSet: s.indicatorSet };
    },
    ...(opts.now ? { now: opts.now } : {}),
  });
  const handlers = createHandlers({
    library,
    settings,
    jobs,
    notices,
    dialogs: opts.dialogs,
    appInfo: () => ({ ...opts.appInfo, libraryFolder: library.folder }),
    ...(opts.enforceGrants ? { grants: new PathGrants() } : {}),
    exporters: { ...defaultExporters(opts.fontsDir), ...opts.exporters },
    ...(opts.emit ? { emit: opts.emit } : {}),
    ...(opts.onFlushed ? { onFlushed: opts.onFlushed } : {}),
    ...(opts.onSmokeResult ? { onSmokeResult: opts.onSmokeResult } : {}),
    ...(opts.shell ? { shell: opts.shell } : {}),
    ...(opts.printer ? { printer: opts.printer } : {}),
    ...(opts.workers ? { workers: opts.workers } : {}),
  });
  const dispatchOpts = {
    jobs,
    ...(opts.emit ? { emit: opts.emit } : {}),
    ...(opts.onInternalError ? { onInternalError: opts.onInternalError } : {}),
  };
  const invoke = async (name: unknown, args: unknown) => {
    const res = await dispatch(handlers, name, args, dispatchOpts);
    if (res.ok && opts.emit && typeof name === 'string' && CHANGING_CALLS.has(name)) {
      const ids = new Set<string>();
      const a = args as { id?: unknown; reportId?: unknown } | null;
      const r = res.result as { id?: unknown; reportId?: unknown } | null;
      for (const v of [a?.id, a?.reportId, r?.id, r?.reportId]) if (typeof v === 'string') ids.add(v);
      opts.emit('library.changed', { ids: [...ids] });
    }
    return res;
  };
  return {
    library,
    settings,
    notices,
    jobs,
    handlers,
    invoke,
    call: (name, args) => invoke(name, args) as never,
  };
}
