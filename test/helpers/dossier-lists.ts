// Builds dossier-list workbooks in code for tests and benchmarks: small exceljs workbooks, hand-made .xlsx zips, and big generated lists.
import { closeSync, createWriteStream, openSync, writeSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

/** A temp folder for one test file (fs.mkdtemp in os.tmpdir()). */
export function tempDir(prefix = 'dossiers-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A value as it goes into a cell: text, number, Excel date (a Date at UTC), boolean or blank. */
export type CellInput = string | number | boolean | Date | null;

/** A Date at UTC as exceljs and the stream reader give Excel date cells. */
export function utc(year: number, month: number, day: number, hours = 0, minutes = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hours, minutes));
}

export interface WorkbookSpec {
  /** Title rows above the header (one string a row, in column A). */
  title?: string[];
  /** Blank rows between the title and the header. */
  gap?: number;
  header: string[];
  rows: CellInput[][];
  /** Number format of Date cells (default "dd/mm/yyyy hh:mm"). */
  dateFormat?: string;
  sheetName?: string;
  /** Extra sheets placed BEFORE the list (to test sheet choice). */
  sheetsBefore?: string[];
}

/** Writes a dossier list with exceljs (shared strings, styles), like a one-stop system's export. */
export async function writeDossierWorkbook(path: string, spec: WorkbookSpec): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const name of spec.sheetsBefore ?? []) wb.addWorksheet(name).addRow(['Trang khác']);
  const ws = wb.addWorksheet(spec.sheetName ?? 'Danh sách');
  for (const line of spec.title ?? []) ws.addRow([line]);
  for (let i = 0; i < (spec.gap ?? 0); i++) ws.addRow([]);
  ws.addRow(spec.header);
  for (const values of spec.rows) {
    const row = ws.addRow(values);
    values.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 1).numFmt = spec.dateFormat ?? 'dd/mm/yyyy hh:mm';
    });
  }
  await wb.xlsx.writeFile(path);
  return path;
}

