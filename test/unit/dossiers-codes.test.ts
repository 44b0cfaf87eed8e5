// A dossier is counted once: a code listed twice in one list, or in two files read together (the same month picked
// twice, a quarter with one of its months), is refused with a message naming the rows or the files, in every path
// (one file, several files one after another with or without report units, several files in parallel threads).
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeLedger, sharedKeys } from '../../core/dossiers/codes';
import { aggregate, aggregateFiles } from '../../core/dossiers/aggregate';
import { UserFacingError } from '../../core/files/errors';
import { loadSample } from '../../core/model/report';
import { aggregateInWorkers } from '../../core/worker/aggregate-files';
import { WorkerPool } from '../../core/worker/pool';
import { GENERATED_HEADER, generatedRow, random, tempDir, writeDossierWorkbook, type CellInput } from '../helpers/dossier-lists';

const units = loadSample().units;

async function refusal(run: Promise<unknown>): Promise<UserFacingError> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserFacingError);
  return err as UserFacingError;
}

/** Rows of one month (every row received in that month of 2024), numbered from `first`. */
function monthRows(month: number, count: number, first: number, seed = month): CellInput[][] {
  const rnd = random(seed);
  return Array.from({ length: count }, (_, i) => generatedRow(first + i, rnd, month));
}

let dir: string;
let months: string[];
let pool: WorkerPool;

beforeAll(async () => {
  dir = await tempDir('dossier-codes-');
  months = [];
  for (const m of [1, 2, 3]) {
    months.push(await writeDossierWorkbook(join(dir, `thang-${m}.xlsx`), { header: GENERATED_HEADER, rows: monthRows(m, 150, (m - 1) * 150) }));
  }
  pool = new WorkerPool();
});

afterAll(async () => {
  await pool.close();
});

