// Tests of the file-reading worker thread: previews and dossier lists are read off the calling thread, cancel terminates it, a thread that dies is one message and the next call works.
//
// The slow, hanging and dying files are made with the pool's documented test hooks (WorkerTestHook in
// core/worker/protocol.ts): a file whose name matches blocks the worker in a synchronous busy loop, loops forever,
// exits, throws or fills its heap until the thread's memory limit kills it. Only tests can set them.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvents } from '../../core/api/contract';
import { runCli } from '../../core/cli/main';
import { previewFiles } from '../../core/worker/preview-files';
import { clearFigures, loadSample } from '../../core/model/report';
import { sharedWorkerPool, WorkerPool } from '../../core/worker/pool';
import type { WorkerTestHook } from '../../core/worker/protocol';
import { writeDossierWorkbook } from '../helpers/dossier-lists';
import { createTestRuntime } from '../helpers/runtime';
import { clerkOnTimeWorkbook } from '../helpers/workbooks';
import { buildElectron } from '../../scripts/build-electron';

const run = promisify(execFile);
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

let dir = '';
const HOOKS: WorkerTestHook[] = [
  { match: 'cham', action: { blockMs: 1500 } },
  { match: 'treo', action: 'hang' },
  { match: 'thoat', action: 'exit' },
  { match: 'loi', action: 'throw' },
  { match: 'tran-bo-nho', action: 'oom' },
];
/** A pool whose threads have a small heap (so the memory blow-up is quick) and the test hooks. */
const hooked = (onFailure?: (e: unknown) => void) => new WorkerPool({ maxOldGenerationSizeMb: 96, testHooks: HOOKS, ...(onFailure ? { onFailure } : {}) });

