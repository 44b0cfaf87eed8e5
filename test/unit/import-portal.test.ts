// Importing the portal's per-unit page of one province (163 units) into a clerk's report through the CLI, on .xlsx files built here: units without the suffix, footer lines left out, new units, and the closing summary (issue 13.6, 13.9).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { applyPatch, invertPatch } from '../../core/import/patch';
import { buildPreview } from '../../core/import/preview';
import { isFooterText, recogniseSheet } from '../../core/import/recognise';
import { clearFigures, loadSample, parseReportJson, serializeReport } from '../../core/model/report';
import type { Report } from '../../core/model/schema';
import { readPasted } from '../../core/xlsx/paste';
import { readSpreadsheetBytes } from '../../core/xlsx/read';
import { COMMUNES, DEPARTMENTS, WARDS, portalCases } from '../helpers/portal-names';
import { putRows, toBuffer, type In } from '../helpers/workbooks';

let dir: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
  return { code, out, err };
}

/** The signature block a clerk's or the portal's sheet ends with. */
const FOOTER: In[][] = [
  [null, null, null],
  [null, null, 'Phú Thọ, ngày 05 tháng 11 năm 2026'],
  [null, 'Người lập biểu', 'Thủ trưởng đơn vị'],
  [null, '(Ký, ghi rõ họ tên)', '(Ký tên, đóng dấu)'],
  [null, null, null],
  [null, 'Nguyễn Văn An', 'Trần Thị Bình'],
  [null, 'Ghi chú: số liệu lấy từ Cổng Dịch vụ công quốc gia', null],
];

/** The clerk's unit list: two blocks, some names copied from the portal with " - Tỉnh Phú Thọ", and the footer. */
async function unitListWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  const rows: In[][] = [['STT', 'Tên cơ quan, đơn vị'], ['I', 'Cấp tỉnh']];
  DEPARTMENTS.forEach((d, i) => rows.push([i + 1, i % 3 === 0 ? `${d} - Tỉnh Phú Thọ` : d]));
  rows.push(['II', 'Cấp xã']);
  [...WARDS.map((w) => `UBND phường ${w}`), ...COMMUNES.map((c) => `UBND xã ${c}`)].forEach((n, i) => rows.push([i + 1, i % 4 === 0 ? `${n} - tỉnh Phú Thọ` : n]));
  putRows(ws, 1, 1, rows);
  putRows(ws, rows.length + 1, 1, FOOTER.map((r) => [null, ...r.slice(1)]));
  return toBuffer(wb);
}

/** The portal's on-time page: one row per unit as the portal spells it, the refused names, then the footer. */
async function portalWorkbook(): Promise<{ buffer: Buffer; rows: number; refused: string[] }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  putRows(ws, 1, 1, [['TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN CỦA CÁC CƠ QUAN, ĐƠN VỊ TỈNH PHÚ THỌ']]);
  const seen = new Set<string>();
  const rows: In[][] = [['STT', 'Tên đơn vị', 'Tỷ lệ (%)']];
  const refused: string[] = [];
  for (const c of portalCases()) {
    if (c.unit !== null && seen.has(c.unit)) continue;
    if (c.unit !== null) seen.add(c.unit);
    else refused.push(c.text);
    rows.push([rows.length, c.text, 90 + (rows.length % 10)]);
  }
  putRows(ws, 3, 1, rows);
  putRows(ws, 3 + rows.length, 1, FOOTER);
  return { buffer: await toBuffer(wb), rows: rows.length - 1, refused };
}

let refused: string[] = [];
let province: Report;
let unitsOut = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-portal-'));
  await writeFile(join(dir, 'cleared.json'), serializeReport(clearFigures(loadSample())));
  await writeFile(join(dir, 'don-vi.xlsx'), await unitListWorkbook());
  const portal = await portalWorkbook();
  refused = portal.refused;
  await writeFile(join(dir, 'cong-dvc.xlsx'), portal.buffer);
  const r = await cli('units', join(dir, 'don-vi.xlsx'), '--into', join(dir, 'cleared.json'), '--out', join(dir, 'tinh.json'));
  expect(r.code, r.err).toBe(0);
  unitsOut = r.out;
  const parsed = parseReportJson(await readFile(join(dir, 'tinh.json'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problem);
  province = parsed.report;
});

