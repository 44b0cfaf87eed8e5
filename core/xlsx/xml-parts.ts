// The small XML parts of a workbook read by the streaming reader, bounded: text and character references, attributes, styles, shared strings; and the limits and error every part shares.
//
// Nothing here recurses or backtracks on input: tags are found by indexOf and by regular expressions that stop at
// the next "<". A malformed or oversized part is refused with a SheetXmlError, whose short Vietnamese detail the
// readers put into their message (core/xlsx/sheet-xml.ts sheetXmlUserError).

/** A malformed or oversized part: `kind` tells the reader which message to give, `detail` says where and what. */
export class SheetXmlError extends Error {
  constructor(
    readonly kind: 'malformed' | 'limit',
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'SheetXmlError';
  }
}

export function malformed(detail: string): SheetXmlError {
  return new SheetXmlError('malformed', detail);
}

export function overLimit(detail: string): SheetXmlError {
  return new SheetXmlError('limit', detail);
}

export interface SheetLimits {
  /** Columns in a row (Excel: 16 384, column XFD). */
  maxColumns: number;
  /** Highest row number (Excel: 1 048 576). */
  maxRow: number;
  /** Characters of one row's XML (the most text ever kept between chunks). */
  maxRowChars: number;
  /** Characters of one cell's or one shared string's text (8 × Excel's 32 767). */
  maxCellChars: number;
  /** Characters of one <si> element's XML. */
  maxSiChars: number;
  /** Shared strings in a workbook. */
  maxSharedStrings: number;
  /** Characters of all shared strings together. */
  maxSharedChars: number;
  /** Element nesting inside one cell or one shared string (rich text needs 4). */
  maxDepth: number;
  /** Characters before the root element (<worksheet>, <sst>) is seen. */
  maxPrologChars: number;
}

export const DEFAULT_SHEET_LIMITS: SheetLimits = {
  maxColumns: 16_384,
  maxRow: 1_048_576,
  maxRowChars: 8 * 1024 * 1024,
  maxCellChars: 262_144,
  maxSiChars: 2 * 1024 * 1024,
  maxSharedStrings: 8_000_000,
  maxSharedChars: 100_000_000,
  maxDepth: 32,
  maxPrologChars: 1024 * 1024,
};

export function vn(n: number): string {
  return n.toLocaleString('vi-VN');
}

/* ------------------------------------------------------------------ XML helpers */

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The character of a numeric character reference ("#233", "#xE9"), refusing what is no XML character. */
function charRef(ref: string): string {
  const hex = ref.charCodeAt(1) === 120;
  const digits = (hex ? ref.slice(2) : ref.slice(1)).replace(/^0+(?=.)/, '');
  const code = digits.length > 8 ? Infinity : parseInt(digits, hex ? 16 : 10);
  if (!(code >= 1 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) {
    throw malformed(`có mã ký tự không hợp lệ “&${ref.slice(0, 12)};”`);
  }
  return String.fromCodePoint(code);
}

/** Decodes XML entities and OOXML's _xHHHH_ escapes; a character reference that is no character is refused. */
export function decodeXmlText(s: string): string {
  if (s.indexOf('&') >= 0) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => (e.charCodeAt(0) === 35 ? charRef(e) : (ENTITY[e] ?? '')));
  }
  if (s.indexOf('_x') >= 0) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

/** Attributes of a start tag's text (without "<name" and ">"): name → decoded value; namespace prefixes dropped. */
export function parseAttrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) {
    const name = m[1]!;
    const local = name.includes(':') && !name.startsWith('xmlns') ? name.slice(name.indexOf(':') + 1) : name;
    out.set(local, decodeXmlText(m[3] ?? m[4] ?? ''));
  }
  return out;
}

