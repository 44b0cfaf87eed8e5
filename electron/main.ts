// The Electron main process, kept thin: one hardened window, the app:// protocol, menus, dialogs, and IPC into the core's API.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import ElectronStore from 'electron-store';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../core/api/channels';
import type { ApiEvents, EventName } from '../core/api/contract';
import type { Dialogs } from '../core/api/handlers';
import { createApiRuntime, type ApiRuntime } from '../core/api/node-api';
import { SMOKE_WATCHDOG_EXIT, SMOKE_WATCHDOG_MS, smokeOutPath, type SmokeStep } from '../core/api/smoke';
import { finishSmoke, smokeFolders, smokeTimedOut, type SmokeFolders } from '../core/api/smoke-run';
import { UserFacingError } from '../core/files/errors';
import { menuTemplate } from './menu';
import { printPdf, type PrintWindowConstructor } from './print';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  appResponseHeaders,
  contentTypeFor,
  createSecureWindow,
  hardenSession,
  hardenWebContents,
  isTrustedSender,
  resolveAppFile,
} from './security';
import { initialBounds, stateToSave } from './window-state';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
const RENDERER_ROOT = join(here, '..', 'renderer');
const PRELOAD = join(here, '..', 'preload', 'preload.cjs');
const FLUSH_TIMEOUT_MS = 5000;

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();
// The same id as electron-builder's appId: taskbar grouping and shortcuts on Windows.
app.setAppUserModelId('vn.baocao766.app');

// Smoke mode only with `--smoke-test OUT.json` on the command line: a throwaway user-data folder, exports to a temp folder.
const smokeArg = smokeOutPath(process.argv);
const smoke: SmokeFolders | null = smokeArg && 'out' in smokeArg ? smokeFolders(smokeArg.out) : null;
if (smoke) app.setPath('userData', smoke.userData);

let win: BrowserWindow | null = null;
let runtime: ApiRuntime | null = null;
let pendingFlush: { requestId: string; done: () => void } | null = null;

function emit<E extends EventName>(event: E, payload: ApiEvents[E]): void {
  if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, { event, payload });
}

