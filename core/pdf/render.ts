// Turns a report into the official PDF document (Nghị định 30/2020 format): header block, title, body of Part I and Part II with their tables, closing, recipients and signature.
import PDFDocument from 'pdfkit';
import { buildReportDocument } from '../document/build';
import { BODY_INDENT_MM, PARAGRAPH_GAP_PT, STYLES, type Block, type ClosingBlock, type HeaderBlock, type KeepRule, type ParagraphBlock, type RunStyle, type TableBlock as DocTableBlock, type TitleBlock } from '../document/model';
import type { Report } from '../model/schema';
import type { RenderMode } from '../text/report-text';
import { loadFonts, loadFontsSync, type FontSet } from './fonts';
import { A4, baselineOffset, Frame, MARGINS, MM, pdfStyle, type Align, type TextStyle } from './frame';
import { drawTable, layoutTable, prepareTable, tableStartHeight } from './table';

export interface RenderPdfOptions {
  /** 'draft' leaves the document number and the day blank for the clerical office; 'final' prints them. */
  mode: RenderMode;
  /** Folder holding the Liberation Serif TTFs (default: the repository's assets/fonts). */
  fontsDir?: string;
  /** Pages drawn after the official document (the optional overview appendix); never inside it. */
  after?: (frame: Frame) => void;
}

export interface RenderPdfSyncOptions {
  mode: RenderMode;
  fonts: FontSet;
  /** Creation date written in the PDF metadata (default: now). */
  now?: Date;
  after?: (frame: Frame) => void;
}

/* ------------------------------------------------------------------ styles (Nghị định 30/2020, Phụ lục I) */

const S = Object.fromEntries(Object.entries(STYLES).map(([k, v]) => [k, pdfStyle(v)])) as Record<keyof typeof STYLES, TextStyle>;

/** Body line height (about 1.1 single lines of 14 pt), first-line indent 1,27 cm, 6 pt between paragraphs. */
const BODY_LH = 18;
const INDENT = BODY_INDENT_MM * MM;
const PARA_GAP = PARAGRAPH_GAP_PT;
const HEADER_LH = 15.5;
const PORTRAIT_WIDTH = A4.width - MARGINS.left - MARGINS.right;
const LANDSCAPE_WIDTH = A4.height - MARGINS.left - MARGINS.right;

/* ------------------------------------------------------------------ building blocks */

interface ParagraphOptions {
  style?: TextStyle;
  align?: Align;
  indent?: number;
  lineHeight?: number;
  spaceBefore?: number;
  spaceAfter?: number;
  /** Height that must fit below this paragraph on the same page (keeps a heading with what follows). */
  keepWithNext?: number;
}

/** A body paragraph: justified, first-line indent; breaks between lines with at least two lines on each side. */
function paragraph(frame: Frame, text: string, opts: ParagraphOptions = {}): void {
  const style = opts.style ?? S.text;
  const lh = opts.lineHeight ?? BODY_LH;
  const align = opts.align ?? 'justify';
  const indent = opts.indent ?? (align === 'justify' ? INDENT : 0);
  frame.y += opts.spaceBefore ?? 0;
  let lines = frame.wrap(text, style, frame.width, indent);
  const keep = opts.keepWithNext ?? 0;
  if (lines.length * lh + keep > frame.remaining() && lines.length <= 3 && frame.y > frame.top + 0.01) frame.addPage();
  while (lines.length > 0) {
    let fit = Math.floor((frame.remaining() + 0.01) / lh);
    if (fit >= lines.length) {
      frame.drawLines(lines, frame.left, frame.y, frame.width, style, align, lh);
      frame.y += lines.length * lh;
      break;
    }
    if (lines.length - fit < 2) fit = lines.length - 2;
    if (fit < 2) {
      if (frame.y > frame.top + 0.01) {
        frame.addPage();
        continue;
      }
      fit = Math.max(1, Math.floor((frame.remaining() + 0.01) / lh));
    }
    frame.drawLines(lines.slice(0, fit), frame.left, frame.y, frame.width, style, align, lh);
    lines = lines.slice(fit);
    frame.addPage();
  }
  frame.y += opts.spaceAfter ?? PARA_GAP;
}