/** Every start tag of a local name in a small XML text, with its attributes (each match stops at the next "<"). */
export function tagsOf(xml: string, localName: string): Map<string, string>[] {
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]{0,64}:)?${localName}(\\s[^<>]*)?/?>`, 'g');
  const out: Map<string, string>[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) out.push(parseAttrs(m[1] ?? ''));
  return out;
}

/** Deepest element nesting in an XML fragment (start tags minus end tags), counted without recursion. */
function depthOf(fragment: string): number {
  let depth = 0;
  let max = 0;
  for (let i = fragment.indexOf('<'); i >= 0; i = fragment.indexOf('<', i + 1)) {
    const next = fragment.charCodeAt(i + 1);
    if (next === 47) depth--;
    else if (next !== 33 && next !== 63) {
      const gt = fragment.indexOf('>', i);
      if (gt < 0 || fragment.charCodeAt(gt - 1) !== 47) depth++;
      if (depth > max) max = depth;
    }
  }
  return max;
}

/** `fragment` without its phonetic runs (<rPh>…</rPh>), by indexOf (no backtracking). */
function withoutPhonetic(fragment: string, p: string): string {
  const open = '<' + p + 'rPh';
  const close = '</' + p + 'rPh>';
  let out = '';
  let i = 0;
  for (;;) {
    const s = fragment.indexOf(open, i);
    if (s < 0) break;
    const e = fragment.indexOf(close, s);
    if (e < 0) throw malformed('có phần phiên âm (rPh) thiếu thẻ đóng');
    out += fragment.slice(i, s);
    i = e + close.length;
  }
  return out + fragment.slice(i);
}

/** The text of every <t> element in an XML fragment (rich text runs joined), phonetic runs (<rPh>) left out. */
export function textOfRuns(fragment: string, p: string, limits: SheetLimits): string {
  if (depthOf(fragment) > limits.maxDepth) throw malformed(`có các thẻ lồng nhau quá sâu (hơn ${limits.maxDepth} cấp)`);
  if (fragment.indexOf('<' + p + 'rPh') >= 0) fragment = withoutPhonetic(fragment, p);
  const open = '<' + p + 't';
  const close = '</' + p + 't>';
  let out = '';
  let i = 0;
  for (;;) {
    i = fragment.indexOf(open, i);
    if (i < 0) break;
    const after = fragment.charCodeAt(i + open.length);
    const gt = fragment.indexOf('>', i);
    if (gt < 0) throw malformed('có thẻ văn bản không được đóng bằng “>”');
    if (!isTagBoundary(after)) {
      i = gt;
      continue;
    }
    if (fragment.charCodeAt(gt - 1) === 47) {
      i = gt + 1;
      continue;
    }
    const end = fragment.indexOf(close, gt);
    if (end < 0) throw malformed('có thẻ văn bản thiếu thẻ đóng');
    out += fragment.slice(gt + 1, end);
    i = end + close.length;
  }
  const text = decodeXmlText(out);
  if (text.length > limits.maxCellChars) throw overLimit(`có một ô dài hơn ${vn(limits.maxCellChars)} ký tự`);
  return text;
}

/* ------------------------------------------------------------------ styles */

/** Built-in number formats that show dates or times (ECMA-376 §18.8.30, plus common East-Asian ids). */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const BUILTIN_FORMATS: Record<number, string> = {
  1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm',
  21: 'h:mm:ss', 22: 'm/d/yy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/** True when a format code shows a date or a time: d, m, y, h or s outside quotes, brackets and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .split(';')[0]!;
  if (/^general$/i.test(bare.trim())) return false;
  return /[dmyhs]/i.test(bare.replace(/E[+-]/gi, ''));
}

export interface StyleInfo {
  /** Per cellXfs index: 1 = date, 0 = other. */
  dateStyle: Uint8Array;
  /** Per cellXfs index: the number format code, undefined for General. */
  format: (string | undefined)[];
}

export const NO_STYLES: StyleInfo = { dateStyle: new Uint8Array(0), format: [] };

export function parseStyles(xml: string): StyleInfo {
  const custom = new Map<number, string>();
  for (const a of tagsOf(xml, 'numFmt')) {
    const id = Number(a.get('numFmtId'));
    if (Number.isInteger(id)) custom.set(id, a.get('formatCode') ?? '');
  }
  const open = /<(?:[A-Za-z_][\w.-]{0,64}:)?cellXfs\b/.exec(xml);
  let xfs: Map<string, string>[] = [];
  if (open) {
    const close = /<\/(?:[A-Za-z_][\w.-]{0,64}:)?cellXfs>/g;
    close.lastIndex = open.index;
    const end = close.exec(xml);
    if (end) xfs = tagsOf(xml.slice(open.index, end.index), 'xf');
  }
  const dateStyle = new Uint8Array(xfs.length);
  const format: (string | undefined)[] = new Array<string | undefined>(xfs.length);
  xfs.forEach((a, i) => {
    const id = Number(a.get('numFmtId') ?? 0);
    const code = custom.get(id) ?? BUILTIN_FORMATS[id];
    format[i] = id === 0 ? undefined : code ?? `#${id}`;
    const isDate = custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATE_IDS.has(id);
    dateStyle[i] = isDate ? 1 : 0;
  });
  return { dateStyle, format };
}

/* ------------------------------------------------------------------ shared strings */

/**
 * `a + b` as one flat string. `+` makes a cons string (a pair), and every charCodeAt on it goes through the pair:
 * the scanners read each character of every chunk, and a flat string reads about twice as fast. Array join copies
 * both into one.
 */
export function flatConcat(a: string, b: string): string {
  return [a, b].join('');
}

