// Import of report tables from workbooks built in code: clerks' per-unit tables, wide and evaluation tables, HTML "xls", CSV, pasted text, and the exact round trip of the app's own export.
import { describe, expect, it } from 'vitest';
import { applyPatch, invertPatch } from '../../core/import/patch';
import { assertUsable, buildPreview } from '../../core/import/preview';
import { clearFigures, loadSample, serializeReport } from '../../core/model/report';
import type { Cell, Report } from '../../core/model/schema';
import { readSpreadsheetBytes } from '../../core/xlsx/read';
import { pastedWorkbook, readPasted } from '../../core/xlsx/paste';
import { reportXlsxBuffer } from '../../core/xlsx/write';
import { templateReport } from '../../core/xlsx/template';
import { STATUS, clerkOnTimeWorkbook, evaluationWorkbook, htmlXls, putRows, spreadsheetMlXls, toBuffer, wideWorkbook } from '../helpers/workbooks';
import ExcelJS from 'exceljs';

function cell(report: Report, tableId: string, unitId: string, columnId = 'rate'): Cell | undefined {
  return report.tables.find((t) => t.id === tableId)?.rows.find((r) => r.unitId === unitId)?.cells[columnId];
}

const num = (v: number): Cell => ({ t: 'num', v });

describe('per-unit table as clerks copy it', () => {
  it('finds the header under titles, reads blocks, a merged status, text with commas, percentages; lists what it skipped', async () => {
    const cleared = clearFigures(loadSample());
    const wb = await readSpreadsheetBytes(await clerkOnTimeWorkbook(), 'dung-han.xlsx');
    const before = serializeReport(cleared);
    const p = buildPreview(cleared, [wb]);
    expect(serializeReport(cleared)).toBe(before); // a preview never touches the report
    expect(p.sources).toHaveLength(1);
    expect(p.sources[0]!.headerRow).toBe(4);
    expect(p.sources[0]!.kinds).toEqual(['onTime']);
    expect(p.sources[0]!.ignoredColumns.map((c) => c.header)).toEqual(['Số hồ sơ']);
    const next = applyPatch(cleared, p.patch);
    // A status merged over three departments is stored in each of them.
    for (const u of ['phong-kinh-te', 'phong-tu-phap', 'phong-noi-vu']) expect(cell(next, 'dung-han', u)).toEqual({ t: 'status', v: STATUS });
    expect(cell(next, 'dung-han', 'p-song-cau')).toEqual(num(94.12));
    expect(cell(next, 'dung-han', 'p-xuat-hoa')).toEqual(num(100)); // "P. Xuất Hóa"
    expect(cell(next, 'dung-han', 'p-duc-xuan')).toEqual(num(97.74)); // "97,74"
    expect(cell(next, 'dung-han', 'p-phung-chi-kien')).toEqual(num(98.89)); // 0.9889 with a % format
    expect(cell(next, 'dung-han', 'x-duong-quang')).toEqual(num(100)); // "100%"
    // The #DIV/0! cell is refused, never a figure: the cell stays blank.
    expect(cell(next, 'dung-han', 'p-nguyen-thi-minh-khai')).toBeNull();
    expect(p.findings).toEqual([]);
    expect(p.refused).toEqual([expect.objectContaining({ where: 'dung-han.xlsx › Sheet1 › E16', reason: expect.stringContaining('#DIV/0!'), ambiguous: false })]);
    // Skipped rows with reasons.
    const reasons = p.skipped.map((s) => `${s.text}: ${s.reason}`);
    expect(reasons).toContain('I Cấp thành phố: dòng khối (tiêu đề nhóm đơn vị)');
    expect(reasons).toContain('II Cấp xã: dòng khối (tiêu đề nhóm đơn vị)');
    expect(reasons).toContain('Tổng cộng: dòng tổng cộng');
    expect(reasons).toContain('(Phần này không phản ánh đúng thực tế): dòng ghi chú');
    // Unknown units are listed with suggestions, never added.
    const names = p.unknownUnits.map((u) => u.name);
    expect(names).toEqual(['Phường Huyền Tung', 'UBND phường Xuân Hòa']);
    expect(p.unknownUnits[0]!.suggestions[0]!.unitId).toBe('p-huyen-tung');
    expect(next.units).toHaveLength(cleared.units.length);
  });

  it('turns a confirmed suggestion into an alias and imports the row', async () => {
    const cleared = clearFigures(loadSample());
    const wb = await readSpreadsheetBytes(await clerkOnTimeWorkbook(), 'dung-han.xlsx');
    const p = buildPreview(cleared, [wb], { confirmed: { 'Phường Huyền Tung': 'p-huyen-tung' } });
    expect(p.aliases).toEqual([{ unitId: 'p-huyen-tung', alias: 'Phường Huyền Tung' }]);
    const next = applyPatch(cleared, p.patch);
    expect(cell(next, 'dung-han', 'p-huyen-tung')).toEqual(num(98.44));
    expect(next.units.find((u) => u.id === 'p-huyen-tung')!.aliases).toContain('Phường Huyền Tung');
    expect(p.unknownUnits.map((u) => u.name)).toEqual(['UBND phường Xuân Hòa']);
  });

  it('shows old → new against a report that already has figures', async () => {
    const sample = loadSample();
    const wb = await readSpreadsheetBytes(await clerkOnTimeWorkbook(), 'dung-han.xlsx');
    const p = buildPreview(sample, [wb]);
    // Phòng Tư pháp and Phòng Nội vụ already have the status; Sông Cầu 94,12 is the same: unchanged.
    expect(p.unchanged).toBeGreaterThan(0);
    expect(p.changes.every((c) => c.beforeText !== c.afterText)).toBe(true);
  });
});

