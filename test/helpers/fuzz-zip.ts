// Zip surgery for the fuzz suite: reads a zip's entries, and writes zips whose names, sizes, CRCs and huge repeated parts are chosen by the caller.
import { constants as zlibConstants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/** One entry as read from a zip: its name and uncompressed bytes. */
export interface ZipPart {
  name: string;
  data: Buffer;
}

/** Reads every entry of a well-formed zip (central directory, stored or deflated). Throws on anything odd: bases only. */
export function readZip(zip: Buffer): ZipPart[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('readZip: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const parts: ZipPart[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('readZip: bad central header');
    const method = zip.readUInt16LE(p + 10);
    const packed = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + packed);
    parts.push({ name, data: method === 0 ? Buffer.from(body) : inflateRawSync(body) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return parts;
}

/** A part whose text is `head + repeat × times + tail`, deflated as a stream (a bomb of gigabytes stays a small file). */
export interface RepeatedData {
  head: string;
  repeat: string;
  times: number;
  tail: string;
}

export interface ZipOut {
  name: string;
  data: Buffer | RepeatedData;
  /** Store instead of deflate. */
  store?: boolean;
  /** Write this CRC instead of the true one (both headers). */
  crc?: number;
  /** Write this uncompressed size instead of the true one (both headers). */
  size?: number;
}

/* CRC-32 of concatenations without reading the bytes again (zlib's crc32_combine), so a bomb's CRC costs nothing. */
function gf2Times(mat: Uint32Array, vec: number): number {
  let sum = 0;
  for (let i = 0, v = vec >>> 0; v !== 0; i++, v >>>= 1) if (v & 1) sum ^= mat[i]!;
  return sum >>> 0;
}

function gf2Square(square: Uint32Array, mat: Uint32Array): void {
  for (let n = 0; n < 32; n++) square[n] = gf2Times(mat, mat[n]!);
}

/** The CRC-32 of A followed by B, from crc(A), crc(B) and B's length. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB <= 0) return crcA >>> 0;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  odd[0] = 0xedb88320;
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row;
  gf2Square(even, odd);
  gf2Square(odd, even);
  let crc = crcA >>> 0;
  let len = lengthB;
  for (;;) {
    gf2Square(even, odd);
    if (len % 2 === 1) crc = gf2Times(even, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
    gf2Square(odd, even);
    if (len % 2 === 1) crc = gf2Times(odd, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
  }
  return (crc ^ crcB) >>> 0;
}

/** CRC-32 of `count` copies of a block. */
function crc32Repeated(crcBlock: number, blockLength: number, count: number): number {
  let result = 0;
  let resultLength = 0;
  let pow = crcBlock >>> 0;
  let powLength = blockLength;
  for (let k = count; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) {
      result = resultLength === 0 ? pow : crc32Combine(result, pow, powLength);
      resultLength += powLength;
    }
    pow = crc32Combine(pow, pow, powLength);
    powLength *= 2;
  }
  return result >>> 0;
}

/**
 * Deflates `head + repeat × times + tail` without building it: independent raw-deflate segments (each ended by a sync
 * flush, the last one final) chained, the repeated block compressed once; the CRC combined arithmetically.
 */
function deflateRepeated(d: RepeatedData): { packed: Buffer; crc: number; size: number } {
  const sync = { level: 9, finishFlush: zlibConstants.Z_SYNC_FLUSH };
  const unit = Buffer.from(d.repeat, 'utf8');
  const perBlock = Math.max(1, Math.floor((1 << 20) / Math.max(1, unit.length)));
  const full = Math.floor(d.times / perBlock);
  const rest = d.times % perBlock;
  const block = Buffer.concat(Array.from({ length: Math.min(perBlock, d.times) }, () => unit));
  const head = Buffer.from(d.head, 'utf8');
  const tail = Buffer.from(d.tail, 'utf8');
  const segments: Buffer[] = [deflateRawSync(head, sync)];
  let crc = crc32(head) >>> 0;
  let size = head.length;
  if (full > 0) {
    const packedBlock = deflateRawSync(block, sync);
    for (let i = 0; i < full; i++) segments.push(packedBlock);
    crc = crc32Combine(crc, crc32Repeated(crc32(block), block.length, full), block.length * full);
    size += block.length * full;
  }
  if (rest > 0) {
    const last = block.subarray(0, rest * unit.length);
    segments.push(deflateRawSync(last, sync));
    crc = crc32Combine(crc, crc32(last), last.length);
    size += last.length;
  }
  segments.push(deflateRawSync(tail, { level: 9 }));
  crc = crc32Combine(crc, crc32(tail), tail.length);
  size += tail.length;
  return { packed: Buffer.concat(segments), crc, size };
}

/** One entry as it goes into a zip: its compressed body and the header fields to write (possibly forged). */
export interface PackedEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  /** The uncompressed size written in the headers. */
  size: number;
  body: Buffer;
}

/** Lays out a zip of packed entries, in order: local headers and bodies, the central directory, its end record. */
export function packZip(entries: PackedEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.body.length, 18);
    local.writeUInt32LE(e.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.body.length, 20);
    central.writeUInt32LE(e.size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.body);
    centrals.push(central, name);
    offset += 30 + name.length + e.body.length;
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

/** Writes a zip (no data descriptors); names, CRCs and sizes may be forged per entry. */
export async function writeZip(entries: ZipOut[]): Promise<Buffer> {
  return packZip(
    entries.map((e) => {
      let body: Buffer;
      let crc: number;
      let size: number;
      if (Buffer.isBuffer(e.data)) {
        body = e.store ? e.data : deflateRawSync(e.data);
        crc = crc32(e.data) >>> 0;
        size = e.data.length;
      } else {
        ({ packed: body, crc, size } = deflateRepeated(e.data));
      }
      if (e.crc !== undefined) crc = e.crc >>> 0;
      if (e.size !== undefined) size = e.size;
      return { name: e.name, method: e.store && Buffer.isBuffer(e.data) ? 0 : 8, crc, size, body };
    }),
  );
}

/** The entries of a read zip, ready to write back (optionally all stored). */
export function asOut(parts: ZipPart[], store = false): ZipOut[] {
  return parts.map((p) => ({ name: p.name, data: p.data, store }));
}

/** Where each entry's (compressed) data lies in a zip, by the central directory. */
export function entrySpans(zip: Buffer): { name: string; start: number; end: number; centralOffset: number; localOffset: number }[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const spans = [];
  for (let n = 0; n < count; n++) {
    const packed = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    spans.push({ name: zip.toString('utf8', p + 46, p + 46 + nameLen), start, end: start + packed, centralOffset: p, localOffset: local });
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return spans;
}
