// The CI gate for the shell's security settings: webPreferences, CSP, navigation, windows, permissions, IPC senders, app:// files.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron';
import { scan } from '../../scripts/electronegativity';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  appResponseHeaders,
  hardenSession,
  hardenWebContents,
  isTrustedSender,
  permissionCheckHandler,
  permissionRequestHandler,
  resolveAppFile,
  createSecureWindow,
  type SecureWindowOptions,
  shouldBlockNavigation,
  windowOpenHandler,
  type WebContentsLike,
} from '../../electron/security';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('webPreferences', () => {
  let captured: SecureWindowOptions | null = null;
  class FakeWindow {
    constructor(options: SecureWindowOptions) {
      captured = options;
    }
  }
  const win = createSecureWindow(FakeWindow, { width: 1000, show: false }, '/app/out/preload/preload.cjs', false);
  const prefs = captured!.webPreferences;
  it('creates the window through the constructor with the base options kept', () => {
    expect(win).toBeInstanceOf(FakeWindow);
    expect(captured!.width).toBe(1000);
    expect(captured!.show).toBe(false);
  });
  it('isolates and sandboxes the renderer with no Node integration anywhere', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });
  it('keeps web security on and every risky feature off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs.devTools).toBe(false);
    expect('enableBlinkFeatures' in prefs).toBe(false);
    expect('additionalArguments' in prefs).toBe(false);
    expect(prefs.preload).toBe('/app/out/preload/preload.cjs');
  });
});

describe('Content-Security-Policy', () => {
  const d = directives(CONTENT_SECURITY_POLICY);
  it('denies by default and allows scripts, styles, fonts, connections only from self', () => {
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('font-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
  });
  it('has no unsafe source, no wildcard and no remote host anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval|hashes)|wasm-unsafe|\*|https?:|ws:|file:/);
    for (const [, values] of d) for (const v of values) expect(["'self'", "'none'", 'data:', 'blob:']).toContain(v);
  });
  it('is sent with every app:// response, with nosniff', () => {
    const h = appResponseHeaders('text/html');
    expect(h['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
  });
  it('the app scheme does not bypass CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.bypassCSP).toBe(false);
    expect(APP_SCHEME_PRIVILEGES.secure).toBe(true);
  });
});

describe('IPC sender check', () => {
  it('trusts only the main frame of the app origin', () => {
    expect(isTrustedSender(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedSender('app://renderer/index.html#/report/1')).toBe(true);
    expect(isTrustedSender(APP_ENTRY_URL, false)).toBe(false);
    for (const url of [
      'https://evil.example/index.html',
      'http://renderer/index.html',
      'file:///C:/app/out/renderer/index.html',
      'app://other/index.html',
      'app://user:pw@renderer/index.html',
      'devtools://devtools/bundled/index.html',
      'about:blank',
      '',
      undefined,
      null,
      'not a url',
    ]) {
      expect(isTrustedSender(url), String(url)).toBe(false);
    }
  });
});

describe('navigation, windows and permissions', () => {
  it('blocks navigation anywhere, including other pages of the app', () => {
    expect(shouldBlockNavigation('https://dichvucong.gov.vn', APP_ENTRY_URL)).toBe(true);
    expect(shouldBlockNavigation('file:///etc/passwd', APP_ENTRY_URL)).toBe(true);
    expect(shouldBlockNavigation('app://renderer/other.html', APP_ENTRY_URL)).toBe(true);
    expect(shouldBlockNavigation(`${APP_ENTRY_URL}#/settings`, APP_ENTRY_URL)).toBe(false);
  });
  it('denies new windows and every permission', () => {
    expect(windowOpenHandler()).toEqual({ action: 'deny' });
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      permissionRequestHandler(null, p, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, false, false]);
    expect(permissionCheckHandler()).toBe(false);
  });
  it('hardenWebContents wires the handlers onto a web contents', () => {
    const listeners = new Map<string, (e: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
    const fake: WebContentsLike = {
      getURL: () => APP_ENTRY_URL,
      on: ((event: string, l: (e: { preventDefault(): void }, url: string) => void) => listeners.set(event, l)) as WebContentsLike['on'],
      setWindowOpenHandler: (h) => {
        openHandler = h;
      },
    };
    hardenWebContents(fake);
    expect([...listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    let prevented = 0;
    const ev = { preventDefault: () => prevented++ };
    listeners.get('will-navigate')!(ev, 'https://evil.example');
    listeners.get('will-redirect')!(ev, 'http://x');
    listeners.get('will-attach-webview')!(ev, '');
    listeners.get('will-navigate')!(ev, `${APP_ENTRY_URL}#/x`);
    expect(prevented).toBe(3);
    expect(openHandler!({ url: 'https://x' })).toEqual({ action: 'deny' });
  });
  it('hardenSession installs deny-all permission handlers', () => {
    const set: unknown[] = [];
    hardenSession({ setPermissionRequestHandler: (h) => set.push(h), setPermissionCheckHandler: (h) => set.push(h) });
    expect(set).toEqual([permissionRequestHandler, permissionCheckHandler]);
  });
});

describe('app:// file mapping', () => {
  const root = resolve('/srv/app/out/renderer');
  it('serves files under the renderer folder only', () => {
    expect(resolveAppFile('app://renderer/index.html', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://renderer/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://renderer/assets/main-abc.js?x=1', root)).toBe(join(root, 'assets', 'main-abc.js'));
    expect(resolveAppFile('app://renderer/assets/Xu%E1%BA%A5t.svg', root)).toBe(join(root, 'assets', 'Xuất.svg'));
  });
  it('dot segments are resolved by the URL parser and stay inside the root', () => {
    expect(resolveAppFile('app://renderer/../../main/main.js', root)).toBe(join(root, 'main', 'main.js'));
  });
  it('refuses traversal, encoded separators, other hosts and schemes', () => {
    for (const url of [
      'app://renderer/..%2f..%2fetc%2fpasswd',
      'app://renderer/a%5c..%5c..%5cwin.ini',
      'app://renderer/%00.html',
      'app://renderer/%E0%A4%A',
      'app://other/index.html',
      'file:///srv/app/out/renderer/index.html',
      'nonsense',
    ]) {
      expect(resolveAppFile(url, root), url).toBeNull();
    }
  });
});

describe('Electronegativity gate (Electron 45.5.0)', () => {
  it('the built main and preload are all parsed and have no HIGH finding', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bc766-eng-build-'));
    try {
      const out = await buildElectron({ outDir: join(dir, 'out') });
      const summary = await scan([
        { from: out.main, as: 'main/main.js' },
        { from: out.preload, as: 'preload/preload.js' },
      ]);
      expect(summary.files).toEqual(['main/main.js', 'preload/preload.js']);
      expect(summary.unparsed).toEqual([]);
      expect(summary.high.map((h) => h.id)).toEqual([]);
      expect(summary.bySeverity.MEDIUM ?? 0).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('the gate notices an unparsed file and an insecure window', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bc766-eng-fixture-'));
    try {
      await writeFile(
        join(dir, 'bad.js'),
        "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { contextIsolation: false, nodeIntegration: true } });\n",
      );
      await writeFile(join(dir, 'private.js'), 'class A { #x = 1; get x() { return this.#x; } }\n');
      const summary = await scan([
        { from: join(dir, 'bad.js'), as: 'main/bad.js' },
        { from: join(dir, 'private.js'), as: 'main/private.js' },
      ]);
      expect(summary.unparsed.map((u) => u.file)).toEqual(['main/private.js']);
      expect(summary.high.map((h) => h.id)).toContain('CONTEXT_ISOLATION_JS_CHECK');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
