// The CLI's `overview` on files the test writes: points lost, estimates labelled "ước tính", the trend from an app
// library folder or a folder of report files, --json, --target, and one-line Vietnamese messages for bad input.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample, newReportFrom, serializeReport } from '../../core/model/report';
import type { OverviewData } from '../../core/scoring';
import { cli } from '../helpers/cli-run';
import { libraryWith, monthlyHistory } from '../helpers/overview-history';

let dir: string;
let reportFile: string;
const base = { ...loadSample(), id: 'bk-2024-07', isSample: false };
const history = monthlyHistory(base, 3); // 5/2024 … 7/2024

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bc766-overview-'));
  reportFile = join(dir, 'bao-cao.json');
  await writeFile(reportFile, serializeReport(base));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('overview REPORT.json', () => {
  it('prints official scores, points lost, estimates labelled “ước tính” and the gap to the next band', async () => {
    const { code, stdout, stderr } = await cli('overview', reportFile);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Tổng điểm: 88,4/100 — Tốt (xếp hạng 3/8); còn thiếu 1,6 điểm để đạt Xuất sắc');
    expect(stdout).toContain('- Tiến độ giải quyết hồ sơ: 18,7/20, mất 1,3, ước tính 18,42 (chênh 0,28 > dung sai 0,1)');
    expect(stdout).toContain('- Dịch vụ công trực tuyến (DVCTT): 7,7/12, mất 4,3');
    expect(stdout).toContain('Chỉ tiêu mất nhiều điểm nhất (ước tính):');
    expect(stdout).toMatch(/Tỷ lệ hồ sơ xử lý đúng hạn\/trong hạn: 92,08% → mất 1,58\/20 điểm \(ước tính; độ tin cậy trung bình; quy tắc 2024:tdgq\.onTime\)/);
    expect(stdout).toContain('- UBND phường Sông Cầu: 72,18 — Khá (báo cáo ghi “Tốt”)');
    expect(stdout).toContain('Kỳ trước: không có trong thư viện');
    expect(stdout).not.toContain('CLGQ'); // internal codes stay internal
  });

  it('--library with the app’s library folder: the trend of the same issuer and the previous month', async () => {
    const libDir = join(dir, 'thu-vien');
    const other = newReportFrom(base, { kind: 'month', year: 2024, month: 6 }, 'khac-2024-06');
    other.profile.locality = 'huyện Ba Bể';
    other.total = 41;
    await libraryWith(libDir, [...history, other]);
    const { code, stdout } = await cli('overview', reportFile, '--library', libDir);
    expect(code).toBe(0);
    expect(stdout).toContain('Xu hướng (3 kỳ gần nhất của thành phố Bắc Kạn):');
    expect(stdout).toContain(`- Tháng 6/2024: ${String(history[1]!.total).replace('.', ',')}`);
    expect(stdout).toMatch(/Kỳ trước \(Tháng 6\/2024\): [\d,]+; thay đổi \+[\d,]+ điểm/);
    expect(stdout).not.toContain('41');
  });

  it('--library with a plain folder of report files; an unreadable file is named on stderr and left out', async () => {
    const folder = join(dir, 'cac-ky');
    await mkdir(folder);
    for (const r of history) await writeFile(join(folder, `${r.id}.json`), serializeReport(r));
    await writeFile(join(folder, 'hong.json'), '{ "schemaVersion": 2');
    const { code, stdout, stderr } = await cli('overview', reportFile, '--library', folder, '--json');
    expect(code).toBe(0);
    expect(stderr).toMatch(/Bỏ qua “hong\.json”: không phải JSON hợp lệ/);
    const o = JSON.parse(stdout) as OverviewData;
    expect(o.trend.points.map((p) => p.periodLabel)).toEqual(['Tháng 5/2024', 'Tháng 6/2024', 'Tháng 7/2024']);
    expect(o.estimate.estimateLabel).toBe('ước tính');
    expect(o.estimate.groups[1]).toMatchObject({ code: 'TDGQ', official: 18.7, estimated: 18.42, pointsLost: 1.3 });
    expect(o.trend.previous?.periodLabel).toBe('Tháng 6/2024');
  });

  it('--target applies what-if rates to the estimates only', async () => {
    const { code, stdout } = await cli('overview', reportFile, '--target', 'tdgq.onTime=97', '--target', 'tttt.dossiersOnline=95');
    expect(code).toBe(0);
    expect(stdout).toContain('Mục tiêu giả định (ước tính, không phải số liệu báo cáo):');
    expect(stdout).toContain('- Tỷ lệ hồ sơ xử lý đúng hạn/trong hạn: 92,08% → 97%');
    expect(stdout).toContain('Tổng điểm dự kiến: 89,7 — Tốt; còn thiếu 0,3 điểm để đạt Xuất sắc');
    expect(stdout).toContain('Tổng điểm: 88,4/100 — Tốt (xếp hạng 3/8); còn thiếu 1,6 điểm để đạt Xuất sắc');
  });

  it('bad input: one Vietnamese line, exit 2, no stack', async () => {
    const cases: [string[], RegExp][] = [
      [['overview'], /^Thiếu tệp báo cáo/],
      [['overview', join(dir, 'khong-co.json')], /^Không tìm thấy tệp/],
      [['overview', reportFile, '--library', join(dir, 'khong-co')], /^Không tìm thấy thư mục/],
      [['overview', reportFile, '--target', 'tdgq.onTime=120'], /^--target “tdgq\.onTime=120” không hợp lệ/],
      [['overview', reportFile, '--target', 'clgq.partial=90'], /^Báo cáo không có chỉ tiêu tính điểm “clgq\.partial”/],
    ];
    for (const [argv, message] of cases) {
      const { code, stdout, stderr } = await cli(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\s+at /);
    }
  });
});
