// Several dossier lists read in parallel in worker threads (aggregateInWorkers, issue 18): the result and every
// error exactly as reading the files one after another (aggregateFiles) gives them, cancel, and one progress bar.
//
// The monthly files are built here with exceljs (and CSV files for a list that breaks further on): report units,
// unknown unit names (more distinct names over the files than MAX_UNKNOWN_NAMES, more unreadable rows than
// MAX_BAD_ROWS, so both caps apply across files), cancelled dossiers, rows out of the period, overdue dossiers.
import { copyFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { aggregate, aggregateFilePart, aggregateFiles } from '../../core/dossiers/aggregate';
import { MAX_BAD_ROWS, MAX_UNKNOWN_NAMES, type AggregateOptions, type AggregateResult } from '../../core/dossiers/aggregator';
import { mergeFileParts } from '../../core/dossiers/parts';
import { clearFigures, loadSample, serializeReport } from '../../core/model/report';
import { aggregateInWorkers } from '../../core/worker/aggregate-files';
import { dossierRowsLabel } from '../../core/worker/labels';
import { sharedWorkerPool, WorkerPool } from '../../core/worker/pool';
import { GENERATED_HEADER, generatedRow, random, tempDir, writeDossierWorkbook, type CellInput } from '../helpers/dossier-lists';
import { encodeCp1258 } from '../helpers/fuzz-bases';
import { createTestRuntime } from '../helpers/runtime';

const units = loadSample().units;
const OPTS: AggregateOptions = { period: '2024', units, listOverdue: true };
/** A unit name no report unit resembles closely enough to match. */
const unknownName = (j: number) => `Ban quản lý dự án công trình số ${j}`;
const NAMES_PER_FILE = 350;
const NEW_NAMES_PER_FILE = 250;
const MONTHS = 5;

/** One month's rows: counted dossiers, unknown units (2–4 rows each), cancelled, out of the period, unreadable dates, shuffled. */
function monthRows(month: number, rnd: () => number): CellInput[][] {
  const rows: CellInput[][] = [];
  let i = month * 100_000;
  const row = () => generatedRow(i++, rnd, month);
  for (let j = 0; j < 250; j++) rows.push(row());
  // Names (month-1)·250 … +349: each file shares 100 names with the next, 1 350 names in all.
  const firstName = (month - 1) * NEW_NAMES_PER_FILE;
  for (let j = firstName; j < firstName + NAMES_PER_FILE; j++) {
    const times = 2 + Math.floor(rnd() * 3);
    for (let t = 0; t < times; t++) rows.push(Object.assign(row(), { 4: unknownName(j) }));
  }
  for (let j = 0; j < 25; j++) rows.push(Object.assign(row(), { 9: 'Đã hủy' }));
  for (let j = 0; j < 25; j++) rows.push(Object.assign(row(), { 6: '15/12/2023 08:00' }));
  for (let j = 0; j < 30; j++) rows.push(Object.assign(row(), { 6: '31/02/2024 08:00' }));
  for (let k = rows.length - 1; k > 0; k--) {
    const m = Math.floor(rnd() * (k + 1));
    [rows[k], rows[m]] = [rows[m]!, rows[k]!];
  }
  return rows;
}

/** A dossier list as CSV (";"), dates written "dd/mm/yyyy hh:mm". */
function csvText(header: string[], rows: CellInput[][]): string {
  const cell = (v: CellInput) => {
    if (v === null) return '';
    if (v instanceof Date) {
      const p = (n: number) => String(n).padStart(2, '0');
      return `${p(v.getUTCDate())}/${p(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${p(v.getUTCHours())}:${p(v.getUTCMinutes())}`;
    }
    return String(v);
  };
  return [header.join(';'), ...rows.map((r) => r.map(cell).join(';'))].join('\n') + '\n';
}

const errorOf = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (e: unknown) => {
      const err = e as { code?: string; message?: string };
      return { code: err.code, message: err.message };
    },
  );

let dir = '';
let monthly: string[] = [];
let whole = '';
let pool: WorkerPool;

