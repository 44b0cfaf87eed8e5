// The renderer half of the app's smoke mode (renderer/smoke.ts) in Chromium over the real core: the same script the
// packaged app runs under --smoke-test, with page.exposeBinding standing in for the preload.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SmokeStep } from '../../core/api/smoke';
import { e2eSuite, openApp } from '../helpers/browser';
import { REQUIRED_STEPS } from '../../scripts/smoke-check';

const suite = e2eSuite('bc766-smoke-');

describe('smoke mode, renderer side', () => {
  it('walks library → open → edit → save → reopen → export PDF and Excel → bad call refused, every step holding', async () => {
    const folder = join(suite.root, 'exports');
    await mkdir(folder, { recursive: true });
    const app = await openApp(suite.browser, join(suite.root, 'lib', 'library'));
    try {
      app.dialogs.saveFile.push(join(folder, 'smoke.pdf'), join(folder, 'smoke.xlsx'));
      await app.page.goto(`${app.url}?smoke=1&dir=${encodeURIComponent(folder)}`);
      await app.page.waitForFunction(() => (globalThis as { __smokeSteps?: unknown }).__smokeSteps !== undefined, undefined, { timeout: 60_000 });
      // The harness runtime has no smoke receiver (app.smokeResult is ignored there); the page keeps its steps too.
      const steps = (await app.page.evaluate(() => (globalThis as { __smokeSteps?: SmokeStep[] }).__smokeSteps ?? [])) as SmokeStep[];
      const failed = steps.filter((s) => !s.ok);
      expect(failed, JSON.stringify(failed)).toEqual([]);
      // Every step of a complete run except main's own (window settings, exported files' bytes).
      expect(steps.map((s) => s.name)).toEqual(REQUIRED_STEPS.filter((n) => !n.startsWith('window.') && !n.startsWith('file.')));
      // The bad call really reached main and was refused there as BAD_ARGS.
      expect(steps.find((s) => s.name === 'badArgs.refused')?.detail).toMatch(/^BAD_ARGS: /);
      expect(app.calls.filter((c) => c === 'library.open').length).toBeGreaterThanOrEqual(3);
      expect(app.calls).toContain('app.smokeResult');
      // The files exist where the dialog said, and are what they claim to be.
      expect((await readFile(join(folder, 'smoke.pdf'))).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect((await readFile(join(folder, 'smoke.xlsx'))).subarray(0, 2).toString('latin1')).toBe('PK');
      // The edit is on disk: the stored sample holds the new figure.
      const edit = steps.find((s) => s.name === 'report.edit')!.detail;
      const [where, change] = edit.split(': ');
      const [tableId, unitId, colId] = where!.split('/');
      const value = Number(change!.split(' → ')[1]);
      const id = steps.find((s) => s.name === 'library.list')!.detail.replace(/^.* sample /, '');
      const stored = await app.runtime.invoke('library.open', { id });
      expect(stored.ok).toBe(true);
      if (stored.ok) {
        const cell = (stored.result as { report: { tables: { id: string; rows: { unitId: string; cells: Record<string, unknown> }[] }[] } }).report.tables
          .find((t) => t.id === tableId)
          ?.rows.find((r) => r.unitId === unitId)?.cells[colId!];
        expect(cell).toEqual({ t: 'num', v: value });
      }
    } finally {
      await app.close();
    }
  }, 120_000);
});
