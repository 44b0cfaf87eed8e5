// Browser test harness: builds the renderer, serves it on 127.0.0.1, drives Debian's Chromium, and bridges `window.api` to the real core.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll } from 'vitest';
import { existsSync, promises as fs } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ApiEvents, EventName } from '../../core/api/contract';
import type { ApiRuntime } from '../../core/api/node-api';
import { createTestRuntime, testDialogs, type TestDialogs, type TestRuntimeOptions } from './runtime';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';

export { createTestRuntime, testDialogs, type TestDialogs } from './runtime';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_OUT = join(REPO, 'out/renderer');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of the browser tests (git-ignored). */
export const SCREENSHOTS = join(REPO, 'test-results/screens');

/**
 * Builds the renderer with Vite into out/renderer (the same build the app ships). Set E2E_SKIP_BUILD=1 to reuse an
 * existing build (e.g. right after `npm run build:renderer`).
 */
export async function buildRenderer(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(join(RENDERER_OUT, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(REPO, 'vite.config.ts'), logLevel: 'error', mode: 'production' });
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** A tiny static file server for a folder on 127.0.0.1 and an ephemeral port. */
export async function serveStatic(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const base = resolve(root);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = normalize(join(base, path === '/' ? 'index.html' : path));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        const body = await fs.readFile(file);
        // The app's own Content-Security-Policy (electron/security.ts), so the tests run under the policy the app ships.
        res
          .writeHead(200, {
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
            'cache-control': 'no-store',
            'content-security-policy': CONTENT_SECURITY_POLICY,
          })
          .end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** An in-memory settings store (the app uses electron-store). */
/**
 * The same shape as the preload bridge: `window.api.invoke(name, args)` → the exposed binding; `window.api.on(event,
 * listener)` → listeners that `emitToPage` calls.
 */
const BRIDGE_SCRIPT = `
(() => {
  const listeners = new Map();
  const api = {
    invoke: (name, args) => window.__api(name, args),
    on: (event, listener) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return () => listeners.get(event)?.delete(listener);
    },
  };
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false });
  window.__apiEmit = (event, payload) => { for (const l of listeners.get(event) ?? []) l(payload); };
})();
`;

export interface AppSession {
  page: Page;
  runtime: ApiRuntime;
  url: string;
  /** Every API call the page made (name only), for assertions. */
  calls: string[];
  /** The answers of the native dialogs (queue them before the page asks) and what was asked. */
  dialogs: TestDialogs;
  emitToPage<E extends EventName>(event: E, payload: ApiEvents[E]): Promise<void>;
  close(): Promise<void>;
}

/** Opens the built renderer in a new page with `window.api` bridged to a runtime over `libraryFolder`. */
export async function openApp(
  browser: Browser,
  libraryFolder: string,
  viewport = { width: 1440, height: 900 },
  runtimeOptions: TestRuntimeOptions = {},
): Promise<AppSession> {
  const server = await serveStatic(RENDERER_OUT);
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  const page = await context.newPage();
  let pageRef: Page | null = page;
  const dialogs = testDialogs();
  const runtime = createTestRuntime(
    libraryFolder,
    (event, payload) => {
      void pageRef?.evaluate(([e, p]) => (globalThis as unknown as { __apiEmit(e: string, p: unknown): void }).__apiEmit(e, p), [event, payload] as const).catch(() => undefined);
    },
    dialogs,
    runtimeOptions,
  );
  const calls: string[] = [];
  await page.exposeBinding('__api', async (_src, name: unknown, args: unknown) => {
    calls.push(String(name));
    return runtime.invoke(name, args);
  });
  await page.addInitScript(BRIDGE_SCRIPT);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // A Content-Security-Policy violation (a blocked worker, font, style or eval) fails the test like a page error.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) errors.push(msg.text());
  });
  await page.goto(server.url);
  return {
    page,
    runtime,
    url: server.url,
    calls,
    dialogs,
    emitToPage: async (event, payload) => {
      await page.evaluate(([e, p]) => (globalThis as unknown as { __apiEmit(e: string, p: unknown): void }).__apiEmit(e, p), [event, payload] as const);
    },
    close: async () => {
      pageRef = null;
      await context.close();
      await server.close();
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    },
  };
}

/** Saves a full-page screenshot under test-results/screens/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * The shared set-up of an end-to-end test file: the renderer built once, one Chromium, one temporary folder removed
 * afterwards. Call at the top level of the file; read `suite.browser` and `suite.root` inside the tests.
 */
export function e2eSuite(prefix: string): { readonly browser: Browser; readonly root: string } {
  let browser: Browser | undefined;
  let root: string | undefined;
  beforeAll(async () => {
    await buildRenderer();
    browser = await launchChromium();
    root = await mkdtemp(join(tmpdir(), prefix));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });
  return {
    get browser() {
      if (!browser) throw new Error('Chromium is not started yet');
      return browser;
    },
    get root() {
      if (!root) throw new Error('the temporary folder is not made yet');
      return root;
    },
  };
}

/** A grid cell of the report screen, by table, unit and column. */
export function gridCell(page: Page, tableId: string, unitId: string, col: string) {
  return page.locator(`.table-block[data-table="${tableId}"] td[data-unit="${unitId}"][data-col="${col}"]`);
}
