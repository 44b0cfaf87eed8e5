// Checked zip reading for both spreadsheet readers: the central directory is judged before anything inflates, and every part read is inflated here, counted and checked against its CRC-32 and declared size.
//
// Why: yauzl (and JSZip inside exceljs) never check a part's CRC-32, so a damaged copy of a workbook (a byte
// changed on a USB stick or in a half-finished download) used to give changed figures. Here, before any part is
// inflated: entry count, total declared size and each part's expansion ratio are judged, and two parts with the
// same name (which one would a reader take?) are refused. While a part is read: inflation stops as soon as it
// gives more bytes than declared, and at its end the byte count and the CRC-32 must match the central directory.
// Every refusal is a UserFacingError with one Vietnamese sentence.
import { basename } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import { UserFacingError } from '../files/errors';

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

export interface OpenZipOptions {
  /** The name shown in messages (default: the path's base name, or "tệp"). */
  fileName?: string;
  limits?: Partial<ZipLimits>;
}

function mb(n: number): string {
  return `${Math.round(n / 1024 / 1024).toLocaleString('vi-VN')} MB`;
}

/** "Tệp bị hỏng: “a.xlsx” (phần xl/…) không khớp mã kiểm tra; hãy tải hoặc sao chép lại tệp." */
export function checksumError(fileName: string, part: string): UserFacingError {
  return new UserFacingError('FILE_CHECKSUM', `Tệp bị hỏng: “${fileName}” (phần ${part}) không khớp mã kiểm tra; hãy tải hoặc sao chép lại tệp.`);
}

function partError(fileName: string, part: string, what: string, cause?: unknown): UserFacingError {
  return new UserFacingError('FILE_CORRUPT', `Tệp bị hỏng: “${fileName}” (phần ${part}) ${what}; hãy tải hoặc sao chép lại tệp.`, cause === undefined ? undefined : { cause });
}

/** The key two part names share when a reader could take one for the other (OPC part names ignore case). */
function sameNameKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/** An open zip whose directory passed the limits; parts are read through `open`/`readBuffer`, always checked. */
export class CheckedZip {
  /** Parts by name (backslashes read as "/", no leading "/"), in directory order. */
  readonly entries: Map<string, yauzl.Entry>;
  readonly totalUncompressed: number;

  constructor(
    private readonly zip: yauzl.ZipFile,
    readonly fileName: string,
    entries: Map<string, yauzl.Entry>,
    total: number,
  ) {
    this.entries = entries;
    this.totalUncompressed = total;
  }

  /**
   * The inflated bytes of a part as a stream that fails (with a UserFacingError) on damaged data, on more bytes than
   * declared, and at its end on a byte count or CRC-32 that differs from the directory. Destroying it early is fine.
   */
  open(entry: yauzl.Entry): Promise<Readable> {
    const name = this.fileName;
    const part = entry.fileName;
    if (entry.isEncrypted()) return Promise.reject(partError(name, part, 'được mã hóa, không đọc được'));
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      return Promise.reject(partError(name, part, `dùng kiểu nén không hỗ trợ (${entry.compressionMethod})`));
    }
    return new Promise((resolve, reject) => {
      this.zip.openReadStream(entry, { decodeFileData: false }, (err, raw) => {
        if (err || !raw) return reject(partError(name, part, 'không đọc được', err));
        const check = new PartCheck(entry, () => checksumError(name, part));
        // A small part can fail its check before the caller starts reading (the end of the raw data comes on a
        // process tick, before the promise resolves): the error stays on the stream (`errored`) and reaches the
        // reader then; without a listener now it would be an uncaught exception.
        check.on('error', () => undefined);
        raw.on('error', (e) => check.destroy(partError(name, part, 'không đọc được', e)));
        check.on('close', () => raw.destroy());
        if (entry.compressionMethod === 0) {
          raw.pipe(check);
        } else {
          const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
          inflate.on('error', (e) => check.destroy(partError(name, part, 'không giải nén được', e)));
          check.on('close', () => inflate.destroy());
          raw.pipe(inflate).pipe(check);
        }
        resolve(check);
      });
    });
  }

  /** A whole part, checked. */
  async readBuffer(entry: yauzl.Entry): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of await this.open(entry)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  /** A whole part as UTF-8 text, checked. */
  async readText(entry: yauzl.Entry): Promise<string> {
    return (await this.readBuffer(entry)).toString('utf8');
  }

  close(): void {
    this.zip.close();
  }
}

