// Smoke mode of the built main process (--smoke-test OUT.json) against a fake `electron` module: refused without
// the flag, a temporary user-data folder, the save dialog answering inside a temp folder, OUT.json and the exit codes.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../../core/api/channels';
import { SMOKE_WATCHDOG_MS, smokeOutPath, type SmokeReport } from '../../core/api/smoke';
import { smokeTimedOut } from '../../core/api/smoke-run';
import { APP_ENTRY_URL } from '../../electron/security';
import { bundleMainOverFakes, fakeElectronSource } from '../helpers/fake-electron';
import { checkSmokeReport, REQUIRED_STEPS } from '../../scripts/smoke-check';
import { execFile } from 'node:child_process';

/** Runs scripts/smoke-check.ts as CI does (tsx), returning its exit code and output. */
function runCli(script: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((ok) => {
    execFile(join(ROOT, 'node_modules', '.bin', 'tsx'), [script, ...args], { cwd: ROOT }, (err, _stdout, stderr) => {
      ok({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr });
    });
  });
}

interface FakeWindow {
  url: string;
  webContents: { mainFrame: { url: string } };
}
interface Fake {
  paths: Record<string, string>;
  appPath: string;
  protocols: Map<string, unknown>;
  ipcHandlers: Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>;
  ipcListeners: Map<string, unknown>;
  windows: FakeWindow[];
  errorBoxes: string[];
  opened: string[];
  exitCode?: number;
}

const ROOT = resolve('.');
const WORK = join(ROOT, 'node_modules', '.cache', `bc766-smoke-${randomBytes(4).toString('hex')}`);

afterAll(async () => {
  await rm(WORK, { recursive: true, force: true });
});

