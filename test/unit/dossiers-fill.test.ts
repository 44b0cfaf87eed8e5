// Computed dossier figures fill blank and "not aggregated" cells (labelled src 'dossiers') but never official figures; the aggregate CLI command.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { aggregate } from '../../core/dossiers/aggregate';
import type { AggregateResult } from '../../core/dossiers/aggregator';
import { fillFromAggregate } from '../../core/dossiers/fill';
import { applyPatch, invertPatch } from '../../core/import/patch';
import { loadSample, parseReportJson, serializeReport } from '../../core/model/report';
import type { Cell, Report } from '../../core/model/schema';
import type { StreamRow } from '../../core/xlsx/stream';
import { tempDir, writeDossierWorkbook } from '../helpers/dossier-lists';

const HEADER = ['Mã hồ sơ', 'Cơ quan tiếp nhận', 'Hình thức nộp', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả', 'Phí', 'Thanh toán trực tuyến', 'Đánh giá'];

/** Phòng Tư pháp: 4 dossiers, 3 on time (75%), 2 online (50%), 2 with a fee of which 1 paid online (50%), 2 rated, 1 satisfied (50%). */
const ROWS: (string | number | null)[][] = [
  ['A1', 'Phòng Tư pháp', 'Trực tuyến', '02/07/2024', '05/07/2024', '04/07/2024', 50000, 'Có', 'Hài lòng'],
  ['A2', 'Phòng Tư pháp', 'Trực tuyến', '03/07/2024', '05/07/2024', '08/07/2024', 20000, 'Không', 'Không hài lòng'],
  ['A3', 'Phòng Tư pháp', 'Trực tiếp', '04/07/2024', '10/07/2024', '10/07/2024', 0, null, null],
  ['A4', 'Phòng Tư pháp', 'Trực tiếp', '05/07/2024', '09/08/2024', null, null, null, null],
  // UBND phường Đức Xuân has an official on-time rate (97,74) in the sample: 1 dossier, overdue → 0% computed.
  ['B1', 'UBND phường Đức Xuân', 'Trực tiếp', '05/07/2024', '06/07/2024', '09/07/2024', null, null, 'Rất hài lòng'],
];

function batches(): StreamRow[][] {
  return [[{ row: 1, values: HEADER }, ...ROWS.map((values, i) => ({ row: i + 2, values }))]];
}

async function julyResult(report: Report): Promise<AggregateResult> {
  return aggregate(batches(), { period: '2024-07', units: report.units });
}

function cell(report: Report, kind: string, unitId: string): Cell | undefined {
  const table = report.tables.find((t) => t.kind === kind);
  return table?.rows.find((r) => r.unitId === unitId)?.cells.rate;
}

describe('fillFromAggregate', () => {
  it('fills "not aggregated" cells with labelled figures and leaves official figures alone', async () => {
    const report = loadSample();
    const result = await julyResult(report);
    const patch = fillFromAggregate(report, result);
    const filled = applyPatch(report, patch);
    expect(cell(report, 'onTime', 'phong-tu-phap')).toEqual({ t: 'status', v: 'Không tổng hợp trên Hệ thống' });
    expect(cell(filled, 'onTime', 'phong-tu-phap')).toEqual({ t: 'num', v: 75, src: 'dossiers' });
    expect(cell(filled, 'overdue', 'phong-tu-phap')).toEqual({ t: 'num', v: 25, src: 'dossiers' });
    expect(cell(filled, 'onlineSubmission', 'phong-tu-phap')).toEqual({ t: 'num', v: 50, src: 'dossiers' });
    expect(cell(filled, 'onlinePayment', 'phong-tu-phap')).toEqual({ t: 'num', v: 50, src: 'dossiers' });
    expect(cell(filled, 'satisfaction', 'phong-tu-phap')).toEqual({ t: 'num', v: 50, src: 'dossiers' });
    // Official figures stay: Đức Xuân's on-time 97,74 and online payment 93,47 are the portal's.
    expect(cell(filled, 'onTime', 'p-duc-xuan')).toEqual({ t: 'num', v: 97.74 });
    expect(cell(filled, 'onlinePayment', 'p-duc-xuan')).toEqual({ t: 'num', v: 93.47 });
    // Its overdue cell is a status, but its on-time rate is official: a computed overdue rate would not complement
    // it, so the status stays.
    expect(cell(filled, 'overdue', 'p-duc-xuan')).toEqual({ t: 'status', v: 'Không tổng hợp trên Hệ thống' });
    // Units without dossiers keep their status (a rate over no dossier is null, never 0).
    expect(cell(filled, 'onTime', 'phong-kinh-te')).toEqual({ t: 'status', v: 'Không tổng hợp trên Hệ thống' });
    // Every change is a cell marked as computed.
    expect(patch.changes.every((c) => c.after !== null && typeof c.after === 'object' && 'src' in c.after && c.after.src === 'dossiers')).toBe(true);
    // Undo gives the report back.
    expect(applyPatch(filled, invertPatch(patch))).toEqual(report);
  });

  it('fills only blank cells with "empty-only", and only the chosen tables', async () => {
    const report = loadSample();
    const result = await julyResult(report);
    expect(fillFromAggregate(report, result, { overwrite: 'empty-only' }).changes).toEqual([]);
    const blanked = structuredClone(report);
    const onTime = blanked.tables.find((t) => t.kind === 'onTime')!;
    onTime.rows.find((r) => r.unitId === 'phong-tu-phap')!.cells.rate = null;
    const patch = fillFromAggregate(blanked, result, { overwrite: 'empty-only', tables: ['onTime', 'satisfaction'] });
    expect(patch.changes).toEqual([
      { target: { kind: 'cell', tableId: onTime.id, unitId: 'phong-tu-phap', columnId: 'rate' }, before: null, after: { t: 'num', v: 75, src: 'dossiers' } },
    ]);
  });

  it('refreshes figures it computed earlier, and adds a row to the overdue list for a unit it lacks', async () => {
    const report = loadSample();
    const overdue = report.tables.find((t) => t.kind === 'overdue')!;
    overdue.rows = overdue.rows.filter((r) => r.unitId !== 'phong-tu-phap');
    const onTime = report.tables.find((t) => t.kind === 'onTime')!;
    onTime.rows.find((r) => r.unitId === 'phong-tu-phap')!.cells.rate = { t: 'num', v: 10, src: 'dossiers' };
    const patch = fillFromAggregate(report, await julyResult(report));
    expect(patch.rows).toEqual([{ tableId: overdue.id, unitId: 'phong-tu-phap', op: 'add' }]);
    const filled = applyPatch(report, patch);
    expect(cell(filled, 'overdue', 'phong-tu-phap')).toEqual({ t: 'num', v: 25, src: 'dossiers' });
    expect(cell(filled, 'onTime', 'phong-tu-phap')).toEqual({ t: 'num', v: 75, src: 'dossiers' });
    // The row sits in the report's unit order.
    const ids = filled.tables.find((t) => t.kind === 'overdue')!.rows.map((r) => r.unitId);
    expect(ids.indexOf('phong-tu-phap')).toBe(2);
    // Filling again changes nothing.
    expect(fillFromAggregate(filled, await julyResult(filled)).changes).toEqual([]);
  });
});

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t + '\n'), stderr: (t) => (stderr += t + '\n') });
  return { code, stdout, stderr };
}