/** Passes a part's bytes on while counting them and running the CRC-32; fails past the declared size or at a mismatch. */
class PartCheck extends Transform {
  private got = 0;
  private crc = 0;

  constructor(
    private readonly entry: yauzl.Entry,
    private readonly mismatch: () => UserFacingError,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.got += chunk.length;
    if (this.got > this.entry.uncompressedSize) return cb(this.mismatch());
    this.crc = crc32(chunk, this.crc);
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    if (this.got !== this.entry.uncompressedSize || this.crc !== this.entry.crc32 >>> 0) return cb(this.mismatch());
    cb();
  }
}

function openYauzl(source: Buffer | string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const cb = (err: Error | null, zip?: yauzl.ZipFile): void => (err || !zip ? reject(err ?? new Error('zip')) : resolve(zip));
    if (typeof source === 'string') yauzl.open(source, { lazyEntries: true, autoClose: false }, cb);
    else yauzl.fromBuffer(source, { lazyEntries: true }, cb);
  });
}

/**
 * Opens a zip (a path or bytes) and judges its directory: entry count, total declared size, each part's expansion
 * ratio, duplicate names. Limit and duplicate refusals are UserFacingErrors; a file that is no readable zip at all
 * rejects with the underlying error (with `code` for file-system errors), for the caller's own message.
 */
export async function openCheckedZip(source: Buffer | string, opts: OpenZipOptions = {}): Promise<CheckedZip> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...opts.limits };
  const name = basename(opts.fileName ?? (typeof source === 'string' ? source : 'tệp'));
  const zip = await openYauzl(source);
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new UserFacingError('FILE_ZIP_BOMB', `Tệp “${name}” có quá nhiều thành phần (${zip.entryCount}), không giống một bảng tính Excel bình thường nên không được mở.`);
    }
    const entries = new Map<string, yauzl.Entry>();
    const seen = new Set<string>();
    let total = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        try {
          const key = sameNameKey(entry.fileName);
          if (seen.has(key)) {
            throw new UserFacingError(
              'FILE_ZIP_DUPLICATE',
              `Tệp bị hỏng: “${name}” có hai phần cùng tên ${entry.fileName}, không biết phần nào đúng; hãy tải hoặc sao chép lại tệp.`,
            );
          }
          seen.add(key);
          total += entry.uncompressedSize;
          if (total > limits.maxTotalUncompressed) {
            throw new UserFacingError(
              'FILE_ZIP_BOMB',
              `Tệp “${name}” khi giải nén lớn hơn ${mb(limits.maxTotalUncompressed)}, vượt giới hạn an toàn nên không được mở. Hãy chia nhỏ tệp rồi nhập lại.`,
            );
          }
          const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
          if (entry.uncompressedSize > limits.ratioFloor && ratio > limits.maxRatio) {
            throw new UserFacingError(
              'FILE_ZIP_BOMB',
              `Tệp “${name}” có thành phần “${entry.fileName}” nén bất thường (giải nén to gấp ${Math.round(ratio)} lần), có thể là tệp độc hại nên không được mở.`,
            );
          }
          entries.set(entry.fileName.replace(/\\/g, '/').replace(/^\/+/, ''), entry);
          zip.readEntry();
        } catch (err) {
          reject(err);
        }
      });
      zip.readEntry();
    });
    return new CheckedZip(zip, name, entries, total);
  } catch (err) {
    zip.close();
    throw err;
  }
}

/* ------------------------------------------------------------------ a stored zip of checked parts */

/**
 * A zip of already-checked parts, stored without compression (for exceljs, which unzips by itself with JSZip and
 * checks nothing: it then reads exactly the bytes that were checked, under the names that were judged).
 */
export function storedZip(parts: { name: string; data: Buffer; crc?: number }[]): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const crc = (p.crc ?? crc32(p.data)) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(p.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    out.push(local, name, p.data);
    central.push(dir, name);
    offset += 30 + name.length + p.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, cd, end]);
}