describe('wide tables and evaluation tables', () => {
  it('maps one sheet with several figure columns to several report tables at once', async () => {
    const cleared = clearFigures(loadSample());
    const p = buildPreview(cleared, [await readSpreadsheetBytes(await wideWorkbook(), 'tong-hop.xlsx')]);
    expect(p.sources[0]!.kinds).toEqual(['onTime', 'onlineSubmission', 'onlinePayment', 'satisfaction', 'evaluation']);
    expect(p.sources[0]!.ignoredColumns.map((c) => c.header)).toEqual(['Số hồ sơ trực tuyến']);
    const next = applyPatch(cleared, p.patch);
    expect(cell(next, 'dung-han', 'p-song-cau')).toEqual(num(94.12));
    expect(cell(next, 'truc-tuyen', 'p-song-cau')).toEqual(num(96.2));
    expect(cell(next, 'thanh-toan', 'p-song-cau')).toEqual(num(92.54));
    expect(cell(next, 'hai-long', 'p-duc-xuan')).toEqual(num(100));
    expect(cell(next, 'xep-loai-xa', 'p-song-cau', 'total')).toEqual(num(72.18));
    expect(cell(next, 'xep-loai-xa', 'p-duc-xuan', 'class')).toEqual({ t: 'text', v: 'Xuất sắc' });
    expect(p.findings).toEqual([]);
  });

  it('reads evaluation tables with two-level merged headers, one per block on one sheet', async () => {
    const cleared = clearFigures(loadSample());
    const p = buildPreview(cleared, [await readSpreadsheetBytes(await evaluationWorkbook(), 'xep-loai.xlsx')]);
    expect(p.sources.map((s) => [s.description, s.headerRow])).toEqual([
      ['KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CẤP THÀNH PHỐ', 2],
      ['KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CẤP XÃ', 8],
    ]);
    const next = applyPatch(cleared, p.patch);
    // A status merged across all figure columns of a row.
    for (const c of ['ckmb', 'tdgq', 'dvtt', 'mdhl', 'mdsh', 'total', 'class']) {
      expect(cell(next, 'xep-loai-thanh-pho', 'phong-kinh-te', c)).toEqual({ t: 'status', v: STATUS });
    }
    expect(cell(next, 'xep-loai-thanh-pho', 'phong-tu-phap', 'ckmb')).toEqual(num(17.5));
    expect(cell(next, 'xep-loai-thanh-pho', 'phong-tu-phap', 'total')).toEqual(num(93.6));
    expect(cell(next, 'xep-loai-xa', 'p-huyen-tung', 'total')).toEqual(num(88.73));
    expect(cell(next, 'xep-loai-xa', 'p-huyen-tung', 'class')).toEqual({ t: 'text', v: 'Tốt' });
    // 120 out of 100 is refused; the cell stays blank.
    expect(p.refused.map((f) => f.where)).toEqual(['xep-loai.xlsx › Xếp loại › H12']);
    expect(p.refused[0]!.reason).toContain('lớn hơn điểm tối đa 100');
    expect(cell(next, 'xep-loai-xa', 'x-duong-quang', 'total')).toBeNull();
  });
});

