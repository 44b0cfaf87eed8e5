// File sniffing and safety guards run before any parser touches an imported file: kind by magic bytes, zip-bomb and entity checks.
//
// Every refusal is a UserFacingError with one Vietnamese message saying what is wrong and what to do. The zip check
// reads only the central directory and each XML part's first bytes (plus, when asked, streams every part to prove
// its declared size), so it runs in bounded time and memory even on a hostile file.
import { basename, extname } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { UserFacingError } from '../files/errors';

export type FileKind = 'empty' | 'zip' | 'ole' | 'pdf' | 'html' | 'xml' | 'text' | 'binary';

/** What kind of file the bytes are, by their first bytes (never by the name). */
export function sniffKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty';
  const b = (i: number): number => bytes[i] ?? -1;
  if (b(0) === 0x50 && b(1) === 0x4b && (b(2) === 0x03 || b(2) === 0x05 || b(2) === 0x07)) return 'zip';
  if (b(0) === 0xd0 && b(1) === 0xcf && b(2) === 0x11 && b(3) === 0xe0) return 'ole';
  const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 65536)));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  let text: string;
  if (b(0) === 0xff && b(1) === 0xfe) text = head.subarray(2).toString('utf16le');
  else text = head.toString('utf8');
  const start = text.replace(/^\ufeff/, '').trimStart().slice(0, 4096).toLowerCase();
  if (start.startsWith('<?xml') && text.includes('urn:schemas-microsoft-com:office:spreadsheet') && !/<html[\s>]/i.test(start)) return 'xml';
  const htmlStart = /^<(!doctype html|html|head|body|table|meta|style|\?xml[^>]*>\s*<html)/.test(start);
  const markupWithTable = start.startsWith('<') && /<table[\s>]/.test(text.slice(0, 65536).toLowerCase());
  if (htmlStart || markupWithTable) return 'html';
  if (b(0) === 0xff && b(1) === 0xfe) return 'text';
  // Text: no NUL bytes and few control characters in the first 64 KB.
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head[i]!;
    if (c === 0) return 'binary';
    if (c < 0x09 || (c > 0x0d && c < 0x20)) controls++;
  }
  return controls > head.length / 100 ? 'binary' : 'text';
}

const OLE_ENCRYPTED = Buffer.from('EncryptedPackage', 'utf16le');
const OLE_WORKBOOK = Buffer.from('Workbook', 'utf16le');
const OLE_BOOK = Buffer.from('Book', 'utf16le');

/** An OLE container is either a password-protected .xlsx (EncryptedPackage stream) or a real Excel 97-2003 .xls. */
export function oleKind(bytes: Uint8Array): 'encrypted' | 'xls' | 'other' {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.includes(OLE_ENCRYPTED)) return 'encrypted';
  if (buf.includes(OLE_WORKBOOK) || buf.includes(OLE_BOOK)) return 'xls';
  return 'other';
}

export function fileError(code: string, message: string): UserFacingError {
  return new UserFacingError(code, message);
}

/** The refusal for a file kind that the spreadsheet readers do not take (null when the kind is readable). */
export function refusalFor(kind: FileKind, bytes: Uint8Array, fileName: string): UserFacingError | null {
  const name = basename(fileName);
  switch (kind) {
    case 'empty':
      return fileError('FILE_EMPTY', `Tệp “${name}” trống (0 byte). Hãy kiểm tra lại tệp, có thể tệp chưa được lưu hoặc tải về chưa xong.`);
    case 'pdf':
      return fileError(
        'FILE_IS_PDF',
        `Tệp “${name}” là tệp PDF (dù tên là ${extname(name) || 'không có đuôi'}), không phải bảng tính. Hãy lấy tệp Excel (.xlsx) gốc của bảng số liệu.`,
      );
    case 'ole': {
      const k = oleKind(bytes);
      if (k === 'encrypted') {
        return fileError(
          'FILE_ENCRYPTED',
          `Tệp “${name}” được đặt mật khẩu. Hãy mở tệp trong Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi nhập lại.`,
        );
      }
      if (k === 'xls') {
        return fileError(
          'FILE_LEGACY_XLS',
          `Tệp “${name}” là bảng tính Excel 97-2003 (.xls), phần mềm chưa đọc được định dạng cũ này. Hãy mở tệp trong Excel, chọn Lưu thành (Save As) kiểu “Sổ làm việc Excel (*.xlsx)” rồi nhập tệp .xlsx.`,
        );
      }
      return fileError('FILE_NOT_SPREADSHEET', `Tệp “${name}” không phải là bảng tính Excel. Hãy chọn tệp .xlsx.`);
    }
    case 'binary':
      return fileError('FILE_NOT_SPREADSHEET', `Tệp “${name}” không phải là bảng tính Excel (.xlsx), trang web hay tệp văn bản CSV. Hãy chọn tệp .xlsx.`);
    default:
      return null;
  }
}

/* ------------------------------------------------------------------------------------------------ zip guard */

