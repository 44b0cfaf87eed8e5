// The page frame of the official document: A4 pages with Nghị định 30/2020 margins, page numbers, and measured, wrapped, justified text drawn with pdfkit.
import type PDFDocument from 'pdfkit';
import { MARGINS_MM, PAGE_NUMBERING, type RunStyle } from '../document/model';

type Doc = InstanceType<typeof PDFDocument>;

/** The four faces registered in the document. */
export type Face = 'R' | 'B' | 'I' | 'BI';

export interface TextStyle {
  face: Face;
  /** Font size in pt. */
  size: number;
}

export const MM = 72 / 25.4;

/** The registered face of a document style. */
export function pdfStyle(style: RunStyle): TextStyle {
  return { face: style.bold ? (style.italic ? 'BI' : 'B') : style.italic ? 'I' : 'R', size: style.size };
}

/** A4 portrait in pt. */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** Margins (Nghị định 30/2020, Phụ lục I: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm). */
export const MARGINS = {
  top: MARGINS_MM.top * MM,
  bottom: MARGINS_MM.bottom * MM,
  left: MARGINS_MM.left * MM,
  right: MARGINS_MM.right * MM,
} as const;

/** Liberation Serif vertical metrics per pt of size (same as Times New Roman). */
const ASCENT = 0.891;
const DESCENT = 0.216;

/** Page numbers: 13 pt upright, centred in the top margin, from page 2 on. */
export const PAGE_NUMBER_STYLE: TextStyle = pdfStyle(PAGE_NUMBERING.style);
/** Baseline of the page number, measured from the top edge of the page. */
export const PAGE_NUMBER_BASELINE = 12 * MM;

export interface WrappedLine {
  text: string;
  /** Natural width with single spaces. */
  width: number;
  /** Number of words (for justification). */
  words: number;
  /** Left indent of this line (first-line indent). */
  indent: number;
  /** Last line of its paragraph (never stretched when justifying). */
  end: boolean;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

/** Baseline offset of a text line of `size` centred in a line box of height `lineHeight`. */
export function baselineOffset(size: number, lineHeight: number): number {
  return (lineHeight - (ASCENT + DESCENT) * size) / 2 + ASCENT * size;
}

/**
 * Owns the pdfkit document, the current page and the vertical position `y` (top of the next element).
 * Every page is A4 portrait with the official margins; pages from the second on get their number.
 */
export class Frame {
  readonly doc: Doc;
  /** 1-based number of the current page (0 before the first page). */
  page = 0;
  y = 0;
  readonly left = MARGINS.left;
  readonly top = MARGINS.top;
  /** Orientation of the pages added from now on (landscape only for pages of a table too wide for portrait). */
  landscape = false;
  private readonly widths = new Map<string, number>();
  private currentFace: Face | null = null;
  private currentSize = 0;

  constructor(doc: Doc) {
    this.doc = doc;
  }

  get pageWidth(): number {
    return this.landscape ? A4.height : A4.width;
  }

  get pageHeight(): number {
    return this.landscape ? A4.width : A4.height;
  }

  /** Width of the text block on the current page. */
  get width(): number {
    return this.pageWidth - MARGINS.left - MARGINS.right;
  }

  /** Lowest y the content may reach on the current page. */
  get bottom(): number {
    return this.pageHeight - MARGINS.bottom;
  }

  get right(): number {
    return this.left + this.width;
  }

  /** Starts a new A4 page (portrait unless `landscape` is set), numbering it from page 2 on. */
  addPage(): void {
    this.doc.addPage({ size: 'A4', layout: this.landscape ? 'landscape' : 'portrait', margin: 0 });
    this.currentFace = null;
    this.page += 1;
    this.y = this.top;
    if (this.page >= PAGE_NUMBERING.fromPage) {
      const label = String(this.page);
      const w = this.measure(label, PAGE_NUMBER_STYLE);
      this.drawText(label, this.left + (this.width - w) / 2, PAGE_NUMBER_BASELINE, PAGE_NUMBER_STYLE);
    }
  }

  /** Marks the current page as full: whatever comes next starts a new page (in the orientation set by then). */
  endPage(): void {
    this.y = Number.POSITIVE_INFINITY;
  }

  /** Space left on the page below y. */
  remaining(): number {
    return this.bottom - this.y;
  }