describe('HTML, CSV and pasted text', () => {
  it('reads an HTML table saved as .xls: rowspan statuses, percentage formats', async () => {
    const cleared = clearFigures(loadSample());
    const wb = await readSpreadsheetBytes(htmlXls(), 'thanh-toan.xls');
    expect(wb.origin).toBe('html');
    const next = applyPatch(cleared, buildPreview(cleared, [wb]).patch);
    expect(cell(next, 'thanh-toan', 'phong-kinh-te')).toEqual({ t: 'status', v: 'Không tổng hợp trong Hệ thống' });
    expect(cell(next, 'thanh-toan', 'phong-tu-phap')).toEqual({ t: 'status', v: 'Không tổng hợp trong Hệ thống' });
    expect(cell(next, 'thanh-toan', 'p-duc-xuan')).toEqual(num(93.47));
    expect(cell(next, 'thanh-toan', 'p-phung-chi-kien')).toEqual(num(98.81));
  });

  it('reads an XML Spreadsheet 2003 saved as .xls: merged status, percent style', async () => {
    const cleared = clearFigures(loadSample());
    const wb = await readSpreadsheetBytes(spreadsheetMlXls(), 'truc-tuyen.xls');
    expect(wb.origin).toBe('xml');
    const p = buildPreview(cleared, [wb]);
    expect(p.sources[0]!.kinds).toEqual(['onlineSubmission']);
    const next = applyPatch(cleared, p.patch);
    expect(cell(next, 'truc-tuyen', 'phong-kinh-te')).toEqual({ t: 'status', v: STATUS });
    expect(cell(next, 'truc-tuyen', 'phong-tu-phap')).toEqual({ t: 'status', v: STATUS });
    expect(cell(next, 'truc-tuyen', 'p-duc-xuan')).toEqual(num(91.8));
    expect(cell(next, 'truc-tuyen', 'x-nong-thuong')).toEqual(num(88.8));
  });

  it('reads CSV with semicolons and decimal commas', async () => {
    const cleared = clearFigures(loadSample());
    const csv = '\ufeffTỶ LỆ VỀ MỨC ĐỘ HÀI LÒNG\nSTT;Tên cơ quan, đơn vị;Tỷ lệ (%)\n1;"UBND phường Đức Xuân";99,5\n2;UBND xã Nông Thượng;"100"\n';
    const wb = await readSpreadsheetBytes(Buffer.from(csv, 'utf8'), 'hai-long.csv');
    expect(wb.origin).toBe('csv');
    const next = applyPatch(cleared, buildPreview(cleared, [wb]).patch);
    expect(cell(next, 'hai-long', 'p-duc-xuan')).toEqual(num(99.5));
    expect(cell(next, 'hai-long', 'x-nong-thuong')).toEqual(num(100));
  });

  it('takes tab-separated rows pasted from Excel and an HTML table pasted from a web page', () => {
    const cleared = clearFigures(loadSample());
    const tsv = 'STT\tTên cơ quan, đơn vị\tTỷ lệ (%)\r\n1\t1. UBND phường Sông Cầu\t96,2\r\n2\t"UBND phường\nĐức Xuân"\t91,8\r\n';
    const p = buildPreview(cleared, [{ fileName: 'Dán', origin: 'paste', sheets: readPasted({ text: tsv }) }], { tableId: 'truc-tuyen' });
    const next = applyPatch(cleared, p.patch);
    expect(cell(next, 'truc-tuyen', 'p-song-cau')).toEqual(num(96.2));
    expect(cell(next, 'truc-tuyen', 'p-duc-xuan')).toEqual(num(91.8));
    const html = '<table><tr><td>STT</td><td>Đơn vị</td><td>Tỷ lệ đúng hạn</td></tr><tr><td>1</td><td>UBND xã Dương Quang</td><td>100%</td></tr></table>';
    const q = buildPreview(cleared, [pastedWorkbook({ html, text: 'ignored' })]);
    expect(applyPatch(cleared, q.patch).tables.find((t) => t.id === 'dung-han')!.rows.find((r) => r.unitId === 'x-duong-quang')!.cells.rate).toEqual(num(100));
  });

  it('takes rows pasted without a header into the chosen table, columns in order', () => {
    const cleared = clearFigures(loadSample());
    const tsv = 'UBND phường Đức Xuân\t1/1\t1.370\n"UBND phường Sông Cầu"\t1/1\t521\nTổng cộng\t\t1.891\n';
    const p = buildPreview(cleared, [{ fileName: 'Dán', origin: 'paste', sheets: readPasted({ text: tsv }) }], { tableId: 'chung-thuc' });
    const next = applyPatch(cleared, p.patch);
    expect(cell(next, 'chung-thuc', 'p-duc-xuan', 'deployed')).toEqual({ t: 'ratio', n: 1, d: 1 });
    expect(cell(next, 'chung-thuc', 'p-duc-xuan', 'completed')).toEqual(num(1370));
    expect(cell(next, 'chung-thuc', 'p-song-cau', 'completed')).toEqual(num(521));
    expect(p.skipped.map((s) => s.reason)).toEqual(['dòng tổng cộng']);
  });

  it('takes the kind from the sheet name when the header and titles do not say it, on several sheets', async () => {
    const cleared = clearFigures(loadSample());
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet('Đúng hạn'), 1, 1, [['STT', 'Đơn vị', 'Tỷ lệ (%)'], [1, 'UBND xã Dương Quang', '99,1']]);
    putRows(wb.addWorksheet('Thanh toán'), 1, 1, [['STT', 'Đơn vị', 'Tỷ lệ (%)'], [1, 'UBND xã Dương Quang', '72,5']]);
    putRows(wb.addWorksheet('Ẩn', { state: 'hidden' }), 1, 1, [['STT', 'Đơn vị', 'Tỷ lệ đúng hạn'], [1, 'UBND xã Dương Quang', 1]]);
    const p = buildPreview(cleared, [await readSpreadsheetBytes(await toBuffer(wb), 'nhieu-trang.xlsx')]);
    expect(p.sources.map((s) => [s.sheet, s.kinds])).toEqual([
      ['Đúng hạn', ['onTime']],
      ['Thanh toán', ['onlinePayment']],
    ]);
    const next = applyPatch(cleared, p.patch);
    expect(cell(next, 'dung-han', 'x-duong-quang')).toEqual(num(99.1));
    expect(cell(next, 'thanh-toan', 'x-duong-quang')).toEqual(num(72.5));
  });

  it('reads a rate column whose figures are all ≤ 1 as fractions, and says so', async () => {
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet('Hài lòng'), 1, 1, [
      ['STT', 'Đơn vị', 'Tỷ lệ hài lòng'],
      [1, 'UBND xã Dương Quang', 0.98],
      [2, 'UBND xã Nông Thượng', 1],
    ]);
    const p = buildPreview(clearFigures(loadSample()), [await readSpreadsheetBytes(await toBuffer(wb), 'phan-so.xlsx')]);
    expect(p.rateColumns).toEqual([{ key: 'phan-so.xlsx › Hài lòng › cột C', header: 'Tỷ lệ hài lòng', decision: 'fraction', auto: true, ambiguous: 2 }]);
    const next = applyPatch(clearFigures(loadSample()), p.patch);
    expect(cell(next, 'hai-long', 'x-duong-quang')).toEqual(num(98));
    expect(cell(next, 'hai-long', 'x-nong-thuong')).toEqual(num(100));
    expect(p.changes.every((c) => c.note?.includes('phân số'))).toBe(true);
  });

  it('says when the kind of a table is unclear, and imports it once the user chooses', async () => {
    const cleared = clearFigures(loadSample());
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet('Sheet1'), 1, 1, [
      ['STT', 'Tên đơn vị', 'Tỷ lệ (%)'],
      [1, 'UBND phường Sông Cầu', 88],
    ]);
    const data = await readSpreadsheetBytes(await toBuffer(wb), 'bang.xlsx');
    const unsure = buildPreview(cleared, [data]);
    expect(unsure.needsKind).toHaveLength(1);
    expect(unsure.needsKind[0]!.candidates).toContain('satisfaction');
    expect(() => assertUsable(unsure)).toThrow(/Chưa biết bảng trong tệp là bảng nào/);
    const chosen = buildPreview(cleared, [data], { tableKind: 'satisfaction' });
    expect(cell(applyPatch(cleared, chosen.patch), 'hai-long', 'p-song-cau')).toEqual(num(88));
  });

  it('refuses a workbook without any recognisable table with one message', async () => {
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet('Ghi chép'), 1, 1, [['Danh sách việc cần làm'], ['Gọi điện cho phường'], [42]]);
    const data = await readSpreadsheetBytes(await toBuffer(wb), 'ghi-chep.xlsx');
    const p = buildPreview(loadSample(), [data]);
    expect(p.unrecognised).toHaveLength(1);
    expect(() => assertUsable(p)).toThrow(/Không tìm thấy bảng số liệu nào/);
  });
});

