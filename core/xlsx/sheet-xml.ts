// The bounded scanner of worksheet XML used by both xlsx readers (streamed rows; a check before exceljs): every step advances or fails, and every size has a limit.
//
// The smaller parts (text, attributes, styles, shared strings) and the limits live in core/xlsx/xml-parts.ts.
// Rows are cut out of the inflated text with indexOf("</row>") and their cells read by position (no DOM, no
// recursion), which is what a dossier list needs and nothing more. Hostile or damaged XML is refused with a
// SheetXmlError (a short Vietnamese detail the reader puts into its message): a cell reference beyond XFD1048576,
// a cell without "</c>", an unquoted attribute, a tag without ">", a nested row or cell, a character reference that
// is no character, a number that is not a plain decimal ("0x50", "Infinity"), a shared-string index that does not
// exist. Limits (DEFAULT_SHEET_LIMITS) bound the row width, a row's XML, a cell's text, each shared string and their
// count and total, the nesting depth inside a cell or a shared string, and the text before the root element; the
// text kept between chunks never exceeds the largest row, and searches resume where they stopped (linear time).
import { UserFacingError } from '../files/errors';
import { columnLetter, type RawError, type RawFormats, type RawRow, type RawValue } from './cells';
import {
  DEFAULT_SHEET_LIMITS,
  NO_STYLES,
  SheetXmlError,
  decodeXmlText,
  flatConcat,
  intAt,
  isSpace,
  isTagBoundary,
  malformed,
  overLimit,
  textOfRuns,
  vn,
  type SheetLimits,
  type StyleInfo,
} from './xml-parts';

/** The clerk's message for a SheetXmlError about the file `fileName`; any other error is returned as it is. */
export function sheetXmlUserError(fileName: string, err: unknown): unknown {
  if (!(err instanceof SheetXmlError)) return err;
  if (err.kind === 'limit') {
    return new UserFacingError(
      'XLSX_TOO_LARGE',
      `Tệp “${fileName}” ${err.detail}, vượt giới hạn an toàn nên không được đọc. Hãy chia tệp thành nhiều tệp nhỏ hơn rồi nhập lần lượt.`,
    );
  }
  return new UserFacingError(
    'XLSX_MALFORMED',
    `Tệp bị hỏng: “${fileName}” ${err.detail}; hãy tải lại hoặc xuất lại tệp (hoặc mở bằng Excel và lưu lại) rồi thử lại.`,
  );
}

/**
 * Reads a whole worksheet's XML through the scanner, only to check it (the table reader's guard before exceljs,
 * which would read "0x50" as 0 or die on a column beyond XFD). Throws SheetXmlError.
 */
export function checkSheetXml(xml: string, strings: readonly string[]): void {
  const scanner = new SheetScanner(strings, NO_STYLES, false, false);
  const sink: SheetRow[] = [];
  const step = 1024 * 1024;
  for (let i = 0; i < xml.length; i += step) {
    scanner.push(xml.slice(i, i + step), sink);
    sink.length = 0;
  }
  scanner.end();
}

/* ------------------------------------------------------------------ the sheet scanner */