/* ---------------------------------------------------------------- hand-made xlsx (stored zip) */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of the given files (deflated), enough for yauzl and Excel. */
export function zipFiles(files: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const packed = deflateRawSync(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const centralBuf = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = Object.keys(files).length;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(centralBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBuf, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WB_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

/**
 * Styles with: 0 General, 1 date "dd/mm/yyyy" (custom 164), 2 built-in 14 (date), 3 percent (10),
 * 4 date-time "dd/mm/yyyy hh:mm" (custom 165), 5 a number format "#,##0" (3).
 */
export const HAND_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14"/><xf numFmtId="10"/><xf numFmtId="165"/><xf numFmtId="3"/></cellXfs></styleSheet>`;

/**
 * Writes an .xlsx whose sheet XML is given verbatim (rows inside <sheetData>), to test what exceljs cannot write:
 * inline strings, formula results of type "str", namespace prefixes, the 1904 date system.
 */
export async function writeHandXlsx(
  path: string,
  opts: { sheetData: string; sharedStrings?: string[]; date1904?: boolean; prefix?: string },
): Promise<string> {
  const p = opts.prefix ? `${opts.prefix}:` : '';
  const ns = opts.prefix ? `xmlns:${opts.prefix}` : 'xmlns';
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<${p}worksheet ${ns}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${p}dimension ref="A1"/><${p}sheetData>${opts.sheetData}</${p}sheetData><${p}rowBreaks count="0"/></${p}worksheet>`;
  const sst = opts.sharedStrings ?? [];
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const shared = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sst.length}" uniqueCount="${sst.length}">${sst.map((s) => `<si><t xml:space="preserve">${escape(s)}</t></si>`).join('')}</sst>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr${opts.date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  await writeFile(
    path,
    zipFiles({
      '[Content_Types].xml': CONTENT_TYPES,
      '_rels/.rels': ROOT_RELS,
      'xl/workbook.xml': workbook,
      'xl/_rels/workbook.xml.rels': WB_RELS,
      'xl/styles.xml': HAND_STYLES,
      'xl/sharedStrings.xml': shared,
      'xl/worksheets/sheet1.xml': sheet,
    }),
  );
  return path;
}

/* ---------------------------------------------------------------- big generated lists */

/** The units of the built-in sample, as an export might spell them (upper case, abbreviations, old tone marks). */
export const GENERATED_UNIT_SPELLINGS: readonly string[] = [
  'Phòng Kinh tế',
  'PHÒNG LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI',
  'Phòng Tư pháp',
  'Phòng Nội vụ',
  'Phòng Tài chính - Kế hoạch',
  'Phòng Văn hóa & Thông tin',
  'Phòng Tài nguyên và MT',
  'Phòng Quản lý đô thị',
  'Phòng Giáo dục và Đào tạo',
  'Văn phòng HĐND&UBND',
  'Thanh tra',
  'UBND phường Đức Xuân',
  'P. Phùng Chí Kiên',
  'UBND PHƯỜNG HUYỀN TỤNG',
  'Phường Sông Cầu',
  'UBND phường Nguyễn Thị Minh Khai',
  'UBND phường Xuất Hóa',
  'UBND xã Dương Quang',
  'Xã Nông Thượng',
];

export const GENERATED_HEADER = [
  'STT',
  'Mã hồ sơ',
  'Tên thủ tục hành chính',
  'Lĩnh vực',
  'Cơ quan tiếp nhận',
  'Hình thức nộp',
  'Ngày tiếp nhận',
  'Ngày hẹn trả',
  'Ngày có kết quả',
  'Trạng thái',
  'Phí, lệ phí (đồng)',
  'Thanh toán trực tuyến',
  'Đánh giá',
];

const PROCEDURES = [
  ['Chứng thực bản sao từ bản chính', 'Chứng thực'],
  ['Đăng ký khai sinh', 'Hộ tịch'],
  ['Đăng ký kết hôn', 'Hộ tịch'],
  ['Cấp giấy chứng nhận đăng ký hộ kinh doanh', 'Thành lập và hoạt động của hộ kinh doanh'],
  ['Cấp giấy phép xây dựng nhà ở riêng lẻ', 'Xây dựng'],
  ['Đăng ký biến động quyền sử dụng đất', 'Đất đai'],
  ['Xác nhận tình trạng hôn nhân', 'Hộ tịch'],
  ['Trợ cấp xã hội hằng tháng', 'Bảo trợ xã hội'],
] as const;

/** A tiny deterministic random generator (mulberry32), so generated lists are the same on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** One generated dossier row (13 columns of GENERATED_HEADER), dated in 2024 (in `onlyMonth` when given). */
export function generatedRow(i: number, rnd: () => number, onlyMonth?: number): CellInput[] {
  const unit = GENERATED_UNIT_SPELLINGS[Math.floor(rnd() * GENERATED_UNIT_SPELLINGS.length)]!;
  const [procedure, field] = PROCEDURES[Math.floor(rnd() * PROCEDURES.length)]!;
  const online = rnd() < 0.6;
  const drawn = 1 + Math.floor(rnd() * 12);
  const month = onlyMonth ?? drawn;
  const day = 1 + Math.floor(rnd() * 28);
  const received = utc(2024, month, day, 7 + Math.floor(rnd() * 10), Math.floor(rnd() * 60));
  const dueDays = 1 + Math.floor(rnd() * 15);
  const due = new Date(received.getTime() + dueDays * 86_400_000);
  const finishedRoll = rnd();
  const late = rnd() < 0.08;
  const finished =
    finishedRoll < 0.1
      ? null
      : new Date(received.getTime() + (late ? dueDays + 1 + Math.floor(rnd() * 5) : rnd() * dueDays) * 86_400_000);
  const fee = rnd() < 0.4 ? [20_000, 50_000, 100_000][Math.floor(rnd() * 3)]! : 0;
  const ratingRoll = rnd();
  const rating = ratingRoll < 0.5 ? 'Rất hài lòng' : ratingRoll < 0.7 ? 'Hài lòng' : ratingRoll < 0.75 ? 'Không hài lòng' : null;
  // Received as text "dd/MM/yyyy HH:mm" (as many systems export it); due and finished as Excel dates.
  const receivedText = `${pad2(received.getUTCDate())}/${pad2(received.getUTCMonth() + 1)}/${received.getUTCFullYear()} ${pad2(received.getUTCHours())}:${pad2(received.getUTCMinutes())}`;
  return [
    i + 1,
    `000.00.${pad2(Math.floor(i / 10000) % 100)}.H03-${String(i).padStart(7, '0')}`,
    procedure,
    field,
    unit,
    online ? 'Trực tuyến' : rnd() < 0.9 ? 'Trực tiếp' : 'Bưu chính công ích',
    receivedText,
    due,
    finished,
    finished ? 'Đã trả kết quả' : 'Đang xử lý',
    fee,
    fee > 0 ? (rnd() < 0.7 ? 'Có' : 'Không') : null,
    rating,
  ];
}

/**
 * Writes a generated dossier list of `rows` rows with exceljs's streaming WorkbookWriter (shared strings and date
 * styles, as Excel would save it), with a two-line title block above the header. Deterministic for a seed.
 */
export async function writeGeneratedList(path: string, rows: number, seed = 766): Promise<string> {
  const stream = createWriteStream(path);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Danh sách hồ sơ');
  ws.addRow(['DANH SÁCH HỒ SƠ TIẾP NHẬN TRÊN HỆ THỐNG THÔNG TIN GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH']).commit();
  ws.addRow(['Từ ngày 01/01/2024 đến ngày 31/12/2024']).commit();
  ws.addRow(GENERATED_HEADER).commit();
  const rnd = random(seed);
  for (let i = 0; i < rows; i++) {
    const row = ws.addRow(generatedRow(i, rnd));
    row.getCell(8).numFmt = 'dd/mm/yyyy hh:mm';
    row.getCell(9).numFmt = 'dd/mm/yyyy hh:mm';
    row.commit();
    // Let the zip stream reach the file now and then; a loop that never yields buffers the whole file in memory.
    if (i % 2000 === 1999) await new Promise((resolve) => setImmediate(resolve));
  }
  ws.commit();
  await wb.commit();
  return path;
}

/* ---------------------------------------------------------------- big lists, streamed into a zip by hand */

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Excel serial (1900 system) of a Date at UTC, with its time of day. */
function excelSerial(d: Date): number {
  return d.getTime() / 86_400_000 + 25569;
}

/** Writes zip entries one after another straight to a file: deflated as they come, sizes in data descriptors. */
class ZipFileWriter {
  private offset = 0;
  private readonly central: Buffer[] = [];
  private count = 0;

  constructor(private readonly fd: number) {}

  private write(buf: Buffer): void {
    writeSync(this.fd, buf);
    this.offset += buf.length;
  }

  /** Adds an entry whose text `produce` writes piece by piece (each piece is deflated on the fly). */
  async add(name: string, produce: (put: (text: string) => Promise<void>) => Promise<void>): Promise<void> {
    const nameBuf = Buffer.from(name, 'utf8');
    const headerOffset = this.offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0808, 6); // data descriptor follows, UTF-8 name
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(nameBuf.length, 26);
    this.write(local);
    this.write(nameBuf);
    const deflate = createDeflateRaw({ level: 6, chunkSize: 256 * 1024 });
    let crc = 0;
    let size = 0;
    let packed = 0;
    deflate.on('data', (c: Buffer) => {
      packed += c.length;
      this.write(c);
    });
    const done = new Promise<void>((resolve, reject) => {
      deflate.once('end', resolve);
      deflate.once('error', reject);
    });
    await produce(async (text) => {
      const buf = Buffer.from(text, 'utf8');
      crc = zlibCrc32(buf, crc);
      size += buf.length;
      if (!deflate.write(buf)) await new Promise((resolve) => deflate.once('drain', resolve));
    });
    deflate.end();
    await done;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(packed, 8);
    descriptor.writeUInt32LE(size, 12);
    this.write(descriptor);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0808, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(packed, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(nameBuf.length, 28);
    c.writeUInt32LE(headerOffset, 42);
    this.central.push(c, nameBuf);
    this.count++;
  }

  finish(): void {
    const start = this.offset;
    for (const b of this.central) this.write(b);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.count, 8);
    end.writeUInt16LE(this.count, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
  }
}

/**
 * The same generated list as writeGeneratedList (same rows for a seed), written the way Excel saves a workbook
 * (shared strings, a date-time style on the due and finish dates, a two-line title block) but streamed into the zip
 * by hand, so a million rows take a minute and little memory. Used by the benchmark.
 */
export interface GeneratedListOptions {
  /** Every dossier received in this month of 2024 (a monthly export); default spread over the year. */
  month?: number;
  /** Text cells as inline strings (t="inlineStr"), as many exporters write them, instead of shared strings. */
  inline?: boolean;
  /** The first row's index (STT and code numbering go on across monthly files). */
  firstIndex?: number;
}

export async function writeGeneratedListFast(path: string, rows: number, seed = 766, opts: GeneratedListOptions = {}): Promise<string> {
  const fd = openSync(path, 'w');
  try {
    const zip = new ZipFileWriter(fd);
    const shared: string[] = [];
    const index = new Map<string, number>();
    const si = (s: string): number => {
      let i = index.get(s);
      if (i === undefined) {
        i = shared.length;
        shared.push(s);
        // Codes are unique: do not keep them in the map (they would only cost memory).
        if (!s.startsWith('000.')) index.set(s, i);
      }
      return i;
    };
    const cell = (col: number, r: number, v: CellInput, dateStyle: boolean): string => {
      if (v === null) return '';
      const ref = `${String.fromCharCode(65 + col)}${r}`;
      if (typeof v === 'string') return opts.inline ? `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>` : `<c r="${ref}" t="s"><v>${si(v)}</v></c>`;
      if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
      if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
      return `<c r="${ref}"${dateStyle ? ' s="4"' : ''}><v>${excelSerial(v)}</v></c>`;
    };
    const rowXml = (r: number, values: CellInput[]): string =>
      `<row r="${r}">${values.map((v, i) => cell(i, r, v, v instanceof Date)).join('')}</row>`;
    await zip.add('xl/worksheets/sheet1.xml', async (put) => {
      await put(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
          `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:M${rows + 3}"/><sheetData>`,
      );
      let chunk =
        rowXml(1, ['DANH SÁCH HỒ SƠ TIẾP NHẬN TRÊN HỆ THỐNG THÔNG TIN GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH']) +
        rowXml(2, ['Từ ngày 01/01/2024 đến ngày 31/12/2024']) +
        rowXml(3, GENERATED_HEADER);
      const rnd = random(seed);
      const first = opts.firstIndex ?? 0;
      for (let i = 0; i < rows; i++) {
        chunk += rowXml(i + 4, generatedRow(first + i, rnd, opts.month));
        if (chunk.length > 512 * 1024) {
          await put(chunk);
          chunk = '';
        }
      }
      await put(chunk + '</sheetData></worksheet>');
    });
    await zip.add('xl/sharedStrings.xml', async (put) => {
      await put(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">`,
      );
      let chunk = '';
      for (const s of shared) {
        chunk += `<si><t>${xmlEscape(s)}</t></si>`;
        if (chunk.length > 512 * 1024) {
          await put(chunk);
          chunk = '';
        }
      }
      await put(chunk + '</sst>');
    });
    const small: Record<string, string> = {
      '[Content_Types].xml': CONTENT_TYPES,
      '_rels/.rels': ROOT_RELS,
      'xl/workbook.xml':
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="Danh sách hồ sơ" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': WB_RELS,
      'xl/styles.xml': HAND_STYLES,
    };
    for (const [name, text] of Object.entries(small)) await zip.add(name, (put) => put(text));
    zip.finish();
  } finally {
    closeSync(fd);
  }
  return path;
}