/** Draws one centred line in the box [x, x + w] with its baseline at `baseline`; returns its width. */
function centred(frame: Frame, text: string, x: number, w: number, baseline: number, style: TextStyle): number {
  const tw = frame.measure(text, style);
  frame.drawText(text, x + (w - tw) / 2, baseline, style);
  return tw;
}

/* ------------------------------------------------------------------ the header block */

/** Issuing body (left) and national motto (right), then the number and the place-and-date line on one level. */
function drawHeaderBlock(frame: Frame, block: HeaderBlock): void {
  const leftW = frame.width * block.leftShare;
  const rightX = frame.left + leftW;
  const rightW = frame.width - leftW;
  const top = frame.top;

  // Left: parent body (upright), issuing body (bold, a UBND on two lines), a rule of 1/3–1/2 its length.
  let ly = top;
  let widest = 0;
  for (const line of block.parentLines) {
    const style = pdfStyle(line.style);
    for (const l of frame.wrap(line.text, style, leftW)) {
      centred(frame, l.text, frame.left, leftW, ly + baselineOffset(style.size, HEADER_LH), style);
      ly += HEADER_LH;
    }
  }
  for (const line of block.bodyLines) {
    const style = pdfStyle(line.style);
    for (const l of frame.wrap(line.text, style, leftW)) {
      widest = Math.max(widest, centred(frame, l.text, frame.left, leftW, ly + baselineOffset(style.size, HEADER_LH), style));
      ly += HEADER_LH;
    }
  }
  const leftRuleY = ly + 3;
  const ruleLen = widest * 0.4;
  frame.hline(frame.left + (leftW - ruleLen) / 2, frame.left + (leftW + ruleLen) / 2, leftRuleY);

  // Right: Quốc hiệu, Tiêu ngữ with a rule as long as the motto.
  let ry = top;
  const nation = pdfStyle(block.nation.style);
  const motto = pdfStyle(block.motto.style);
  centred(frame, block.nation.text, rightX, rightW, ry + baselineOffset(nation.size, HEADER_LH), nation);
  ry += HEADER_LH;
  const mottoW = centred(frame, block.motto.text, rightX, rightW, ry + baselineOffset(motto.size, HEADER_LH + 1), motto);
  ry += HEADER_LH + 1;
  const rightRuleY = ry + 3;
  frame.hline(rightX + (rightW - mottoW) / 2, rightX + (rightW + mottoW) / 2, rightRuleY);

  // Number (left) and place-and-date (right) on the same baseline.
  const baseline = Math.max(leftRuleY, rightRuleY) + 19;
  centred(frame, block.number.text, frame.left, leftW, baseline, pdfStyle(block.number.style));
  centred(frame, block.date.text, rightX, rightW, baseline, pdfStyle(block.date.style));
  frame.y = baseline + 6;
}

/** "BÁO CÁO", the subject with a short rule below, and "Kính gửi". */
function drawTitleBlock(frame: Frame, block: TitleBlock): void {
  frame.y += 22;
  const lh = 18;
  const type = pdfStyle(block.type.style);
  const subject = pdfStyle(block.subject.style);
  const addressee = pdfStyle(block.addresseeLabel.style);
  centred(frame, block.type.text, frame.left, frame.width, frame.y + baselineOffset(type.size, lh), type);
  frame.y += lh;
  const subjectW = frame.width * 0.9;
  const lines = frame.wrap(block.subject.text, subject, subjectW);
  frame.drawLines(lines, frame.left + (frame.width - subjectW) / 2, frame.y, subjectW, subject, 'center', lh);
  frame.y += lines.length * lh + 4;
  const widest = Math.max(...lines.map((l) => l.width));
  const rule = Math.min(widest * 0.35, frame.width * 0.3);
  frame.hline(frame.left + (frame.width - rule) / 2, frame.left + (frame.width + rule) / 2, frame.y);
  frame.y += 14;

  const label = block.addresseeLabel.text;
  const items = block.addressees.map((a) => a.text);
  if (items.length === 0) {
    centred(frame, label, frame.left, frame.width, frame.y + baselineOffset(addressee.size, lh), addressee);
    frame.y += lh;
  } else {
    const labelW = frame.measure(`${label} `, addressee);
    const itemsW = Math.max(...items.map((i) => frame.measure(i, addressee)));
    const x0 = frame.left + Math.max(0, (frame.width - labelW - itemsW) / 2);
    frame.drawText(label, x0, frame.y + baselineOffset(addressee.size, lh), addressee);
    for (const item of items) {
      frame.drawText(item, x0 + labelW, frame.y + baselineOffset(addressee.size, lh), addressee);
      frame.y += lh;
    }
  }
  frame.y += 10;
}