describe('round trip with the app’s own workbook', () => {
  it('exports the sample, imports it into the cleared sample, and gets the sample back exactly', async () => {
    const sample = loadSample();
    const cleared = clearFigures(sample);
    const wb = await readSpreadsheetBytes(Buffer.from(await reportXlsxBuffer(sample)), 'bao-cao.xlsx');
    const p = assertUsable(buildPreview(cleared, [wb]));
    expect(p.findings).toEqual([]);
    expect(p.unknownUnits).toEqual([]);
    expect(serializeReport(applyPatch(cleared, p.patch))).toBe(serializeReport(sample));
  });

  it('keeps computed figures marked as computed, and a retyped one becomes the clerk’s', async () => {
    const sample = loadSample();
    const row = sample.tables.find((t) => t.id === 'dung-han')!.rows.find((r) => r.unitId === 'phong-tu-phap')!;
    row.cells.rate = { t: 'num', v: 96.5, src: 'dossiers' };
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load((await reportXlsxBuffer(sample)) as unknown as ExcelJS.Buffer);
    const cleared = clearFigures(sample);
    const same = await readSpreadsheetBytes(await toBuffer(exported), 'tinh.xlsx');
    expect(serializeReport(applyPatch(cleared, buildPreview(cleared, [same]).patch))).toBe(serializeReport(sample));
    // The clerk retypes the computed figure: it is no longer computed.
    const ws = exported.getWorksheet('Đúng hạn')!;
    ws.eachRow((r) => {
      if (r.getCell(1).value === 'unit:phong-tu-phap') r.getCell(4).value = 97;
    });
    const retyped = await readSpreadsheetBytes(await toBuffer(exported), 'sua.xlsx');
    expect(cell(applyPatch(cleared, buildPreview(cleared, [retyped]).patch), 'dung-han', 'phong-tu-phap')).toEqual(num(97));
  });

  it('round-trips a summary line computed from dossiers, and undoes it exactly', async () => {
    const sample = loadSample();
    const line = sample.groups[1]!.lines[0]!;
    line.src = 'dossiers';
    const cleared = clearFigures(sample);
    const wb = await readSpreadsheetBytes(Buffer.from(await reportXlsxBuffer(sample)), 'dong-tinh.xlsx');
    const p = buildPreview(cleared, [wb]);
    const imported = applyPatch(cleared, p.patch);
    expect(serializeReport(imported)).toBe(serializeReport(sample));
    expect(serializeReport(applyPatch(imported, invertPatch(p.patch)))).toBe(serializeReport(cleared));
  });

  it('reads rows by their keys after the clerk sorts them, and blank template cells never clear figures', async () => {
    const sample = loadSample();
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load((await reportXlsxBuffer(sample)) as unknown as ExcelJS.Buffer);
    const ws = exported.getWorksheet('Đúng hạn')!;
    // Swap two unit rows (as sorting would), values and keys together.
    const a = ws.getRow(18).values as ExcelJS.CellValue[];
    const b = ws.getRow(19).values as ExcelJS.CellValue[];
    ws.getRow(18).values = b;
    ws.getRow(19).values = a;
    const wb = await readSpreadsheetBytes(await toBuffer(exported), 'sorted.xlsx');
    const cleared = clearFigures(sample);
    expect(serializeReport(applyPatch(cleared, buildPreview(cleared, [wb]).patch))).toBe(serializeReport(sample));

    const template = await readSpreadsheetBytes(Buffer.from(await reportXlsxBuffer(templateReport(sample), { template: true })), 'mau.xlsx');
    const p = buildPreview(sample, [template]);
    expect(p.notes.join(' ')).toContain('mẫu nhập liệu');
    expect(p.changes).toEqual([]);
  });
});