describe('a dossier listed twice in one list', () => {
  it('is refused with the two rows named, not counted twice', async () => {
    const rows = monthRows(1, 40, 0);
    // Row 12 of the data repeats the dossier of data row 5 (sheet rows 6 and 13 below the header row 1).
    rows[11] = [...rows[4]!];
    const path = await writeDossierWorkbook(join(dir, 'lap.xlsx'), { header: GENERATED_HEADER, rows });
    const err = await refusal(aggregate(path, { period: '2024-01', units }));
    expect(err.code).toBe('DOSSIER_CODES_REPEATED');
    expect(err.message).toBe(
      'Danh sách hồ sơ có một hồ sơ được liệt kê hai lần (dòng 6 và dòng 13 cùng một mã hồ sơ). Mỗi hồ sơ chỉ được tính một lần: hãy xóa các dòng trùng (trong Excel: Dữ liệu → Loại bỏ Trùng lặp, theo cột mã hồ sơ) rồi tính lại.',
    );
    // Three more repeats: the count says how many rows repeat a dossier above them.
    rows[20] = [...rows[4]!];
    rows[30] = [...rows[7]!];
    rows[31] = [...rows[8]!];
    const more = await writeDossierWorkbook(join(dir, 'lap-4.xlsx'), { header: GENERATED_HEADER, rows });
    expect((await refusal(aggregate(more, { period: '2024-01', units }))).message).toMatch(/^Danh sách hồ sơ có 4 dòng lặp lại mã của một hồ sơ đã có ở dòng trên \(ví dụ dòng 6 và dòng 13 /);
  });

  it('only among the dossiers counted: a repeat outside the period, or blank codes, change nothing', async () => {
    const rows = monthRows(1, 30, 0);
    const other = monthRows(5, 2, 100);
    other[1]![1] = other[0]![1]!; // two May dossiers with one code: outside January
    rows[3]![1] = '';
    rows[9]![1] = '  '; // blank codes are not compared
    const path = await writeDossierWorkbook(join(dir, 'ngoai-ky.xlsx'), { header: GENERATED_HEADER, rows: [...rows, ...other] });
    const result = await aggregate(path, { period: '2024-01', units });
    expect(result.counted).toBe(30);
    expect(result.outOfPeriod).toBe(2);
  });

  it('a list without a code column is read as before (nothing to compare)', async () => {
    const rows = monthRows(2, 20, 0).map((r) => [r[0]!, ...r.slice(2)]);
    rows.push([...rows[0]!]);
    const path = await writeDossierWorkbook(join(dir, 'khong-ma.xlsx'), { header: [GENERATED_HEADER[0]!, ...GENERATED_HEADER.slice(2)], rows });
    const result = await aggregate(path, { period: '2024-02', units });
    expect(result.header.columns.code).toBeUndefined();
    expect(result.counted).toBe(21);
  });
});

describe('a dossier in two files read together', () => {
  it('the same month picked twice is refused, naming both files and how many dossiers they share, in every path', async () => {
    const copy = join(dir, 'thang-2 (1).xlsx');
    await copyFile(months[1]!, copy);
    const files = [months[0]!, months[1]!, copy, months[2]!];
    const alone = await aggregate(months[1]!, { period: '2024', units });
    const expected = `Tệp “thang-2 (1).xlsx” có ${alone.counted} hồ sơ trùng mã với tệp “thang-2.xlsx”, nên các hồ sơ này sẽ bị tính hai lần. Hãy bỏ tệp bị chọn trùng, hoặc chọn các tệp không trùng nhau (mỗi tệp một tháng theo ngày tiếp nhận), rồi tính lại.`;
    const paths = [
      () => aggregateFiles(files, { period: '2024', units }),
      () => aggregateFiles(files, { period: '2024' }), // without report units: one tally over the files
      () => aggregateInWorkers(pool, files, { period: '2024', units }, { readers: 2 }),
    ];
    for (const run of paths) {
      const err = await refusal(run());
      expect(err.code).toBe('DOSSIER_FILES_OVERLAP');
      expect(err.message).toBe(expected);
    }
    expect(pool.busyThreads).toBe(0);
  });

  it('a quarter with one of its months is refused; the three months alone give the quarter', async () => {
    const quarter = await writeDossierWorkbook(join(dir, 'quy-1.xlsx'), {
      header: GENERATED_HEADER,
      rows: [...monthRows(1, 150, 0), ...monthRows(2, 150, 150), ...monthRows(3, 150, 300)],
    });
    const err = await refusal(aggregateFiles([quarter, months[2]!], { period: '2024-Q1', units }));
    expect(err.message).toMatch(/^Tệp “thang-3\.xlsx” có \d+ hồ sơ trùng mã với tệp “quy-1\.xlsx”/);
    const parallel = await aggregateInWorkers(pool, months, { period: '2024-Q1', units }, { readers: 2 });
    const one = await aggregate(quarter, { period: '2024-Q1', units });
    expect(parallel.perUnit).toEqual(one.perUnit);
    expect(parallel.counted).toBe(one.counted);
  });

  it('a dossier listed twice inside one file of several names that file, in every path', async () => {
    const rows = monthRows(3, 60, 300);
    rows[50] = [...rows[2]!];
    const third = await writeDossierWorkbook(join(dir, 'thang-3-lap.xlsx'), { header: GENERATED_HEADER, rows });
    const files = [months[0]!, third];
    for (const run of [
      () => aggregateFiles(files, { period: '2024-Q1', units }),
      () => aggregateFiles(files, { period: '2024-Q1' }),
      () => aggregateInWorkers(pool, files, { period: '2024-Q1', units }, { readers: 2 }),
    ]) {
      const err = await refusal(run());
      expect(err.code).toBe('DOSSIER_CODES_REPEATED');
      expect(err.message).toMatch(/^Tệp “thang-3-lap\.xlsx” có một hồ sơ được liệt kê hai lần \(dòng 4 và dòng 52 cùng một mã hồ sơ\)\./);
    }
  });
});

describe('the code ledger', () => {
  it('finds repeats and shared codes over many codes, with the rows of the first repeat', () => {
    const a = new CodeLedger();
    const b = new CodeLedger();
    for (let i = 0; i < 5000; i++) a.add(`000.00.00.H03-${String(i).padStart(7, '0')}`, i + 2);
    for (let i = 4000; i < 9000; i++) b.add(`000.00.00.H03-${String(i).padStart(7, '0')}`, i + 2);
    expect(a.size).toBe(5000);
    const ka = a.sortedKeys();
    const kb = b.sortedKeys();
    expect(a.repeats(ka)).toBeNull();
    expect(sharedKeys(ka, kb)).toBe(1000);
    expect(sharedKeys(kb, ka)).toBe(1000);
    expect(sharedKeys(ka, new CodeLedger().sortedKeys())).toBe(0);
    // Codes that differ by one letter, by case or by a trailing character do not meet.
    const c = new CodeLedger();
    for (const code of ['H03-0000001', 'h03-0000001', 'H03-0000001 ', 'H03-0000010', 'H03-1000000']) c.add(code, 1);
    expect(c.repeats(c.sortedKeys())).toBeNull();
    a.add('000.00.00.H03-0000007', 9001);
    a.add('000.00.00.H03-0000003', 9002);
    expect(a.repeats(a.sortedKeys())).toEqual({ count: 2, rows: [5, 9002] });
  });
});
