// The .xlsx reader of core/xlsx/stream.ts: yields rows of raw values of big .xlsx files without building a workbook.
//
// Why not exceljs's streaming reader: on a 200,000-row dossier list it spends most of its time building per-cell
// objects through saxes events (see bench/dossiers.bench.ts for the figures). This reader opens the zip through the
// checked reader of core/xlsx/zip.ts (yauzl; size and ratio guards, duplicate names refused, every part read checked
// against its CRC-32 and declared size) and reads the sheet XML with the bounded hand-written scanner of
// core/xlsx/sheet-xml.ts: rows are cut out of the inflated text with indexOf("</row>") and their cells read by
// position, which is what a dossier list needs and nothing more; malformed or oversized XML is refused.
//
// What it reads: the first worksheet (or one chosen by name or 1-based index), shared strings (kept in one array),
// styles (which style ids show dates and percentages), inline strings (t="inlineStr"), formula results (t="str",
// numbers, booleans, errors), the 1904 date system. Rows come out as RawRow (core/xlsx/cells.ts): strings (NFC),
// numbers, booleans, Dates (UTC midnight plus time of day, as exceljs gives them) for date-formatted numbers,
// RawError for error cells, null for blanks; index 0 is column A. Cancellation through an AbortSignal (the
// generator throws the signal's reason), progress through onProgress({ rows, bytes, totalBytes }) in bytes of
// the sheet's XML.
//
// The workbook, its shared strings and its styles are found through the package's relationships (_rels/.rels →
// the workbook part, its .rels → worksheets, sharedStrings, styles), not by fixed names: some exporters name them
// otherwise. A package without relationships falls back to the usual names.
import { TextDecoder } from 'node:util';
import type { Readable } from 'node:stream';
import type yauzl from 'yauzl';
import { UserFacingError } from '../files/errors';
import { SheetScanner, sheetXmlUserError } from './sheet-xml';
import { baseName, fileOpenError, PROGRESS_INTERVAL_MS, throwIfAborted, unreadable, type StreamOptions, type StreamRow } from './stream-common';
import { NO_STYLES, SharedStringsParser, SheetXmlError, parseStyles, tagsOf, type StyleInfo } from './xml-parts';
import { openCheckedZip, type CheckedZip } from './zip';

/**
 * UTF-8 decoding of a part's chunks (a character cut at a chunk's end comes with the next one): TextDecoder, which
 * decodes mostly-ASCII text with Vietnamese letters about 40 % faster than StringDecoder (bench/README.md).
 */
class Utf8Chunks {
  private readonly decoder = new TextDecoder('utf-8');
  write(chunk: Uint8Array): string {
    return this.decoder.decode(chunk, { stream: true });
  }
  end(): string {
    return this.decoder.decode();
  }
}

/** Opens an .xlsx through the checked zip reader (core/xlsx/zip.ts): directory limits, duplicates, CRC-32 per part. */
async function openZip(path: string): Promise<CheckedZip> {
  try {
    return await openCheckedZip(path);
  } catch (err) {
    if (err instanceof UserFacingError) throw err;
    throw toZipError(path, err);
  }
}

/* ------------------------------------------------------------------ the xlsx reader */

interface SheetRef {
  name: string;
  path: string;
}

