// The one CSV/TSV record reader (pasted text, CSV tables, streamed dossier lists): text in chunks → records, linear and bounded.
//
// RFC 4180 with Excel's habits: fields separated by the delimiter ('' = one field per record), records by CRLF,
// LF or CR; a field that starts with a quote (after blanks) may hold the delimiter, line breaks and doubled quotes;
// text after a closing quote is kept. Fields are cut out of the chunks as slices (never built a character at a
// time), a record longer than MAX_LINE_CHARS is refused (lineTooLong), fields past `maxFields` are skipped.
import { lineTooLong, MAX_LINE_CHARS, unclosedQuote } from './limits';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface DelimitedOptions {
  /** The field delimiter ('\t', ';', ','), or '' for one field per record. */
  delimiter: string;
  /** Read text that ends inside quotes as it stands (one line sampled to sniff a delimiter), instead of refusing it. */
  allowOpenQuote?: boolean;
  /** Trim blanks around fields that were not quoted (quoted fields are kept as written). */
  trimUnquoted?: boolean;
  /** Fields kept per record (the rest are read and dropped); default all. */
  maxFields?: number;
  /** The file's name for refusals (none: pasted content). */
  fileName?: string;
  /** Receives each record and the 1-based line where it starts; return false to stop reading. */
  onRecord: (fields: string[], line: number) => boolean | void;
}

export class DelimitedReader {
  private readonly d: number;
  private readonly maxFields: number;
  private fields: string[] = [];
  /** The current field's text from earlier chunks. */
  private pending = '';
  private inQuotes = false;
  private quotedField = false;
  /** A quote inside quotes was the last character seen (closing, or the first of a doubled quote). */
  private quoteSeen = false;
  /** The field so far holds only blanks (a quote may still open it). */
  private blank = true;
  /** The last character ended a record with CR (a following LF belongs to it). */
  private cr = false;
  /** Characters consumed before the current chunk, and where the current record started. */
  private offset = 0;
  private recordStart = 0;
  private line = 1;
  private recordLine = 1;
  /** True once onRecord asked to stop. */
  stopped = false;

  constructor(private readonly opts: DelimitedOptions) {
    this.d = opts.delimiter === '' ? -1 : opts.delimiter.charCodeAt(0);
    this.maxFields = opts.maxFields ?? Infinity;
  }

  private tooLong(at: number): void {
    if (this.offset + at - this.recordStart > MAX_LINE_CHARS) throw lineTooLong(this.opts.fileName, this.recordLine);
  }

  private endField(chunk: string, from: number, to: number): void {
    this.tooLong(to);
    if (this.fields.length < this.maxFields) {
      let v = this.pending === '' ? chunk.slice(from, to) : this.pending + chunk.slice(from, to);
      if (this.opts.trimUnquoted && !this.quotedField) v = v.trim();
      this.fields.push(v);
    }
    this.pending = '';
    this.quotedField = false;
    this.blank = true;
  }

  private endRecord(nextStart: number): void {
    const fields = this.fields;
    this.fields = [];
    if (this.opts.onRecord(fields, this.recordLine) === false) this.stopped = true;
    this.recordStart = this.offset + nextStart;
  }

  /** Reads the next chunk of text (records may span chunks). */
  push(chunk: string): void {
    if (this.stopped) return;
    const n = chunk.length;
    const d = this.d;
    let start = 0; // start of the current field's unread run in this chunk
    for (let i = 0; i < n; i++) {
      const ch = chunk.charCodeAt(i);
      if (this.cr) {
        this.cr = false;
        if (ch === LF) {
          start = i + 1;
          this.recordStart++;
          continue;
        }
      }
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (ch === QUOTE) {
          start = i; // a doubled quote: the second one is text, the run goes on from it
          continue;
        }
        this.inQuotes = false;
      }
      if (this.inQuotes) {
        if (ch === QUOTE) {
          if (i > start) this.pending += chunk.slice(start, i);
          start = i + 1;
          this.quoteSeen = true;
        } else if (ch === LF) this.line++;
        continue;
      }
      if (ch === d) {
        this.endField(chunk, start, i);
        start = i + 1;
      } else if (ch === LF || ch === CR) {
        this.endField(chunk, start, i);
        this.line++;
        this.cr = ch === CR;
        this.endRecord(i + 1);
        this.recordLine = this.line;
        start = i + 1;
        if (this.stopped) return;
      } else if (ch === QUOTE && this.blank && !this.quotedField) {
        this.inQuotes = true;
        this.quotedField = true;
        this.pending = '';
        this.blank = false;
        start = i + 1;
      } else if (ch !== 32 && ch !== 9) this.blank = false;
    }
    this.tooLong(n);
    if (n > start) this.pending += chunk.slice(start, n);
    this.offset += n;
  }

  /** Ends the text: the last record, when it has any character, is read. */
  end(): void {
    if (this.stopped) return;
    // Text that ends inside quotes lost every row after the quote: refuse rather than read a shorter table.
    if (this.inQuotes && !this.quoteSeen && !this.opts.allowOpenQuote) throw unclosedQuote(this.opts.fileName, this.recordLine);
    if (this.pending !== '' || this.fields.length > 0 || this.quotedField) {
      this.endField('', 0, 0);
      this.endRecord(0);
    }
    this.stopped = true;
  }
}

/** Chunk size for reading a whole text through the reader. */
export const TEXT_CHUNK_CHARS = 1 << 20;

/** Runs a whole text through a reader in chunks (slices of the text, so no copy). */
export function readAll(text: string, reader: DelimitedReader): void {
  for (let at = 0; at < text.length && !reader.stopped; at += TEXT_CHUNK_CHARS) reader.push(text.slice(at, at + TEXT_CHUNK_CHARS));
  reader.end();
}