describe('two-level rate headers', () => {
  it('tells counts from rates under a merged upper header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    putRows(ws, 1, 1, [
      ['STT', 'Tên đơn vị', 'Hồ sơ đúng hạn', null, 'Hồ sơ quá hạn', null, 'Ghi chú'],
      [null, null, 'Số lượng', 'Tỷ lệ (%)', 'Số lượng', 'Tỷ lệ (%)', null],
      [1, 'UBND phường Sông Cầu', 32, '94,12', 2, '5,88', 'đã rà soát'],
    ]);
    ws.mergeCells('A1:A2');
    ws.mergeCells('B1:B2');
    ws.mergeCells('C1:D1');
    ws.mergeCells('E1:F1');
    ws.mergeCells('G1:G2');
    const cleared = clearFigures(loadSample());
    const p = buildPreview(cleared, [await readSpreadsheetBytes(await toBuffer(wb), 'hai-tang.xlsx')]);
    expect(p.sources[0]!.columns.map((c) => [c.header, c.kind])).toEqual([
      ['Hồ sơ đúng hạn / Tỷ lệ (%)', 'onTime'],
      ['Hồ sơ quá hạn / Tỷ lệ (%)', 'overdue'],
    ]);
    expect(p.sources[0]!.ignoredColumns.map((c) => c.header)).toEqual(['Hồ sơ đúng hạn / Số lượng', 'Hồ sơ quá hạn / Số lượng', 'Ghi chú']);
    const next = applyPatch(cleared, p.patch);
    expect(cell(next, 'dung-han', 'p-song-cau')).toEqual(num(94.12));
    expect(cell(next, 'qua-han', 'p-song-cau')).toEqual(num(5.88));
  });
});