/* ------------------------------------------------------------------ paragraphs, tables and notes */

function note(frame: Frame, text: string): void {
  paragraph(frame, text, { style: S.note, lineHeight: 16, spaceAfter: 4 });
}

/** The PDF face of a paragraph (the style of its first run; the model's paragraphs are uniform today). */
function paragraphStyle(block: ParagraphBlock): TextStyle {
  const first: RunStyle | undefined = block.runs[0]?.style;
  return first ? pdfStyle(first) : S.text;
}

function drawParagraph(frame: Frame, block: ParagraphBlock, keepWithNext: number): void {
  const text = block.runs.map((r) => r.text).join('');
  if (block.role === 'note') note(frame, text);
  else paragraph(frame, text, { style: paragraphStyle(block), keepWithNext });
}

interface TableBlock {
  /** Height that must fit for the table to start on the current page (title, header, first rows). */
  startHeight: number;
  draw(): void;
}

/** A report table with its title above and its notes below, measured before it is drawn. */
function tableBlock(frame: Frame, block: DocTableBlock): TableBlock {
  let prepared = prepareTable(frame, block.table, PORTRAIT_WIDTH);
  // Landscape pages only for a table whose columns do not fit the portrait text block (Nghị định 30/2020 allows it).
  const landscape = !prepared.fits;
  if (landscape) prepared = prepareTable(frame, block.table, LANDSCAPE_WIDTH);
  const layout = layoutTable(frame, prepared);
  const titleStyle = block.title ? pdfStyle(block.title.style) : S.tableTitle;
  const titleLines = (w: number) => (block.title ? frame.wrap(block.title.text, titleStyle, w * 0.92) : []);
  const titleLh = 18;
  const titleHeight = (lines: unknown[]) => (lines.length > 0 ? lines.length * titleLh + 6 : 0);
  const gapAbove = 4;
  const portraitTitle = titleLines(PORTRAIT_WIDTH);
  return {
    // A landscape table always starts a new page: nothing of it needs to fit on the current one.
    startHeight: landscape ? 0 : gapAbove + titleHeight(portraitTitle) + tableStartHeight(layout),
    draw() {
      if (landscape) {
        frame.landscape = true;
        frame.addPage();
      } else frame.y += gapAbove;
      const lines = landscape ? titleLines(frame.width) : portraitTitle;
      const titleH = titleHeight(lines);
      drawTable(frame, prepared, layout, {
        height: titleH,
        draw: () => {
          if (lines.length === 0) return;
          const w = frame.width * 0.92;
          frame.drawLines(lines, frame.left + (frame.width - w) / 2, frame.y, w, titleStyle, 'center', titleLh);
          frame.y += titleH;
        },
      });
      frame.y += 6;
      for (const n of block.notes) note(frame, n.text);
      frame.y += 4;
      if (landscape) {
        frame.landscape = false;
        frame.endPage();
      }
    },
  };
}

/* ------------------------------------------------------------------ the closing block */