async function waitFor(cond: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Bundles electron/main.ts over a fake electron recording into globalThis[name], and imports it with `argv`. */
async function startMain(name: string, argv: string[], expectWindow = true): Promise<{ fake: Fake; win: FakeWindow; invoke: (call: string, args: unknown) => Promise<{ ok: boolean; result?: unknown; error?: { code: string } }> }> {
  const dir = join(WORK, name);
  const userData = join(dir, 'userData');
  await mkdir(join(dir, 'renderer'), { recursive: true });
  await mkdir(userData, { recursive: true });
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Báo cáo 766</title>');
  await writeFile(join(dir, 'fake-electron.mjs'), fakeElectronSource(name));
  const fake: Fake = { paths: { userData, documents: dir }, appPath: ROOT, protocols: new Map(), ipcHandlers: new Map(), ipcListeners: new Map(), windows: [], errorBoxes: [], opened: [] };
  (globalThis as Record<string, unknown>)[name] = fake;
  await bundleMainOverFakes(ROOT, join(dir, 'main', 'main.js'), { electron: join(dir, 'fake-electron.mjs') });
  const saved = process.argv;
  process.argv = [saved[0]!, join(dir, 'main', 'main.js'), ...argv];
  try {
    await import(pathToFileURL(join(dir, 'main', 'main.js')).href);
  } finally {
    process.argv = saved;
  }
  if (expectWindow) await waitFor(() => fake.windows.length === 1);
  const win = fake.windows[0]!;
  const event = { sender: (win as unknown as { webContents?: unknown } | undefined)?.webContents, senderFrame: win?.webContents.mainFrame };
  const invoke = async (call: string, args: unknown) => (await fake.ipcHandlers.get(IPC_INVOKE_CHANNEL)!(event, call, args)) as { ok: boolean; result?: unknown; error?: { code: string } };
  return { fake, win, invoke };
}

describe('smoke mode of the main process', () => {
  it('reads the flag only when given: --smoke-test OUT.json or --smoke-test=OUT.json; without a path it is an error', () => {
    expect(smokeOutPath(['electron', '.'])).toBeNull();
    expect(smokeOutPath(['app', '--smoke-test', 'out.json'])).toEqual({ out: 'out.json' });
    expect(smokeOutPath(['app', '--smoke-test=o.json'])).toEqual({ out: 'o.json' });
    expect(smokeOutPath(['app', '--smoke-test'])).toHaveProperty('error');
    expect(smokeOutPath(['app', '--smoke-test', '--other'])).toHaveProperty('error');
  });

  it('without the flag: the normal window, and a smoke result from the page is ignored (no file, no exit)', async () => {
    const { fake, win, invoke } = await startMain('__fakeNoSmoke', []);
    expect(win.url).toBe(APP_ENTRY_URL);
    expect(fake.paths.userData).toBe(join(WORK, '__fakeNoSmoke', 'userData'));
    expect(await invoke('app.smokeResult', { steps: [{ name: 'x', ok: true, detail: '' }] })).toEqual({ ok: true, result: null });
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.exitCode).toBeUndefined();
    // The real save dialog (cancelled in the fake) answers, not a temp folder.
    expect(await invoke('dialog.saveFile', { purpose: 'pdf', defaultName: 'a.pdf' })).toEqual({ ok: true, result: { path: null } });
  }, 120_000);

  it('with --smoke-test OUT.json: temp user data, exports granted in a temp folder, OUT.json written, exit 0 only when every step held', async () => {
    const out = join(WORK, 'out.json');
    const { fake, win, invoke } = await startMain('__fakeSmoke', ['--smoke-test', out]);
    // A throwaway user-data folder, and the page told where the exports go.
    expect(fake.paths.userData).not.toBe(join(WORK, '__fakeSmoke', 'userData'));
    expect(fake.paths.userData).toMatch(/baocao766-smoke-/);
    const url = new URL(win.url);
    expect(url.searchParams.get('smoke')).toBe('1');
    const exportsDir = url.searchParams.get('dir')!;
    expect(exportsDir).toMatch(/baocao766-smoke-.*exports$/);

    // The clerk's walk, as the renderer does it: the save dialog answers inside the export folder, and the path is granted.
    const list = (await invoke('library.list', {})).result as { id: string; isSample: boolean }[];
    const sample = list.find((r) => r.isSample)!;
    const opened = (await invoke('library.open', { id: sample.id })).result as { report: unknown };
    for (const [purpose, call] of [
      ['pdf', 'export.pdf'],
      ['xlsx', 'export.xlsx'],
    ] as const) {
      const chosen = (await invoke('dialog.saveFile', { purpose, defaultName: `smoke.${purpose}` })).result as { path: string };
      expect(chosen.path).toBe(join(exportsDir, `smoke.${purpose}`));
      expect(await invoke(call, { report: opened.report, path: chosen.path })).toEqual({ ok: true, result: { path: chosen.path } });
    }
    // A path no dialog answered is still refused in smoke mode.
    expect((await invoke('export.pdf', { report: opened.report, path: join(WORK, 'elsewhere.pdf') })).error?.code).toBeTruthy();

    expect(await invoke('app.smokeResult', { steps: [{ name: 'library.list', ok: true, detail: '1 report' }] })).toEqual({ ok: true, result: null });
    await waitFor(() => fake.exitCode !== undefined);
    expect(fake.exitCode).toBe(0);
    const report = JSON.parse(await readFile(out, 'utf8')) as SmokeReport;
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.name)).toEqual([
      'window.contextIsolation',
      'window.sandbox',
      'window.nodeIntegration',
      'window.webSecurity',
      'library.list',
      'file.smoke.pdf',
      'file.smoke.xlsx',
    ]);
    expect(existsSync(join(WORK, 'elsewhere.pdf'))).toBe(false);

    // One failed step in the page: OUT.json says so and the exit code is 1.
    fake.exitCode = undefined;
    await invoke('app.smokeResult', { steps: [{ name: 'badArgs.refused', ok: false, detail: 'accepted' }] });
    await waitFor(() => fake.exitCode !== undefined);
    expect(fake.exitCode).toBe(1);
    const failed = JSON.parse(await readFile(out, 'utf8')) as SmokeReport;
    expect(failed.ok).toBe(false);
    expect(failed.steps.filter((s) => !s.ok).map((s) => s.name)).toEqual(['badArgs.refused']);
    await rm(join(exportsDir, '..'), { recursive: true, force: true });
  }, 120_000);

  it('--smoke-test without a path: exit 1 at once, no window; the watchdog writes a failed OUT.json (main then exits 2)', async () => {
    const { fake } = await startMain('__fakeNoPath', ['--smoke-test'], false);
    expect(fake.exitCode).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.windows).toEqual([]);
    const out = join(WORK, 'late.json');
    await smokeTimedOut({ out, userData: WORK, exports: WORK }, SMOKE_WATCHDOG_MS);
    const report = JSON.parse(await readFile(out, 'utf8')) as SmokeReport;
    expect(report).toEqual({ ok: false, steps: [{ name: 'smoke.watchdog', ok: false, detail: 'the smoke run did not finish within 60 s' }] });
  }, 120_000);

  it('scripts/smoke-check.ts (what CI runs on OUT.json) passes a complete run and names what failed or is missing', async () => {
    const full = { ok: true, steps: REQUIRED_STEPS.map((name) => ({ name, ok: true, detail: '' })) };
    expect(checkSmokeReport(JSON.stringify(full))).toEqual([]);
    const oneFailed = { ok: false, steps: full.steps.map((s) => (s.name === 'badArgs.refused' ? { ...s, ok: false, detail: 'accepted' } : s)) };
    expect(checkSmokeReport(JSON.stringify(oneFailed))).toEqual(['step badArgs.refused failed: accepted', 'the report says ok: false']);
    expect(checkSmokeReport(JSON.stringify({ ok: true, steps: full.steps.slice(1) }))).toEqual(['step window.contextIsolation is missing']);
    expect(checkSmokeReport('{')).toEqual(['OUT.json is not JSON']);
    await mkdir(WORK, { recursive: true });
    const good = join(WORK, 'good.json');
    const bad = join(WORK, 'bad.json');
    await writeFile(good, JSON.stringify(full));
    await writeFile(bad, JSON.stringify(oneFailed));
    expect((await runCli('scripts/smoke-check.ts', [good])).code).toBe(0);
    const failed = await runCli('scripts/smoke-check.ts', [bad]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('step badArgs.refused failed');
    expect((await runCli('scripts/smoke-check.ts', [join(WORK, 'missing.json')])).code).toBe(1);
  }, 60_000);
});