beforeAll(async () => {
  dir = await tempDir('dossiers-parallel-');
  const rnd = random(1866);
  const months = Array.from({ length: MONTHS }, (_, k) => monthRows(k + 1, rnd));
  // The last file has its columns in reverse order (read by its own header).
  const reverse = GENERATED_HEADER.map((_, i) => i).reverse();
  monthly = [];
  for (const [k, rows] of months.entries()) {
    const path = join(dir, `thang-${k + 1}.xlsx`);
    if (k === MONTHS - 1) await writeDossierWorkbook(path, { header: reverse.map((i) => GENERATED_HEADER[i]!), rows: rows.map((r) => reverse.map((i) => r[i]!)) });
    else await writeDossierWorkbook(path, { title: [`DANH SÁCH HỒ SƠ THÁNG ${k + 1}/2024`], header: GENERATED_HEADER, rows });
    monthly.push(path);
  }
  // The same rows in one list, in the same order: what the caps over several files must equal.
  whole = await writeDossierWorkbook(join(dir, 'ca-nam.xlsx'), { header: GENERATED_HEADER, rows: months.flat() });
  pool = new WorkerPool();
}, 120_000);

afterAll(async () => {
  await pool.close();
});

describe('several dossier lists read in parallel (aggregateInWorkers)', () => {
  it('gives exactly the sequential result: caps over the files, cancelled, out of the period, overdue list, header of the first file', async () => {
    const sequential = await aggregateFiles(monthly, OPTS);
    const progress: { done: number; total: number | null; label: string }[] = [];
    const parallel = await aggregateInWorkers(pool, monthly, OPTS, { readers: 2, onProgress: (done, total, label) => progress.push({ done, total, label }) });
    expect(parallel).toEqual(sequential);
    // The caps apply over the files: more unknown names and unreadable rows than listed.
    expect(sequential.unknownUnits).toHaveLength(MAX_UNKNOWN_NAMES);
    expect(sequential.badRows).toHaveLength(MAX_BAD_ROWS);
    expect(sequential.badRowCount).toBeGreaterThan(MAX_BAD_ROWS);
    expect(sequential.cancelled).toBe(25 * MONTHS);
    expect(sequential.outOfPeriod).toBe(25 * MONTHS);
    expect(sequential.overdueDossiers!.length).toBeGreaterThan(10);
    expect(new Set(sequential.overdueDossiers!.map((d) => d.file))).toEqual(new Set(monthly.map((p) => p.split('/').pop())));
    expect(sequential.files!.map((f) => f.name)).toEqual(['thang-1.xlsx', 'thang-2.xlsx', 'thang-3.xlsx', 'thang-4.xlsx', 'thang-5.xlsx']);
    // The header is the first file's, index and label (before: the last file's index, where its unit column is 8).
    expect(sequential.header.row).toBe(2);
    expect(sequential.header.columns.unit).toEqual({ index: 4, label: 'Cơ quan tiếp nhận', how: 'auto' });

    // The same rows in one list: the same figures, the same unknown names in the same order, the same rows listed.
    const one = await aggregate(whole, OPTS);
    const same = (r: AggregateResult) => ({
      perUnit: r.perUnit,
      unitsWithOverdue: r.unitsWithOverdue,
      unknownUnits: r.unknownUnits,
      badRowCount: r.badRowCount,
      badReasons: r.badRows.map((b) => b.reason),
      overdue: r.overdueDossiers!.map((d) => d.code),
      rowsRead: r.rowsRead,
      counted: r.counted,
      outOfPeriod: r.outOfPeriod,
      cancelled: r.cancelled,
    });
    expect(same(parallel)).toEqual(same(one));

    // One bar over all the files' bytes on disk: the total never changes, the bytes never go back, it ends full.
    const total = (await Promise.all(monthly.map((p) => stat(p)))).reduce((a, s) => a + s.size, 0);
    expect(progress.length).toBeGreaterThan(MONTHS);
    expect(progress.every((p) => p.total === total)).toBe(true);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
    expect(progress.at(-1)).toEqual({ done: total, total, label: dossierRowsLabel(sequential.rowsRead) });
    expect(pool.busyThreads).toBe(0);
  }, 120_000);

  it('one reader runs the files one after another in one thread, with the same result; parts merge the same whatever order they were read in', async () => {
    const sequential = await aggregateFiles(monthly, OPTS);
    expect(await aggregateInWorkers(pool, monthly, OPTS, { readers: 1 })).toEqual(sequential);
    const parts = [];
    for (const path of [...monthly].reverse()) parts.unshift(await aggregateFilePart(path, OPTS));
    expect(mergeFileParts(parts, OPTS)).toEqual(sequential);
    // Without report units the files go into one tally in one thread (which names become units depends on order).
    const noUnits = { period: '2024' };
    expect(await aggregateInWorkers(pool, monthly.slice(0, 2), noUnits)).toEqual(await aggregateFiles(monthly.slice(0, 2), noUnits));
  }, 120_000);
});

