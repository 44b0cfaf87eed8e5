// Builds the workbook shapes and bad files the import tests read: clerks' per-unit tables, wide and evaluation tables, HTML "xls", hostile zips.
import { deflateRawSync, crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';

export type In = string | number | null | { v: number; fmt: string } | { formula: string; result?: number | { error: string } } | { error: string };

/** Writes rows into a worksheet from a 1-based row/column; `{v, fmt}` sets a number format. */
export function putRows(ws: ExcelJS.Worksheet, top: number, left: number, rows: In[][]): void {
  rows.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v === null) return;
      const cell = ws.getCell(top + r, left + c);
      if (typeof v === 'object' && 'fmt' in v) {
        cell.value = v.v;
        cell.numFmt = v.fmt;
      } else {
        cell.value = v as ExcelJS.CellValue;
      }
    });
  });
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const STATUS = 'Không tổng hợp trên Hệ thống';

/**
 * A per-unit on-time table as a clerk copies it: two title rows, header in row 4 from column B, block rows,
 * a status merged over the departments' block, a count column next to the rate, communes out of order, figures as
 * numbers, text with a decimal comma, and Excel percentages; a total row and a note row at the end.
 */
export async function clerkOnTimeWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  putRows(ws, 1, 2, [['ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN'], ['TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN TẠI CÁC CƠ QUAN, ĐƠN VỊ']]);
  putRows(ws, 4, 2, [
    ['STT', 'Tên cơ quan, đơn vị', 'Số hồ sơ', 'Tỷ lệ (%)'],
    ['I', 'Cấp thành phố', null, null],
    [1, 'Phòng Kinh tế', null, STATUS],
    [2, 'Phòng Tư pháp', null, null],
    [3, 'Phòng Nội vụ', null, null],
    ['II', 'Cấp xã', null, null],
    [1, 'UBND phường Sông Cầu', 34, 94.12],
    [2, 'P. Xuất Hóa', 20, '100'],
    [3, 'UBND phường Đức Xuân', 133, '97,74'],
    [4, 'Phường Phùng Chí Kiên', 90, { v: 0.9889, fmt: '0.00%' }],
    [5, 'UBND xã Dương Quang', 12, '100%'],
    [6, 'UBND xã Nông Thượng', 8, 100],
    [7, 'UBND phường Nguyễn Thị Minh Khai', 5, { formula: 'E12/E13', result: { error: '#DIV/0!' } }],
    [8, 'Phường Huyền Tung', 64, 98.44],
    [9, 'UBND phường Xuân Hòa', 3, 50],
    [null, 'Tổng cộng', 369, 97.1],
  ]);
  putRows(ws, 21, 2, [['(Phần này không phản ánh đúng thực tế)']]);
  ws.mergeCells('E6:E8');
  return toBuffer(wb);
}

/** One sheet with several figure columns mapped to several report tables at once, plus a count and a classification. */
export async function wideWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tổng hợp tháng 7');
  putRows(ws, 1, 1, [['BẢNG TỔNG HỢP CHỈ SỐ THÁNG 7/2024']]);
  putRows(ws, 3, 1, [
    ['TT', 'Đơn vị', 'Tỷ lệ đúng hạn (%)', 'Số hồ sơ trực tuyến', 'Tỷ lệ nộp trực tuyến (%)', 'Tỷ lệ thanh toán trực tuyến (%)', 'Tỷ lệ hài lòng (%)', 'Tổng điểm', 'Xếp loại'],
    [1, 'UBND phường Đức Xuân', 97.74, 120, 91.8, 93.47, 100, 90.9, 'Xuất sắc'],
    [2, 'UBND phường Sông Cầu', '94,12', 80, '96,2', '92,54%', '100', '72,18', 'Tốt'],
  ]);
  return toBuffer(wb);
}

/** Evaluation tables of both blocks on one sheet, each with a two-level merged header. */
export async function evaluationWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Xếp loại');
  const header = (top: number): void => {
    putRows(ws, top, 1, [
      [
        'STT',
        'Tên cơ quan/đơn vị',
        'Chỉ số công khai minh bạch (Tổng điểm 18)',
        'Chỉ số tiến độ giải quyết (Tổng điểm 20)',
        'Chỉ số dịch vụ trực tuyến (Tổng điểm 22)',
        'Chỉ số mức độ hài lòng (Tổng điểm 18)',
        'Chỉ số số hóa hồ sơ (Tổng điểm 22)',
        'Tổng hợp xếp loại (Tổng điểm 100)',
        null,
      ],
      [null, null, null, null, null, null, null, 'Tổng điểm', 'Xếp loại'],
    ]);
    for (let c = 1; c <= 7; c++) ws.mergeCells(top, c, top + 1, c);
    ws.mergeCells(top, 8, top, 9);
  };
  putRows(ws, 1, 1, [['KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CẤP THÀNH PHỐ']]);
  header(2);
  putRows(ws, 4, 1, [
    [1, 'Phòng Kinh tế', STATUS],
    [2, 'Phòng Tư pháp', 17.5, 19, 20.1, 18, 19, 93.6, 'Xuất sắc'],
  ]);
  ws.mergeCells('C4:I4');
  putRows(ws, 7, 1, [['KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CẤP XÃ']]);
  header(8);
  putRows(ws, 10, 1, [
    [1, 'UBND phường Đức Xuân', null, null, null, null, null, 90.9, 'Xuất sắc'],
    [2, 'UBND phường Huyền Tụng', null, null, null, null, null, '88,73', 'Tốt'],
    [3, 'UBND xã Dương Quang', null, null, null, null, null, 120, 'Tốt'],
  ]);
  return toBuffer(wb);
}

