// The in-memory table reader: any .xlsx, HTML or XML Spreadsheet 2003 saved as .xls, or CSV file → sheets of raw rows, after the guards.
//
// Readers of different formats meet here in one shape (SheetData: raw values, number formats, merges already
// spread), which the recogniser (core/import) reads without knowing where the rows came from.
import { decodeChunks, decodeText } from './text-decode';
import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { readFileIfExists, type ReadFileOptions } from '../files/atomic';
import { UserFacingError } from '../files/errors';
import { fromExcelJs, type RawFormats, type RawRow, type RawValue, type SheetData, type WorkbookData } from './cells';
import { applyMerges, type MergeRange } from './header';
import { fileError, guardZip, isXlsxZip, refusalFor, sniffKind } from './guard';
import { readHtmlTables } from './html';
import { checkSheetXml, sheetXmlUserError } from './sheet-xml';
import { SharedStringsParser } from './xml-parts';
import { storedZip } from './zip';
import { MAX_CELL_CHARS, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_XML_DEPTH, tooDeep, tooManyCells } from './limits';
import { readDelimitedChunks } from './paste';

export type { SheetData, WorkbookData } from './cells';

/** Largest file the table reader opens (per-unit and evaluation tables are small; dossier lists have their own reader). */
export const MAX_TABLE_FILE_BYTES = 60 * 1024 * 1024;
/** Largest total size of a workbook's parts once unzipped, for the in-memory reader. */
export const MAX_TABLE_UNZIPPED_BYTES = 64 * 1024 * 1024;
/** Largest HTML or XML Spreadsheet file the table reader parses (its text is decoded whole). */
export const MAX_MARKUP_BYTES = 20 * 1024 * 1024;
export { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from './limits';

function tooBig(name: string): UserFacingError {
  return fileError(
    'FILE_TOO_LARGE',
    `Tệp “${name}” quá lớn để là một bảng số liệu theo đơn vị. Nếu đây là danh sách hồ sơ, hãy dùng chức năng nhập danh sách hồ sơ; nếu không, hãy chỉ giữ lại các trang tính cần nhập.`,
  );
}

/**
 * Runs every worksheet of the workbook through the streaming reader's bounded scanner (core/xlsx/sheet-xml.ts)
 * before exceljs sees it: cell references within XFD1048576, closed cells and tags, strict numbers and character
 * references, existing shared strings. Throws UserFacingError.
 */
function checkSheets(parts: Map<string, { data: Buffer }>, name: string): void {
  try {
    const sst = new SharedStringsParser();
    const sstPart = parts.get('xl/sharedStrings.xml');
    if (sstPart) sst.push(sstPart.data.toString('utf8'));
    for (const [partName, part] of parts) {
      if (/^xl\/worksheets\/[^/]+\.xml$/i.test(partName)) checkSheetXml(part.data.toString('utf8'), sst.strings);
    }
  } catch (err) {
    throw sheetXmlUserError(name, err);
  }
}

/**
 * Reads the worksheets of an xlsx with exceljs, from its checked parts only: exceljs unzips by itself (JSZip, which
 * checks no CRC and lets the last of two same-named parts win), so it is given a stored zip rebuilt from the parts
 * the guard inflated and checked, never the original bytes.
 */
async function readXlsx(parts: Map<string, { data: Buffer; crc: number }>, name: string): Promise<WorkbookData> {
  checkSheets(parts, name);
  const wb = new ExcelJS.Workbook();
  try {
    const checked = storedZip([...parts].map(([partName, p]) => ({ name: partName, data: p.data, crc: p.crc })));
    await wb.xlsx.load(checked as unknown as ExcelJS.Buffer);
  } catch {
    throw fileError(
      'FILE_CORRUPT',
      `Không đọc được tệp “${name}”: tệp bị hỏng hoặc không đúng định dạng Excel (.xlsx). Hãy mở tệp bằng Excel, lưu lại rồi nhập lại.`,
    );
  }
  const sheets: SheetData[] = [];
  for (const ws of wb.worksheets) {
    const rowCount = Math.min(ws.rowCount, MAX_TABLE_ROWS);
    const colCount = Math.min(ws.columnCount, MAX_TABLE_COLUMNS);
    const rows: RawRow[] = [];
    const formats: RawFormats[] = [];
    for (let r = 1; r <= rowCount; r++) {
      const row = ws.getRow(r);
      const values: RawRow = [];
      const fmts: RawFormats = [];
      let last = -1;
      for (let c = 1; c <= colCount; c++) {
        const cell = row.getCell(c);
        const v = fromExcelJs(cell.value);
        values.push(v);
        fmts.push(cell.numFmt || undefined);
        if (v !== null) last = c - 1;
      }
      rows.push(values.slice(0, last + 1));
      formats.push(fmts.slice(0, last + 1));
    }
    sheets.push({ name: ws.name.normalize('NFC'), rows, formats, hidden: ws.state !== 'visible' });
  }
  return { fileName: name, origin: 'xlsx', sheets };
}

/**
 * Reads a spreadsheet from bytes: .xlsx (guarded, then exceljs), HTML tables and XML Spreadsheet 2003 (web systems'
 * "Excel" exports named .xls), or CSV text. Anything else is refused with one Vietnamese message (UserFacingError).
 */
export async function readSpreadsheetBytes(bytes: Buffer, fileName: string): Promise<WorkbookData> {
  const name = basename(fileName);
  if (name.startsWith('~$')) {
    throw fileError(
      'FILE_EXCEL_OWNER',
      `“${name}” là tệp tạm Excel tạo ra khi đang mở một bảng tính, không chứa số liệu. Hãy chọn tệp gốc (tên không có “~$” ở đầu).`,
    );
  }
  const kind = sniffKind(bytes);
  const refusal = refusalFor(kind, bytes, name);
  if (refusal) throw refusal;
  if (bytes.length > MAX_TABLE_FILE_BYTES) throw tooBig(name);
  let data: WorkbookData;
  if (kind === 'zip') {
    const check = await guardZip(bytes, { fileName: name, verifyData: true, keepData: true, limits: { maxTotalUncompressed: MAX_TABLE_UNZIPPED_BYTES } }).catch(
      (err: unknown) => {
        if (err instanceof UserFacingError && err.code === 'FILE_ZIP_BOMB' && /lớn hơn/.test(err.message)) throw tooBig(name);
        throw err;
      },
    );
    if (!isXlsxZip(check)) {
      throw fileError(
        'FILE_NOT_SPREADSHEET',
        `Tệp “${name}” là tệp nén (có thể là tài liệu Word hoặc bảng tính LibreOffice), không phải bảng tính Excel (.xlsx). Hãy lưu bảng số liệu thành .xlsx rồi nhập lại.`,
      );
    }
    data = await readXlsx(check.data!, name);
  } else if (kind === 'xml' && bytes.length > MAX_MARKUP_BYTES) {
    throw tooBig(name);
  } else if (kind === 'xml') {
    data = { fileName: name, origin: 'xml', sheets: readSpreadsheetMl(decodeText(bytes, name), name) };
  } else if (kind === 'html' && bytes.length > MAX_MARKUP_BYTES) {
    throw tooBig(name);
  } else if (kind === 'html') {
    data = { fileName: name, origin: 'html', sheets: readHtmlTables(decodeText(bytes, name), name, { maxRows: MAX_TABLE_ROWS, maxColumns: MAX_TABLE_COLUMNS, maxCells: MAX_TABLE_CELLS }) };
  } else {
    const ext = extname(name).toLowerCase();
    const head = decodeChunks(bytes, name).next().value ?? '';
    if (/^MIME-Version:/i.test(head.trimStart())) {
      throw fileError(
        'FILE_NOT_SPREADSHEET',
        `Tệp “${name}” là trang web lưu một tệp (.mht), phần mềm chưa đọc được. Hãy mở tệp bằng Excel, lưu thành “Sổ làm việc Excel (*.xlsx)” rồi nhập lại.`,
      );
    }
    if (ext === '.xls' || ext === '.xlsx') {
      throw fileError('FILE_NOT_SPREADSHEET', `Tệp “${name}” có tên của tệp Excel nhưng bên trong là văn bản thường. Hãy mở tệp bằng Excel, lưu thành .xlsx rồi nhập lại.`);
    }
    data = { fileName: name, origin: 'csv', sheets: [readDelimitedChunks(decodeChunks(bytes, name), name, { fileName: name })] };
  }
  return nonEmpty(data);
}

function nonEmpty(data: WorkbookData): WorkbookData {
  if (data.sheets.length === 0 || data.sheets.every((s) => s.rows.every((r) => r.every((v) => v === null || v === '')))) {
    throw fileError('FILE_EMPTY_WORKBOOK', `Tệp “${data.fileName}” không có dữ liệu (các trang tính đều trống). Hãy kiểm tra lại tệp.`);
  }
  return data;
}

/** Reads a spreadsheet file from disk. A file held open by Excel gives "Hãy đóng tệp … rồi thử lại". */
export async function readSpreadsheetFile(path: string, opts: ReadFileOptions = {}): Promise<WorkbookData> {
  const name = basename(path);
  const bytes = await readFileIfExists(path, opts);
  if (bytes === null) throw fileError('FILE_NOT_FOUND', `Không tìm thấy tệp “${name}”. Hãy kiểm tra lại đường dẫn.`);
  return readSpreadsheetBytes(bytes, name);
}

/* ------------------------------------------------ XML Spreadsheet 2003 ("SpreadsheetML") */


/** An element's or attribute's name without its prefix ("ss:Index" → "Index"). */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function xmlAttr(tag: SaxesTagPlain, local: string): string | undefined {
  for (const [name, value] of Object.entries(tag.attributes)) if (localName(name) === local) return value;
  return undefined;
}

/** A number as Excel writes it in SpreadsheetML (no hex, no "Infinity", no blank). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Most cells that merges may fill in one sheet (bounded work). */
const MAX_MERGED_CELLS = 2_000_000;

/**
 * Reads every worksheet; refuses DTDs and entity declarations (never resolved) and elements nested deeper than
 * MAX_XML_DEPTH (core/xlsx/limits.ts). Prefixes are matched by local name, without namespace resolution (whose
 * cost grows with depth); rich text inside <Data> is read as its text; a cell keeps MAX_CELL_CHARS characters.
 */
export function readSpreadsheetMl(xml: string, fileName: string): SheetData[] {
  if (/<!doctype|<!entity/i.test(xml)) {
    throw new UserFacingError(
      'FILE_XML_ENTITIES',
      `Tệp “${fileName}” chứa khai báo thực thể XML (DOCTYPE/ENTITY) mà Excel không bao giờ tạo ra, có thể là tệp độc hại nên không được mở.`,
    );
  }
  const styles = new Map<string, string>();
  const sheets: SheetData[] = [];
  let styleId: string | null = null;
  let sheet: (SheetData & { merges: MergeRange[] }) | null = null;
  let row = -1;
  let col = 0;
  let cell: { type: string; text: string; style: string | undefined; col: number; inData: boolean } | null = null;
  let depth = 0;
  let merged = 0;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    if (++depth > MAX_XML_DEPTH) throw tooDeep(fileName, 'tags');
    switch (localName(tag.name)) {
      case 'Style':
        styleId = xmlAttr(tag, 'ID') ?? null;
        break;
      case 'NumberFormat': {
        const f = xmlAttr(tag, 'Format');
        if (styleId && f) styles.set(styleId, /^percent$/i.test(f) ? '0.00%' : f);
        break;
      }
      case 'Worksheet':
        sheet = { name: (xmlAttr(tag, 'Name') ?? `Trang ${sheets.length + 1}`).normalize('NFC'), rows: [], formats: [], hidden: false, merges: [] };
        row = -1;
        merged = 0;
        break;
      case 'Row': {
        const index = Number(xmlAttr(tag, 'Index') ?? NaN);
        row = Number.isFinite(index) ? index - 1 : row + 1;
        col = 0;
        break;
      }
      case 'Cell': {
        const index = Number(xmlAttr(tag, 'Index') ?? NaN);
        if (Number.isFinite(index)) col = index - 1;
        cell = { type: 'String', text: '', style: xmlAttr(tag, 'StyleID'), col, inData: false };
        const across = Number(xmlAttr(tag, 'MergeAcross') ?? 0) || 0;
        const down = Number(xmlAttr(tag, 'MergeDown') ?? 0) || 0;
        if (sheet && (across > 0 || down > 0) && row >= 0 && row < MAX_TABLE_ROWS && col < MAX_TABLE_COLUMNS) {
          const merge = { top: row, left: col, bottom: Math.min(row + Math.min(down, 1000), MAX_TABLE_ROWS - 1), right: Math.min(col + across, MAX_TABLE_COLUMNS - 1) };
          merged += (merge.bottom - merge.top + 1) * (merge.right - merge.left + 1);
          if (merged > MAX_MERGED_CELLS) throw tooManyCells(fileName, MAX_MERGED_CELLS);
          sheet.merges.push(merge);
        }
        col += 1 + across;
        break;
      }
      case 'Data':
        if (cell) {
          cell.type = xmlAttr(tag, 'Type') ?? 'String';
          cell.inData = true;
        }
        break;
      case 'Visible':
        break;
    }
  });
  parser.on('text', (t) => {
    if (cell?.inData) {
      if (cell.text.length <= MAX_CELL_CHARS) cell.text += t;
    }
    else if (sheet && /^\s*SheetHidden|SheetVeryHidden\s*$/.test(t)) sheet.hidden = true;
  });
  parser.on('closetag', (tag) => {
    depth--;
    const local = localName(tag.name);
    if (local === 'Style') styleId = null;
    if (local === 'Data' && cell) cell.inData = false;
    if (local === 'Cell' && cell && sheet) {
      if (row >= 0 && row < MAX_TABLE_ROWS && cell.col < MAX_TABLE_COLUMNS) {
        let value: RawValue = null;
        const text = cell.text.slice(0, MAX_CELL_CHARS).normalize('NFC');
        if (cell.type === 'Number') value = DECIMAL.test(text.trim()) ? Number(text) : text;
        else if (cell.type === 'Boolean') value = text === '1';
        else if (cell.type === 'Error') value = { error: text };
        else if (cell.type === 'DateTime') value = Number.isNaN(Date.parse(text + 'Z')) ? text : new Date(text + 'Z');
        else value = text.trim() === '' ? null : text;
        const r: RawRow = (sheet.rows[row] ??= []);
        const f: RawFormats = (sheet.formats[row] ??= []);
        while (r.length < cell.col) r.push(null);
        r[cell.col] = value;
        f[cell.col] = cell.style ? styles.get(cell.style) : undefined;
      }
      cell = null;
    }
    if (local === 'Worksheet' && sheet) {
      for (let i = 0; i < sheet.rows.length; i++) sheet.rows[i] ??= [];
      for (let i = 0; i < sheet.formats.length; i++) sheet.formats[i] ??= [];
      applyMerges(sheet.rows, sheet.merges);
      const { merges: _m, ...data } = sheet;
      sheets.push(data);
      sheet = null;
    }
  });
  try {
    parser.write(xml).close();
  } catch (err) {
    if (err instanceof UserFacingError) throw err;
    throw new UserFacingError(
      'FILE_CORRUPT',
      `Tệp “${fileName}” (bảng tính XML) bị hỏng, không đọc được. Hãy mở tệp bằng Excel, lưu thành “Sổ làm việc Excel (*.xlsx)” rồi nhập lại.`,
    );
  }
  return sheets;
}