const DOSSIER_HEADER = ['Mã hồ sơ', 'Cơ quan tiếp nhận', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bc766-worker-'));
  const good = await clerkOnTimeWorkbook();
  await writeFile(join(dir, 'ghi-chu.xlsx'), 'không phải Excel');
  for (const name of ['dung-han.xlsx', 'cham.xlsx', 'treo.xlsx', 'thoat.xlsx', 'loi.xlsx', 'tran-bo-nho.xlsx']) await writeFile(join(dir, name), good);
  for (const name of ['ho-so.xlsx', 'ho-so-treo.xlsx', 'ho-so-thoat.xlsx']) {
    await writeDossierWorkbook(join(dir, name), {
      header: DOSSIER_HEADER,
      rows: [['H1', 'Phòng Tư pháp', '02/07/2024', '05/07/2024', '04/07/2024'], ['H2', 'Phòng Tư pháp', '03/07/2024', '04/07/2024', '09/07/2024']],
    });
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the file-reading worker thread', () => {
  it('reads a preview in another thread: this thread keeps ticking while the worker is busy on a slow file', async () => {
    const pool = hooked();
    try {
      const report = clearFigures(loadSample());
      const reference = await previewFiles(report, [join(dir, 'dung-han.xlsx')], {}, { workers: pool });
      let ticks = 0;
      const timer = setInterval(() => ticks++, 20);
      let ticksWhenStarted = -1;
      const slow = await previewFiles(report, [join(dir, 'cham.xlsx')], {}, {
        workers: pool,
        // The worker says it opened the file just before its 1,5 s synchronous busy loop starts.
        onProgress: (done) => {
          if (done === 0) ticksWhenStarted = ticks;
        },
      });
      clearInterval(timer);
      // Had the reading run on this thread, no timer could fire during the busy loop.
      expect(ticksWhenStarted).toBeGreaterThanOrEqual(0);
      expect(ticks - ticksWhenStarted).toBeGreaterThanOrEqual(10);
      expect(slow.patch.changes).toEqual(reference.patch.changes);
      expect(slow.sources[0]!.file).toBe('cham.xlsx');
    } finally {
      await pool.close();
    }
  });

  it('cancel terminates a worker stuck in an endless loop at once; the next call works', async () => {
    const pool = hooked();
    try {
      const ctrl = new AbortController();
      const run = previewFiles(clearFigures(loadSample()), [join(dir, 'treo.xlsx')], {}, {
        workers: pool,
        signal: ctrl.signal,
        onProgress: (done) => {
          if (done === 0) setTimeout(() => ctrl.abort(), 200);
        },
      });
      await expect(run).rejects.toMatchObject({ code: 'CANCELLED', message: 'Đã hủy thao tác.' });
      // The stuck thread is gone (terminated, not left spinning in the background).
      expect(pool.threads).toBe(0);
      const next = await previewFiles(clearFigures(loadSample()), [join(dir, 'dung-han.xlsx')], {}, { workers: pool });
      expect(next.changes.length).toBeGreaterThan(0);
      await expect(pool.run('read', { sources: [{ path: join(dir, 'dung-han.xlsx') }] }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
    } finally {
      await pool.close();
    }
  });

  it('a worker that exits, throws or runs out of memory becomes one Vietnamese message naming the file, and the next call succeeds', async () => {
    const failures: unknown[] = [];
    const pool = hooked((e) => failures.push(e));
    try {
      for (const name of ['thoat.xlsx', 'loi.xlsx', 'tran-bo-nho.xlsx']) {
        const err = (await previewFiles(clearFigures(loadSample()), [join(dir, 'dung-han.xlsx'), join(dir, name)], {}, { workers: pool }).catch((e: unknown) => e)) as {
          code: string;
          message: string;
        };
        expect(err.code).toBe('FILE_READER_FAILED');
        expect(err.message).toBe(`Không đọc được tệp “${name}”: tệp quá lớn hoặc bị hỏng. Hãy mở tệp bằng Excel, lưu lại thành tệp mới (.xlsx) rồi thử lại.`);
        const again = await previewFiles(clearFigures(loadSample()), [join(dir, 'dung-han.xlsx')], {}, { workers: pool });
        expect(again.changes.length).toBeGreaterThan(0);
      }
      // The log gets the cause; the heap limit is what stopped the third one.
      expect(failures).toHaveLength(3);
      expect(String((failures[1] as Error).message)).toContain('test hook');
      expect((failures[2] as { code?: string }).code).toBe('ERR_WORKER_OUT_OF_MEMORY');
    } finally {
      await pool.close();
    }
  }, 90_000);

  it('a file problem found by the reader keeps its own message and the thread stays for the next call', async () => {
    const pool = hooked();
    try {
      await expect(pool.run('read', { sources: [{ path: join(dir, 'ghi-chu.xlsx') }] })).rejects.toMatchObject({ code: 'FILE_NOT_SPREADSHEET' });
      expect(pool.threads).toBe(1);
      await expect(pool.run('read', { sources: [{ name: 'khong-co.csv', bytes: new TextEncoder().encode('') }] })).rejects.toMatchObject({ message: expect.stringContaining('khong-co.csv') });
      expect(pool.threads).toBe(1);
    } finally {
      await pool.close();
    }
  });
});

describe('the API reads files in the worker', () => {
  it('import.previewDropped: progress flows, job.cancel stops a hanging file at once, a dying one is a message, the next call works', async () => {
    const pool = hooked();
    const events: ApiEvents['progress'][] = [];
    const rt = createTestRuntime(join(dir, 'library-drop'), (e, p) => {
      if (e === 'progress') events.push(p as ApiEvents['progress']);
    }, undefined, { workers: pool });
    try {
      const report = clearFigures(loadSample());
      const good = new Uint8Array(await clerkOnTimeWorkbook());
      const ok = await rt.call('import.previewDropped', { report, files: [{ name: 'dung-han.xlsx', data: good }], jobId: 'keo-1' });
      expect(ok.ok).toBe(true);
      expect(events.filter((e) => e.jobId === 'keo-1').map((e) => e.label)).toContain('Đang đọc tệp dung-han.xlsx…');

      const hanging = rt.call('import.previewDropped', { report, files: [{ name: 'treo.xlsx', data: good }], jobId: 'keo-2' });
      await vi_waitFor(() => events.some((e) => e.jobId === 'keo-2'));
      // While the worker spins, this thread answers other calls.
      expect((await rt.call('library.list', {})).ok).toBe(true);
      expect(await rt.call('job.cancel', { jobId: 'keo-2' })).toEqual({ ok: true, result: { cancelled: true } });
      expect(await hanging).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'Đã hủy thao tác.' } });

      const dying = await rt.call('import.previewDropped', { report, files: [{ name: 'thoat.xlsx', data: good }] });
      expect(dying).toMatchObject({ ok: false, error: { code: 'FILE_READER_FAILED', message: expect.stringContaining('“thoat.xlsx”: tệp quá lớn hoặc bị hỏng') } });
      const after = await rt.call('import.previewDropped', { report, files: [{ name: 'dung-han.xlsx', data: good }] });
      expect(after.ok && ok.ok && after.result.patch).toEqual(ok.ok && ok.result.patch);
    } finally {
      await pool.close();
    }
  }, 90_000);

  it('import.dossierColumns and import.dossiers: a hanging list is cancelled, a dying one is a message, a good one is read', async () => {
    const pool = hooked();
    const events: ApiEvents['progress'][] = [];
    const rt = createTestRuntime(join(dir, 'library-dossiers'), (e, p) => {
      if (e === 'progress') events.push(p as ApiEvents['progress']);
    }, undefined, { workers: pool });
    try {
      const report = { ...clearFigures(loadSample()), period: { kind: 'month' as const, year: 2024, month: 7 } };
      const columns = await rt.call('import.dossierColumns', { path: join(dir, 'ho-so.xlsx') });
      expect(columns.ok && columns.result.headers).toEqual(DOSSIER_HEADER);
      const good = await rt.call('import.dossiers', { report, path: join(dir, 'ho-so.xlsx'), jobId: 'hs-1' });
      if (!good.ok) throw new Error(good.error.message);
      const tuPhap = good.result.result.perUnit.find((u) => u.unitName.includes('Tư pháp'));
      expect(tuPhap).toMatchObject({ received: 2, onTime: 1, overdue: 1 });
      expect(events.some((e) => e.jobId === 'hs-1')).toBe(true);

      const hanging = rt.call('import.dossiers', { report, path: join(dir, 'ho-so-treo.xlsx'), jobId: 'hs-2' });
      await new Promise((r) => setTimeout(r, 300));
      expect(await rt.call('job.cancel', { jobId: 'hs-2' })).toEqual({ ok: true, result: { cancelled: true } });
      expect(await hanging).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });

      expect(await rt.call('import.dossierColumns', { path: join(dir, 'ho-so-thoat.xlsx') })).toMatchObject({
        ok: false,
        error: { code: 'FILE_READER_FAILED', message: expect.stringContaining('“ho-so-thoat.xlsx”') },
      });
      expect((await rt.call('import.dossiers', { report, path: join(dir, 'ho-so.xlsx') })).ok).toBe(true);
    } finally {
      await pool.close();
    }
  }, 90_000);
});

