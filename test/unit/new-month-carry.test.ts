// A new month keeps last month's statuses (issue 17 §8): the city departments "Không tổng hợp trên Hệ thống" every
// month come over as statuses, listed as carried over for the clerk to confirm, in the library and in `new --from`.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { ReportLibrary } from '../../core/library/library';
import { carriedCells, loadSample, newReportFrom, parseReportJson } from '../../core/model/report';
import type { Report } from '../../core/model/schema';

const STATUS = 'Không tổng hợp trên Hệ thống';
const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'bc766-carry-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const statusCells = (r: Report) =>
  r.tables.flatMap((t) => t.rows.flatMap((row) => Object.entries(row.cells).filter(([, c]) => c?.t === 'status').map(([col]) => `${t.id}|${row.unitId}|${col}`)));

describe('new month: statuses carried over', () => {
  it('newReportFrom keeps every status of the previous report, lists them as carried, and leaves the figures blank', () => {
    const sample = loadSample();
    const aug = newReportFrom(sample, { kind: 'month', year: 2024, month: 8 }, 'aug');
    expect(statusCells(aug)).toEqual(statusCells(sample));
    expect(statusCells(aug).length).toBeGreaterThan(100);
    const dept = aug.tables.find((t) => t.id === 'dung-han')!.rows.find((r) => r.unitId === 'phong-kinh-te')!;
    expect(dept.cells.rate).toEqual({ t: 'status', v: STATUS });
    expect(aug.carried?.map((c) => `${c.tableId}|${c.unitId}|${c.columnId}`)).toEqual(statusCells(sample));
    // Figures stay blank (never zero); no number cell came over.
    const nums = aug.tables.flatMap((t) => t.rows.flatMap((r) => Object.values(r.cells))).filter((c) => c !== null && c.t !== 'status');
    expect(nums).toEqual([]);
    // A carried cell the clerk changes is no longer marked.
    dept.cells.rate = { t: 'num', v: 100 };
    expect(carriedCells(aug)).toHaveLength(aug.carried!.length - 1);
  });

  it('a report without statuses carries nothing and has no carried list', () => {
    const plain = loadSample();
    for (const t of plain.tables) for (const r of t.rows) for (const k of Object.keys(r.cells)) if (r.cells[k]?.t === 'status') r.cells[k] = null;
    expect(newReportFrom(plain, { kind: 'month', year: 2024, month: 8 }, 'x').carried).toBeUndefined();
  });

  it('the library’s new month carries them, keeps the marks on disk, and drops those of a unit the catalogue removed', async () => {
    const dir = await tempDir();
    const sample = loadSample();
    const units = sample.units.filter((u) => u.id !== 'thanh-tra');
    const lib = new ReportLibrary({ folder: dir, defaults: () => ({ profile: null, catalogue: { blocks: sample.blocks, units } }) });
    const aug = await lib.newReport({ kind: 'month', year: 2024, month: 8 });
    expect(aug.report.carried!.some((c) => c.unitId === 'thanh-tra')).toBe(false);
    expect(aug.report.carried!.some((c) => c.unitId === 'phong-kinh-te' && c.tableId === 'dung-han')).toBe(true);
    const reopened = await lib.open(aug.id);
    expect(reopened.report.carried).toEqual(aug.report.carried);
    // Confirmed (the list emptied) and saved: the next month carries from it again, freshly marked.
    await lib.save(aug.id, aug.revision, { ...reopened.report, carried: [] });
    const sep = await lib.newReport({ kind: 'month', year: 2024, month: 9 });
    expect(sep.report.carried).toEqual(aug.report.carried);
  });

  it('`new --from` carries them and says so', async () => {
    const dir = await tempDir();
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (t: string) => void (stderr += t + '\n') };
    const src = join(dir, 'thang7.json');
    const out = join(dir, 'thang8.json');
    expect(await runCli(['sample', '--out', src], io)).toBe(0);
    expect(await runCli(['new', '--from', src, '--period', '2024-08', '--out', out], io)).toBe(0);
    const parsed = parseReportJson(await readFile(out, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(statusCells(parsed.report)).toEqual(statusCells(loadSample()));
    expect(parsed.report.carried).toHaveLength(statusCells(loadSample()).length);
    expect(stderr).toContain(`Đã chuyển sang ${parsed.report.carried!.length} ô giữ tình trạng của kỳ trước (“${STATUS}”`);
    expect(stderr).toContain('được đánh dấu để xác nhận');
  });
});