describe('period checks', () => {
  it('warns when a table title or an exported workbook names another period', async () => {
    const sample = loadSample();
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet('Sheet1'), 1, 1, [['TỶ LỆ HỒ SƠ ĐÚNG HẠN THÁNG 6 NĂM 2024'], ['STT', 'Đơn vị', 'Tỷ lệ (%)'], [1, 'UBND xã Dương Quang', 99]]);
    const p = buildPreview(sample, [await readSpreadsheetBytes(await toBuffer(wb), 'thang-6.xlsx')]);
    expect(p.findings.map((f) => f.message)).toEqual([expect.stringContaining('tháng 6 năm 2024, khác kỳ của báo cáo (tháng 7 năm 2024)')]);

    const august = { ...sample, period: { kind: 'month' as const, year: 2024, month: 8 } };
    const exported = await readSpreadsheetBytes(Buffer.from(await reportXlsxBuffer(august)), 'thang-8.xlsx');
    const q = buildPreview(sample, [exported]);
    expect(q.findings.map((f) => f.message)).toEqual([expect.stringContaining('Tệp là số liệu tháng 8 năm 2024')]);
  });
});

describe('portal-style count columns', () => {
  it('reads "Đúng hạn" and "Quá hạn" as counts when the table has its own rate column', async () => {
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet('Sheet1'), 1, 1, [
      ['TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN'],
      ['STT', 'Tên đơn vị', 'Tổng số', 'Đúng hạn', 'Quá hạn', 'Tỷ lệ (%)'],
      [1, 'UBND phường Sông Cầu', 34, 32, 2, 94.12],
    ]);
    const cleared = clearFigures(loadSample());
    const p = buildPreview(cleared, [await readSpreadsheetBytes(await toBuffer(wb), 'cong.xlsx')]);
    expect(p.sources[0]!.columns.map((c) => [c.header, c.kind])).toEqual([['Tỷ lệ (%)', 'onTime']]);
    expect(p.sources[0]!.ignoredColumns.map((c) => c.header)).toEqual(['Tổng số', 'Đúng hạn', 'Quá hạn']);
    const next = applyPatch(cleared, p.patch);
    expect(cell(next, 'dung-han', 'p-song-cau')).toEqual(num(94.12));
    expect(cell(next, 'qua-han', 'p-song-cau')).toBeNull();
  });
});