describe('the command line reads files in the worker', () => {
  it('inspect, import and aggregate run through the shared pool', async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t) };
    expect(sharedWorkerPool().threads).toBe(0);
    expect(await runCli(['inspect', join(dir, 'dung-han.xlsx')], io)).toBe(0);
    expect(sharedWorkerPool().threads).toBe(1);
    expect(await runCli(['aggregate', join(dir, 'ho-so.xlsx'), '--period', '2024-07'], io)).toBe(0);
    expect(out.join('\n')).toContain('Phòng Tư pháp | tiếp nhận 2');
    await writeFile(join(dir, 'mau.json'), JSON.stringify(clearFigures(loadSample())));
    expect(await runCli(['import', join(dir, 'dung-han.xlsx'), '--into', join(dir, 'mau.json'), '--out', join(dir, 'moi.json')], io)).toBe(0);
    expect(await runCli(['inspect', join(dir, 'ghi-chu-2.xlsx')], io)).toBe(2);
    // Still one thread: each command reused it.
    expect(sharedWorkerPool().threads).toBe(1);
    await sharedWorkerPool().close();
  });

  it('the built CLI and the built main start the bundled worker.cjs beside them', async () => {
    // Inside the repository, so the bundles find their external packages in node_modules as the app does.
    const out = join(REPO, 'test-results', `worker-build-${process.pid}`);
    try {
      const built = await buildElectron({ outDir: out });
      const cli = await run(process.execPath, [built.cli, 'inspect', join(dir, 'dung-han.xlsx'), '--json']);
      expect(JSON.parse(cli.stdout).workbooks[0].file).toBe('dung-han.xlsx');
      const bad = await run(process.execPath, [built.cli, 'inspect', join(dir, 'ghi-chu.xlsx')]).catch((e: { code: number; stderr: string }) => e);
      expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('ghi-chu.xlsx') });
      const pool = new WorkerPool({ script: built.worker });
      try {
        const [book] = await pool.run('read', { sources: [{ path: join(dir, 'dung-han.xlsx') }] });
        expect(book!.sheets[0]!.rows.length).toBeGreaterThan(3);
      } finally {
        await pool.close();
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 120_000);
});

async function vi_waitFor(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
