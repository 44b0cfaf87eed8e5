// The blank import template: the report's workbook with every figure cleared and a short instruction sheet for clerks.
//
// The workbook itself is built by write.ts (`buildReportWorkbook(report, { template: true })`); this module supplies
// the cleared report and the instruction sheet it puts first.
import type ExcelJS from 'exceljs';
import { periodText } from '../model/period';
import { clearFigures } from '../model/report';
import type { Report } from '../model/schema';
import { nfc } from '../text/normalize';
import { COMPUTED_NOTE, INSTRUCTIONS_SHEET, SUMMARY_SHEET, tableSheetNames } from './layout';

/** The report the template shows: same units, tables and layout, every figure and status blank, no table notes. */
export function templateReport(report: Report): Report {
  const r = clearFigures(report);
  for (const t of r.tables) t.note = null;
  return r;
}

/** The instruction lines of the template, in Vietnamese. */
export function templateInstructions(report: Report): string[] {
  return [
    `Tệp này là mẫu nhập số liệu Bộ chỉ số 766 ${periodText(report.period)} cho các đơn vị của báo cáo. Mỗi trang tính là một bảng của báo cáo; trang “${SUMMARY_SHEET}” là điểm các nhóm chỉ số và các tỷ lệ chung.`,
    'Nhập hoặc dán số liệu vào các ô nền vàng. Không đổi tên trang tính, không thêm, xóa hay đổi thứ tự cột, không sửa cột STT và tên đơn vị; có thể lọc hoặc sắp xếp dòng.',
    'Tỷ lệ (%) nhập số phần trăm, ví dụ 97,74 (không cần dấu %); số lượng nhập số nguyên, ví dụ 1.025; điểm nhập như Cổng Dịch vụ công hiển thị, ví dụ 88,4.',
    'Ô để trống nghĩa là chưa có số liệu, không phải số 0. Đơn vị mà hệ thống không tổng hợp thì nhập đúng chữ “Không tổng hợp trên Hệ thống”.',
    'Cột “Số đơn vị triển khai” nhập dạng 1/1; ô đã được định dạng văn bản nên Excel không đổi thành ngày tháng.',
    `Số liệu do ứng dụng tính từ danh sách hồ sơ có dấu * và ghi chú “${COMPUTED_NOTE}”.`,
    'Nhập xong, lưu tệp (.xlsx) rồi chọn “Nhập Excel” trong ứng dụng Báo cáo 766 để đưa số liệu vào báo cáo; ứng dụng cho xem trước các thay đổi trước khi áp dụng.',
  ].map(nfc);
}

/** Adds the instruction sheet (first sheet of the template): title, numbered instructions, then the list of sheets. */
export interface InstructionsStyle {
  fontName: string;
  /** Row height (points) that fits `text` wrapped in a column `width` Excel units wide. */
  heightFor: (text: string, width: number) => number;
}

export function addInstructionsSheet(wb: ExcelJS.Workbook, report: Report, style: InstructionsStyle): ExcelJS.Worksheet {
  const { fontName, heightFor: height } = style;
  const ws = wb.addWorksheet(INSTRUCTIONS_SHEET, { properties: { tabColor: { argb: 'FFC00000' } } });
  const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: fontName, size: 12, ...extra });
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 30;
  ws.getColumn(3).width = 60;
  const textWidth = 88;

  let row = 1;
  ws.mergeCells(row, 1, row, 3);
  const title = ws.getCell(row, 1);
  title.value = 'HƯỚNG DẪN NHẬP SỐ LIỆU';
  title.font = font({ bold: true, size: 13 });
  title.alignment = { horizontal: 'center' };
  ws.getRow(row).height = 20;
  row += 2;
  templateInstructions(report).forEach((text, i) => {
    ws.getCell(row, 1).value = i + 1;
    ws.getCell(row, 1).font = font();
    ws.getCell(row, 1).alignment = { horizontal: 'center', vertical: 'top' };
    ws.mergeCells(row, 2, row, 3);
    const c = ws.getCell(row, 2);
    c.value = text;
    c.font = font();
    c.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(row).height = height(text, textWidth);
    row++;
  });
  row++;
  const thin: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
  const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
  const header = ['STT', 'Trang tính', 'Nội dung'];
  header.forEach((h, i) => {
    const c = ws.getCell(row, i + 1);
    c.value = h;
    c.font = font({ bold: true });
    c.alignment = { horizontal: 'center' };
    c.border = border;
  });
  row++;
  const names = tableSheetNames(report);
  const sheets: [string, string][] = [
    [SUMMARY_SHEET, 'Thông tin chung, điểm các nhóm chỉ số, tỷ lệ và số lượng chung'],
    ...report.tables.map((t): [string, string] => [names.get(t.id)!, t.title]),
  ];
  sheets.forEach(([name, what], i) => {
    const cells: (string | number)[] = [i + 1, name, nfc(what)];
    cells.forEach((v, k) => {
      const c = ws.getCell(row, k + 1);
      c.value = v;
      c.font = font();
      c.border = border;
      c.alignment = { wrapText: true, vertical: 'middle', horizontal: k === 0 ? 'center' : 'left' };
    });
    ws.getRow(row).height = height(what, 60);
    row++;
  });
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.31, footer: 0.31 },
  } as ExcelJS.PageSetup;
  return ws;
}
