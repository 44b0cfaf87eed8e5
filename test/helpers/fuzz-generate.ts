// The seeded generator of malformed inputs for the fuzz suite: families of mutations of real workbooks, each case with the reference files whose figures an acceptance must equal.
import { crc32 } from 'node:zlib';
import { random } from './dossier-lists';
import { CSV_BASES, XLSX_BASES, degradeTo1252, encodeCp1252, encodeCp1258, loadBases, utf16be, type Base, type BaseKey } from './fuzz-bases';
import { asOut, entrySpans, readZip, writeZip, type RepeatedData, type ZipOut, type ZipPart } from './fuzz-zip';

export type Rnd = () => number;

/** A file a case is compared with: an acceptance is correct only if its figures equal those of one of the references. */
export interface RefFile {
  /** Stable key (reference outcomes are computed once per key and command). */
  key: string;
  bytes: Buffer;
}

export interface FuzzCase {
  /** `family/mutation@seed`. */
  id: string;
  family: string;
  /** What was done, with its parameters ("flip 3 bytes at 812, 1400, 5022"). */
  mutation: string;
  seed: number;
  /** Name the file is read under (the base's, so outputs compare with the references'). */
  fileName: string;
  bytes: Buffer;
  /** Acceptable readings; a refusal is always acceptable. */
  refs: RefFile[];
  /** Commands to run (default: inspect, import, aggregate). */
  commands?: ('inspect' | 'import' | 'aggregate')[];
}

interface Made {
  mutation: string;
  bytes: Buffer;
  /** Default: the base itself. */
  refs?: RefFile[];
}

interface MutationDef {
  family: string;
  name: string;
  bases: readonly BaseKey[];
  make(base: Base, rnd: Rnd): Promise<Made>;
}

/* ------------------------------------------------------------------ small tools */

