// Smoke mode's Node side for main: the temporary folders, the exported files' check, and OUT.json written atomically.
import { mkdtempSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../files/atomic';
import { smokeExitCode, smokeReport, webPreferenceSteps, type SmokeStep } from './smoke';

export interface SmokeFolders {
  /** OUT.json, resolved against the working directory. */
  out: string;
  /** The temporary user-data folder (library and settings of this run only). */
  userData: string;
  /** Where the smoke-mode save dialog puts the exports. */
  exports: string;
}

export function smokeFolders(out: string, cwd = process.cwd()): SmokeFolders {
  const root = mkdtempSync(join(tmpdir(), 'baocao766-smoke-'));
  const folders = { out: resolve(cwd, out), userData: join(root, 'userData'), exports: join(root, 'exports') };
  mkdirSync(folders.userData, { recursive: true });
  mkdirSync(folders.exports, { recursive: true });
  return folders;
}

/** The exports the renderer's smoke asked for, checked by their first bytes (a PDF, a zip-based xlsx). */
export async function exportedFileSteps(exportsDir: string): Promise<SmokeStep[]> {
  const files: [string, string][] = [
    ['smoke.pdf', '%PDF-'],
    ['smoke.xlsx', 'PK'],
  ];
  return Promise.all(
    files.map(async ([name, magic]) => {
      const path = join(exportsDir, name);
      try {
        const head = (await readFile(path)).subarray(0, magic.length).toString('latin1');
        return { name: `file.${name}`, ok: head === magic, detail: `${path} starts with ${JSON.stringify(head)}` };
      } catch {
        return { name: `file.${name}`, ok: false, detail: `${path} is missing` };
      }
    }),
  );
}

/** Main's checks plus the renderer's steps, written to OUT.json; returns the exit code (0 only when every step held). */
export async function finishSmoke(
  folders: SmokeFolders,
  window: { prefs: Record<string, unknown> | null | undefined; source: string },
  rendererSteps: readonly SmokeStep[],
): Promise<0 | 1> {
  const steps = [...webPreferenceSteps(window.prefs, window.source), ...rendererSteps, ...(await exportedFileSteps(folders.exports))];
  const report = smokeReport(steps);
  await writeFileAtomic(folders.out, `${JSON.stringify(report, null, 2)}\n`);
  return smokeExitCode(report);
}

/** What the watchdog writes before exiting with 2: the run did not finish in time. */
export async function smokeTimedOut(folders: SmokeFolders, ms: number): Promise<void> {
  const report = smokeReport([{ name: 'smoke.watchdog', ok: false, detail: `the smoke run did not finish within ${ms / 1000} s` }]);
  await writeFileAtomic(folders.out, `${JSON.stringify(report, null, 2)}\n`).catch(() => undefined);
}
