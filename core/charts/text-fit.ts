// Label placement: long Vietnamese unit names wrapped to a width and cut with an ellipsis, by a measuring function
// the renderer passes in (pdfkit's widthOfString, or the screen's estimate), so core never needs a font or the DOM.

/** Width of `text` at `size` in the chart's units. */
export type MeasureText = (text: string, size: number) => number;

const ELLIPSIS = '…';

/**
 * An estimate of a sans-serif text width (Segoe UI / Arial / Noto Sans average advance widths), for the screen,
 * where measuring would need a canvas. Vietnamese tone marks do not widen a letter; NFC keeps one code point each.
 */
export const estimateTextWidth: MeasureText = (text, size) => {
  let em = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Combining marks (a decomposed tone mark) add no width.
    if (code >= 0x300 && code <= 0x36f) continue;
    let w = EM_CACHE.get(code);
    if (w === undefined) {
      w = charEm(text[i]!);
      EM_CACHE.set(code, w);
    }
    em += w;
  }
  return em * size;
};

const EM_CACHE = new Map<number, number>();

function charEm(ch: string): number {
  if (ch === ' ') return 0.28;
  if ('iljI.,:;|!\'()[]'.includes(ch)) return 0.28;
  if ('ftr-/'.includes(ch)) return 0.36;
  if ('mwMW'.includes(ch)) return 0.85;
  if (/\p{Lu}/u.test(ch)) return 0.68;
  if (/[0-9]/.test(ch)) return 0.56;
  return 0.54;
}

/** Cuts `text` so that it plus "…" fits `width` (the whole text when it fits). */
export function ellipsize(text: string, width: number, size: number, measure: MeasureText): string {
  if (measure(text, size) <= width) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(chars.slice(0, mid).join('').trimEnd() + ELLIPSIS, size) <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? ELLIPSIS : chars.slice(0, lo).join('').trimEnd() + ELLIPSIS;
}

export interface FittedLabel {
  lines: string[];
  /** True when words were cut off (the full text belongs in a tooltip / the table). */
  truncated: boolean;
}

/**
 * Wraps `text` on spaces into at most `maxLines` lines of `width`; the last line is cut with "…" when the rest does
 * not fit, and a single word wider than the line is cut too. Every returned line measures ≤ width.
 */
export function fitLabel(text: string, width: number, size: number, measure: MeasureText, maxLines = 2): FittedLabel {
  const words = text.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  // Word widths once; a line's width is the sum with the spaces (text widths add up, kerning aside).
  const ws = words.map((w) => measure(w, size));
  const space = measure(' ', size);
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    let line = words[i]!;
    let lineW = ws[i]!;
    i++;
    while (i < words.length && lineW + space + ws[i]! <= width) {
      line = `${line} ${words[i]}`;
      lineW += space + ws[i]!;
      i++;
    }
    lines.push(line);
  }
  let truncated = i < words.length;
  if (truncated && lines.length > 0) {
    const last = lines.length - 1;
    lines[last] = ellipsize(`${lines[last]} ${words.slice(i).join(' ')}`, width, size, measure);
  }
  for (let k = 0; k < lines.length; k++) {
    if (measure(lines[k]!, size) > width) {
      lines[k] = ellipsize(lines[k]!, width, size, measure);
      truncated = true;
    }
  }
  return { lines, truncated };
}