/** Closing sentence, then "Nơi nhận" (left) beside the signature (right), all on one page. */
function drawClosingBlock(frame: Frame, block: ClosingBlock): void {
  const closing = frame.wrap(block.sentence.text, pdfStyle(block.sentence.style), frame.width, INDENT);
  const leftW = frame.width * block.leftShare;
  const rightX = frame.left + leftW;
  const rightW = frame.width - leftW;
  const authLh = 18;
  const recLh = 13;

  const authority = block.authority;
  const signSpace = 80;
  const rightH = authority.length * authLh + signSpace + authLh;

  const hang = frame.measure('- ', S.recipients);
  const recLines = [
    ...(block.recipientsIntro ? frame.wrap(block.recipientsIntro.text, S.recipients, leftW - 8).map((l) => ({ ...l, indent: -hang })) : []),
    // A recipient too long for one line continues under its text, not under the dash (hanging indent).
    ...block.recipients.flatMap((r) => frame.wrap(r.text, S.recipients, leftW - 8 - hang, -hang)),
  ];
  const leftH = authLh + recLines.length * recLh;
  const total = closing.length * BODY_LH + PARA_GAP + 6 + Math.max(leftH, rightH);
  if (total > frame.remaining() && frame.y > frame.top + 0.01) frame.addPage();

  frame.drawLines(closing, frame.left, frame.y, frame.width, S.text, 'justify', BODY_LH);
  frame.y += closing.length * BODY_LH + PARA_GAP + 6;

  const top = frame.y;
  // Right: authority lines, space for the signature and seal, the signer's name.
  let ry = top;
  for (const line of authority) {
    const style = pdfStyle(line.style);
    centred(frame, line.text, rightX, rightW, ry + baselineOffset(style.size, authLh), style);
    ry += authLh;
  }
  ry += signSpace;
  if (block.signer) centred(frame, block.signer.text, rightX, rightW, ry + baselineOffset(S.signer.size, authLh), pdfStyle(block.signer.style));
  ry += authLh;

  // Left: "Nơi nhận:" level with the first authority line, then the recipients.
  const labelBaseline = top + baselineOffset(S.authority.size, authLh);
  frame.drawText(block.recipientsLabel.text, frame.left, labelBaseline, pdfStyle(block.recipientsLabel.style));
  let ly = top + authLh - 2;
  frame.drawLines(recLines, frame.left + hang, ly, leftW - hang, S.recipients, 'left', recLh);
  ly += recLines.length * recLh;
  frame.y = Math.max(ly, ry);
}

/* ------------------------------------------------------------------ the document */

/**
 * Parsed fonts and shaped words shared across documents. pdfkit parses every font anew for each document and
 * shapes every word again; both take most of the time of a small report. After pdfkit creates a face for a
 * document, its parsed font and word cache are swapped for the ones of the first document that used the same file,
 * and it gets a subset of its own (documentSubset). Only done when the pdfkit and fontkit objects have the expected
 * shape (pdfkit 0.17, fontkit 2); otherwise nothing is shared.
 */
interface SharedFace {
  font: ParsedFont;
  layoutCache: Record<string, unknown>;
}
/** What the sharing uses of a fontkit font: its subsetter and its glyph cache (glyph id → glyph object). */
interface ParsedFont {
  createSubset(): unknown;
  _glyphs: Record<number, unknown>;
}
const sharedFaces = new WeakMap<Uint8Array, SharedFace>();
const MAX_SHARED_WORDS = 50_000;

/**
 * A document's subset of a shared parsed font, looking glyphs up in a glyph cache of its own.
 *
 * fontkit keeps one glyph object per glyph id with the code points of the first request, and pdfkit writes those
 * code points into the font's ToUnicode map (what text extraction, copying and searching read). When a document
 * ends, the subsetter asks for the components of accented letters (the "a" and the grave of "à") without code
 * points. On the shared font that left a letter seen only inside accented ones (italic "a": the report's italic
 * date line has "ngày", "tháng", "Kạn" but no plain "a") with no code points, and every later document mapped it to
 * nothing: pdftotext read the appendix note "Phụ lục tham khảo" as "Phụ lục th m khảo". With the subset on a view of
 * the font that has its own glyph cache, only shaping, which knows the code points, fills the shared one. The glyph
 * outlines, metrics and tables are the shared font's (read through the prototype), so the bytes do not change.
 */
function documentSubset(font: ParsedFont): unknown {
  const own = Object.create(font) as ParsedFont;
  own._glyphs = {};
  return own.createSubset();
}