/** A relationship's target as a part name: relative to the folder of the part that names it, or absolute ("/xl/…"). */
function resolveTarget(baseDir: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (baseDir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The relationships part of a part ("xl/workbook.xml" → "xl/_rels/workbook.xml.rels"). */
function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

interface Relationship {
  id: string;
  /** The last segment of the relationship type (…/officeDocument, …/worksheet, …/sharedStrings, …/styles). */
  type: string;
  /** The part it points to. */
  target: string;
}

/** Largest workbook, relationships or styles part read whole (real ones are a few kilobytes to a few megabytes). */
const MAX_SMALL_PART_BYTES = 64 * 1024 * 1024;

/** A part read whole as text, refused past MAX_SMALL_PART_BYTES. */
async function readSmallPart(zip: CheckedZip, entry: yauzl.Entry): Promise<string> {
  if (entry.uncompressedSize > MAX_SMALL_PART_BYTES) throw new SheetXmlError('limit', `có phần ${entry.fileName} lớn bất thường`);
  return zip.readText(entry);
}

/** The message for a malformed or oversized part found by the scanner (core/xlsx/sheet-xml.ts); other errors as they are. */
function xlsxError(path: string, err: unknown): unknown {
  return sheetXmlUserError(baseName(path), err);
}

/** The relationships of a part (none when it has no relationships part). */
async function relationshipsOf(zip: CheckedZip, relsPart: string, baseDir: string): Promise<Relationship[]> {
  const entry = zip.entries.get(relsPart);
  if (!entry) return [];
  const out: Relationship[] = [];
  for (const a of tagsOf(await readSmallPart(zip, entry), 'Relationship')) {
    const id = a.get('Id');
    const target = a.get('Target');
    const type = a.get('Type') ?? '';
    if (id && target && a.get('TargetMode') !== 'External') out.push({ id, type: type.slice(type.lastIndexOf('/') + 1), target: resolveTarget(baseDir, target) });
  }
  return out;
}

interface WorkbookParts {
  sheets: SheetRef[];
  date1904: boolean;
  /** The shared strings and styles parts, found through the workbook's relationships (null when it has none). */
  sharedStrings: string | null;
  styles: string | null;
}

/**
 * The workbook's worksheets in order, with their part paths, the date system, and its shared strings and styles
 * parts: the workbook is the package's officeDocument (_rels/.rels), the other parts are found through the
 * workbook's own relationships. Parts the relationships do not name are looked for under the usual names
 * (xl/workbook.xml, xl/sharedStrings.xml, xl/styles.xml).
 */
async function workbookParts(zip: CheckedZip): Promise<WorkbookParts> {
  const entries = zip.entries;
  const root = await relationshipsOf(zip, '_rels/.rels', '');
  const office = root.find((r) => r.type === 'officeDocument' && entries.has(r.target));
  const wbPath = office?.target ?? 'xl/workbook.xml';
  const wbEntry = entries.get(wbPath);
  const usual = (name: string): string | null => (entries.has(name) ? name : null);
  if (!wbEntry) {
    const fallback = [...entries.keys()].filter((k) => /^xl\/worksheets\/[^/]+\.xml$/.test(k)).sort();
    return {
      sheets: fallback.map((path, i) => ({ name: `Sheet${i + 1}`, path })),
      date1904: false,
      sharedStrings: usual('xl/sharedStrings.xml'),
      styles: usual('xl/styles.xml'),
    };
  }
  const wb = await readSmallPart(zip, wbEntry);
  const relsPart = relsPartOf(wbPath);
  const rels = await relationshipsOf(zip, relsPart, wbPath.slice(0, wbPath.lastIndexOf('/') + 1));
  const byId = new Map(rels.map((r) => [r.id, r.target]));
  const ofType = (type: string, usualName: string): string | null => {
    const r = rels.find((x) => x.type === type && entries.has(x.target));
    // Hand-made packages often list only their worksheets: the usual name then still holds.
    return r ? r.target : usual(usualName);
  };
  const pr = tagsOf(wb, 'workbookPr')[0];
  const date1904 = pr?.get('date1904') === '1' || pr?.get('date1904') === 'true';
  const sheets: SheetRef[] = [];
  for (const a of tagsOf(wb, 'sheet')) {
    const id = a.get('id');
    const path = id ? byId.get(id) : undefined;
    if (path && entries.has(path)) sheets.push({ name: (a.get('name') ?? '').normalize('NFC'), path });
  }
  return { sheets, date1904, sharedStrings: ofType('sharedStrings', 'xl/sharedStrings.xml'), styles: ofType('styles', 'xl/styles.xml') };
}

/** The names of the worksheets of an .xlsx file, in order. */
export async function listXlsxSheets(path: string): Promise<string[]> {
  const zip = await openZip(path);
  try {
    return (await workbookParts(zip)).sheets.map((s) => s.name);
  } catch (err) {
    if (err instanceof SheetXmlError) throw xlsxError(path, err);
    if (err instanceof UserFacingError) throw err;
    throw toZipError(path, err);
  } finally {
    zip.close();
  }
}

function toZipError(path: string, err: unknown): UserFacingError {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code) return fileOpenError(path, err);
  return unreadable(path, 'tệp hỏng hoặc không phải tệp .xlsx', err);
}

/**
 * Streams the rows of one worksheet of an .xlsx file, in batches (one batch per chunk of inflated XML, about
 * a few hundred rows). Rows without any value are skipped; `row` keeps the sheet's own numbering.
 */
export async function* streamXlsxRowBatches(path: string, opts: StreamOptions = {}): AsyncGenerator<StreamRow[]> {
  try {
    yield* xlsxRowBatches(path, opts);
  } catch (err) {
    throw xlsxError(path, err);
  }
}

async function* xlsxRowBatches(path: string, opts: StreamOptions): AsyncGenerator<StreamRow[]> {
  const { signal, onProgress } = opts;
  throwIfAborted(signal);
  const zip = await openZip(path);
  let stream: Readable | null = null;
  try {
    const entries = zip.entries;
    let sheets: SheetRef[];
    let date1904: boolean;
    let styles: StyleInfo = NO_STYLES;
    const sst = new SharedStringsParser();
    try {
      const parts = await workbookParts(zip);
      ({ sheets, date1904 } = parts);
      const stylesEntry = parts.styles ? entries.get(parts.styles) : undefined;
      if (stylesEntry) styles = parseStyles(await readSmallPart(zip, stylesEntry));
      const sstEntry = parts.sharedStrings ? entries.get(parts.sharedStrings) : undefined;
      if (sstEntry) {
        const s = await zip.open(sstEntry);
        const decoder = new Utf8Chunks();
        for await (const chunk of s) {
          throwIfAborted(signal);
          sst.push(decoder.write(chunk as Buffer));
        }
        sst.push(decoder.end());
      }
    } catch (err) {
      if (signal?.aborted || err instanceof UserFacingError || err instanceof SheetXmlError) throw err;
      throw toZipError(path, err);
    }
    let sheet: SheetRef | undefined;
    const wanted = opts.sheet;
    if (wanted === undefined) sheet = sheets[0];
    else if (typeof wanted === 'number') sheet = sheets[wanted - 1];
    else sheet = sheets.find((s) => s.name === wanted.normalize('NFC'));
    if (!sheet) {
      throw new UserFacingError(
        'SHEET_NOT_FOUND',
        sheets.length === 0
          ? `Tệp “${baseName(path)}” không có trang tính nào.`
          : `Tệp “${baseName(path)}” không có trang tính “${String(opts.sheet)}”. Các trang tính: ${sheets.map((s) => s.name).join(', ')}.`,
      );
    }
    const entry = entries.get(sheet.path)!;
    const totalBytes = entry.uncompressedSize;
    const scanner = new SheetScanner(sst.strings, styles, date1904, opts.withFormats === true);
    try {
      stream = await zip.open(entry);
    } catch (err) {
      if (err instanceof UserFacingError) throw err;
      throw toZipError(path, err);
    }
    const decoder = new Utf8Chunks();
    let bytes = 0;
    let lastProgress = 0;
    let batch: StreamRow[] = [];
    const iterator = stream[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<unknown>;
      try {
        next = await iterator.next();
      } catch (err) {
        if (err instanceof UserFacingError) throw err;
        throw unreadable(path, 'dữ liệu nén bị hỏng', err);
      }
      throwIfAborted(signal);
      if (next.done) break;
      const chunk = next.value as Buffer;
      bytes += chunk.length;
      scanner.push(decoder.write(chunk), batch);
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
      if (onProgress) {
        const now = Date.now();
        if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
          lastProgress = now;
          onProgress({ rows: scanner.rows, bytes, totalBytes });
        }
      }
    }
    scanner.push(decoder.end(), batch);
    scanner.end();
    if (batch.length > 0) yield batch;
    onProgress?.({ rows: scanner.rows, bytes, totalBytes });
  } finally {
    stream?.destroy();
    zip.close();
  }
}