const int = (rnd: Rnd, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(rnd: Rnd, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
const MB = 1024 * 1024;
const SHEET = 'xl/worksheets/sheet1.xml';
const SST = 'xl/sharedStrings.xml';

function part(parts: ZipPart[], name: string): ZipPart {
  const p = parts.find((x) => x.name === name);
  if (!p) throw new Error(`fuzz base has no ${name}`);
  return p;
}

/** The base re-zipped by our writer without change: the reference of every mutation that rewrites the zip. */
async function rezip(base: Base, store = false): Promise<RefFile> {
  return { key: `${base.key}+rezip${store ? '-stored' : ''}`, bytes: await writeZip(asOut(readZip(base.bytes), store)) };
}

/** The base re-zipped with one part replaced (text, or a huge repeated text). */
async function withPart(base: Base, name: string, data: string | RepeatedData, extra: Partial<ZipOut> = {}): Promise<Buffer> {
  return writeZip(readZip(base.bytes).map((p) => (p.name === name ? { name, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data, ...extra } : { name: p.name, data: p.data })));
}

const text = (parts: ZipPart[], name: string): string => part(parts, name).data.toString('utf8');

/** Numeric cells (`<c r="E10" s="3"><v>94.12</v></c>`) in rows below `minRow`, with their positions in the sheet text. */
function numericCells(sheet: string, minRow: number): { whole: string; ref: string; col: string; row: number; value: string; index: number }[] {
  const out = [];
  for (const m of sheet.matchAll(/<c r="([A-Z]+)(\d+)"(?: s="\d+")?><v>([^<]*)<\/v><\/c>/g)) {
    const row = Number(m[2]);
    if (row >= minRow) out.push({ whole: m[0], ref: m[1]! + m[2]!, col: m[1]!, row, value: m[3]!, index: m.index });
  }
  return out;
}

/** The first row below the header of each base (rows above hold titles and headers). */
const FIRST_DATA_ROW: Partial<Record<BaseKey, number>> = { 'bang-xlsx': 6, 'tong-hop-xlsx': 4, 'ds-xlsx': 4 };

function replaceAt(s: string, index: number, length: number, by: string): string {
  return s.slice(0, index) + by + s.slice(index + length);
}

/** Changes one digit of one figure cell: the kind of damage a bad sector does to a stored sheet. */
function changeDigit(sheet: string, rnd: Rnd, minRow: number): { sheet: string; what: string } {
  const cells = numericCells(sheet, minRow).filter((c) => /\d/.test(c.value));
  const cell = pick(rnd, cells);
  const digits = [...cell.value].map((ch, i) => (/\d/.test(ch) ? i : -1)).filter((i) => i >= 0);
  const at = pick(rnd, digits);
  const old = Number(cell.value[at]);
  const now = (old + int(rnd, 1, 9)) % 10;
  const value = cell.value.slice(0, at) + now + cell.value.slice(at + 1);
  const whole = cell.whole.replace(`<v>${cell.value}</v>`, `<v>${value}</v>`);
  return { sheet: replaceAt(sheet, cell.index, cell.whole.length, whole), what: `${cell.ref} ${cell.value} → ${value}` };
}

/** Before `</sheetData>` (rows appended after the data). */
function beforeSheetDataEnd(sheet: string): [string, string] {
  const at = sheet.lastIndexOf('</sheetData>');
  return [sheet.slice(0, at), sheet.slice(at)];
}

function lastRowNumber(sheet: string): number {
  const rows = [...sheet.matchAll(/<row r="(\d+)"/g)];
  return rows.length ? Number(rows[rows.length - 1]![1]) : 0;
}

/** Sizes of bombs, uncompressed. */
const BOMB_MB = [48, 200, 600, 1500];

/** Character references no XML or HTML character may have. */
const BAD_CHAR_REFS = ['&#1114112;', '&#x110000;', '&#xD800;', '&#0;', '&#99999999999999999999;', '&#xFFFF;', '&#x;', '&#-5;'];

function charRefs(s: string, rnd: Rnd, share = 0.5): string {
  return [...s].map((ch) => (ch.charCodeAt(0) > 127 && rnd() < share ? (rnd() < 0.5 ? `&#${ch.codePointAt(0)};` : `&#x${ch.codePointAt(0)!.toString(16)};`) : ch)).join('');
}

/** Applies `fn` to the text between `<t…>` and `</t>` of every string (shared strings, inline strings). */
function mapTexts(xml: string, fn: (t: string) => string): string {
  return xml.replace(/(<t(?: [^>]*)?>)([^<]*)(<\/t>)/g, (_m, a: string, t: string, b: string) => a + fn(t) + b);
}

/* ------------------------------------------------------------------ CSV tools */

function csvLines(base: Base): string[] {
  return base.bytes.toString('utf8').replace(/\r\n$/, '').split('\r\n');
}
const joinCsv = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
/** First data line of each CSV base (after title and header). */
const CSV_FIRST_DATA: Partial<Record<BaseKey, number>> = { 'bang-csv': 3, 'ds-csv': 2 };

/** Fields of a CSV line split on ";" outside quotes. */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    if (ch === ';' && !q) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/* ------------------------------------------------------------------ the families */

const MUTATIONS: MutationDef[] = [
  /* ---- byte flips: a zip tool would say "bad CRC-32" */
  {
    family: 'flip',
    name: 'flip-bytes',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const bytes = Buffer.from(base.bytes);
      const n = int(rnd, 1, 4);
      const at: string[] = [];
      for (let i = 0; i < n; i++) {
        const p = int(rnd, 0, bytes.length - 1);
        bytes[p] = bytes[p]! ^ int(rnd, 1, 255);
        at.push(String(p));
      }
      return { mutation: `flip ${n} byte(s) at ${at.join(', ')}`, bytes };
    },
  },
  {
    family: 'flip',
    name: 'flip-in-part',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const spans = entrySpans(base.bytes).filter((s) => s.name === SHEET || s.name === SST);
      const span = pick(rnd, spans);
      const bytes = Buffer.from(base.bytes);
      const p = int(rnd, span.start, span.end - 1);
      bytes[p] = bytes[p]! ^ (1 << int(rnd, 0, 7));
      return { mutation: `flip one bit of ${span.name}'s deflated data at ${p}`, bytes };
    },
  },
  {
    family: 'flip',
    name: 'stored-digit-crc-kept',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const parts = readZip(base.bytes);
      const sheet = text(parts, SHEET);
      const changed = changeDigit(sheet, rnd, FIRST_DATA_ROW[base.key] ?? 1);
      const entries = parts.map((p): ZipOut => (p.name === SHEET ? { name: SHEET, data: Buffer.from(changed.sheet), store: true, crc: crc32(p.data) } : { name: p.name, data: p.data, store: true }));
      return { mutation: `stored zip, ${changed.what} with the old CRC`, bytes: await writeZip(entries), refs: [await rezip(base, true)] };
    },
  },
  {
    family: 'flip',
    name: 'crc-field-wrong',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const name = pick(rnd, [SHEET, SST, 'xl/workbook.xml', 'xl/styles.xml']);
      const parts = readZip(base.bytes);
      if (!parts.some((p) => p.name === name)) return { mutation: `unchanged (no ${name})`, bytes: base.bytes };
      const crc = int(rnd, 0, 0xffffffff);
      const entries = parts.map((p): ZipOut => (p.name === name ? { name, data: p.data, crc } : { name: p.name, data: p.data }));
      return { mutation: `${name}: data intact, CRC field ${crc.toString(16)}`, bytes: await writeZip(entries), refs: [await rezip(base)] };
    },
  },

  /* ---- truncations */
  {
    family: 'truncate',
    name: 'cut-file',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const keep = int(rnd, 1, base.bytes.length - 1);
      return { mutation: `file cut to ${keep} of ${base.bytes.length} bytes`, bytes: base.bytes.subarray(0, keep) };
    },
  },
  {
    family: 'truncate',
    name: 'cut-part-valid-crc',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const sheet = text(readZip(base.bytes), SHEET);
      const start = sheet.indexOf('<sheetData>');
      const rows = [...sheet.matchAll(/<\/row>/g)].map((m) => m.index + 6);
      const afterRow = rnd() < 0.5;
      const at = afterRow ? pick(rnd, rows.slice(0, -1)) : int(rnd, start, sheet.length - 1);
      return {
        mutation: `${SHEET} cut at ${at} of ${sheet.length}${afterRow ? ' (after a </row>)' : ''}, CRC and sizes of the cut part`,
        bytes: await withPart(base, SHEET, sheet.slice(0, at)),
        refs: [await rezip(base)],
      };
    },
  },

  /* ---- zip-name tricks */
  {
    family: 'zipname',
    name: 'duplicate-sheet',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const parts = readZip(base.bytes);
      const sheet = text(parts, SHEET);
      const same = rnd() < 0.25;
      const copy = same ? { sheet, what: 'identical' } : changeDigit(sheet, rnd, FIRST_DATA_ROW[base.key] ?? 1);
      const first = rnd() < 0.5;
      const entries = asOut(parts);
      const dup: ZipOut = { name: SHEET, data: Buffer.from(copy.sheet) };
      const i = entries.findIndex((e) => e.name === SHEET);
      entries.splice(first ? i : entries.length, 0, dup);
      return { mutation: `${SHEET} twice, the ${first ? 'first' : 'second'} copy ${copy.what}`, bytes: await writeZip(entries), refs: [await rezip(base)] };
    },
  },
  {
    family: 'zipname',
    name: 'odd-entry-name',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const name = pick(rnd, [
        '../../evil.xml',
        '..\\..\\evil.xml',
        'xl/../../evil.xml',
        '/etc/evil.xml',
        'C:/Windows/evil.xml',
        '\\\\server\\share\\evil.xml',
        'xl/' + 'a'.repeat(int(rnd, 1000, 65000)) + '.xml',
        'xl/worksheets/sheet1.xml\u0000.txt',
      ]);
      const entries = asOut(readZip(base.bytes));
      entries.splice(int(rnd, 0, entries.length), 0, { name, data: Buffer.from('<x/>') });
      return { mutation: `extra entry named ${JSON.stringify(name.length > 60 ? name.slice(0, 20) + `… (${name.length} chars)` : name)}`, bytes: await writeZip(entries), refs: [await rezip(base)] };
    },
  },
  {
    family: 'zipname',
    name: 'entry-missing',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const parts = readZip(base.bytes);
      const name = pick(rnd, parts.map((p) => p.name).filter((n) => !n.startsWith('docProps/') && !n.includes('theme')));
      return { mutation: `entry ${name} missing`, bytes: await writeZip(asOut(parts.filter((p) => p.name !== name))), refs: [await rezip(base)] };
    },
  },
  {
    family: 'zipname',
    name: 'sheet-path-with-dots',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const name = pick(rnd, ['xl/worksheets/../worksheets/sheet1.xml', './xl/worksheets/sheet1.xml', 'xl//worksheets/sheet1.xml', 'XL/WORKSHEETS/SHEET1.XML']);
      const entries = asOut(readZip(base.bytes)).map((e) => (e.name === SHEET ? { ...e, name } : e));
      return { mutation: `sheet part stored as ${name}`, bytes: await writeZip(entries), refs: [await rezip(base)] };
    },
  },

  /* ---- bombs: small files that inflate to hundreds of megabytes (the extra content is unused) */
  {
    family: 'bomb',
    name: 'huge-shared-string',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const mb = pick(rnd, BOMB_MB);
      const sst = text(readZip(base.bytes), SST);
      const at = sst.lastIndexOf('</sst>');
      const data: RepeatedData = { head: sst.slice(0, at) + '<si><t>', repeat: 'A', times: mb * MB, tail: '</t></si></sst>' };
      return { mutation: `an unused shared string of ${mb} MB`, bytes: await withPart(base, SST, data), refs: [await rezip(base)] };
    },
  },
  {
    family: 'bomb',
    name: 'many-shared-strings',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const mb = pick(rnd, BOMB_MB);
      const sst = text(readZip(base.bytes), SST);
      const at = sst.lastIndexOf('</sst>');
      const unit = '<si><t>x</t></si>';
      const times = Math.floor((mb * MB) / unit.length);
      return { mutation: `${times} unused shared strings (${mb} MB)`, bytes: await withPart(base, SST, { head: sst.slice(0, at), repeat: unit, times, tail: '</sst>' }), refs: [await rezip(base)] };
    },
  },
  {
    family: 'bomb',
    name: 'row-bomb',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const mb = pick(rnd, BOMB_MB);
      const sheet = text(readZip(base.bytes), SHEET);
      const [head, tail] = beforeSheetDataEnd(sheet);
      const kind = pick(rnd, ['empty rows', 'one wide row', 'one huge cell'] as const);
      let data: RepeatedData;
      if (kind === 'empty rows') data = { head, repeat: '<row/>', times: Math.floor((mb * MB) / 6), tail };
      else if (kind === 'one wide row') {
        const unit = '<c t="inlineStr"><is><t>x</t></is></c>';
        data = { head: head + '<row>', repeat: unit, times: Math.floor((mb * MB) / unit.length), tail: '</row>' + tail };
      } else data = { head: head + '<row><c t="inlineStr"><is><t>', repeat: 'B', times: mb * MB, tail: '</t></is></c></row>' + tail };
      return { mutation: `${kind} after the data (${mb} MB)`, bytes: await withPart(base, SHEET, data), refs: [await rezip(base)] };
    },
  },

  /* ---- nesting in HTML and SpreadsheetML "xls" */
  {
    family: 'nesting',
    name: 'html-nesting',
    bases: ['bang-html'],
    async make(base, rnd) {
      const n = pick(rnd, [1000, 10_000, 40_000, 200_000]);
      const html = base.bytes.toString('utf8');
      const name = 'UBND phường Đức Xuân';
      const kind = pick(rnd, ['div', 'b-unclosed', 'table'] as const);
      let out: string;
      if (kind === 'div') out = html.replace(`<td>${name}</td>`, `<td>${'<div>'.repeat(n)}${name}${'</div>'.repeat(n)}</td>`);
      else if (kind === 'b-unclosed') out = html.replace(`<td>${name}</td>`, `<td>${'<b>'.repeat(n)}${name}</td>`);
      else out = html.replace('</table>', `</table>${'<table><tr><td>'.repeat(n)}x${'</td></tr></table>'.repeat(n)}`);
      return { mutation: `${n} nested ${kind === 'div' ? '<div> around a unit name' : kind === 'table' ? 'tables after the table' : 'unclosed <b> before a unit name'}`, bytes: Buffer.from(out, 'utf8') };
    },
  },
  {
    family: 'nesting',
    name: 'xml-nesting',
    bases: ['bang-xml'],
    async make(base, rnd) {
      const n = pick(rnd, [1000, 10_000, 40_000, 200_000]);
      const xml = base.bytes.toString('utf8');
      const name = 'UBND phường Đức Xuân';
      const rich = rnd() < 0.5;
      const out = rich
        ? xml.replace(`<Data ss:Type="String">${name}</Data>`, `<ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40">${'<B>'.repeat(n)}${name}${'</B>'.repeat(n)}</ss:Data>`)
        : xml.replace('<Table>', `<Table>${'<x:J xmlns:x="urn:j">'.repeat(n)}${'</x:J>'.repeat(n)}`);
      return { mutation: rich ? `${n} nested <B> in a unit name's rich text` : `${n} nested unknown elements at the top of the table`, bytes: Buffer.from(out, 'utf8') };
    },
  },

  /* ---- XML entities and character references */
  {
    family: 'entities',
    name: 'xlsx-char-refs',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const sst = text(readZip(base.bytes), SST);
      const kind = pick(rnd, ['same text', 'invalid unused', 'invalid in a name', 'undefined entity'] as const);
      const bad = pick(rnd, BAD_CHAR_REFS);
      let out: string;
      if (kind === 'same text') out = mapTexts(sst, (t) => charRefs(t, rnd));
      else if (kind === 'invalid unused') out = sst.replace('</sst>', `<si><t>ghi chú ${bad}</t></si></sst>`);
      else {
        const texts = [...sst.matchAll(/<t>([^<]{4,})<\/t>/g)];
        const m = texts.length > 0 ? pick(rnd, texts) : undefined;
        const inserted = kind === 'undefined entity' ? '&nbsp;' : bad;
        out = m ? replaceAt(sst, m.index + 3 + 2, 0, inserted) : sst;
      }
      return { mutation: `${SST}: ${kind === 'same text' ? 'letters written as character references' : `${kind}${kind === 'undefined entity' ? ' &nbsp;' : ` ${bad}`}`}`, bytes: await withPart(base, SST, out), refs: [await rezip(base)] };
    },
  },
  {
    family: 'entities',
    name: 'xlsx-doctype',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const depth = int(rnd, 2, 9);
      const defs = ['<!ENTITY e0 "lol">', ...Array.from({ length: depth }, (_, i) => `<!ENTITY e${i + 1} "${`&e${i};`.repeat(10)}">`)].join('');
      const sheet = text(readZip(base.bytes), SHEET);
      const withDoctype = sheet.replace(/(<\?xml[^>]*\?>)/, `$1<!DOCTYPE worksheet [${defs}]>`);
      const [head, tail] = beforeSheetDataEnd(withDoctype);
      const r = lastRowNumber(sheet) + 2;
      const out = head + `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>&e${depth};</t></is></c></row>` + tail;
      return { mutation: `DOCTYPE with entities nested ${depth} deep (10^${depth} expansions) used in a note row`, bytes: await withPart(base, SHEET, out), refs: [await rezip(base)] };
    },
  },
  {
    family: 'entities',
    name: 'markup-char-refs',
    bases: ['bang-html', 'bang-xml'],
    async make(base, rnd) {
      const src = base.bytes.toString('utf8');
      const bad = pick(rnd, BAD_CHAR_REFS);
      const kind = pick(rnd, ['same text', 'invalid in a name', 'invalid in the title'] as const);
      let out: string;
      if (kind === 'same text') out = src.replace(/>([^<>]+)</g, (_m, t: string) => `>${charRefs(t, rnd)}<`);
      else if (kind === 'invalid in a name') out = src.replace('UBND phường Đức Xuân', `UBND phường ${bad}Đức Xuân`);
      else out = src.replace('TỶ LỆ', `TỶ ${bad}LỆ`);
      return { mutation: kind === 'same text' ? 'letters written as character references' : `${kind}: ${bad}`, bytes: Buffer.from(out, 'utf8') };
    },
  },

  /* ---- dimensions and cell references */
  {
    family: 'dims',
    name: 'dimension',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const ref = pick(rnd, ['A1:XFD1048576', 'A1:ZZZZZZZ99999999', 'ZZZZZZZ1', 'A0:B-1', '::::', 'A1:A' + '9'.repeat(40)]);
      const sheet = text(readZip(base.bytes), SHEET);
      const out = /<dimension ref="[^"]*"\/>/.test(sheet)
        ? sheet.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${ref}"/>`)
        : sheet.replace('<sheetData>', `<dimension ref="${ref}"/><sheetData>`);
      return { mutation: `<dimension ref="${ref}"/>`, bytes: await withPart(base, SHEET, out), refs: [await rezip(base)] };
    },
  },
  {
    family: 'dims',
    name: 'far-cell-refs',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const sheet = text(readZip(base.bytes), SHEET);
      const [head, tail] = beforeSheetDataEnd(sheet);
      const col = pick(rnd, ['ZZZZZZZ', 'XFE', 'AAAAAAAAAAAAAAAAAAAA', 'XFD']);
      const rows = int(rnd, 1, 5);
      const farRow = rnd() < 0.3;
      let added = '';
      for (let i = 0; i < rows; i++) {
        const r = farRow ? 1_048_577 + i : lastRowNumber(sheet) + 1 + i;
        added += `<row r="${r}"><c r="${col}${r}"><v>1</v></c></row>`;
      }
      return { mutation: `${rows} row(s) after the data with a cell at ${col}${farRow ? '1048577' : '…'}`, bytes: await withPart(base, SHEET, head + added + tail), refs: [await rezip(base)] };
    },
  },
  {
    family: 'dims',
    name: 'figure-moved-far',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const sheet = text(readZip(base.bytes), SHEET);
      const cell = pick(rnd, numericCells(sheet, FIRST_DATA_ROW[base.key] ?? 1));
      const to = pick(rnd, ['ZZZZZZZ', 'XFE', 'AAAAAAAAAAAAAAAAAAAA']) + cell.row;
      const out = replaceAt(sheet, cell.index, cell.whole.length, cell.whole.replace(`r="${cell.ref}"`, `r="${to}"`));
      return { mutation: `figure cell ${cell.ref} (${cell.value}) moved to ${to}`, bytes: await withPart(base, SHEET, out), refs: [await rezip(base)] };
    },
  },

  /* ---- broken markup inside a sheet: unquoted attributes, a cell without </c>, a tag without ">" */
  {
    family: 'markup',
    name: 'broken-cell-markup',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const sheet = text(readZip(base.bytes), SHEET);
      const cells = [...sheet.matchAll(/<c r="([A-Z]+)(\d+)"((?: [a-z]+="[^"]*")*)>(.*?)<\/c>/g)];
      // Half the time one of the first cells (title and header rows, read before the header is found).
      const early = cells.filter((m) => Number(m[2]) <= 3);
      const m = rnd() < 0.5 && early.length > 0 ? pick(rnd, early) : pick(rnd, cells);
      const [whole, col, row, attrs, inner] = [m[0], m[1]!, m[2]!, m[3] ?? '', m[4] ?? ''];
      const kind = pick(rnd, ['unquoted attributes', 'cell without </c>', 'tag without >'] as const);
      const broken =
        kind === 'unquoted attributes'
          ? `<c r=${col}${row}${attrs.replace(/="([^"]*)"/g, '=$1')}>${inner}</c>`
          : kind === 'cell without </c>'
            ? `<c r="${col}${row}"${attrs}>${inner}`
            : `<c r="${col}${row}"${attrs}${inner}</c>`;
      const refs: RefFile[] = [await rezip(base), { key: `${base.key}-no-${col}${row}`, bytes: await withPart(base, SHEET, replaceAt(sheet, m.index, whole.length, '')) }];
      return { mutation: `${col}${row}: ${kind} (${broken.slice(0, 60)})`, bytes: await withPart(base, SHEET, replaceAt(sheet, m.index, whole.length, broken)), refs };
    },
  },
  {
    family: 'markup',
    name: 'tiny-broken-sheet',
    bases: ['ds-xlsx', 'bang-xlsx'],
    async make(base, rnd) {
      const head = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
      const good = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>';
      const broken = pick(rnd, [
        '<row r="1"><c r=A1 t=s><v>0</v></c></row>',
        '<row r="1"><c r="A1" t="s"><v>0</v></row>',
        '<row r="1"><c r="A1" t="s"<v>0</v></c></row>',
        '<row r="1"><c r="A1" t="s"><v>0</v></c>',
        '<row r=1><c r="A1"><v>1</v></c></row>',
      ]);
      const sheet = (rows: string): string => `${head}${rows}</sheetData></worksheet>`;
      return {
        mutation: `the sheet is one broken row: ${broken}`,
        bytes: await withPart(base, SHEET, sheet(broken)),
        refs: [{ key: `${base.key}-tiny-good`, bytes: await withPart(base, SHEET, sheet(good)) }],
      };
    },
  },

  /* ---- odd cells: an acceptance must read them as no figure (the same as a blank cell, or the row left out) */
  {
    family: 'cells',
    name: 'xlsx-odd-cell',
    bases: XLSX_BASES,
    async make(base, rnd) {
      const sheet = text(readZip(base.bytes), SHEET);
      const cell = pick(rnd, numericCells(sheet, FIRST_DATA_ROW[base.key] ?? 1));
      const r = `r="${cell.ref}"`;
      const kind = pick(rnd, ['value', 'value', 'formula without value', 'error value', 'long digits', 'long text', 'unclosed cell', 'unquoted attributes'] as const);
      let odd: string;
      let what: string;
      if (kind === 'value') {
        const v = pick(rnd, ['0x50', '0X1F', 'Infinity', '-Infinity', 'NaN', 'INF', '1_000', '0b101', '12abc', '1e400', '--5']);
        odd = `<c ${r}><v>${v}</v></c>`;
        what = `<v>${v}</v>`;
      } else if (kind === 'formula without value') {
        odd = `<c ${r}><f>SUM(A1:A2)</f></c>`;
        what = kind;
      } else if (kind === 'error value') {
        const e = pick(rnd, ['#N/A', '#DIV/0!', '#VALUE!', '#REF!']);
        odd = `<c ${r} t="e"><v>${e}</v></c>`;
        what = `error ${e}`;
      } else if (kind === 'long digits' || kind === 'long text') {
        const n = int(rnd, 1000, 5_000_000);
        odd = `<c ${r} t="inlineStr"><is><t>${(kind === 'long digits' ? '9' : 'x').repeat(n)}</t></is></c>`;
        what = `inline text of ${n} ${kind === 'long digits' ? 'nines' : 'letters'}`;
      } else if (kind === 'unclosed cell') {
        odd = `<c ${r}><v>${cell.value}</v>`;
        what = 'the cell without </c>';
      } else {
        odd = `<c r=${cell.ref} t=n><v>${cell.value}</v></c>`;
        what = 'unquoted attributes';
      }
      const removed = replaceAt(sheet, cell.index, cell.whole.length, '');
      const refs: RefFile[] = [{ key: `${base.key}-no-${cell.ref}`, bytes: await withPart(base, SHEET, removed) }];
      if (base.key === 'ds-xlsx') {
        const row = new RegExp(`<row r="${cell.row}"[^>]*>.*?</row>`).exec(sheet);
        if (row) refs.push({ key: `${base.key}-no-row-${cell.row}`, bytes: await withPart(base, SHEET, replaceAt(sheet, row.index, row[0].length, '')) });
      }
      // Unclosed cells and unquoted attributes make the sheet unreadable XML: only a refusal is right, or the original figures.
      if (kind === 'unclosed cell' || kind === 'unquoted attributes') refs.push(await rezip(base));
      return { mutation: `${cell.ref} (${cell.value}) → ${what}`, bytes: await withPart(base, SHEET, replaceAt(sheet, cell.index, cell.whole.length, odd)), refs };
    },
  },
  {
    family: 'cells',
    name: 'text-odd-cell',
    bases: [...CSV_BASES, 'bang-html'],
    async make(base, rnd) {
      const v = pick(rnd, ['0x50', 'Infinity', '-Infinity', 'NaN', '1e400', '9'.repeat(int(rnd, 400, 2_000_000)), '#N/A', '=SUM(A1:A2)', '1_000']);
      const shown = v.length > 20 ? `${v.length} nines` : v;
      if (base.key === 'bang-html') {
        const html = base.bytes.toString('utf8');
        const bytes = Buffer.from(html.replace('<td>93,47</td>', `<td>${v}</td>`), 'utf8');
        return { mutation: `rate cell 93,47 → ${shown}`, bytes, refs: [{ key: 'bang-html-blank', bytes: Buffer.from(html.replace('<td>93,47</td>', '<td></td>'), 'utf8') }] };
      }
      const lines = csvLines(base);
      const li = int(rnd, CSV_FIRST_DATA[base.key] ?? 1, lines.length - 1);
      const fields = splitCsv(lines[li]!);
      const numeric = fields.map((f, i) => (/^\d+(,\d+)?$/.test(f) ? i : -1)).filter((i) => i >= 0);
      const fi = numeric.length > 0 ? pick(rnd, numeric) : 0;
      const old = fields[fi];
      const swap = (by: string): string[] => lines.map((l, i) => (i === li ? fields.map((f, j) => (j === fi ? by : f)).join(';') : l));
      const refs: RefFile[] = [{ key: `${base.key}-blank-${li}-${fi}`, bytes: joinCsv(swap('')) }];
      if (base.key === 'ds-csv') refs.push({ key: `${base.key}-no-line-${li}`, bytes: joinCsv(lines.filter((_, i) => i !== li)) });
      return { mutation: `line ${li + 1} field ${fi + 1} (${old}) → ${shown}`, bytes: joinCsv(swap(v)), refs };
    },
  },

  /* ---- CSV encodings */
  {
    family: 'csv-encoding',
    name: 'encoding',
    bases: CSV_BASES,
    async make(base, rnd) {
      const t = base.bytes.toString('utf8');
      const kind = pick(rnd, ['utf-8 with BOM', 'utf-16le with BOM', 'utf-16be with BOM', 'utf-16le without BOM', 'windows-1258', 'windows-1252'] as const);
      switch (kind) {
        case 'utf-8 with BOM':
          return { mutation: kind, bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), base.bytes]) };
        case 'utf-16le with BOM':
          return { mutation: kind, bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]) };
        case 'utf-16be with BOM':
          return { mutation: kind, bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(t)]) };
        case 'utf-16le without BOM':
          return { mutation: kind, bytes: Buffer.from(t, 'utf16le') };
        case 'windows-1258':
          return { mutation: kind, bytes: encodeCp1258(t) };
        case 'windows-1252': {
          const degraded = degradeTo1252(t);
          return { mutation: `${kind} (letters it lacks replaced: "${degradeTo1252('Phòng Tư pháp')}")`, bytes: encodeCp1252(degraded), refs: [{ key: `${base.key}-as-1252-text`, bytes: Buffer.from(degraded, 'utf8') }] };
        }
      }
    },
  },

  /* ---- CSV shapes */
  {
    family: 'csv-shape',
    name: 'shape',
    bases: CSV_BASES,
    async make(base, rnd) {
      const lines = csvLines(base);
      const first = CSV_FIRST_DATA[base.key] ?? 1;
      const kind = pick(rnd, ['huge line', 'huge line', 'CR line ends', 'LF line ends', 'ragged rows', 'quote never closed', 'mixed delimiters'] as const);
      const refs = [{ key: base.key, bytes: base.bytes }];
      switch (kind) {
        case 'huge line': {
          const mb = pick(rnd, [2, 10, 40, 58]);
          const unit = pick(rnd, ['x', 'a;', '9']);
          const line = unit.repeat(Math.floor((mb * MB) / unit.length));
          const at = rnd() < 0.5 ? lines.length : int(rnd, first, lines.length);
          return { mutation: `a ${mb} MB line of "${unit}" as line ${at + 1}`, bytes: joinCsv([...lines.slice(0, at), line, ...lines.slice(at)]), refs };
        }
        case 'CR line ends':
          return { mutation: kind, bytes: Buffer.from(lines.join('\r') + '\r', 'utf8'), refs };
        case 'LF line ends':
          return { mutation: kind, bytes: Buffer.from(lines.join('\n') + '\n', 'utf8'), refs };
        case 'ragged rows':
          return { mutation: kind, bytes: joinCsv(lines.map((l, i) => (i < first ? l : rnd() < 0.5 ? l.replace(/;+$/, '') : l + ';;;'))), refs };
        case 'quote never closed': {
          const li = int(rnd, first, lines.length - 1);
          const fields = splitCsv(lines[li]!);
          const fi = int(rnd, 0, fields.length - 1);
          fields[fi] = '"' + fields[fi];
          return { mutation: `a quote opened at line ${li + 1} field ${fi + 1} and never closed`, bytes: joinCsv(lines.map((l, i) => (i === li ? fields.join(';') : l))), refs };
        }
        case 'mixed delimiters': {
          const li = int(rnd, first, lines.length - 1);
          const sep = pick(rnd, ['\t', ',']);
          // A dossier list counts such a row as unreadable (reported) and reads the others: the row left out is right too.
          const withoutRow = { key: `${base.key}-no-line-${li + 1}`, bytes: joinCsv(lines.filter((_, i) => i !== li)) };
          return { mutation: `line ${li + 1} separated by ${sep === '\t' ? 'tabs' : 'commas'}`, bytes: joinCsv(lines.map((l, i) => (i === li ? splitCsv(l).join(sep) : l))), refs: [...refs, withoutRow] };
        }
      }
    },
  },
];