  /** Moves to a new page unless `height` fits below y. Returns true when a page was added. */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom + 0.01) return false;
    this.addPage();
    return true;
  }

  private setFont(style: TextStyle): void {
    if (this.currentFace !== style.face || this.currentSize !== style.size) {
      this.doc.font(style.face).fontSize(style.size);
      this.currentFace = style.face;
      this.currentSize = style.size;
    }
  }

  /** Width of `text` in `style` (cached per face and word; widths scale linearly with size). */
  measure(text: string, style: TextStyle): number {
    const key = style.face + '\u0000' + text;
    let unit = this.widths.get(key);
    if (unit === undefined) {
      this.setFont({ face: style.face, size: 1000 });
      unit = this.doc.widthOfString(text) / 1000;
      this.widths.set(key, unit);
      this.currentFace = null;
    }
    return unit * style.size;
  }

  /**
   * Breaks `text` into lines no wider than `width` (the first line `firstIndent` narrower). Runs of white space
   * collapse to one space; explicit "\n" starts a new line; a word longer than a line is cut between characters.
   */
  wrap(text: string, style: TextStyle, width: number, firstIndent = 0): WrappedLine[] {
    const out: WrappedLine[] = [];
    const space = this.measure(' ', style);
    const paragraphs = text.normalize('NFC').split('\n');
    let indent = firstIndent;
    for (const para of paragraphs) {
      const words = para.split(/[ \t\u00a0]+/).filter((w) => w !== '');
      if (words.length === 0) {
        out.push({ text: '', width: 0, words: 0, indent, end: true });
        indent = 0;
        continue;
      }
      let line: string[] = [];
      let lineWidth = 0;
      const flush = () => {
        out.push({ text: line.join(' '), width: lineWidth, words: line.length, indent, end: false });
        indent = 0;
        line = [];
        lineWidth = 0;
      };
      /** Cuts a word longer than a line between characters (a URL, say); the last piece stays on the open line. */
      const cutWord = (word: string) => {
        let piece = '';
        for (const ch of word) {
          if (piece && this.measure(piece + ch, style) > width - indent) {
            line = [piece];
            lineWidth = this.measure(piece, style);
            flush();
            piece = ch;
          } else piece += ch;
        }
        line = [piece];
        lineWidth = this.measure(piece, style);
      };
      for (const word of words) {
        const w = this.measure(word, style);
        if (line.length > 0 && lineWidth + space + w <= width - indent + 0.001) {
          line.push(word);
          lineWidth += space + w;
          continue;
        }
        if (line.length > 0) flush();
        if (w <= width - indent) {
          line.push(word);
          lineWidth = w;
        } else cutWord(word);
      }
      if (line.length > 0) flush();
      const last = out[out.length - 1];
      if (last) last.end = true;
    }
    return out;
  }

  /** Draws one line of text with its baseline at `baseline`; `wordSpacing` adds space between words (justification). */
  drawText(text: string, x: number, baseline: number, style: TextStyle, wordSpacing = 0): void {
    if (text === '') return;
    this.setFont(style);
    this.doc.text(text.normalize('NFC'), x, baseline, { lineBreak: false, baseline: 'alphabetic', ...(wordSpacing > 0.001 ? { wordSpacing } : {}) });
  }

  /**
   * Draws wrapped lines in the box [x, x + width] from top `y`, one every `lineHeight`. Justified text stretches
   * every line but the last of each paragraph (and lines of one word).
   */
  drawLines(lines: readonly WrappedLine[], x: number, y: number, width: number, style: TextStyle, align: Align, lineHeight: number): void {
    const off = baselineOffset(style.size, lineHeight);
    lines.forEach((line, i) => {
      const baseline = y + i * lineHeight + off;
      const avail = width - line.indent;
      let lx = x + line.indent;
      let ws = 0;
      if (align === 'center') lx += (avail - line.width) / 2;
      else if (align === 'right') lx += avail - line.width;
      else if (align === 'justify') {
        if (!line.end && line.words > 1) ws = Math.max(0, (avail - line.width) / (line.words - 1));
      }
      this.drawText(line.text, lx, baseline, style, ws);
    });
  }

  /** A horizontal rule from x1 to x2 at y. */
  hline(x1: number, x2: number, y: number, lineWidth = 0.6): void {
    this.doc.save().lineWidth(lineWidth).moveTo(x1, y).lineTo(x2, y).stroke().restore();
  }
}