function electronDialogs(getRuntime: () => ApiRuntime): Dialogs {
  const docs = () => getRuntime().settings.get().exportFolder ?? app.getPath('documents');
  return {
    async openFile({ purpose, multiple }) {
      const filters =
        purpose === 'import'
          ? [
              { name: 'Bảng tính (Excel, CSV, trang web)', extensions: ['xlsx', 'xlsm', 'csv', 'htm', 'html'] },
              { name: 'Tất cả các tệp', extensions: ['*'] },
            ]
          : [{ name: 'Báo cáo (JSON)', extensions: ['json'] }];
      const res = await dialog.showOpenDialog(win!, {
        title: purpose === 'import' ? 'Chọn tệp để nhập' : 'Chọn tệp báo cáo',
        defaultPath: docs(),
        filters,
        properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      });
      return { paths: res.canceled ? [] : res.filePaths };
    },
    async saveFile({ purpose, defaultName }) {
      const filters =
        purpose === 'pdf'
          ? [{ name: 'Tài liệu PDF', extensions: ['pdf'] }]
          : purpose === 'docx'
            ? [{ name: 'Tài liệu Word', extensions: ['docx'] }]
            : purpose === 'xlsx'
            ? [{ name: 'Sổ làm việc Excel', extensions: ['xlsx'] }]
            : [{ name: 'Báo cáo (JSON)', extensions: ['json'] }];
      const res = await dialog.showSaveDialog(win!, {
        title: purpose === 'pdf' ? 'Xuất PDF' : purpose === 'docx' ? 'Xuất Word' : purpose === 'xlsx' ? 'Xuất Excel' : 'Lưu báo cáo',
        defaultPath: join(docs(), defaultName.replace(/[\\/:*?"<>|]/g, '-')),
        filters,
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      });
      if (res.canceled || !res.filePath) return { path: null };
      try {
        getRuntime().settings.set({ exportFolder: dirname(res.filePath) });
      } catch {
        // Remembering the folder is a convenience: a full disk or a newer settings file must not stop the export.
      }
      return { path: res.filePath };
    },
    async chooseFolder({ purpose }) {
      const res = await dialog.showOpenDialog(win!, {
        title:
          purpose === 'backup'
            ? 'Chọn nơi lưu bản sao lưu (ví dụ ổ USB)'
            : purpose === 'restore'
              ? 'Chọn thư mục bản sao lưu'
              : 'Chọn thư mục',
        defaultPath: docs(),
        properties: ['openDirectory', 'createDirectory'],
      });
      return { path: res.canceled ? null : (res.filePaths[0] ?? null) };
    },
  };
}

/** Smoke mode's dialogs: no native dialog; a save lands in the run's export folder (granted like a real answer). */
function smokeDialogs(folders: SmokeFolders): Dialogs {
  return {
    openFile: async () => ({ paths: [] }),
    saveFile: async ({ defaultName }) => ({ path: join(folders.exports, basename(defaultName)) }),
    chooseFolder: async () => ({ path: null }),
  };
}

/**
 * The live window's webPreferences: Electron's (undocumented) getLastWebPreferences when it is there, else the ones the
 * window was created with (the source is said in OUT.json).
 */
function smokeWindowPreferences(): { prefs: Record<string, unknown> | null; source: string } {
  const live = win && !win.isDestroyed() ? (win.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> }).getLastWebPreferences?.() : undefined;
  return live ? { prefs: live, source: 'webContents.getLastWebPreferences()' } : { prefs: createdWebPreferences, source: 'the options the window was created with' };
}
let createdWebPreferences: Record<string, unknown> | null = null;

/** The renderer's smoke steps arrived: add main's checks, write OUT.json, quit with 0 only when every step held. */
async function onSmokeResult(folders: SmokeFolders, steps: SmokeStep[]): Promise<void> {
  if (smokeWatchdog) clearTimeout(smokeWatchdog);
  let code: number;
  try {
    code = await finishSmoke(folders, smokeWindowPreferences(), steps);
  } catch (err) {
    await logError('smoke', err);
    code = 1;
  }
  app.exit(code);
}

function createRuntime(): ApiRuntime {
  const userData = app.getPath('userData');
  const rt: ApiRuntime = createApiRuntime({
    libraryFolder: join(userData, 'library'),
    settingsFile: join(userData, 'settings.json'),
    createSettingsStore: () => {
      try {
        return new ElectronStore<Record<string, unknown>>({ name: 'settings', accessPropertiesByDotNotation: false, clearInvalidConfig: false });
      } finally {
        // electron-store answers a renderer-side store over IPC without checking the sender; the renderer has no store,
        // so that listener goes (also when the store failed to open): every IPC message main answers is sender-checked.
        ipcMain.removeAllListeners('electron-store-get-data');
      }
    },
    dialogs: smoke ? smokeDialogs(smoke) : electronDialogs(() => rt),
    shell: {
      openPath: async (path) => {
        const err = await shell.openPath(path);
        if (err) throw new UserFacingError('OPEN_FAILED', `Không mở được tệp ${path}. Hãy mở tệp bằng trình quản lý tệp.`);
      },
      showInFolder: async (path) => shell.showItemInFolder(path),
    },
    printer: {
      print: (job) => printPdf({ BrowserWindow: BrowserWindow as unknown as PrintWindowConstructor, tempDir: app.getPath('temp'), ...(win ? { parent: win } : {}) }, job),
    },
    appInfo: {
      name: 'Báo cáo 766',
      version: app.getVersion(),
      electron: process.versions.electron ?? null,
      platform: process.platform,
      packaged: app.isPackaged,
    },
    fontsDir: join(app.getAppPath(), 'assets', 'fonts'),
    emit,
    enforceGrants: true,
    onFlushed: (requestId) => {
      if (pendingFlush?.requestId === requestId) pendingFlush.done();
    },
    onInternalError: (name, err) => void logError(`API ${name}`, err),
    ...(smoke ? { onSmokeResult: (steps: SmokeStep[]) => void onSmokeResult(smoke, steps) } : {}),
  });
  return rt;
}

/** Unexpected errors (bugs) go to <userData>/logs/main.log for support; the clerk saw a plain Vietnamese sentence. */
async function logError(where: string, err: unknown): Promise<void> {
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  console.error(`[${where}]`, text);
  try {
    const dir = join(app.getPath('userData'), 'logs');
    await mkdir(dir, { recursive: true });
    await appendFile(join(dir, 'main.log'), `${new Date().toISOString()} ${where}: ${text}\n`);
  } catch {
    // Logging must never break the app.
  }
}

async function serveAppFile(request: Request): Promise<Response> {
  const notFound = () => new Response('Không tìm thấy', { status: 404, headers: appResponseHeaders('text/plain; charset=utf-8') });
  const file = request.method === 'GET' ? resolveAppFile(request.url, RENDERER_ROOT) : null;
  if (!file) return notFound();
  try {
    return new Response(await readFile(file), { headers: appResponseHeaders(contentTypeFor(file)) });
  } catch {
    return notFound();
  }
}

function createWindow(rt: ApiRuntime): BrowserWindow {
  const saved = rt.settings.get().window;
  const bounds = initialBounds(
    saved,
    [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea),
  );
  const w = createSecureWindow(
    smoke
      ? class extends BrowserWindow {
          // Smoke mode remembers the settings the window was made with (the fallback of smokeWindowPreferences).
          constructor(options: ConstructorParameters<typeof BrowserWindow>[0]) {
            super(options);
            createdWebPreferences = { ...options?.webPreferences };
          }
        }
      : BrowserWindow,
    { ...bounds, minWidth: 800, minHeight: 560, show: false, title: 'Báo cáo 766', backgroundColor: '#ffffff' },
    PRELOAD,
    !app.isPackaged,
  );
  if (saved.maximized) w.maximize();
  w.once('ready-to-show', () => w.show());

  let flushed = false;
  let closing = false;
  w.on('close', (event) => {
    if (flushed) return;
    // First keep the window open (nothing below may throw before this), then remember its size, then ask for a save.
    event.preventDefault();
    if (closing) return;
    closing = true;
    try {
      rt.settings.set({ window: stateToSave(w.getNormalBounds(), w.isMaximized()) });
    } catch (err) {
      void logError('window state', err);
    }
    // Ask the renderer to save the open report, then close (or close anyway after the timeout).
    const requestId = randomUUID();
    const done = () => {
      if (flushed) return;
      flushed = true;
      pendingFlush = null;
      if (!w.isDestroyed()) w.close();
    };
    pendingFlush = { requestId, done };
    emit('app.flushRequest', { requestId });
    setTimeout(done, FLUSH_TIMEOUT_MS);
  });
  w.on('closed', () => {
    if (win === w) win = null;
  });
  void w.loadURL(smoke ? `${APP_ENTRY_URL}?smoke=1&dir=${encodeURIComponent(smoke.exports)}` : APP_ENTRY_URL);
  return w;
}

async function onReady(): Promise<void> {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, serveAppFile);
  const rt = createRuntime();
  runtime = rt;

  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, name: unknown, args: unknown) => {
    const frame = event.senderFrame;
    const trusted =
      win !== null && event.sender === win.webContents && frame !== null && isTrustedSender(frame.url, frame === event.sender.mainFrame);
    if (!trusted) {
      return { ok: false, error: { code: 'UNTRUSTED_SENDER', message: 'Yêu cầu không đến từ cửa sổ của ứng dụng nên bị từ chối.' } };
    }
    return rt.invoke(name, args);
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        send: (command) => emit('menu', { command }),
        openDataFolder: () => void shell.openPath(rt.library.folder),
        quit: () => app.quit(),
        dev: !app.isPackaged,
      }),
    ),
  );

  if (!existsSync(join(RENDERER_ROOT, 'index.html'))) {
    dialog.showErrorBox(
      'Báo cáo 766',
      `Không tìm thấy giao diện của ứng dụng (${join(RENDERER_ROOT, 'index.html')}). Hãy chạy “npm start” để dựng lại ứng dụng.`,
    );
  }
  win = createWindow(rt);
}

let smokeWatchdog: ReturnType<typeof setTimeout> | null = null;
if (smokeArg && 'error' in smokeArg) {
  console.error(smokeArg.error);
  app.exit(1);
} else if (!smoke && !app.requestSingleInstanceLock()) {
  // Smoke mode runs beside an open app (its own user-data folder), so it does not take the single-instance lock.
  app.quit();
} else {
  if (smoke) {
    smokeWatchdog = setTimeout(() => {
      void smokeTimedOut(smoke, SMOKE_WATCHDOG_MS).finally(() => app.exit(SMOKE_WATCHDOG_EXIT));
    }, SMOKE_WATCHDOG_MS);
  }
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (!win && runtime) win = createWindow(runtime);
  });
  app.whenReady().then(onReady).catch(async (err: unknown) => {
    await logError('startup', err);
    dialog.showErrorBox(
      'Báo cáo 766',
      err instanceof UserFacingError
        ? err.message
        : 'Ứng dụng không khởi động được. Hãy mở lại; nếu vẫn lỗi, hãy gửi tệp logs/main.log trong thư mục dữ liệu cho người hỗ trợ.',
    );
    app.exit(1);
  });
}