/** A plain decimal number as Excel writes it in <v>: no hex, no "Infinity", no spaces, no empty exponent. */
const STRICT_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (Excel's day 0 for serials ≥ 61) to 1970-01-01. */
const EXCEL_UNIX_OFFSET = 25569;

/** A date-formatted serial as a Date at UTC (like exceljs), or the number itself if out of range. */
function serialToDate(serial: number, date1904: boolean): Date | number {
  const s = date1904 ? serial + 1462 : serial;
  if (!(s >= 0) || s >= 2958466) return serial;
  // Excel's fictitious 29/02/1900: serials below 61 are one day off; 60 is shown as 28/02/1900 here.
  const adjusted = s < 61 ? (s < 60 ? s + 1 : s) : s;
  return new Date(Math.round((adjusted - EXCEL_UNIX_OFFSET) * MS_PER_DAY / 1000) * 1000);
}

/** A row of raw values as the scanner gives it (core/xlsx/stream.ts StreamRow). */
export interface SheetRow {
  /** 1-based row number in the sheet. */
  row: number;
  values: RawRow;
  formats?: RawFormats;
}

/** "ô B5": where a cell is, for messages. */
function where(col: number, row: number): string {
  return `ô ${columnLetter(col)}${row}`;
}

/** Cuts rows out of the sheet XML as it arrives and turns their cells into raw values. */
export class SheetScanner {
  private rest = '';
  /** Where, in `rest`, the search for the pending row's end may resume. */
  private resume = 0;
  private prefix: string | null = null;
  private rowOpen = '<row';
  private rowClose = '</row>';
  private cOpen = '<c';
  private cClose = '</c>';
  private vOpen = '<v';
  private vClose = '</v>';
  private isOpen = '<is';
  private isClose = '</is>';
  private fOpen = '<f';
  private fClose = '</f>';
  /** "<t>" and "</t></is>": the plain inline string many exporters write, read without walking its runs. */
  private tPlain = '<t>';
  private tPreserve = '<t xml:space="preserve">';
  private tEnd = '</t></is>';
  private nextRow = 1;
  private readonly limits: SheetLimits;
  /** Bounds of the r, t and s attribute values of the last tag read by attributes() (-1 when absent). */
  private attrR = -1;
  /** Whether the last row tag read had its own r attribute. */
  private rowGiven = false;
  private attrREnd = -1;
  private attrT = -1;
  private attrTEnd = -1;
  private attrS = -1;
  private attrSEnd = -1;
  /** The last characters of all the text fed, to see at the end whether the part closes its worksheet. */
  private tail = '';
  /** Whether rows are first tried through plainCells (false only in tests that compare it with cells). */
  private readonly fast: boolean;
  rows = 0;
  /** Rows read by plainCells (the rest by cells): for the tests that compare the two readings. */
  plainRows = 0;

  constructor(
    private readonly strings: readonly string[],
    private readonly styles: StyleInfo,
    private readonly date1904: boolean,
    private readonly withFormats: boolean,
    limits: Partial<SheetLimits> = {},
    options: { plainRows?: boolean } = {},
  ) {
    this.limits = { ...DEFAULT_SHEET_LIMITS, ...limits };
    this.fast = options.plainRows !== false;
  }

  private setPrefix(p: string): void {
    this.prefix = p;
    this.rowOpen = '<' + p + 'row';
    this.rowClose = '</' + p + 'row>';
    this.cOpen = '<' + p + 'c';
    this.cClose = '</' + p + 'c>';
    this.vOpen = '<' + p + 'v';
    this.vClose = '</' + p + 'v>';
    this.isOpen = '<' + p + 'is';
    this.isClose = '</' + p + 'is>';
    this.fOpen = '<' + p + 'f';
    this.fClose = '</' + p + 'f>';
    this.tPlain = '<' + p + 't>';
    this.tPreserve = '<' + p + 't xml:space="preserve">';
    this.tEnd = '</' + p + 't></' + p + 'is>';
  }

  /** Feeds text; appends the rows completed by it to `out`. Throws SheetXmlError on malformed or oversized XML. */
  push(text: string, out: SheetRow[]): void {
    this.tail = (this.tail.length + text.length > 256 ? (this.tail + text.slice(-256)).slice(-256) : this.tail + text);
    const buf = this.rest.length > 0 ? flatConcat(this.rest, text) : text;
    const resume = this.resume;
    this.resume = 0;
    if (this.prefix === null) {
      const m = /<([A-Za-z_][\w.-]{0,64}:)?worksheet[\s>/]/.exec(buf);
      if (!m) {
        if (buf.length > this.limits.maxPrologChars) throw malformed('trang tính không bắt đầu bằng thẻ <worksheet>');
        this.rest = buf;
        return;
      }
      this.setPrefix(m[1] ?? '');
    }
    const rowOpen = this.rowOpen;
    const rowClose = this.rowClose;
    let i = 0;
    let s = buf.indexOf(rowOpen, 0);
    for (;;) {
      if (s < 0) {
        // Keep a tail that could be the start of "<row".
        i = Math.max(i, buf.length - rowOpen.length);
        break;
      }
      const afterName = s + rowOpen.length;
      if (afterName >= buf.length) {
        i = s;
        break;
      }
      if (!isTagBoundary(buf.charCodeAt(afterName))) {
        i = afterName;
        s = buf.indexOf(rowOpen, afterName);
        continue;
      }
      const gt = this.tagEnd(buf, afterName, buf.length, this.nextRow);
      if (gt < 0) {
        i = s;
        break;
      }
      const rowNumber = this.rowNumberOf(buf, afterName, gt);
      if (buf.charCodeAt(gt - 1) === 47) {
        // <row r="5"/>: an empty row; nothing to emit.
        this.nextRow = rowNumber + 1;
        i = gt + 1;
        s = buf.indexOf(rowOpen, i);
        continue;
      }
      const e = buf.indexOf(rowClose, s === 0 ? Math.max(gt, resume) : gt);
      if (e < 0) {
        i = s;
        this.resume = Math.max(0, buf.length - rowClose.length + 1 - s);
        break;
      }
      if (e - gt > this.limits.maxRowChars) throw overLimit(`dòng ${vn(rowNumber)} dài hơn ${vn(this.limits.maxRowChars)} ký tự`);
      this.nextRow = rowNumber + 1;
      let row = this.fast ? this.plainCells(buf, gt + 1, e, rowNumber, this.rowGiven) : undefined;
      if (row === undefined) row = this.cells(buf, gt + 1, e, rowNumber, this.rowGiven);
      else this.plainRows++;
      if (row) {
        out.push(row);
        this.rows++;
      }
      i = e + rowClose.length;
      s = buf.indexOf(rowOpen, i);
    }
    this.rest = i < buf.length ? buf.slice(i) : '';
    if (this.rest.length > this.limits.maxRowChars) {
      throw overLimit(`dòng ${vn(this.nextRow)} dài hơn ${vn(this.limits.maxRowChars)} ký tự (hoặc thiếu thẻ đóng </row>)`);
    }
  }

  /** Checks what is left when the text has ended: an unfinished row is a damaged part. */
  end(): void {
    const open = this.rest.indexOf(this.rowOpen);
    if (open >= 0 && isTagBoundary(this.rest.charCodeAt(open + this.rowOpen.length))) {
      throw malformed(`dòng ${vn(this.nextRow)} không có thẻ đóng (tệp bị cắt cụt)`);
    }
    // A part cut after a whole row (its CRC made to match) still lacks its closing tag: never a shorter list.
    if (this.prefix !== null && !this.tail.trimEnd().endsWith('</' + this.prefix + 'worksheet>')) {
      throw malformed('trang tính không có thẻ đóng </worksheet> (tệp bị cắt cụt)');
    }
  }

  /**
   * The index of the ">" ending a start tag whose name ends at `from`, or -1 when the text so far ends first (only
   * when `limit` is the buffer's end). A "<" before it means the tag was never closed.
   */
  private tagEnd(buf: string, from: number, limit: number, row: number): number {
    const gt = buf.indexOf('>', from);
    const lt = buf.indexOf('<', from);
    if (lt >= 0 && lt < limit && (gt < 0 || lt < gt)) throw malformed(`dòng ${vn(row)} có một thẻ không được đóng bằng “>”`);
    if (gt < 0 || gt >= limit) {
      if (limit < buf.length) throw malformed(`dòng ${vn(row)} có một thẻ không được đóng bằng “>”`);
      return -1;
    }
    return gt;
  }

  private rowNumberOf(buf: string, from: number, to: number): number {
    this.attributes(buf, from, buf.charCodeAt(to - 1) === 47 ? to - 1 : to, this.nextRow);
    this.rowGiven = this.attrR >= 0;
    if (this.attrR < 0) return this.nextRow;
    const n = intAt(buf, this.attrR, this.attrREnd);
    if (n < 1 || n > this.limits.maxRow) {
      throw malformed(`có số dòng “${buf.slice(this.attrR, Math.min(this.attrREnd, this.attrR + 20))}” nằm ngoài giới hạn của Excel (1 đến ${vn(this.limits.maxRow)})`);
    }
    return n;
  }

  /**
   * Walks the attributes of a start tag in buf[from, to) (to = the ">" or "/>"): each must be name="value" or
   * name='value'. Leaves the bounds of the values of r, t and s (prefix dropped) in attrR/attrT/attrS (-1 when
   * absent); anything else is refused. (Fields, not a callback: this runs once per cell.)
   */
  private attributes(buf: string, from: number, to: number, row: number): void {
    this.attrR = this.attrT = this.attrS = -1;
    let k = from;
    while (k < to) {
      const c = buf.charCodeAt(k);
      if (isSpace(c)) {
        k++;
        continue;
      }
      const eq = buf.indexOf('=', k);
      if (eq < 0 || eq >= to) throw malformed(`dòng ${vn(row)} có một thuộc tính không có giá trị`);
      let nameEnd = eq;
      while (nameEnd > k && isSpace(buf.charCodeAt(nameEnd - 1))) nameEnd--;
      let q = eq + 1;
      while (q < to && isSpace(buf.charCodeAt(q))) q++;
      const quote = buf.charCodeAt(q);
      if (q >= to || (quote !== 34 && quote !== 39)) throw malformed(`dòng ${vn(row)} có thuộc tính không đặt trong dấu nháy`);
      const vEnd = buf.indexOf(quote === 34 ? '"' : "'", q + 1);
      if (vEnd < 0 || vEnd >= to) throw malformed(`dòng ${vn(row)} có thuộc tính thiếu dấu nháy đóng`);
      let nameStart = k;
      for (let j = k; j < nameEnd; j++) if (buf.charCodeAt(j) === 58) nameStart = j + 1;
      if (nameEnd - nameStart === 1) {
        const n = buf.charCodeAt(nameStart);
        if (n === 114) {
          this.attrR = q + 1;
          this.attrREnd = vEnd;
        } else if (n === 116) {
          this.attrT = q + 1;
          this.attrTEnd = vEnd;
        } else if (n === 115) {
          this.attrS = q + 1;
          this.attrSEnd = vEnd;
        }
      } else if (nameEnd - nameStart <= 0) throw malformed(`dòng ${vn(row)} có một thuộc tính không có tên`);
      k = vEnd + 1;
    }
  }

  /**
   * The column of a cell reference ("AB12" → 27) in buf[from, to), checked against XFD1048576 and, when the row
   * tag gave its number, against the row (a reference to another row means a row nested in this one, or worse).
   */
  private refColumn(buf: string, from: number, to: number, rowNumber: number, rowGiven: boolean): number {
    let col = 0;
    let i = from;
    for (; i < to && i - from < 4; i++) {
      const c = buf.charCodeAt(i) | 32; // lower case
      if (c < 97 || c > 122) break;
      col = col * 26 + (c - 96);
    }
    const row = intAt(buf, i, to);
    if (i === from || col > this.limits.maxColumns || (i < to && (row < 1 || row > this.limits.maxRow))) {
      throw malformed(`có ô “${buf.slice(from, Math.min(to, from + 20))}” nằm ngoài giới hạn của Excel (${columnLetter(this.limits.maxColumns - 1)}${this.limits.maxRow})`);
    }
    if (rowGiven && i < to && row !== rowNumber) throw malformed(`dòng ${vn(rowNumber)} có ô “${buf.slice(from, Math.min(to, from + 20))}” của một dòng khác`);
    return col - 1;
  }

  /** Puts a cell's value (and its format) at its column, blanks before it (both readings of a row). */
  private put(values: RawValue[], formats: RawFormats | undefined, col: number, value: RawValue, style: number): void {
    while (values.length < col) values.push(null);
    values[col] = value;
    if (formats) {
      while (formats.length < col) formats.push(undefined);
      formats[col] = style >= 0 ? this.styles.format[style] : undefined;
    }
  }

  /** Reads the cells between `from` and `to` (the row's content). Returns null for a row without any value. */
  private cells(buf: string, from: number, to: number, rowNumber: number, rowGiven: boolean): SheetRow | null {
    const values: RawValue[] = [];
    const formats: RawFormats | undefined = this.withFormats ? [] : undefined;
    const cOpen = this.cOpen;
    const cClose = this.cClose;
    const maxColumns = this.limits.maxColumns;
    let col = -1;
    let any = false;
    let s = buf.indexOf(cOpen, from);
    while (s >= 0 && s < to) {
      const afterName = s + cOpen.length;
      if (!isTagBoundary(buf.charCodeAt(afterName))) {
        s = buf.indexOf(cOpen, afterName);
        continue;
      }
      const gt = this.tagEnd(buf, afterName, to, rowNumber);
      const selfClosing = buf.charCodeAt(gt - 1) === 47;
      this.attributes(buf, afterName, selfClosing ? gt - 1 : gt, rowNumber);
      col = this.attrR >= 0 ? this.refColumn(buf, this.attrR, this.attrREnd, rowNumber, rowGiven) : col + 1;
      if (col >= maxColumns) throw malformed(`dòng ${vn(rowNumber)} có hơn ${vn(maxColumns)} cột`);
      if (selfClosing) {
        s = buf.indexOf(cOpen, gt + 1);
        continue;
      }
      const type = this.attrT < 0 ? '' : buf.slice(this.attrT, this.attrTEnd);
      const style = this.attrS < 0 ? -1 : intAt(buf, this.attrS, this.attrSEnd);
      const e = buf.indexOf(cClose, gt);
      if (e < 0 || e >= to) throw malformed(`ô ${columnLetter(col)}${rowNumber} không có thẻ đóng </c>`);
      // The next cell's start, found once: before this cell's end it would be a cell inside a cell.
      let next = buf.indexOf(cOpen, gt);
      while (next >= 0 && next < e && !isTagBoundary(buf.charCodeAt(next + cOpen.length))) next = buf.indexOf(cOpen, next + cOpen.length);
      if (next >= 0 && next < e) throw malformed(`ô ${columnLetter(col)}${rowNumber} không có thẻ đóng </c>`);
      const value = this.valueOf(buf, gt + 1, e, type, style, col, rowNumber);
      s = next >= 0 && next > e ? next : buf.indexOf(cOpen, e + cClose.length);
      if (value === null) continue;
      this.put(values, formats, col, value, style);
      any = true;
    }
    if (!any) return null;
    return formats ? { row: rowNumber, values, formats } : { row: rowNumber, values };
  }

  /**
   * The row's cells when they are written in the plain shape exporters use, read in one pass over the characters
   * (about three times faster than cells(), which finds each tag with several searches): no namespace prefix;
   * cells `<c r="B5" t="s|n|inlineStr" s="3">` with only those attributes, double-quoted, one space apart; content
   * `<v>digits</v>` (a shared string), `<v>-12.5</v>` (a plain decimal), `<is><t>text</t></is>` or none (`<c …/>`);
   * only spaces, tabs and line breaks between cells. Anything else, and anything cells() would refuse or read
   * differently (a reference to another row, an unknown shared string, a long number), returns undefined and the
   * row is read again by cells(): this path never accepts a row cells() would refuse, and gives the same values
   * (test/unit/sheet-scanner-plain.test.ts compares them).
   */
  private plainCells(buf: string, from: number, to: number, rowNumber: number, rowGiven: boolean): SheetRow | null | undefined {
    if (this.prefix !== '') return undefined;
    const values: RawValue[] = [];
    const formats: RawFormats | undefined = this.withFormats ? [] : undefined;
    const { maxColumns, maxRow, maxCellChars } = this.limits;
    let col = -1;
    let any = false;
    let i = from;
    for (;;) {
      let ch = buf.charCodeAt(i);
      while (ch === 32 || ch === 10 || ch === 13 || ch === 9) ch = buf.charCodeAt(++i);
      if (i >= to) break;
      // "<c" and its attributes.
      if (ch !== 60 || buf.charCodeAt(i + 1) !== 99) return undefined;
      let k = i + 2;
      let ref = -1;
      let type = 0; // 0 none, 1 s, 2 n, 3 inlineStr
      let style = -1;
      ch = buf.charCodeAt(k);
      while (ch === 32) {
        const name = buf.charCodeAt(k + 1);
        if (buf.charCodeAt(k + 2) !== 61 || buf.charCodeAt(k + 3) !== 34) return undefined;
        let v = k + 4;
        ch = buf.charCodeAt(v);
        if (name === 114 && ref < 0) {
          let c = 0;
          const letters = v;
          while (ch >= 65 && ch <= 90 && v - letters < 3) {
            c = c * 26 + (ch - 64);
            ch = buf.charCodeAt(++v);
          }
          const digits = v;
          let r = 0;
          while (ch >= 48 && ch <= 57 && v - digits < 8) {
            r = r * 10 + (ch - 48);
            ch = buf.charCodeAt(++v);
          }
          if (digits === letters || v === digits || ch !== 34) return undefined;
          if (c > maxColumns || r < 1 || r > maxRow || (rowGiven && r !== rowNumber)) return undefined;
          ref = c - 1;
        } else if (name === 116 && type === 0) {
          if (ch === 115 && buf.charCodeAt(v + 1) === 34) type = 1;
          else if (ch === 110 && buf.charCodeAt(v + 1) === 34) type = 2;
          else if (buf.startsWith('inlineStr"', v)) type = 3;
          else return undefined;
          v = buf.indexOf('"', v);
        } else if (name === 115 && style < 0) {
          const digits = v;
          let n = 0;
          while (ch >= 48 && ch <= 57 && v - digits < 9) {
            n = n * 10 + (ch - 48);
            ch = buf.charCodeAt(++v);
          }
          if (v === digits || ch !== 34) return undefined;
          style = n;
        } else return undefined;
        k = v + 1;
        ch = buf.charCodeAt(k);
      }
      col = ref >= 0 ? ref : col + 1;
      if (col >= maxColumns) return undefined;
      if (ch === 47) {
        if (buf.charCodeAt(k + 1) !== 62) return undefined;
        i = k + 2;
        continue;
      }
      if (ch !== 62) return undefined;
      k++;
      let value: RawValue;
      if (type === 3) {
        const ts = buf.startsWith('<is><t>', k) ? k + 7 : buf.startsWith('<is><t xml:space="preserve">', k) ? k + 28 : -1;
        if (ts < 0) return undefined;
        const lt = buf.indexOf('<', ts);
        if (lt < 0 || lt >= to || lt - ts > maxCellChars || !buf.startsWith('</t></is></c>', lt)) return undefined;
        value = this.text(buf.slice(ts, lt), col, rowNumber, true);
        i = lt + 13;
      } else {
        if (!buf.startsWith('<v>', k)) return undefined;
        const vs = k + 3;
        let j = vs;
        ch = buf.charCodeAt(j);
        if (type === 1) {
          let n = 0;
          while (ch >= 48 && ch <= 57 && j - vs < 15) {
            n = n * 10 + (ch - 48);
            ch = buf.charCodeAt(++j);
          }
          if (j === vs || j - vs > maxCellChars || !buf.startsWith('</v></c>', j)) return undefined;
          const str = this.strings[n];
          if (str === undefined) return undefined;
          value = str;
        } else {
          const neg = ch === 45;
          if (neg) ch = buf.charCodeAt(++j);
          const ds = j;
          let n = 0;
          while (ch >= 48 && ch <= 57 && j - ds < 15) {
            n = n * 10 + (ch - 48);
            ch = buf.charCodeAt(++j);
          }
          if (j === ds || j - vs > maxCellChars) return undefined;
          let whole = !neg;
          if (ch === 46) {
            whole = false;
            const fs = ++j;
            ch = buf.charCodeAt(j);
            while (ch >= 48 && ch <= 57 && j - vs <= maxCellChars) ch = buf.charCodeAt(++j);
            if (j === fs || j - vs > maxCellChars) return undefined;
          }
          if (!buf.startsWith('</v></c>', j)) return undefined;
          const num = whole ? n : +buf.slice(vs, j);
          value = style >= 0 && this.styles.dateStyle[style] === 1 ? serialToDate(num, this.date1904) : num;
        }
        i = j + 8;
      }
      this.put(values, formats, col, value, style);
      any = true;
    }
    if (i !== to) return undefined;
    if (!any) return null;
    return formats ? { row: rowNumber, values, formats } : { row: rowNumber, values };
  }

  private valueOf(buf: string, from: number, to: number, type: string, style: number, col: number, row: number): RawValue {
    if (type === 'inlineStr') {
      const s = buf.indexOf(this.isOpen, from);
      if (s < 0 || s >= to) return null;
      const igt = buf.indexOf('>', s);
      if (igt < 0 || igt >= to) throw malformed(`${where(col, row)} có thẻ <is> không được đóng bằng “>”`);
      if (buf.charCodeAt(igt - 1) === 47) return null; // <is/>: an empty inline string
      // Fast path: <is><t>text</t></is> without markup inside (what exporters write): no run walking, no depth check.
      const ts = buf.startsWith(this.tPlain, igt + 1) ? igt + 1 + this.tPlain.length : buf.startsWith(this.tPreserve, igt + 1) ? igt + 1 + this.tPreserve.length : -1;
      if (ts > 0) {
        const lt = buf.indexOf('<', ts);
        if (lt >= 0 && lt < to && buf.startsWith(this.tEnd, lt)) {
          if (lt - ts > this.limits.maxCellChars) throw overLimit(`${where(col, row)} dài hơn ${vn(this.limits.maxCellChars)} ký tự`);
          return this.text(buf.slice(ts, lt), col, row, true);
        }
      }
      const e = buf.indexOf(this.isClose, s);
      if (e < 0 || e > to) throw malformed(`${where(col, row)} có chuỗi thiếu thẻ đóng </is>`);
      return this.text(buf.slice(s, e), col, row);
    }
    // Fast path: the content is just <v>…</v>. Otherwise look inside the cell only (a formula before <v>).
    let vs: number;
    const vOpen = this.vOpen;
    if (buf.startsWith(vOpen, from) && buf.charCodeAt(from + vOpen.length) === 62) {
      vs = from + vOpen.length + 1;
    } else {
      let start = from;
      let f = buf.indexOf(this.fOpen, from);
      if (f >= to || (f >= 0 && !isTagBoundary(buf.charCodeAt(f + this.fOpen.length)))) f = -1;
      if (f >= 0) {
        // A formula before the value: <f>…</f> or <f …/>.
        const fgt = buf.indexOf('>', f);
        if (fgt < 0 || fgt >= to) throw malformed(`${where(col, row)} có công thức không được đóng bằng “>”`);
        if (buf.charCodeAt(fgt - 1) === 47) start = fgt + 1;
        else {
          const fe = buf.indexOf(this.fClose, fgt);
          if (fe < 0 || fe >= to) throw malformed(`${where(col, row)} có công thức thiếu thẻ đóng </f>`);
          start = fe + this.fClose.length;
        }
      }
      const v = buf.indexOf(vOpen, start);
      if (v < 0 || v >= to || !isTagBoundary(buf.charCodeAt(v + vOpen.length))) {
        return f >= 0 ? ({ error: 'FORMULA' } satisfies RawError) : null;
      }
      const vgt = buf.indexOf('>', v);
      if (vgt < 0 || vgt >= to) throw malformed(`${where(col, row)} có thẻ <v> không được đóng bằng “>”`);
      if (buf.charCodeAt(vgt - 1) === 47) return null;
      vs = vgt + 1;
    }
    const ve = buf.indexOf(this.vClose, vs);
    if (ve < 0 || ve > to) throw malformed(`${where(col, row)} có giá trị thiếu thẻ đóng </v>`);
    if (ve - vs > this.limits.maxCellChars) throw overLimit(`${where(col, row)} dài hơn ${vn(this.limits.maxCellChars)} ký tự`);
    switch (type) {
      case 's': {
        const index = intAt(buf, vs, ve);
        const str = index >= 0 ? this.strings[index] : undefined;
        if (str === undefined) throw malformed(`${where(col, row)} trỏ tới chuỗi dùng chung số “${buf.slice(vs, Math.min(ve, vs + 20))}” không có trong tệp`);
        return str;
      }
      case 'str':
        return this.text(buf.slice(vs, ve), col, row, true);
      case 'b': {
        const raw = buf.slice(vs, ve);
        if (raw === '1' || raw === 'true') return true;
        if (raw === '0' || raw === 'false') return false;
        throw malformed(`${where(col, row)} có giá trị đúng/sai không hợp lệ “${raw.slice(0, 20)}”`);
      }
      case 'e':
        return { error: decodeXmlText(buf.slice(vs, ve)) };
      case 'd': {
        const raw = buf.slice(vs, ve);
        const t = Date.parse(raw.length <= 10 ? raw + 'T00:00:00Z' : /Z|[+-]\d\d:?\d\d$/.test(raw) ? raw : raw + 'Z');
        return Number.isNaN(t) ? decodeXmlText(raw) : new Date(t);
      }
      case '':
      case 'n': {
        // Whole numbers are read in place, without a string per cell.
        let n = intAt(buf, vs, ve);
        if (n < 0) {
          if (ve === vs) return null;
          const raw = buf.slice(vs, ve);
          n = STRICT_NUMBER.test(raw) ? +raw : NaN;
          if (!Number.isFinite(n)) throw malformed(`${where(col, row)} có giá trị số không hợp lệ “${raw.slice(0, 20)}”`);
        }
        return style >= 0 && this.styles.dateStyle[style] === 1 ? serialToDate(n, this.date1904) : n;
      }
      default:
        throw malformed(`${where(col, row)} có kiểu dữ liệu không hợp lệ “${type.slice(0, 20)}”`);
    }
  }

  /** A cell's text (runs of an inline string, or a formula's text result), decoded, bounded, NFC. */
  private text(fragment: string, col: number, row: number, plain = false): string {
    const text = plain ? decodeXmlText(fragment) : textOfRuns(fragment, this.prefix ?? '', this.limits);
    if (text.length > this.limits.maxCellChars) throw overLimit(`${where(col, row)} dài hơn ${vn(this.limits.maxCellChars)} ký tự`);
    return text.normalize('NFC');
  }
}