describe('13.6 units takes the names without the portal’s suffix', () => {
  it('163 units, named without " - Tỉnh Phú Thọ", the written name kept as another name; no footer line becomes a unit', async () => {
    expect(province.units).toHaveLength(163);
    const finance = province.units.find((u) => u.name === 'Sở Tài chính')!;
    expect(finance.aliases).toEqual(['Sở Tài chính - Tỉnh Phú Thọ']);
    expect(province.units.find((u) => u.name === 'Sở Nội vụ')!.aliases).toEqual([]);
    expect(province.units.some((u) => /Tỉnh Phú Thọ|tỉnh Phú Thọ/.test(u.name))).toBe(false);
    const names = province.units.map((u) => u.name);
    for (const f of ['Người lập biểu', 'Thủ trưởng đơn vị', 'Nguyễn Văn An', 'Trần Thị Bình', 'Phú Thọ, ngày 05 tháng 11 năm 2026']) {
      expect(names.some((n) => n.includes(f)), f).toBe(false);
    }
    expect(province.blocks.map((b) => b.name)).toEqual(['Cấp tỉnh', 'Cấp xã']);
    // The command says what it trimmed, and lists the footer lines it left out.
    expect(unitsOut).toMatch(/Bỏ phần tên tỉnh\/thành phố ở cuối 43 tên \(giữ cách viết cũ làm tên gọi khác\): “Văn phòng UBND tỉnh - Tỉnh Phú Thọ” → “Văn phòng UBND tỉnh”/);
    expect(unitsOut).toContain('“Người lập biểu Thủ trưởng đơn vị”: dòng chữ ký, ngày tháng cuối bảng.');
  });
});

describe('13.9 footer lines', () => {
  it('are recognised as footer text, and a unit name never is', () => {
    for (const t of ['Người lập biểu', 'NGƯỜI LẬP BIỂU', 'Thủ trưởng đơn vị', 'Người ký', 'Phú Thọ, ngày 05 tháng 11 năm 2026', 'Việt Trì, ngày    tháng    năm 2026', 'Ghi chú', 'Ghi chú: số liệu tạm tính', 'KT. CHỦ TỊCH', 'TM. ỦY BAN NHÂN DÂN', 'Nơi nhận:', 'Kế toán trưởng']) {
      expect(isFooterText(t), t).toBe(true);
    }
    for (const u of [...DEPARTMENTS, 'UBND xã Phùng Nguyên', 'UBND phường Thanh Miếu', 'Văn phòng HĐND và UBND', 'Phòng Nội vụ']) {
      expect(isFooterText(u), u).toBe(false);
    }
  });

  it('are left out by the recogniser, with the signers’ names under them', async () => {
    const wb = await readSpreadsheetBytes((await portalWorkbook()).buffer, 'cong-dvc.xlsx');
    const t = recogniseSheet(wb.sheets[0]!).tables[0]!;
    const names = t.rows.map((r) => r.name);
    for (const f of ['Người lập biểu', 'Nguyễn Văn An', 'Trần Thị Bình', '(Ký, ghi rõ họ tên)']) expect(names, f).not.toContain(f);
    const footer = t.skipped.filter((s) => s.reason === 'dòng chữ ký, ngày tháng cuối bảng').map((s) => s.text);
    expect(footer).toEqual([
      'Phú Thọ, ngày 05 tháng 11 năm 2026',
      'Người lập biểu Thủ trưởng đơn vị',
      '(Ký, ghi rõ họ tên) (Ký tên, đóng dấu)',
      'Nguyễn Văn An Trần Thị Bình',
      'Ghi chú: số liệu lấy từ Cổng Dịch vụ công quốc gia',
    ]);
  });
});

describe('13.9 footer lines in pasted rows', () => {
  it('rows pasted without a header into one table leave the signature lines out', () => {
    const report = clearFigures(loadSample());
    const text = ['UBND phường Đức Xuân - tỉnh Bắc Kạn\t97,5', 'UBND xa Duong Quang\t100', 'Người lập biểu\t', 'Bắc Kạn, ngày 05 tháng 9 năm 2024\t'].join('\n');
    const p = buildPreview(report, [{ fileName: 'Dữ liệu dán', origin: 'paste', sheets: readPasted({ text }) }], { tableId: 'dung-han' });
    expect(p.unknownUnits).toEqual([]);
    expect(p.changes.map((c) => `${c.unit}: ${c.afterText}`)).toEqual(['UBND phường Đức Xuân: 97,5', 'UBND xã Dương Quang: 100']);
    expect(p.skipped.map((s) => s.reason)).toEqual(['dòng chữ ký, ngày tháng cuối bảng', 'dòng chữ ký, ngày tháng cuối bảng']);
  });
});

