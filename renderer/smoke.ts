// The smoke script: drives the typed API as a clerk would (library, open, edit, save, reopen, export, a bad call) and checks the page's isolation.
//
// Ordinary browser code (no Node): the packaged app runs it with `--smoke-test OUT.json` (electron/main.ts), and the
// Chromium end-to-end harness runs the same function against the real core (test/e2e/smoke.test.ts).
import { ApiCallError, type ApiClient } from '../core/api/contract';
import type { SmokeStep } from '../core/api/smoke';

export interface SmokeOptions {
  /** The folder the exports must land in (main's smoke-mode save dialog answers inside it). */
  folder: string;
}

function inside(folder: string, path: string): boolean {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  return norm(path).startsWith(`${norm(folder)}/`);
}

/** Runs every step, one after another; a failing step is recorded and the next steps still run where they can. */
export async function runSmoke(client: ApiClient, opts: SmokeOptions): Promise<SmokeStep[]> {
  const steps: SmokeStep[] = [];
  const step = async (name: string, fn: () => Promise<string> | string): Promise<boolean> => {
    try {
      steps.push({ name, ok: true, detail: await fn() });
      return true;
    } catch (err) {
      const detail = err instanceof ApiCallError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
      steps.push({ name, ok: false, detail });
      return false;
    }
  };
  const check = (cond: boolean, message: string) => {
    if (!cond) throw new Error(message);
  };

  // In-page isolation: no Node in the page, and the Content-Security-Policy is there.
  await step('page.noRequire', () => {
    check(typeof (globalThis as { require?: unknown }).require === 'undefined', 'require is defined in the page');
    return 'typeof require === "undefined"';
  });
  await step('page.noProcess', () => {
    const proc = (globalThis as { process?: { sandboxed?: boolean } }).process;
    check(proc === undefined || proc.sandboxed === true, 'process is visible and not sandboxed');
    return proc === undefined ? 'typeof process === "undefined"' : 'process.sandboxed === true';
  });
  await step('page.csp', () => {
    const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    check(/default-src 'self'/.test(meta) && /script-src 'self'/.test(meta), 'no Content-Security-Policy meta with default-src and script-src self');
    return meta;
  });

  let id = '';
  const listed = await step('library.list', async () => {
    const list = await client['library.list']({});
    const sample = list.find((r) => r.isSample);
    check(!!sample, `no sample among ${list.length} reports`);
    id = sample!.id;
    return `${list.length} report(s), sample ${id}`;
  });
  if (!listed) return steps;

  let opened = await client['library.open']({ id }).catch(() => null);
  let edited: { tableId: string; unitId: string; colId: string; value: number } | null = null;
  await step('library.open', () => {
    check(!!opened, `report ${id} does not open`);
    return `revision ${opened!.revision}, ${opened!.report.tables.length} tables`;
  });
  if (!opened) return steps;

  await step('report.edit', () => {
    for (const table of opened!.report.tables) {
      for (const row of table.rows) {
        for (const [colId, cell] of Object.entries(row.cells)) {
          if (cell?.t !== 'num') continue;
          const value = cell.v + 1;
          row.cells[colId] = { t: 'num', v: value };
          edited = { tableId: table.id, unitId: row.unitId, colId, value };
          return `${table.id}/${row.unitId}/${colId}: ${cell.v} → ${value}`;
        }
      }
    }
    throw new Error('no figure cell to edit in the sample');
  });

  await step('report.save', async () => {
    const saved = await client['report.save']({ id, revision: opened!.revision, report: opened!.report });
    check(saved.revision > opened!.revision, `revision did not grow (${opened!.revision} → ${saved.revision})`);
    return `revision ${opened!.revision} → ${saved.revision}`;
  });

  await step('library.reopen', async () => {
    opened = await client['library.open']({ id });
    const e = edited as { tableId: string; unitId: string; colId: string; value: number } | null;
    check(!!e, 'nothing was edited');
    const cell = opened.report.tables.find((t) => t.id === e!.tableId)?.rows.find((r) => r.unitId === e!.unitId)?.cells[e!.colId];
    check(cell?.t === 'num' && cell.v === e!.value, `the edit did not stick: ${JSON.stringify(cell)}`);
    return `${e!.colId} = ${e!.value} after reopening`;
  });

  for (const [purpose, ext] of [
    ['pdf', 'pdf'],
    ['xlsx', 'xlsx'],
  ] as const) {
    await step(`export.${purpose}`, async () => {
      const chosen = await client['dialog.saveFile']({ purpose, defaultName: `smoke.${ext}` });
      check(!!chosen.path && inside(opts.folder, chosen.path), `the save dialog answered ${String(chosen.path)}, not a path in ${opts.folder}`);
      const res =
        purpose === 'pdf'
          ? await client['export.pdf']({ report: opened!.report, path: chosen.path! })
          : await client['export.xlsx']({ report: opened!.report, path: chosen.path! });
      return res.path;
    });
  }

  await step('badArgs.refused', async () => {
    try {
      await client['library.open']({ id: '../../etc/passwd' });
    } catch (err) {
      if (!(err instanceof ApiCallError) || err.code !== 'BAD_ARGS') {
        throw new Error(`refused with ${err instanceof ApiCallError ? err.code : String(err)}, not BAD_ARGS`);
      }
      return `BAD_ARGS: ${err.message}`;
    }
    throw new Error('a report id with "../" was accepted');
  });
  return steps;
}

/** The export folder when the page was loaded in smoke mode (`?smoke=1&dir=…`, set by main only under --smoke-test), else null. */
export function smokeFolderOf(search: string): string | null {
  const q = new URLSearchParams(search);
  const dir = q.get('dir');
  return q.get('smoke') === '1' && dir ? dir : null;
}

/** Runs the smoke steps, leaves them on `window.__smokeSteps` (for the browser harness) and reports them to main. */
export async function startSmoke(client: ApiClient, folder: string): Promise<SmokeStep[]> {
  let steps: SmokeStep[];
  try {
    steps = await runSmoke(client, { folder });
  } catch (err) {
    steps = [{ name: 'smoke.run', ok: false, detail: err instanceof Error ? err.message : String(err) }];
  }
  (globalThis as { __smokeSteps?: SmokeStep[] }).__smokeSteps = steps;
  await client['app.smokeResult']({ steps });
  return steps;
}