/** Parses sharedStrings.xml incrementally, one <si> at a time, into an array of NFC strings. */
export class SharedStringsParser {
  readonly strings: string[] = [];
  private chars = 0;
  private rest = '';
  private prefix: string | null = null;
  /** A plain run's tags with the part's prefix (set with it): `<t>`, `<t xml:space="preserve">`, `</t>`. */
  private tOpen = '<t>';
  private tPreserve = '<t xml:space="preserve">';
  private tClose = '</t>';
  private readonly limits: SheetLimits;

  constructor(limits: Partial<SheetLimits> = {}) {
    this.limits = { ...DEFAULT_SHEET_LIMITS, ...limits };
  }

  push(text: string): void {
    const limits = this.limits;
    const buf = this.rest.length > 0 ? flatConcat(this.rest, text) : text;
    if (this.prefix === null) {
      const m = /<([A-Za-z_][\w.-]{0,64}:)?sst[\s>/]/.exec(buf);
      if (!m) {
        if (buf.length > limits.maxPrologChars) throw malformed('phần chuỗi dùng chung không bắt đầu bằng thẻ <sst>');
        this.rest = buf;
        return;
      }
      this.prefix = m[1] ?? '';
      this.tOpen = '<' + this.prefix + 't>';
      this.tPreserve = '<' + this.prefix + 't xml:space="preserve">';
      this.tClose = '</' + this.prefix + 't>';
    }
    const p = this.prefix;
    const open = '<' + p + 'si';
    const close = '</' + p + 'si>';
    let i = 0;
    for (;;) {
      const s = buf.indexOf(open, i);
      if (s < 0) {
        // Keep a tail that could be the start of "<si".
        i = Math.max(i, buf.length - open.length);
        break;
      }
      const gt = buf.indexOf('>', s);
      if (gt < 0) {
        i = s;
        break;
      }
      const lt = buf.indexOf('<', s + 1);
      if (lt >= 0 && lt < gt) throw malformed('có thẻ <si> không được đóng bằng “>”');
      if (buf.charCodeAt(gt - 1) === 47) {
        this.add('');
        i = gt + 1;
        continue;
      }
      const e = buf.indexOf(close, gt);
      if (e < 0) {
        i = s;
        break;
      }
      const inner = buf.indexOf(open, gt);
      if (inner >= 0 && inner < e && isTagBoundary(buf.charCodeAt(inner + open.length))) throw malformed('có thẻ <si> nằm trong một thẻ <si> khác');
      if (e - gt > limits.maxSiChars) throw overLimit(`có một chuỗi dùng chung dài hơn ${vn(limits.maxSiChars)} ký tự`);
      this.add((this.plainText(buf, gt + 1, e) ?? textOfRuns(buf.slice(gt + 1, e), p, limits)).normalize('NFC'));
      i = e + close.length;
    }
    this.rest = buf.slice(i);
    if (this.rest.length > limits.maxSiChars) throw overLimit(`có một chuỗi dùng chung dài hơn ${vn(limits.maxSiChars)} ký tự`);
  }

  /**
   * The text of a string written as one plain run, `<t>text</t>` or `<t xml:space="preserve">text</t>` and nothing
   * else between `from` and `to` (most shared strings), without walking runs; null for any other shape (textOfRuns
   * reads it, with the same result for this shape).
   */
  private plainText(buf: string, from: number, to: number): string | null {
    const { tOpen: open, tPreserve: preserve, tClose: close } = this;
    const ts = buf.startsWith(open, from) ? from + open.length : buf.startsWith(preserve, from) ? from + preserve.length : -1;
    if (ts < 0) return null;
    const lt = buf.indexOf('<', ts);
    if (lt !== to - close.length || !buf.startsWith(close, lt)) return null;
    const text = decodeXmlText(buf.slice(ts, lt));
    if (text.length > this.limits.maxCellChars) throw overLimit(`có một ô dài hơn ${vn(this.limits.maxCellChars)} ký tự`);
    return text;
  }

  private add(text: string): void {
    this.chars += text.length;
    if (this.chars > this.limits.maxSharedChars) throw overLimit(`có quá nhiều chữ (hơn ${vn(this.limits.maxSharedChars)} ký tự)`);
    if (this.strings.length >= this.limits.maxSharedStrings) throw overLimit(`có quá nhiều chuỗi dùng chung (hơn ${vn(this.limits.maxSharedStrings)})`);
    this.strings.push(text);
  }
}

/* ------------------------------------------------------------------ scanning helpers */


export function isTagBoundary(code: number): boolean {
  // '>', '/', space, tab, LF, CR
  return code === 62 || code === 47 || code === 32 || code === 9 || code === 10 || code === 13;
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The non-negative integer in buf[from, to) (at most 15 digits), or -1. */
export function intAt(buf: string, from: number, to: number): number {
  if (from >= to || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