describe('a status typed once for a whole block', () => {
  it('spreads a status at the top of a block over the blank cells below (a merge lost in copying) and says so', () => {
    const cleared = clearFigures(loadSample());
    const tsv = [
      'STT\tTên cơ quan, đơn vị\tTỷ lệ (%)',
      'I\tCấp thành phố\t',
      '1\tPhòng Kinh tế\tKhông tổng hợp trên Hệ thống',
      '2\tPhòng Tư pháp\t',
      '3\tThanh tra\t',
      'II\tCấp xã\t',
      '1\tUBND phường Đức Xuân\t91,8',
      '2\tUBND phường Sông Cầu\t',
    ].join('\n');
    const p = buildPreview(cleared, [pastedWorkbook({ text: tsv })], { tableId: 'truc-tuyen' });
    const next = applyPatch(cleared, p.patch);
    for (const u of ['phong-kinh-te', 'phong-tu-phap', 'thanh-tra']) expect(cell(next, 'truc-tuyen', u)).toEqual({ t: 'status', v: STATUS });
    expect(cell(next, 'truc-tuyen', 'p-duc-xuan')).toEqual(num(91.8));
    expect(cell(next, 'truc-tuyen', 'p-song-cau')).toBeNull();
    expect(p.findings).toEqual([expect.objectContaining({ severity: 'warning', where: 'Dữ liệu dán › Dữ liệu dán › C3', message: expect.stringContaining('cả 3 đơn vị của khối') })]);
  });
});

describe('several tables on one sheet', () => {
  it('reads two per-unit tables stacked one under another, each kind from its own title', async () => {
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet('Báo cáo'), 1, 1, [
      ['TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN TẠI CÁC CƠ QUAN, ĐƠN VỊ'],
      ['STT', 'Tên cơ quan, đơn vị', 'Tỷ lệ (%)'],
      [1, 'UBND phường Đức Xuân', '97,74'],
      [2, 'UBND phường Sông Cầu', '94,12'],
      [null],
      ['TỶ LỆ THANH TOÁN TRỰC TUYẾN TẠI CÁC CƠ QUAN, ĐƠN VỊ'],
      ['STT', 'Tên cơ quan, đơn vị', 'Tỷ lệ (%)'],
      [1, 'UBND phường Đức Xuân', '93,47'],
      [2, 'UBND phường Sông Cầu', '92,54'],
    ]);
    const cleared = clearFigures(loadSample());
    const p = buildPreview(cleared, [await readSpreadsheetBytes(await toBuffer(wb), 'hai-bang.xlsx')]);
    expect(p.sources.map((s) => [s.headerRow, s.kinds])).toEqual([
      [2, ['onTime']],
      [7, ['onlinePayment']],
    ]);
    expect(p.skipped).toEqual([]);
    const next = applyPatch(cleared, p.patch);
    expect(cell(next, 'dung-han', 'p-song-cau')).toEqual(num(94.12));
    expect(cell(next, 'thanh-toan', 'p-song-cau')).toEqual(num(92.54));
    expect(cell(next, 'thanh-toan', 'p-duc-xuan')).toEqual(num(93.47));
  });
});