function registerFaces(doc: InstanceType<typeof PDFDocument>, fonts: FontSet): void {
  const faces: [string, Uint8Array][] = [
    ['R', fonts.regular],
    ['B', fonts.bold],
    ['I', fonts.italic],
    ['BI', fonts.boldItalic],
  ];
  for (const [name, data] of faces) {
    doc.registerFont(name, data as Buffer);
    doc.font(name);
    const face = (doc as unknown as { _font?: Partial<SharedFace> & { subset?: unknown } })._font;
    if (!face || typeof face.font?.createSubset !== 'function' || typeof face.font._glyphs !== 'object' || !face.layoutCache || !('subset' in face)) continue;
    const known = sharedFaces.get(data);
    // Keep the shared word cache bounded in a long-running app (each entry holds a word's glyphs and positions).
    if (known && Object.keys(known.layoutCache).length > MAX_SHARED_WORDS) known.layoutCache = Object.create(null) as Record<string, unknown>;
    if (known) {
      face.font = known.font;
      face.layoutCache = known.layoutCache;
    } else sharedFaces.set(data, { font: face.font, layoutCache: face.layoutCache });
    face.subset = documentSubset(face.font);
  }
}

/**
 * A frame for measuring and wrapping text with the document's fonts, without drawing (other writers, the DOCX one,
 * size rules and table columns with the same metrics as the PDF). One per font set.
 */
const measureFrames = new WeakMap<FontSet, Frame>();
export function measuringFrame(fonts: FontSet): Frame {
  let frame = measureFrames.get(fonts);
  if (!frame) {
    const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
    registerFaces(doc, fonts);
    measureFrames.set(fonts, (frame = new Frame(doc)));
  }
  return frame;
}

function collect(doc: InstanceType<typeof PDFDocument>): Uint8Array {
  const chunks: Buffer[] = [];
  let chunk: Buffer | null;
  while ((chunk = doc.read() as Buffer | null) !== null) chunks.push(chunk);
  const out = Buffer.concat(chunks);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Height a paragraph's keep rule asks to fit below it: body lines, or the start of the next table (past notes). */
function keepHeight(blocks: readonly Block[], i: number, keep: KeepRule, tableOf: (b: DocTableBlock) => TableBlock): number {
  if (keep.kind === 'none') return 0;
  if (keep.kind === 'lines') return keep.lines * BODY_LH;
  for (let j = i + 1; j < blocks.length; j++) {
    const next = blocks[j]!;
    if (next.kind === 'table') return tableOf(next).startHeight;
    if (!(next.kind === 'paragraph' && next.role === 'note')) break;
  }
  return keep.elseLines * BODY_LH;
}

/** The whole document, synchronously, from fonts already loaded (for benchmarks and callers that hold the fonts). */
export function renderReportPdfSync(input: Report, opts: RenderPdfSyncOptions): Uint8Array {
  const { meta, blocks } = buildReportDocument(input, opts.mode);
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.7',
    lang: 'vi-VN',
    displayTitle: true,
    font: null as unknown as string,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Creator: 'Báo cáo 766',
      Producer: 'Báo cáo 766 (pdfkit)',
      CreationDate: opts.now ?? new Date(),
    },
  });
  registerFaces(doc, opts.fonts);

  const frame = new Frame(doc);
  // Tables are measured once, when a keep rule first needs their start height or when they are drawn.
  const tables = new Map<DocTableBlock, TableBlock>();
  const tableOf = (b: DocTableBlock): TableBlock => {
    let t = tables.get(b);
    if (!t) tables.set(b, (t = tableBlock(frame, b)));
    return t;
  };
  frame.addPage();
  blocks.forEach((block, i) => {
    switch (block.kind) {
      case 'header':
        return drawHeaderBlock(frame, block);
      case 'title':
        return drawTitleBlock(frame, block);
      case 'paragraph':
        return drawParagraph(frame, block, keepHeight(blocks, i, block.keep, tableOf));
      case 'table':
        return tableOf(block).draw();
      case 'closing':
        frame.y += 4;
        return drawClosingBlock(frame, block);
    }
  });

  opts.after?.(frame);

  doc.end();
  return collect(doc);
}

/** The official PDF of a report ('draft' or 'final'), with Liberation Serif read from `fontsDir` (default: assets/fonts). */
export async function renderReportPdf(report: Report, opts: RenderPdfOptions): Promise<Uint8Array> {
  const fonts = await loadFonts(opts.fontsDir);
  return renderReportPdfSync(report, { mode: opts.mode, fonts, ...(opts.after ? { after: opts.after } : {}) });
}

export { loadFonts, loadFontsSync };
