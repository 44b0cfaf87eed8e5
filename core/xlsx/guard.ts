// File sniffing and safety guards run before any parser touches an imported file: kind by magic bytes, zip-bomb and entity checks.
//
// Every refusal is a UserFacingError with one Vietnamese message saying what is wrong and what to do. The zip check
// reads only the central directory and each XML part's first bytes (plus, when asked, every part through the checked
// reader of core/xlsx/zip.ts, proving its declared size and CRC-32), so it runs in bounded time and memory even on a
// hostile file.
import { basename, extname } from 'node:path';
import type yauzl from 'yauzl';
import { UserFacingError } from '../files/errors';
import { openCheckedZip, type CheckedZip, type ZipLimits } from './zip';

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

export { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export interface ZipCheck {
  entries: ZipEntryInfo[];
  totalUncompressed: number;
  /** Every part's checked bytes by name, in directory order (only with `keepData`). */
  data?: Map<string, { data: Buffer; crc: number }>;
}

export interface ZipGuardOptions {
  limits?: Partial<ZipLimits>;
  /** Read every part to its end, checking its declared size and CRC-32 (core/xlsx/zip.ts). */
  verifyData?: boolean;
  /** With verifyData: also return every part's checked bytes (`data`), for a reader that must see only those. */
  keepData?: boolean;
  /** The name shown in messages. */
  fileName?: string;
}

const ENTITY_RE = /<!doctype|<!entity/i;
const HEAD_BYTES = 64 * 1024;

/** A part's first `limit` bytes, read through the checked stream and then dropped (no CRC check: not read whole). */
async function readHead(zip: CheckedZip, entry: yauzl.Entry, limit: number): Promise<Buffer> {
  const stream = await zip.open(entry);
  const chunks: Buffer[] = [];
  let got = 0;
  try {
    for await (const c of stream) {
      chunks.push(c as Buffer);
      got += (c as Buffer).length;
      if (got >= limit) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

/**
 * Checks a zip container (xlsx) before any parser opens it: readable central directory, entry count, total size,
 * the expansion ratio of each part, no two parts of one name, and no DTD or entity declaration in any XML part;
 * with `verifyData`, every part's size and CRC-32 too. Throws UserFacingError.
 */
export async function guardZip(source: Buffer | string, opts: ZipGuardOptions = {}): Promise<ZipCheck> {
  const name = basename(opts.fileName ?? (typeof source === 'string' ? source : 'tệp'));
  const corrupt = (): UserFacingError =>
    fileError(
      'FILE_CORRUPT',
      `Tệp “${name}” bị hỏng hoặc chưa được chép/tải về đầy đủ, không mở được. Hãy lấy lại tệp gốc (hoặc mở bằng Excel và lưu lại) rồi nhập lại.`,
    );
  let zip: CheckedZip;
  try {
    zip = await openCheckedZip(source, { fileName: name, limits: opts.limits });
  } catch (err) {
    if (err instanceof UserFacingError) throw err;
    throw corrupt();
  }
  const entries: ZipEntryInfo[] = [];
  const data = opts.keepData ? new Map<string, { data: Buffer; crc: number }>() : undefined;
  try {
    for (const [partName, entry] of zip.entries) {
      entries.push({ name: entry.fileName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize });
      if (partName.endsWith('/')) continue;
      const isXml = /\.(xml|rels|vml)$/i.test(partName);
      if (!isXml && !opts.verifyData) continue;
      let head: Buffer;
      try {
        if (opts.verifyData) {
          const whole = await zip.readBuffer(entry);
          data?.set(partName, { data: whole, crc: entry.crc32 });
          head = whole.subarray(0, HEAD_BYTES);
        } else {
          head = await readHead(zip, entry, HEAD_BYTES);
        }
      } catch (err) {
        if (err instanceof UserFacingError) throw err;
        throw corrupt();
      }
      if (isXml && ENTITY_RE.test(head.toString('utf8'))) {
        throw fileError(
          'FILE_XML_ENTITIES',
          `Tệp “${name}” chứa khai báo thực thể XML (DOCTYPE/ENTITY) mà Excel không bao giờ tạo ra, có thể là tệp độc hại nên không được mở.`,
        );
      }
    }
  } finally {
    zip.close();
  }
  return { entries, totalUncompressed: zip.totalUncompressed, ...(data ? { data } : {}) };
}

/** True when the zip holds an Excel workbook (not a .docx, .ods or other zip). */
export function isXlsxZip(check: ZipCheck): boolean {
  return check.entries.some((e) => e.name === 'xl/workbook.xml') || check.entries.some((e) => /^xl\/workbook\d*\.xml$/.test(e.name));
}