describe('the error reading in order meets first', () => {
  let a = '';
  let b = '';
  let d = '';
  let otherColumns = '';
  let damaged = '';
  let noHeader = '';
  let breaksLater = '';
  let otherAndBreaksLater = '';
  let otherLong = '';

  beforeAll(async () => {
    const rnd = random(18);
    const small = (name: string, month: number) =>
      writeDossierWorkbook(join(dir, name), { header: GENERATED_HEADER, rows: Array.from({ length: 40 }, (_, i) => generatedRow(month * 1000 + i, rnd, month)) });
    a = await small('a.xlsx', 1);
    b = await small('b.xlsx', 2);
    d = await small('d.xlsx', 4);
    // Without the channel column the online rate would mean something else: refused.
    const noChannel = (r: CellInput[]) => r.filter((_, i) => i !== 5);
    otherColumns = await writeDossierWorkbook(join(dir, 'khac-cot.xlsx'), {
      header: noChannel(GENERATED_HEADER) as string[],
      rows: Array.from({ length: 40 }, (_, i) => noChannel(generatedRow(5000 + i, rnd, 5))),
    });
    damaged = join(dir, 'hong.xlsx');
    await writeFile(damaged, 'PK\u0003\u0004 không phải một bảng tính, bị cắt ngang');
    noHeader = await writeDossierWorkbook(join(dir, 'khong-tieu-de.xlsx'), { header: ['Cột 1', 'Cột 2'], rows: [['x', 'y']] });
    // Lists whose header and first 20 000 rows read well and whose text turns into another encoding further on.
    const longRows = Array.from({ length: 20_000 }, (_, i) => generatedRow(10_000 + i, rnd, 6));
    const brokenTail = encodeCp1258('H9;Phòng Nội vụ;15/07/2024\n');
    breaksLater = join(dir, 'hong-doan-sau.csv');
    await writeFile(breaksLater, Buffer.concat([Buffer.from(csvText(GENERATED_HEADER, longRows), 'utf8'), brokenTail]));
    otherAndBreaksLater = join(dir, 'khac-cot-hong-doan-sau.csv');
    await writeFile(otherAndBreaksLater, Buffer.concat([Buffer.from(csvText(noChannel(GENERATED_HEADER) as string[], longRows.map(noChannel)), 'utf8'), brokenTail]));
    // A long list of other columns that reads well to its end.
    otherLong = join(dir, 'khac-cot-dai.csv');
    const rows = [...longRows, ...longRows, ...longRows].map(noChannel);
    await writeFile(otherLong, csvText(noChannel(GENERATED_HEADER) as string[], rows), 'utf8');
  }, 120_000);

  /** The error of both ways of reading, which must be the same. */
  async function both(paths: string[]) {
    const sequential = await errorOf(aggregateFiles(paths, OPTS));
    const parallel = await errorOf(aggregateInWorkers(pool, paths, OPTS, { readers: 2 }));
    expect(parallel).toEqual(sequential);
    // Nothing is left running: files after the failing one were stopped.
    expect(pool.busyThreads).toBe(0);
    return sequential;
  }

  it('a file with other columns is refused by name, as when read in order', async () => {
    expect(await both([a, b, otherColumns])).toEqual({
      code: 'DOSSIER_FILES_DIFFER',
      message: 'Tệp “khac-cot.xlsx” không có cùng các cột với tệp “a.xlsx” nên không tính chung được. Hãy kiểm tra lại các tệp đã chọn (cùng một loại danh sách hồ sơ).',
    });
  }, 60_000);

  it('a file with other columns is stopped at its header, as reading in order stops there: the rest of it is not read', async () => {
    const done: number[] = [];
    const err = await errorOf(aggregateInWorkers(pool, [a, otherLong], OPTS, { readers: 2, onProgress: (bytes) => done.push(bytes) }));
    expect(err).toMatchObject({ code: 'DOSSIER_FILES_DIFFER', message: expect.stringContaining('Tệp “khac-cot-dai.csv” không có cùng các cột') });
    // The progress never went past the header's first chunk of the long file (read to its end, it reached all of it).
    const sizeA = (await stat(a)).size;
    const sizeLong = (await stat(otherLong)).size;
    expect(sizeLong).toBeGreaterThan(4_000_000);
    expect(Math.max(0, ...done)).toBeLessThan(sizeA + sizeLong / 4);
    expect(pool.busyThreads).toBe(0);
  }, 60_000);

  it('a damaged third file while the fifth differs: the third file’s message', async () => {
    const err = await both([a, b, damaged, d, otherColumns]);
    expect(err?.code).not.toBe('DOSSIER_FILES_DIFFER');
    expect(err?.message).toContain('“hong.xlsx”');
  }, 60_000);

  it('a damaged later file while an earlier one differs: the earlier one’s message', async () => {
    expect((await both([a, otherColumns, d, damaged]))?.message).toContain('Tệp “khac-cot.xlsx” không có cùng các cột');
    expect((await both([a, otherColumns, damaged]))?.code).toBe('DOSSIER_FILES_DIFFER');
  }, 60_000);

  it('a file that breaks further on is its own error even when a later file differs; one that differs is refused at its header before it breaks', async () => {
    const breaks = await both([a, breaksLater, otherColumns]);
    expect(breaks?.code).toBe('FILE_ENCODING');
    expect(breaks?.message).toContain('“hong-doan-sau.csv”');
    expect(await both([a, otherAndBreaksLater])).toMatchObject({ code: 'DOSSIER_FILES_DIFFER', message: expect.stringContaining('Tệp “khac-cot-hong-doan-sau.csv” không có cùng các cột') });
  }, 120_000);

  it('a header not found, a damaged first file, a missing file: the same message naming the file', async () => {
    expect(await both([a, noHeader, b])).toMatchObject({ code: 'DOSSIER_HEADER_NOT_FOUND', message: expect.stringMatching(/^Tệp “khong-tieu-de.xlsx”: /) });
    expect((await both([damaged, a, otherColumns]))?.message).toContain('“hong.xlsx”');
    expect(await both([a, join(dir, 'khong-co.xlsx')])).toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('“khong-co.xlsx”') });
    expect(await both([a, b].concat(Array.from({ length: 100 }, () => a)))).toMatchObject({ code: 'DOSSIER_TOO_MANY_FILES' });
    expect(await errorOf(aggregateInWorkers(pool, [a, b], { ...OPTS, period: 'năm ngoái' }))).toEqual(await errorOf(aggregateFiles([a, b], { ...OPTS, period: 'năm ngoái' })));
  }, 60_000);
});