export interface ZipLimits {
  /** Most entries a workbook may have. */
  maxEntries: number;
  /** Most bytes all parts may expand to (a 1,000,000-row dossier list expands to about 500 MB). */
  maxTotalUncompressed: number;
  /** Highest expansion ratio of one part larger than `ratioFloor` (real sheets expand about 10–15×). */
  maxRatio: number;
  /** Parts smaller than this are not judged by their ratio (tiny XML compresses oddly). */
  ratioFloor: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalUncompressed: 2 * 1024 ** 3,
  maxRatio: 200,
  ratioFloor: 1024 * 1024,
};

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export interface ZipCheck {
  entries: ZipEntryInfo[];
  totalUncompressed: number;
}

export interface ZipGuardOptions {
  limits?: Partial<ZipLimits>;
  /** Stream every part to its end, proving the declared sizes (yauzl refuses a part larger than declared). */
  verifyData?: boolean;
  /** The name shown in messages. */
  fileName?: string;
}

const ENTITY_RE = /<!doctype|<!entity/i;
const HEAD_BYTES = 64 * 1024;

function openZip(source: Buffer | string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const cb = (err: Error | null, zip?: yauzl.ZipFile): void => (err || !zip ? reject(err ?? new Error('zip')) : resolve(zip));
    if (typeof source === 'string') yauzl.open(source, { lazyEntries: true, autoClose: false }, cb);
    else yauzl.fromBuffer(source, { lazyEntries: true }, cb);
  });
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err ?? new Error('stream')) : resolve(stream))));
}

/** Reads a part's first `limit` bytes (or all of it with `all`), returning the head; rejects if the part is corrupt. */
async function readPart(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number, all: boolean): Promise<Buffer> {
  const stream = await openStream(zip, entry);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    let done = false;
    const finish = (err?: Error): void => {
      if (done) return;
      done = true;
      if (err) reject(err);
      else resolve(Buffer.concat(chunks));
    };
    stream.on('data', (chunk: Buffer) => {
      if (got < limit) chunks.push(chunk.subarray(0, limit - got));
      got += chunk.length;
      if (!all && got >= limit) {
        stream.destroy();
        finish();
      }
    });
    stream.on('error', (err) => finish(err));
    stream.on('end', () => finish());
    stream.on('close', () => finish());
  });
}

function mb(n: number): string {
  return `${Math.round(n / 1024 / 1024).toLocaleString('vi-VN')} MB`;
}

/**
 * Checks a zip container (xlsx) before any parser opens it: readable central directory, entry count, total size,
 * the expansion ratio of each part, and no DTD or entity declaration in any XML part. Throws UserFacingError.
 */
export async function guardZip(source: Buffer | string, opts: ZipGuardOptions = {}): Promise<ZipCheck> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...opts.limits };
  const name = basename(opts.fileName ?? (typeof source === 'string' ? source : 'tệp'));
  const corrupt = (): UserFacingError =>
    fileError(
      'FILE_CORRUPT',
      `Tệp “${name}” bị hỏng hoặc chưa được chép/tải về đầy đủ, không mở được. Hãy lấy lại tệp gốc (hoặc mở bằng Excel và lưu lại) rồi nhập lại.`,
    );
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(source);
  } catch {
    throw corrupt();
  }
  const entries: ZipEntryInfo[] = [];
  let total = 0;
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw fileError('FILE_ZIP_BOMB', `Tệp “${name}” có quá nhiều thành phần (${zip.entryCount}), không giống một bảng tính Excel bình thường nên không được mở.`);
    }
    await new Promise<void>((resolve, reject) => {
      zip.on('error', () => reject(corrupt()));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          const info = { name: entry.fileName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize };
          entries.push(info);
          total += entry.uncompressedSize;
          if (total > limits.maxTotalUncompressed) {
            throw fileError(
              'FILE_ZIP_BOMB',
              `Tệp “${name}” khi giải nén lớn hơn ${mb(limits.maxTotalUncompressed)}, vượt giới hạn an toàn nên không được mở. Hãy chia nhỏ tệp rồi nhập lại.`,
            );
          }
          const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
          if (entry.uncompressedSize > limits.ratioFloor && ratio > limits.maxRatio) {
            throw fileError(
              'FILE_ZIP_BOMB',
              `Tệp “${name}” có thành phần “${entry.fileName}” nén bất thường (giải nén to gấp ${Math.round(ratio)} lần), có thể là tệp độc hại nên không được mở.`,
            );
          }
          if (!entry.fileName.endsWith('/')) {
            const isXml = /\.(xml|rels|vml)$/i.test(entry.fileName);
            if (isXml || opts.verifyData) {
              let head: Buffer;
              try {
                head = await readPart(zip, entry, HEAD_BYTES, opts.verifyData === true);
              } catch {
                throw corrupt();
              }
              if (isXml && ENTITY_RE.test(head.toString('utf8'))) {
                throw fileError(
                  'FILE_XML_ENTITIES',
                  `Tệp “${name}” chứa khai báo thực thể XML (DOCTYPE/ENTITY) mà Excel không bao giờ tạo ra, có thể là tệp độc hại nên không được mở.`,
                );
              }
            }
          }
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return { entries, totalUncompressed: total };
}

/** True when the zip holds an Excel workbook (not a .docx, .ods or other zip). */
export function isXlsxZip(check: ZipCheck): boolean {
  return check.entries.some((e) => e.name === 'xl/workbook.xml') || check.entries.some((e) => /^xl\/workbook\d*\.xml$/.test(e.name));
}
