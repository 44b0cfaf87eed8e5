// `npm start`: builds the renderer (Vite) and main, preload and CLI (esbuild), then launches Electron; without an Electron binary it says so in one line.
//
// The Electron binary is looked up the way node_modules/electron does it (path.txt + dist/, or
// ELECTRON_OVERRIDE_DIST_PATH); when it is missing, Electron's own installer is run once, quietly, instead of
// `require('electron')`, whose download failure would end in a stack trace.
// Exit codes: Electron's own when it ran; 1 when the binary is missing (the app did not start) or a build failed.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron executable, or null when it is not installed (never downloads). */
export function findElectronBinary(electronDir = join(ROOT, 'node_modules', 'electron'), env = process.env): string | null {
  const pathFile = join(electronDir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(env.ELECTRON_OVERRIDE_DIST_PATH, rel || (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return existsSync(p) ? p : null;
  }
  if (!rel) return null;
  const full = join(electronDir, 'dist', rel);
  return existsSync(full) ? full : null;
}

export const MISSING_ELECTRON_MESSAGE =
  'Không có Electron trên máy này nên không mở được cửa sổ ứng dụng; hãy dùng dòng lệnh: npm run cli -- sample | ' +
  'Electron binary not installed here, so the app window cannot open; use the CLI: npm run cli -- sample';

/**
 * Runs Electron's own first-run download (node_modules/electron/install.js) quietly and looks again; null when it
 * failed (no network to GitHub, as on the dev machine). Its own output is kept out of the clerk's way.
 */
export async function downloadElectronBinary(electronDir = join(ROOT, 'node_modules', 'electron')): Promise<string | null> {
  const installer = join(electronDir, 'install.js');
  if (!existsSync(installer)) return null;
  process.stdout.write('Đang tải Electron lần đầu…\n');
  const ok = await new Promise<boolean>((done) => {
    const child = spawn(process.execPath, [installer], { cwd: electronDir, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill(), 10 * 60_000);
    child.on('error', () => done(false));
    child.on('exit', (code) => {
      clearTimeout(timer);
      done(code === 0);
    });
  });
  return ok ? findElectronBinary(electronDir) : null;
}

async function main(): Promise<number> {
  const skipBuild = process.argv.includes('--no-build');
  if (!skipBuild) {
    process.stdout.write('Đang dựng ứng dụng…\n');
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', mode: 'production' });
    await buildElectron();
  }
  // Electron brings its binary on first run (from GitHub); where that cannot be reached it fails at once.
  const electron = findElectronBinary() ?? (await downloadElectronBinary());
  if (!electron) {
    process.stderr.write(`${MISSING_ELECTRON_MESSAGE}\n`);
    return 1;
  }
  const child = spawn(electron, ['.', ...process.argv.slice(2).filter((a) => a !== '--no-build')], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } as NodeJS.ProcessEnv,
  });
  return new Promise((resolveExit) => {
    child.on('error', (err) => {
      process.stderr.write(`Không chạy được Electron (${err.message}).\n`);
      resolveExit(1);
    });
    child.on('exit', (code, signal) => resolveExit(code ?? (signal ? 1 : 0)));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`Dựng không thành công: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
