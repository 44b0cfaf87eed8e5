// The shell's security settings in one place (Electron's security checklist): webPreferences, CSP, navigation, windows, permissions, IPC senders.
//
// No import of electron here: the functions take the few methods they use, so unit tests pass fakes and are the CI
// gate for these settings (test/unit/security.test.ts).
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** The renderer is served from this custom, privileged, standard scheme (never file://, never http). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Privileges of the app scheme (registered before the app is ready). */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  bypassCSP: false,
  allowServiceWorkers: false,
  stream: true,
} as const;

/** The options a BrowserWindow constructor receives (the part this module sets). */
export interface SecureWindowOptions {
  webPreferences: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Creates THE window with its security settings: isolated, sandboxed, no Node, no webview, no remote anything,
 * no middle-click windows. The constructor is passed in (Electron's BrowserWindow in main, a fake in tests); the
 * settings are written literally in the `new BrowserWindow({...})` expression so static scanners see them.
 */
export function createSecureWindow<T>(
  BrowserWindow: new (options: SecureWindowOptions) => T,
  base: Record<string, unknown>,
  preload: string,
  devTools: boolean,
): T {
  return new BrowserWindow({
    ...base,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools,
    },
  });
}

/** True only for URLs of the app's own renderer origin. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/**
 * Checks the sender of an IPC message: the main frame of the app window, loaded from the app origin.
 * `frameUrl` is `event.senderFrame.url`; `isMainFrame` says whether that frame is the top frame.
 */
export function isTrustedSender(frameUrl: string | undefined | null, isMainFrame = true): boolean {
  return isMainFrame && isAppUrl(frameUrl);
}

/** Every navigation away from the loaded page is blocked (the renderer is one page). */
export function shouldBlockNavigation(url: string, currentUrl: string): boolean {
  if (!isAppUrl(url)) return true;
  // Same page (a hash change) is harmless; anything else is blocked too.
  const strip = (s: string) => s.split('#')[0];
  return strip(url) !== strip(currentUrl);
}

/** window.open and target=_blank: never a new window. */
export function windowOpenHandler(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Permission requests (camera, notifications, geolocation, clipboard-read, …) are all denied. */
export function permissionRequestHandler(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function permissionCheckHandler(): boolean {
  return false;
}

/**
 * Maps an app:// request URL to a file under the renderer folder, or null when it points outside it
 * (`..`, encoded separators, another host). The response must then be 404.
 */
export function resolveAppFile(url: string, rendererRoot: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const root = resolve(rendererRoot);
  const file = resolve(root, '.' + path);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

/**
 * Response headers of every app:// response, with the Content-Security-Policy: only the app's own files. Images
 * and the PDF preview may use data: and blob: URLs the renderer creates itself (pdf.js draws pages into canvases
 * and loads its worker from 'self'); inline styles set through React's style prop are CSSOM, which CSP does not
 * block. The policy is written literally in the assignment so static scanners can evaluate it.
 */
export function appResponseHeaders(contentType: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
  headers['Content-Security-Policy'] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; child-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  return headers;
}

/** The Content-Security-Policy of the renderer (the one in appResponseHeaders). */
export const CONTENT_SECURITY_POLICY: string = appResponseHeaders('text/html')['Content-Security-Policy']!;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

export function contentTypeFor(file: string): string {
  const dot = file.lastIndexOf('.');
  return CONTENT_TYPES[dot >= 0 ? file.slice(dot).toLowerCase() : ''] ?? 'application/octet-stream';
}

/* ---------------------------------------------------------- wiring (fake-able shapes of Electron objects) */

interface EventLike {
  preventDefault(): void;
}

/** The parts of WebContents that hardening touches. */
export interface WebContentsLike {
  getURL(): string;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: EventLike, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: EventLike) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The parts of Session that hardening touches. */
export interface SessionLike {
  setPermissionRequestHandler(handler: typeof permissionRequestHandler): void;
  setPermissionCheckHandler(handler: typeof permissionCheckHandler): void;
}

/** Blocks navigation, redirects, new windows and webviews on one WebContents. */
export function hardenWebContents(contents: WebContentsLike): void {
  const block = (event: EventLike, url: string) => {
    if (shouldBlockNavigation(url, contents.getURL())) event.preventDefault();
  };
  contents.on('will-navigate', block);
  contents.on('will-redirect', block);
  contents.on('will-attach-webview', (event: EventLike) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler);
}

/** Denies every permission request and check on a session. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler(permissionRequestHandler);
  session.setPermissionCheckHandler(permissionCheckHandler);
}