/** A web system's "Excel" export: an HTML table with rowspan/colspan, saved with an .xls name. */
export function htmlXls(): Buffer {
  const html = `<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"><style>.pct{mso-number-format:"0\\.00%";}</style></head>
<body><table border="1">
<tr><td colspan="3"><b>TỶ LỆ THANH TOÁN TRỰC TUYẾN TẠI CÁC CƠ QUAN, ĐƠN VỊ</b></td></tr>
<tr><th>STT</th><th>Tên cơ quan, đơn vị</th><th>Tỷ lệ (%)</th></tr>
<tr><td><b>I</b></td><td><b>Cấp thành phố</b></td><td></td></tr>
<tr><td>1</td><td>Phòng Kinh tế</td><td rowspan="2"><i>Không tổng hợp trong Hệ thống</i></td></tr>
<tr><td>2</td><td>Phòng Tư pháp</td></tr>
<tr><td><b>II</b></td><td><b>Cấp xã</b></td><td></td></tr>
<tr><td>1</td><td>UBND phường Đức Xuân</td><td>93,47</td></tr>
<tr><td>2</td><td>UBND phường Phùng Chí Kiên</td><td style="mso-number-format:'0\\.00%'">0.9881</td></tr>
</table></body></html>`;
  return Buffer.from(html, 'utf8');
}

/* ------------------------------------------------------------------ hand-made zips */

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Store without compression. */
  store?: boolean;
}

/** A minimal zip writer (deflate or store), enough to craft hostile workbooks. */
export function makeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.store ? e.data : deflateRawSync(e.data);
    const crc = crc32(e.data);
    const method = e.store ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WB = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WB_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** A hand-made xlsx whose sheet XML is given (to inject a DOCTYPE, say). */
export function rawXlsx(sheetXml: string, extra: ZipEntry[] = []): Buffer {
  return makeZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WB) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WB_RELS) },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml) },
    ...extra,
  ]);
}

/** A sheet XML with an internal entity declaration (a "billion laughs" seed). */
export const ENTITY_SHEET = `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>`;

/** A zip bomb: one sheet part of `mb` megabytes of zeros, which deflates about 1000×. */
export function zipBomb(mb = 24): Buffer {
  return rawXlsx('<worksheet/>', [{ name: 'xl/worksheets/sheet2.xml', data: Buffer.alloc(mb * 1024 * 1024, 0x20) }]);
}

/** A realistic big sheet part (rows of varied figures) that expands about as much as real sheets do. */
export function realisticSheetXml(rows: number): Buffer {
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  let seed = 12345;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  for (let r = 1; r <= rows; r++) {
    parts.push(
      `<row r="${r}"><c r="A${r}" t="s"><v>${rnd() % 5000}</v></c><c r="B${r}"><v>${45000 + (rnd() % 400)}.${rnd() % 99999}</v></c><c r="C${r}" t="s"><v>${rnd() % 300}</v></c><c r="D${r}"><v>${rnd() % 3}</v></c><c r="E${r}"><v>${45000 + (rnd() % 400)}.${rnd() % 99999}</v></c></row>`,
    );
  }
  parts.push('</sheetData></worksheet>');
  return Buffer.from(parts.join(''));
}

/** The first bytes of an OLE compound file holding the given stream name (UTF-16), as encrypted xlsx and real xls are. */
export function oleFile(streamName: 'EncryptedPackage' | 'Workbook'): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const dir = Buffer.alloc(128);
  Buffer.from(streamName, 'utf16le').copy(dir);
  return Buffer.concat([header, Buffer.alloc(512), dir, Buffer.alloc(384)]);
}

/** A one-page PDF's first bytes. */
export function pdfBytes(): Buffer {
  return Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
}

/** An XML Spreadsheet 2003 export named .xls: a title merged across, a status merged down, a percent style. */
export function spreadsheetMlXls(): Buffer {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Styles><Style ss:ID="pct"><NumberFormat ss:Format="Percent"/></Style></Styles>
 <Worksheet ss:Name="Nộp trực tuyến">
  <Table>
   <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">TỶ LỆ PHÁT SINH HỒ SƠ TRỰC TUYẾN</Data></Cell></Row>
   <Row ss:Index="3"><Cell><Data ss:Type="String">STT</Data></Cell><Cell><Data ss:Type="String">Tên cơ quan, đơn vị</Data></Cell><Cell><Data ss:Type="String">Tỷ lệ (%)</Data></Cell></Row>
   <Row><Cell><Data ss:Type="Number">1</Data></Cell><Cell><Data ss:Type="String">Phòng Kinh tế</Data></Cell><Cell ss:MergeDown="1"><Data ss:Type="String">Không tổng hợp trên Hệ thống</Data></Cell></Row>
   <Row><Cell><Data ss:Type="Number">2</Data></Cell><Cell><Data ss:Type="String">Phòng Tư pháp</Data></Cell></Row>
   <Row><Cell><Data ss:Type="Number">3</Data></Cell><Cell><Data ss:Type="String">UBND phường Đức Xuân</Data></Cell><Cell ss:StyleID="pct"><Data ss:Type="Number">0.918</Data></Cell></Row>
   <Row><Cell ss:Index="2"><Data ss:Type="String">UBND xã Nông Thượng</Data></Cell><Cell><Data ss:Type="Number">88.8</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>`;
  return Buffer.from(xml, 'utf8');
}