export const FAMILIES: readonly string[] = [...new Set(MUTATIONS.map((m) => m.family))];

/** A 32-bit seed for case `index` of a run with seed `seed`. */
export function caseSeed(seed: number, index: number): number {
  const r = random((seed * 2654435761 + index * 40503) >>> 0);
  return Math.floor(r() * 0xffffffff) >>> 0;
}

/** Builds the case of one mutation on one base from a seed. */
export async function makeCase(mutationName: string, baseKey: BaseKey, seed: number): Promise<FuzzCase> {
  const def = MUTATIONS.find((m) => m.name === mutationName);
  if (!def) throw new Error(`no fuzz mutation ${mutationName}`);
  const base = (await loadBases()).get(baseKey)!;
  const made = await def.make(base, random(seed));
  return {
    id: `${def.family}/${def.name}/${baseKey}@${seed}`,
    family: def.family,
    mutation: `${base.fileName}: ${made.mutation}`,
    seed,
    fileName: base.fileName,
    bytes: made.bytes,
    refs: made.refs ?? [{ key: base.key, bytes: base.bytes }],
  };
}

/** The case a seed gives: a family (each equally likely, or the one given), one of its mutations, one of its bases. */
export async function generateCase(seed: number, onlyFamily?: string): Promise<FuzzCase> {
  const rnd = random(seed ^ 0x5bd1e995);
  const family = pick(rnd, FAMILIES);
  if (onlyFamily !== undefined) {
    const def = pick(rnd, MUTATIONS.filter((m) => m.family === onlyFamily));
    return makeCase(def.name, pick(rnd, def.bases), seed);
  }
  const def = pick(rnd, MUTATIONS.filter((m) => m.family === family));
  return makeCase(def.name, pick(rnd, def.bases), seed);
}
