// A recording stand-in for the `electron` module, so tests can bundle and run electron/main.ts without the Electron binary.

/** The fake electron module's source: records everything main does in `globalThis[globalName]`. */
export function fakeElectronSource(globalName = '__fake'): string {
  return `
const fake = globalThis[${JSON.stringify(globalName)}];
class Emitter {
  constructor() { this.listeners = new Map(); }
  on(ev, fn) { (this.listeners.get(ev) ?? this.listeners.set(ev, []).get(ev)).push(fn); return this; }
  once(ev, fn) { return this.on(ev, fn); }
  emit(ev, ...args) { for (const fn of this.listeners.get(ev) ?? []) fn(...args); }
}
export const app = Object.assign(new Emitter(), {
  isPackaged: false,
  enableSandbox() { fake.sandboxEnabled = true; },
  setAppUserModelId(id) { fake.appUserModelId = id; },
  requestSingleInstanceLock() { return true; },
  whenReady() { return Promise.resolve(); },
  getPath(name) { return fake.paths[name] ?? fake.paths.userData; },
  setPath(name, value) { fake.paths[name] = value; },
  getAppPath() { return fake.appPath; },
  getVersion() { return '0.1.0'; },
  getName() { return 'bao-cao-766'; },
  quit() { fake.quitCalled = true; },
  exit(code) { fake.exitCode = code; },
});
export const protocol = {
  registerSchemesAsPrivileged(list) { fake.schemes = list; },
  handle(scheme, fn) { fake.protocols.set(scheme, fn); },
};
export const ipcMain = {
  handle(channel, fn) { fake.ipcHandlers.set(channel, fn); },
  on(channel, fn) { fake.ipcListeners.set(channel, fn); },
  removeAllListeners(channel) { fake.ipcListeners.delete(channel); },
};
export const session = { defaultSession: {
  setPermissionRequestHandler(h) { fake.permissionRequestHandler = h; },
  setPermissionCheckHandler(h) { fake.permissionCheckHandler = h; },
} };
export const Menu = { buildFromTemplate(t) { return t; }, setApplicationMenu(m) { fake.menu = m; } };
export const screen = {
  getPrimaryDisplay() { return { workArea: { x: 0, y: 0, width: 1920, height: 1040 } }; },
  getAllDisplays() { return [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]; },
};
export const dialog = {
  showErrorBox(title, text) { fake.errorBoxes.push(text); },
  async showOpenDialog() { return { canceled: false, filePaths: [fake.paths.documents] }; },
  async showSaveDialog() { return { canceled: true }; },
};
export const shell = { async openPath(p) { fake.opened.push(p); return ''; } };
export class BrowserWindow extends Emitter {
  constructor(options) {
    super();
    this.options = options;
    this.destroyed = false;
    this.bounds = { x: options.x, y: options.y, width: options.width, height: options.height };
    this.webContents = Object.assign(new Emitter(), {
      sent: [],
      mainFrame: { url: '' },
      windowOpenHandler: null,
      send(channel, msg) { this.sent.push({ channel, msg }); },
      getURL() { return this.mainFrame.url; },
      setWindowOpenHandler(h) { this.windowOpenHandler = h; },
      // Printing: records the options and the page loaded; fake.onPrint (a test's hook) answers like the system dialog.
      print(options, callback) {
        (fake.printed ??= []).push({ options, url: this.mainFrame.url });
        const answer = fake.onPrint ? fake.onPrint(options, this.mainFrame.url) : [true, ''];
        callback(answer[0], answer[1]);
      },
    });
    fake.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    this.url = url;
    this.webContents.mainFrame.url = url;
    setTimeout(() => this.webContents.emit('did-finish-load'), 0);
    return Promise.resolve();
  }
  destroy() { this.destroyed = true; this.emit('closed'); }
  isDestroyed() { return this.destroyed; }
  getNormalBounds() { return this.bounds; }
  isMaximized() { return false; }
  maximize() {}
  show() {}
  isMinimized() { return false; }
  restore() {}
  focus() {}
  close() {
    let prevented = false;
    this.emit('close', { preventDefault() { prevented = true; } });
    if (!prevented) { this.destroyed = true; this.emit('closed'); }
  }
}
export default { app, protocol, ipcMain, session, Menu, screen, dialog, shell, BrowserWindow };
`;
}

/**
 * Bundles electron/main.ts as the app does into `outfile`, with `electron` (and any other module in `alias`) replaced
 * by the given files: the fake's source written by fakeElectronSource().
 */
export async function bundleMainOverFakes(root: string, outfile: string, alias: Record<string, string>): Promise<void> {
  const [{ build }, { join }, { EXTERNAL_DEPS }] = await Promise.all([import('esbuild'), import('node:path'), import('../../scripts/build-electron')]);
  await build({
    entryPoints: [join(root, 'electron', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2020',
    external: EXTERNAL_DEPS,
    alias,
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'silent',
  });
}