describe('portal evaluation with six groups', () => {
  it('does not put the 12-point online-service score into the 22-point column; says to add the two', async () => {
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet('Sheet1'), 1, 1, [
      ['KẾT QUẢ ĐÁNH GIÁ CẤP XÃ'],
      ['STT', 'Đơn vị', 'Công khai, minh bạch', 'Tiến độ giải quyết', 'Dịch vụ công trực tuyến', 'Thanh toán trực tuyến', 'Mức độ hài lòng', 'Số hóa hồ sơ', 'Tổng điểm', 'Xếp loại'],
      [1, 'UBND phường Đức Xuân', 18, 19, 8, 9, 18, 18.9, 90.9, 'Xuất sắc'],
    ]);
    const cleared = clearFigures(loadSample());
    const p = buildPreview(cleared, [await readSpreadsheetBytes(await toBuffer(wb), 'sau-nhom.xlsx')]);
    expect(p.sources[0]!.columns.map((c) => c.columnId)).toEqual(['ckmb', 'tdgq', 'mdhl', 'mdsh', 'total', 'class']);
    expect(p.sources[0]!.ignoredColumns.map((c) => c.header)).toEqual(['Dịch vụ công trực tuyến', 'Thanh toán trực tuyến']);
    expect(p.sources[0]!.ignoredColumns[0]!.reason).toContain('hãy cộng hai cột');
    const next = applyPatch(cleared, p.patch);
    expect(cell(next, 'xep-loai-xa', 'p-duc-xuan', 'dvtt')).toBeNull();
    expect(cell(next, 'xep-loai-xa', 'p-duc-xuan', 'mdsh')).toEqual(num(18.9));
    expect(cell(next, 'xep-loai-xa', 'p-duc-xuan', 'total')).toEqual(num(90.9));
  });
});

describe('columns that only mention a keyword', () => {
  it('does not take "… cấp kết quả điện tử" for a block column', async () => {
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet('Sheet1'), 1, 1, [
      ['STT', 'Tên đơn vị', 'Tỷ lệ hồ sơ cấp kết quả điện tử (%)', 'Tỷ lệ đúng hạn (%)'],
      [1, 'UBND phường Đức Xuân', 81.6, 97.74],
    ]);
    const p = buildPreview(clearFigures(loadSample()), [await readSpreadsheetBytes(await toBuffer(wb), 'kq.xlsx')]);
    expect(p.sources[0]!.columns.map((c) => c.kind)).toEqual(['onTime']);
    expect(p.sources[0]!.ignoredColumns.map((c) => c.header)).toEqual(['Tỷ lệ hồ sơ cấp kết quả điện tử (%)']);
    expect(p.changes.map((c) => c.afterText)).toEqual(['97,74']);
  });
});

describe('pasted plain text without tabs', () => {
  it('reads one column of Vietnamese decimals as one column, not comma-separated fields', () => {
    expect(readPasted({ text: '2,26\n1,11\r\n' })[0]!.rows).toEqual([['2,26'], ['1,11']]);
  });

  it('still splits CSV text when every line has a semicolon', () => {
    expect(readPasted({ text: 'Phường Đức Xuân;97,74\nPhường Sông Cầu;94,12' })[0]!.rows).toEqual([
      ['Phường Đức Xuân', '97,74'],
      ['Phường Sông Cầu', '94,12'],
    ]);
  });
});
