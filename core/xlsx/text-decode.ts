// The one way a text file's bytes become characters (CSV/TSV and HTML, whole or streamed): UTF-16 LE with its BOM,
// UTF-8 (BOM dropped), or — for bytes that are not UTF-8 — code page 1258, which Vietnamese Windows uses for
// "CSV (Comma delimited)" (tones as combining marks). Bytes that code page 1258 leaves undefined come out as C1
// controls: then it is some other encoding, refused. A stream judged UTF-8 from its first chunk that turns out not
// to be UTF-8 further on is refused too, never read as "M� h�".
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { UserFacingError } from '../files/errors';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'windows-1258';

/** The refusal for a text file in an encoding that is neither UTF-8, UTF-16 nor code page 1258. */
export function notUtf8(name: string): UserFacingError {
  return new UserFacingError(
    'FILE_ENCODING',
    `Tệp “${name}” không dùng bảng mã UTF-8 nên chữ tiếng Việt sẽ bị lỗi. Hãy mở tệp trong Excel và lưu thành “Sổ làm việc Excel (*.xlsx)” (hoặc “CSV UTF-8”) rồi nhập lại.`,
  );
}

/** The bytes of `head` without a UTF-8 sequence cut at its end (the rest arrives with the next chunk). */
function withoutCutSequence(head: Uint8Array): Uint8Array {
  let end = head.length;
  // Walk back over continuation bytes (at most 3) to the lead byte of the last sequence.
  let k = end - 1;
  while (k >= 0 && end - k <= 4 && (head[k]! & 0xc0) === 0x80) k--;
  if (k < 0) return head;
  const lead = head[k]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  if (end - k < need) end = k;
  return head.subarray(0, end);
}

/**
 * The encoding of a text file from its first bytes (`complete`: these are all its bytes). Without a BOM, bytes
 * that are valid UTF-8 are UTF-8, others code page 1258.
 */
export function detectEncoding(head: Uint8Array, complete: boolean): TextEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  return isUtf8(complete ? head : withoutCutSequence(head)) ? 'utf-8' : 'windows-1258';
}

/** Decodes a text file's bytes chunk by chunk; the encoding is chosen on the first chunk (detectEncoding). */
export class TextFileDecoder {
  private decoder: TextDecoder | null = null;
  private encoding: TextEncoding | null = null;
  private first = true;

  /** `name`: the file's name for the refusal; `encoding`: already known (a whole buffer judged at once). */
  constructor(
    private readonly name: string,
    encoding?: TextEncoding,
  ) {
    if (encoding) this.start(encoding);
  }

  private start(encoding: TextEncoding): void {
    this.encoding = encoding;
    // UTF-8 is decoded strictly: bytes that are no UTF-8 after a UTF-8 start are refused, not replaced by "�".
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  }

  /** The encoding chosen (null before the first chunk). */
  get chosen(): TextEncoding | null {
    return this.encoding;
  }

  private check(text: string): string {
    if (this.encoding === 'windows-1258' && /[\u0080-\u009f]/.test(text)) throw notUtf8(this.name);
    if (this.first && text !== '') {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) return text.slice(1);
    }
    return text;
  }

  private decode(bytes: Uint8Array | undefined, stream: boolean): string {
    try {
      return this.decoder!.decode(bytes, { stream });
    } catch (err) {
      if (err instanceof TypeError) throw notUtf8(this.name);
      throw err;
    }
  }

  /** The characters of the next chunk of bytes (a character cut at the chunk's end comes with the next one). */
  write(chunk: Uint8Array, complete = false): string {
    if (!this.decoder) {
      let bytes = chunk;
      if (chunk[0] === 0xff && chunk[1] === 0xfe) bytes = chunk.subarray(2);
      this.start(detectEncoding(chunk, complete));
      return this.check(this.decode(bytes, true));
    }
    return this.check(this.decode(chunk, true));
  }

  /** The last characters held back. */
  end(): string {
    if (!this.decoder) return '';
    return this.check(this.decode(undefined, false));
  }
}

/** Bytes decoded per chunk by decodeChunks. */
const DECODE_CHUNK_BYTES = 1 << 20;

/** A whole text file's characters in chunks, never the whole text at once (encoding judged on all the bytes). */
export function* decodeChunks(bytes: Buffer, name: string): Generator<string> {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  const decoder = new TextFileDecoder(name, utf16 ? 'utf-16le' : isUtf8(bytes) ? 'utf-8' : 'windows-1258');
  for (let at = utf16 ? 2 : 0; at < bytes.length; at += DECODE_CHUNK_BYTES) yield decoder.write(bytes.subarray(at, at + DECODE_CHUNK_BYTES));
  const tail = decoder.end();
  if (tail) yield tail;
}

/** A (markup) file's whole text, NFC, decoded like decodeChunks. */
export function decodeText(bytes: Buffer, name: string): string {
  return [...decodeChunks(bytes, name)].join('').normalize('NFC');
}
