// A small HTML tokenizer for reading tables: text, start tags (with attributes when asked) and end tags, in chunks, linear.
//
// Not a tree builder: no element stack, no recursion. Comments, doctypes, processing instructions and raw-text
// elements (script, style…) are skipped as a browser skips them; quoted attribute values may hold ">". Whatever is
// unfinished at the end of a chunk (a tag, a comment, raw text) is carried to the next one, a tag up to MAX_CARRY.

import { decodeReferences } from './html-entities';

/** What the tokenizer reports. */
export interface TokenHandler {
  /** Text s[from, to) between tags (character references not decoded). */
  text(s: string, from: number, to: number): void;
  startTag(tag: Tag): void;
  endTag(name: string): void;
  /** Whether a start tag's attributes are wanted (parsed only then). */
  wantsAttributes(name: string): boolean;
}

/** Elements whose content is not markup (skipped up to their end tag). */
export const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);

function isAlpha(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
}

export interface Tag {
  name: string;
  attrs: Map<string, string> | null;
  /** Index just after the tag's ">" (or the end of the text when it never closes). */
  end: number;
  /** False when the text ended inside the tag. */
  closed: boolean;
}

/**
 * Reads a tag from `<` at `at` (`at + 1` is "/" for an end tag): its lower-case name, its attributes when asked,
 * and where it ends. Quoted attribute values may hold ">". Linear in the tag's length.
 */
export function readTag(s: string, at: number, isEnd: boolean, wantAttrs: (name: string) => boolean): Tag {
  const n = s.length;
  let i = at + (isEnd ? 2 : 1);
  const nameStart = i;
  while (i < n) {
    const code = s.charCodeAt(i);
    if (isSpace(code) || code === 47 /* / */ || code === 62 /* > */) break;
    i++;
  }
  const name = s.slice(nameStart, i).toLowerCase();
  const attrs = !isEnd && wantAttrs(name) ? new Map<string, string>() : null;
  while (i < n) {
    const code = s.charCodeAt(i);
    if (code === 62) return { name, attrs, end: i + 1, closed: true };
    if (isSpace(code) || code === 47) {
      i++;
      continue;
    }
    const attrStart = i;
    i++;
    while (i < n) {
      const k = s.charCodeAt(i);
      if (isSpace(k) || k === 47 || k === 62 || k === 61 /* = */) break;
      i++;
    }
    const attrName = s.slice(attrStart, i).toLowerCase();
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    let value = '';
    if (s.charCodeAt(i) === 61) {
      i++;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      if (q === 34 || q === 39) {
        const close = s.indexOf(q === 34 ? '"' : "'", i + 1);
        if (close < 0) return { name, attrs, end: n, closed: false };
        value = s.slice(i + 1, close);
        i = close + 1;
      } else {
        const vStart = i;
        while (i < n && !isSpace(s.charCodeAt(i)) && s.charCodeAt(i) !== 62) i++;
        value = s.slice(vStart, i);
      }
    }
    if (attrs && !attrs.has(attrName)) attrs.set(attrName, decodeReferences(value));
  }
  return { name, attrs, end: n, closed: false };
}

/** A tag, comment or raw-text element left open at the end of a chunk is carried over up to this size, then skipped. */
const MAX_CARRY = 1 << 20;

/** What is being skipped across chunks: a comment (to "-->"), a bogus comment or huge tag (to ">"), or raw text. */
type Skip = { kind: 'comment' } | { kind: 'gt' } | { kind: 'raw'; name: string };

/**
 * One pass over a document given in chunks (each character looked at a bounded number of times), feeding a
 * handler. Whatever is not finished at a chunk's end (a tag, a comment, raw text) waits for the next chunk.
 */
export class HtmlTokenizer {
  private carry = '';
  private skip: Skip | null = null;

  constructor(private readonly handler: TokenHandler) {}

  write(chunk: string): void {
    this.run(this.carry === '' ? chunk : this.carry + chunk, false);
  }

  end(): void {
    this.run(this.carry, true);
    this.carry = '';
  }

  /** Skips to the end of what this.skip names; returns where scanning resumes (n when the end is not in s). */
  private skipFrom(s: string, from: number, final: boolean): number {
    const skip = this.skip!;
    const n = s.length;
    let at: number;
    let keep: number;
    if (skip.kind === 'comment') {
      const close = s.indexOf('-->', from);
      at = close < 0 ? -1 : close + 3;
      keep = 2;
    } else if (skip.kind === 'gt') {
      const close = s.indexOf('>', from);
      at = close < 0 ? -1 : close + 1;
      keep = 0;
    } else {
      const re = new RegExp(`</${skip.name}[\\s/>]`, 'ig');
      re.lastIndex = from;
      const m = re.exec(s);
      at = m ? m.index : -1;
      keep = skip.name.length + 3;
    }
    if (at >= 0) {
      this.skip = null;
      return at;
    }
    if (final) this.skip = null;
    else this.carry = s.slice(Math.max(from, n - keep));
    return n;
  }

  private run(s: string, final: boolean): void {
    this.carry = '';
    const handler = this.handler;
    const n = s.length;
    let i = this.skip ? this.skipFrom(s, 0, final) : 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      const stop = lt < 0 ? n : lt;
      if (stop > i) handler.text(s, i, stop);
      if (lt < 0) break;
      if (!final && n - lt < 4) {
        this.carry = s.slice(lt);
        return;
      }
      const next = s.charCodeAt(lt + 1);
      if (next === 33 /* ! */ && s.startsWith('<!--', lt)) {
        this.skip = { kind: 'comment' };
        i = this.skipFrom(s, lt + 4, final);
      } else if (next === 33 || next === 63 /* ? */ || (next === 47 /* / */ && !isAlpha(s.charCodeAt(lt + 2)))) {
        this.skip = { kind: 'gt' };
        i = this.skipFrom(s, lt + 2, final);
      } else if (next === 47 || isAlpha(next)) {
        const isEnd = next === 47;
        const tag = readTag(s, lt, isEnd, handler.wantsAttributes);
        if (!tag.closed && !final) {
          if (n - lt < MAX_CARRY) {
            this.carry = s.slice(lt);
            return;
          }
          this.skip = { kind: 'gt' }; // a tag over a megabyte long: dropped up to the next ">"
          i = this.skipFrom(s, tag.end, final);
          continue;
        }
        i = tag.end;
        if (isEnd) handler.endTag(tag.name);
        else if (RAW_TEXT.has(tag.name)) {
          this.skip = { kind: 'raw', name: tag.name };
          i = this.skipFrom(s, i, final);
        } else if (tag.name === 'plaintext') {
          this.skip = { kind: 'raw', name: 'plaintext-never-closes' };
          i = this.skipFrom(s, i, final);
        } else handler.startTag(tag);
      } else {
        handler.text(s, lt, lt + 1);
        i = lt + 1;
      }
    }
  }
}
