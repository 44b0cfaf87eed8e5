// XML Spreadsheet 2003 ("SpreadsheetML", what many web systems and old Excel export as .xls) → sheets of raw rows, with merges and percent styles.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { UserFacingError } from '../files/errors';
import type { RawFormats, RawRow, RawValue } from './cells';
import { applyMerges, type MergeRange } from './header';
import type { SheetData } from './read';

const MAX_ROWS = 20_000;
const MAX_COLS = 200;

function attr(tag: SaxesTagNS, local: string): string | undefined {
  for (const a of Object.values(tag.attributes)) if (a.local === local) return a.value;
  return undefined;
}

/** Reads every visible worksheet; refuses DTDs and entity declarations (never resolved). */
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
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag) => {
    switch (tag.local) {
      case 'Style':
        styleId = attr(tag, 'ID') ?? null;
        break;
      case 'NumberFormat': {
        const f = attr(tag, 'Format');
        if (styleId && f) styles.set(styleId, /^percent$/i.test(f) ? '0.00%' : f);
        break;
      }
      case 'Worksheet':
        sheet = { name: (attr(tag, 'Name') ?? `Trang ${sheets.length + 1}`).normalize('NFC'), rows: [], formats: [], hidden: false, merges: [] };
        row = -1;
        break;
      case 'Row': {
        const index = Number(attr(tag, 'Index') ?? NaN);
        row = Number.isFinite(index) ? index - 1 : row + 1;
        col = 0;
        break;
      }
      case 'Cell': {
        const index = Number(attr(tag, 'Index') ?? NaN);
        if (Number.isFinite(index)) col = index - 1;
        cell = { type: 'String', text: '', style: attr(tag, 'StyleID'), col, inData: false };
        const across = Number(attr(tag, 'MergeAcross') ?? 0) || 0;
        const down = Number(attr(tag, 'MergeDown') ?? 0) || 0;
        if (sheet && (across > 0 || down > 0)) sheet.merges.push({ top: row, left: col, bottom: row + Math.min(down, 1000), right: col + Math.min(across, MAX_COLS) });
        col += 1 + across;
        break;
      }
      case 'Data':
        if (cell) {
          cell.type = attr(tag, 'Type') ?? 'String';
          cell.inData = true;
        }
        break;
      case 'Visible':
        break;
    }
  });
  parser.on('text', (t) => {
    if (cell?.inData) cell.text += t;
    else if (sheet && /^\s*SheetHidden|SheetVeryHidden\s*$/.test(t)) sheet.hidden = true;
  });
  parser.on('closetag', (tag) => {
    if (tag.local === 'Style') styleId = null;
    if (tag.local === 'Data' && cell) cell.inData = false;
    if (tag.local === 'Cell' && cell && sheet) {
      if (row >= 0 && row < MAX_ROWS && cell.col < MAX_COLS) {
        let value: RawValue = null;
        const text = cell.text.normalize('NFC');
        if (cell.type === 'Number') value = Number.isFinite(Number(text)) ? Number(text) : text;
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
    if (tag.local === 'Worksheet' && sheet) {
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
  } catch {
    throw new UserFacingError(
      'FILE_CORRUPT',
      `Tệp “${fileName}” (bảng tính XML) bị hỏng, không đọc được. Hãy mở tệp bằng Excel, lưu thành “Sổ làm việc Excel (*.xlsx)” rồi nhập lại.`,
    );
  }
  return sheets;
}