describe('13.6/13.9 import of the portal page: all matched or clearly reported', () => {
  it('prints per table how many units got a figure and which did not; footer lines are no unknown units; exit 0', async () => {
    const r = await cli('import', join(dir, 'cong-dvc.xlsx'), '--into', join(dir, 'tinh.json'), '--out', join(dir, 'nhap.json'));
    expect(r.code, r.err).toBe(0);
    const lines = r.err.trim().split('\n');
    const table = province.tables.find((t) => t.kind === 'onTime')!;
    expect(lines).toContain(`Bảng “${table.title}”: 161/163 đơn vị có số liệu; 2 đơn vị không khớp, chưa có số liệu: UBND xã Đồng Lương; UBND xã Đông Lương.`);
    const unknownLine = lines.find((l) => l.includes('tên trong tệp không khớp'))!;
    expect(unknownLine).toMatch(/^8 tên trong tệp không khớp đơn vị nào nên không được nhập: /);
    for (const n of refused) expect(unknownLine).toContain(`“${n}”`);
    expect(refused).toHaveLength(8);
    for (const f of ['Người lập biểu', 'Nguyễn Văn An', 'Phú Thọ, ngày']) expect(r.out + r.err).not.toMatch(new RegExp(`không có trong báo cáo: “${f}`));
    // "UBND huyện Lâm Thao" is listed, without the commune as a suggestion.
    expect(r.out).toContain('Đơn vị không có trong báo cáo: “UBND huyện Lâm Thao”');
    expect(r.out).not.toMatch(/“UBND huyện Lâm Thao”[^\n]*Có phải: UBND xã Lâm Thao/);
    const written = parseReportJson(await readFile(join(dir, 'nhap.json'), 'utf8'));
    if (!written.ok) throw new Error(written.problem);
    const rows = written.report.tables.find((t) => t.id === table.id)!.rows;
    expect(rows.filter((x) => x.cells.rate !== null)).toHaveLength(161);
    expect(written.report.units.find((u) => u.name === 'Sở Công Thương')!.aliases).toEqual([]); // matched, not aliased
  });

  it('--alias takes the twin and --new-unit adds the town: 163/164, the other twin reported', async () => {
    const twin = province.units.find((u) => u.name === 'UBND xã Đồng Lương')!;
    const r = await cli(
      'import',
      join(dir, 'cong-dvc.xlsx'),
      '--into',
      join(dir, 'tinh.json'),
      '--out',
      join(dir, 'nhap-2.json'),
      '--alias',
      `UBND xa Dong Luong=${twin.id}`,
      '--new-unit',
      'UBND thị trấn Hùng Sơn',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('Thêm 1 đơn vị mới: UBND thị trấn Hùng Sơn.');
    expect(r.err).toMatch(/: 163\/164 đơn vị có số liệu; 1 đơn vị không khớp, chưa có số liệu: UBND xã Đông Lương\./);
    const written = parseReportJson(await readFile(join(dir, 'nhap-2.json'), 'utf8'));
    if (!written.ok) throw new Error(written.problem);
    const added = written.report.units.find((u) => u.name === 'UBND thị trấn Hùng Sơn')!;
    expect(added.aliases).toEqual(['UBND thị trấn Hùng Sơn - Tỉnh Phú Thọ']);
    expect(added.blockId).toBe(province.units.find((u) => u.name === 'UBND xã Sơn Vi')!.blockId);
  });
});

describe('13.9 a new unit is part of the import patch', () => {
  it('adds the unit and its row, and the inverse patch takes both away', async () => {
    const wb = await readSpreadsheetBytes((await portalWorkbook()).buffer, 'cong-dvc.xlsx');
    const p = buildPreview(province, [wb], { newUnits: ['UBND huyện Lâm Thao'] });
    expect(p.addedUnits.map((u) => u.name)).toEqual(['UBND huyện Lâm Thao']);
    expect(p.unknownUnits.map((u) => u.name)).not.toContain('UBND huyện Lâm Thao');
    const next = applyPatch(province, p.patch);
    const unit = next.units.find((u) => u.name === 'UBND huyện Lâm Thao')!;
    const table = next.tables.find((t) => t.kind === 'onTime')!;
    expect(table.rows.find((r) => r.unitId === unit.id)!.cells.rate).not.toBeNull();
    const back = applyPatch(next, invertPatch(p.patch));
    expect(serializeReport(back)).toBe(serializeReport(province));
  });

  it('two spellings of one new unit in two files make one unit', async () => {
    const one = await readSpreadsheetBytes((await portalWorkbook()).buffer, 'cong-dvc.xlsx');
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet('Sheet1'), 1, 1, [['STT', 'Tên đơn vị', 'Tỷ lệ hồ sơ trực tuyến (%)'], [1, 'UBND thị trấn Hùng Sơn', 80]]);
    const two = await readSpreadsheetBytes(await toBuffer(wb), 'truc-tuyen.xlsx');
    const p = buildPreview(province, [one, two], { newUnits: ['UBND thị trấn Hùng Sơn'] });
    expect(p.addedUnits.map((u) => [u.name, u.aliases])).toEqual([['UBND thị trấn Hùng Sơn', ['UBND thị trấn Hùng Sơn - Tỉnh Phú Thọ']]]);
    const next = applyPatch(province, p.patch);
    const id = p.addedUnits[0]!.id;
    expect(next.tables.find((t) => t.kind === 'onlineSubmission')!.rows.find((r) => r.unitId === id)!.cells.rate).toEqual({ t: 'num', v: 80 });
  });
});
