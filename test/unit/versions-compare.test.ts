// Versions (issue 17 §9): every version has its own number in the order taken (the revision repeats: a snapshot
// before an import holds the revision of the save before it), and any version compares with the report now, changed
// figures and cells by section, old → new.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportLibrary } from '../../core/library/library';
import { compareReports, differencesBySection } from '../../core/history/compare';
import { loadSample } from '../../core/model/report';
import type { Report } from '../../core/model/schema';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const line = (r: Report, id: string) => r.groups.flatMap((g) => g.lines).find((l) => l.id === id)!;
const cell = (r: Report, tableId: string, unitId: string) => r.tables.find((t) => t.id === tableId)!.rows.find((x) => x.unitId === unitId)!.cells;

describe('version numbers', () => {
  it('repeat as revisions, but each version has its own number in the order taken', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bc766-ver-'));
    dirs.push(dir);
    let t = new Date('2024-08-15T07:00:00.000Z').getTime();
    const lib = new ReportLibrary({ folder: dir, now: () => new Date((t += 60_000)) });
    const opened = await lib.open(loadSample().id);
    let rev = opened.revision;
    const edit = (total: number) => ({ ...opened.report, total });
    rev = (await lib.save(opened.id, rev, edit(80))).revision;
    await lib.snapshot(opened.id, 'before-import');
    await lib.save(opened.id, rev, edit(81));
    const versions = await lib.versions(opened.id);
    const revisions = versions.map((v) => v.revision);
    // The defect: "Lần lưu" showed the revision, which repeats.
    expect(new Set(revisions).size).toBeLessThan(revisions.length);
    expect(versions.map((v) => v.number)).toEqual(versions.map((_, i) => versions.length - i));
    // One version read back, to compare with the report now.
    const oldest = versions[versions.length - 1]!;
    const read = await lib.version(opened.id, oldest.versionId);
    expect(read.report.total).toBe(88.4);
    await expect(lib.version(opened.id, '20200101T000000000Z-save-r1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('compareReports', () => {
  it('lists the changed figures and cells by section, old → new, blank shown as blank (never 0)', () => {
    const before = loadSample();
    const now = structuredClone(before);
    now.total = 90.1;
    now.document.number = '412';
    line(now, 'tttt.dossiersOnline').rate = 89.32;
    line(now, 'tdgq.onTime').rate = null;
    cell(now, 'xep-loai-xa', 'p-song-cau').class = { t: 'text', v: 'Khá' };
    cell(now, 'dung-han', 'phong-kinh-te').rate = { t: 'num', v: 0 };
    const diffs = compareReports(before, now);
    expect(diffs.map((d) => [d.section, d.place, d.before, d.after])).toEqual([
      ['general', 'Số văn bản', '364', '412'],
      ['general', 'Tổng điểm', '88,4', '90,1'],
      ['TDGQ', '“Tỷ lệ hồ sơ xử lý đúng hạn/trong hạn” · Tỷ lệ (%)', expect.stringMatching(/^\d+,\d+$/), '(trống)'],
      ['TDGQ', expect.stringContaining(' · Phòng Kinh tế · Tỷ lệ (%)'), 'Không tổng hợp trên Hệ thống', '0'],
      ['TTTT', '“Tỷ lệ thanh toán trực tuyến” · Tỷ lệ (%)', '89,73', '89,32'],
      ['II', expect.stringContaining('UBND phường Sông Cầu · Xếp loại'), 'Tốt', 'Khá'],
    ]);
    expect(differencesBySection(diffs).map((g) => [g.section, g.items.length])).toEqual([
      ['general', 2],
      ['TDGQ', 2],
      ['TTTT', 1],
      ['II', 1],
    ]);
    expect(compareReports(now, structuredClone(now))).toEqual([]);
  });
});