describe('aggregate command', () => {
  async function files() {
    const dir = await tempDir('dossiers-cli-');
    const list = await writeDossierWorkbook(join(dir, 'danh-sach.xlsx'), {
      title: ['DANH SÁCH HỒ SƠ', 'Tháng 7/2024'],
      header: HEADER,
      rows: [...ROWS, ['C1', 'UBND PHƯỜNG XUẤT HÓA', 2, '10/07/2024', '12/08/2024', null, null, null, null]],
    });
    const report = join(dir, 'bao-cao.json');
    await writeFile(report, serializeReport(loadSample()), 'utf8');
    return { dir, list, report };
  }

  it('prints the per-unit figures as JSON with the report’s spelling of each unit', async () => {
    const { list, report } = await files();
    const { code, stdout } = await cli('aggregate', list, '--period', '2024-07', '--json', '--into', report, '--overdue-list');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as AggregateResult;
    const tp = json.perUnit.find((u) => u.unitId === 'phong-tu-phap')!;
    expect(tp).toMatchObject({ unitName: 'Phòng Tư pháp', received: 4, onTimeRate: 75, onlineRate: 50, paymentRate: 50, satisfactionRate: 50 });
    const xh = json.perUnit.find((u) => u.unitId === 'p-xuat-hoa')!;
    expect(xh).toMatchObject({ unitName: 'UBND phường Xuất Hoá', received: 1, onTimeRate: 100, onlineRate: 100 });
    expect(json.overdueDossiers?.map((d) => d.code)).toEqual(['A2', 'B1']);
    expect(json.note).toMatch(/không phải số liệu chính thức/);
  });

  it('prints a labelled text summary, and writes a filled copy of the report with --out', async () => {
    const { dir, list, report } = await files();
    const out = join(dir, 'da-dien.json');
    const { code, stdout, stderr } = await cli('aggregate', list, '--period', '2024-07-01..2024-07-31', '--into', report, '--out', out);
    expect(code).toBe(0);
    expect(stdout).toContain('Lưu ý: Số liệu tính từ danh sách hồ sơ');
    expect(stdout).toContain('Phòng Tư pháp | tiếp nhận 4 | đúng hạn 3 (75%) | quá hạn 1 (25%)');
    expect(stderr).toMatch(/Đã điền \d+ ô/);
    const parsed = parseReportJson(await readFile(out, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(cell(parsed.report, 'onTime', 'phong-tu-phap')).toEqual({ t: 'num', v: 75, src: 'dossiers' });
    expect(cell(parsed.report, 'onTime', 'p-duc-xuan')).toEqual({ t: 'num', v: 97.74 });
    // The report given to --into is untouched.
    expect(JSON.parse(await readFile(report, 'utf8'))).toEqual(JSON.parse(serializeReport(loadSample())));
  });

  it('takes a mapping file, and answers bad input with one Vietnamese line and exit code 2', async () => {
    const { dir, list } = await files();
    const mapping = join(dir, 'anh-xa.json');
    await writeFile(mapping, JSON.stringify({ columns: { rating: null } }), 'utf8');
    const mapped = await cli('aggregate', list, '--period', '2024-07', '--json', '--mapping', mapping);
    expect(mapped.code).toBe(0);
    expect(JSON.parse(mapped.stdout).header.columns.rating).toBeUndefined();

    const badPeriod = await cli('aggregate', list, '--period', '2024-7-1');
    expect(badPeriod.code).toBe(2);
    expect(badPeriod.stderr).toMatch(/^Không hiểu kỳ “2024-7-1”/);
    const missing = await cli('aggregate', join(dir, 'khong-co.xlsx'), '--period', '2024-07');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^Không tìm thấy tệp “khong-co.xlsx”/);
    await writeFile(mapping, '{"columns":{"unit":5,"x":1}}', 'utf8');
    const badMapping = await cli('aggregate', list, '--period', '2024-07', '--mapping', mapping);
    expect(badMapping.code).toBe(2);
    expect(badMapping.stderr).toMatch(/^Tệp ánh xạ cột không đúng mẫu/);
    const noPeriod = await cli('aggregate', list);
    expect(noPeriod.code).toBe(2);
    expect(noPeriod.stderr).toMatch(/^Thiếu --period/);
    for (const r of [badPeriod, missing, badMapping, noPeriod]) expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