describe('cancelling reading in parallel', () => {
  it('terminates every thread and rejects with CANCELLED; the next run works', async () => {
    const hooked = new WorkerPool({ testHooks: [{ match: 'treo', action: 'hang' }] });
    try {
      const hanging = join(dir, 'thang-2-treo.xlsx');
      await copyFile(monthly[1]!, hanging);
      const ctrl = new AbortController();
      let started = false;
      const run = aggregateInWorkers(hooked, [monthly[0]!, hanging, monthly[2]!], OPTS, {
        signal: ctrl.signal,
        // The first file's progress: both threads are running, the second one spinning in the hang.
        onProgress: () => {
          if (started) return;
          started = true;
          ctrl.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ code: 'CANCELLED', message: 'Đã hủy thao tác.' });
      expect(started).toBe(true);
      expect(hooked.busyThreads).toBe(0);
      // A signal already aborted starts nothing.
      const before = hooked.threads;
      await expect(aggregateInWorkers(hooked, monthly, OPTS, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(hooked.threads).toBe(before);
      expect(await aggregateInWorkers(hooked, monthly.slice(0, 2), OPTS)).toEqual(await aggregateFiles(monthly.slice(0, 2), OPTS));
    } finally {
      await hooked.close();
    }
  }, 120_000);
});

describe('the pool runs the readers side by side', () => {
  it('two busy threads at once; after the run one is kept idle and the other ends at once', async () => {
    // A long idle time, so no thread idle between two files can end while the run goes on (a loaded machine).
    const pool2 = new WorkerPool({ idleMs: 60_000 });
    try {
      let most = 0;
      const r = await aggregateInWorkers(pool2, monthly, OPTS, { readers: 2, onProgress: () => void (most = Math.max(most, pool2.busyThreads)) });
      expect(r.rowsRead).toBeGreaterThan(0);
      expect(most).toBe(2);
      expect(pool2.busyThreads).toBe(0);
      expect(pool2.threads).toBe(1);
    } finally {
      await pool2.close();
    }
  }, 120_000);

  it('the thread kept idle is discarded after the idle time', async () => {
    const short = new WorkerPool({ idleMs: 200 });
    try {
      await short.run('ping', {});
      const until = Date.now() + 20_000;
      while (short.threads > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(short.threads).toBe(0);
    } finally {
      await short.close();
    }
  }, 60_000);
});

describe('a reader thread that dies', () => {
  // Two readers (each file its own thread), or one thread reading the files one after another (a one-core PC).
  it.each([2, 1])('each thread has its heap limit: one that runs out of memory is one message naming the file it was reading, nothing left running (%i readers)', async (readers) => {
    const failures: unknown[] = [];
    const small = new WorkerPool({ maxOldGenerationSizeMb: 96, testHooks: [{ match: 'tran-bo-nho', action: 'oom' }], onFailure: (e) => failures.push(e) });
    try {
      const blowsUp = join(dir, 'thang-2-tran-bo-nho.xlsx');
      await copyFile(monthly[1]!, blowsUp);
      const progress: number[] = [];
      const err = await errorOf(aggregateInWorkers(small, [monthly[0]!, blowsUp, monthly[2]!], OPTS, { readers, onProgress: (done) => progress.push(done) }));
      expect(err).toEqual({
        code: 'FILE_READER_FAILED',
        message: 'Không đọc được tệp “thang-2-tran-bo-nho.xlsx”: tệp quá lớn hoặc bị hỏng. Hãy mở tệp bằng Excel, lưu lại thành tệp mới (.xlsx) rồi thử lại.',
      });
      // The first file was read before the second blew up.
      expect(Math.max(0, ...progress)).toBeGreaterThan(0);
      expect((failures[0] as { code?: string }).code).toBe('ERR_WORKER_OUT_OF_MEMORY');
      expect(small.busyThreads).toBe(0);
      expect(await aggregateInWorkers(small, monthly.slice(0, 2), OPTS, { readers })).toEqual(await aggregateFiles(monthly.slice(0, 2), OPTS));
    } finally {
      await small.close();
    }
  }, 120_000);
});

describe('the app and the command line read several lists in parallel', () => {
  it('import.dossiers and the CLI aggregate --into give the sequential result', async () => {
    const report = { ...clearFigures(loadSample()), period: { kind: 'year' as const, year: 2024 } };
    const paths = monthly.slice(0, 3);
    const expected = await aggregateFiles(paths, { period: '2024', units: report.units });
    const rt = createTestRuntime(join(dir, 'library'), undefined, undefined, { workers: pool });
    const viaApi = await rt.call('import.dossiers', { report, paths });
    if (!viaApi.ok) throw new Error(viaApi.error.message);
    expect(viaApi.result.result).toEqual(expected);

    const reportFile = join(dir, 'bao-cao.json');
    await writeFile(reportFile, serializeReport(report));
    let stdout = '';
    const code = await runCli(['aggregate', ...paths, '--period', '2024', '--into', reportFile, '--json'], { stdout: (t) => (stdout += t), stderr: () => {} });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    await sharedWorkerPool().close();
  }, 120_000);
});
