// Turns a report into the official PDF document (Nghị định 30/2020 format): header block, title, body of Part I and Part II with their tables, closing, recipients and signature.
import PDFDocument from 'pdfkit';
import { UserFacingError } from '../files/errors';
import type { Report, Table } from '../model/schema';
import { nfcDeep } from '../text/normalize';
import {
  addresseeLines,
  closingSentence,
  COMPUTED_NOTE,
  documentDateLine,
  documentNumberLine,
  documentTitle,
  documentTypeName,
  extraSectionHeading,
  groupHeading,
  lineIsComputed,
  lineSentence,
  ONLINE_SERVICES_HEADING,
  overviewSentence,
  PART_TWO_HEADING,
  partOneHeading,
  recipientLines,
  signatureAuthorityLines,
  subjectLine,
  type RenderMode,
} from '../text/report-text';
import { loadFonts, loadFontsSync, type FontSet } from './fonts';
import { A4, baselineOffset, Frame, MARGINS, MM, type Align, type TextStyle } from './frame';
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

const S = {
  parent: { face: 'R', size: 13 },
  body: { face: 'B', size: 13 },
  number: { face: 'R', size: 13 },
  nation: { face: 'B', size: 13 },
  motto: { face: 'B', size: 14 },
  date: { face: 'I', size: 14 },
  type: { face: 'B', size: 14 },
  subject: { face: 'B', size: 14 },
  addressee: { face: 'R', size: 14 },
  text: { face: 'R', size: 14 },
  heading: { face: 'B', size: 14 },
  subHeading: { face: 'BI', size: 14 },
  tableTitle: { face: 'B', size: 14 },
  note: { face: 'I', size: 13 },
  authority: { face: 'B', size: 14 },
  signer: { face: 'B', size: 14 },
  recipientsLabel: { face: 'BI', size: 12 },
  recipients: { face: 'R', size: 11 },
} satisfies Record<string, TextStyle>;

/** Body line height (about 1.1 single lines of 14 pt), first-line indent 1,27 cm, 6 pt between paragraphs. */
const BODY_LH = 18;
const INDENT = 1.27 * 10 * MM;
const PARA_GAP = 6;
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

/** A heading: bold, indented like the body, kept with the next three lines. */
function heading(frame: Frame, text: string, style: TextStyle = S.heading, keep = 3 * BODY_LH): void {
  paragraph(frame, text, { style, keepWithNext: keep });
}

/** Draws one centred line in the box [x, x + w] with its baseline at `baseline`; returns its width. */
function centred(frame: Frame, text: string, x: number, w: number, baseline: number, style: TextStyle): number {
  const tw = frame.measure(text, style);
  frame.drawText(text, x + (w - tw) / 2, baseline, style);
  return tw;
}

/* ------------------------------------------------------------------ the header block */

/** Issuing body (left) and national motto (right), then the number and the place-and-date line on one level. */
function drawHeaderBlock(frame: Frame, report: Report, mode: RenderMode): void {
  const { profile } = report;
  const leftW = frame.width * 0.4;
  const rightX = frame.left + leftW;
  const rightW = frame.width - leftW;
  const top = frame.top;

  // Left: parent body (upright), issuing body (bold, a UBND on two lines), a rule of 1/3–1/2 its length.
  let ly = top;
  let widest = 0;
  for (const line of profile.parentLines) {
    for (const l of frame.wrap(line, S.parent, leftW)) {
      centred(frame, l.text, frame.left, leftW, ly + baselineOffset(S.parent.size, HEADER_LH), S.parent);
      ly += HEADER_LH;
    }
  }
  for (const line of profile.bodyLines) {
    for (const l of frame.wrap(line, S.body, leftW)) {
      widest = Math.max(widest, centred(frame, l.text, frame.left, leftW, ly + baselineOffset(S.body.size, HEADER_LH), S.body));
      ly += HEADER_LH;
    }
  }
  const leftRuleY = ly + 3;
  const ruleLen = widest * 0.4;
  frame.hline(frame.left + (leftW - ruleLen) / 2, frame.left + (leftW + ruleLen) / 2, leftRuleY);

  // Right: Quốc hiệu, Tiêu ngữ with a rule as long as the motto.
  let ry = top;
  centred(frame, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, rightW, ry + baselineOffset(S.nation.size, HEADER_LH), S.nation);
  ry += HEADER_LH;
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  const mottoW = centred(frame, motto, rightX, rightW, ry + baselineOffset(S.motto.size, HEADER_LH + 1), S.motto);
  ry += HEADER_LH + 1;
  const rightRuleY = ry + 3;
  frame.hline(rightX + (rightW - mottoW) / 2, rightX + (rightW + mottoW) / 2, rightRuleY);

  // Number (left) and place-and-date (right) on the same baseline.
  const baseline = Math.max(leftRuleY, rightRuleY) + 19;
  centred(frame, documentNumberLine(report, mode), frame.left, leftW, baseline, S.number);
  centred(frame, documentDateLine(report, mode), rightX, rightW, baseline, S.date);
  frame.y = baseline + 6;
}

/** "BÁO CÁO", the subject with a short rule below, and "Kính gửi". */
function drawTitleBlock(frame: Frame, report: Report): void {
  frame.y += 22;
  const lh = 18;
  centred(frame, documentTypeName(report), frame.left, frame.width, frame.y + baselineOffset(S.type.size, lh), S.type);
  frame.y += lh;
  const subjectW = frame.width * 0.9;
  const lines = frame.wrap(subjectLine(report), S.subject, subjectW);
  frame.drawLines(lines, frame.left + (frame.width - subjectW) / 2, frame.y, subjectW, S.subject, 'center', lh);
  frame.y += lines.length * lh + 4;
  const widest = Math.max(...lines.map((l) => l.width));
  const rule = Math.min(widest * 0.35, frame.width * 0.3);
  frame.hline(frame.left + (frame.width - rule) / 2, frame.left + (frame.width + rule) / 2, frame.y);
  frame.y += 14;

  const [label, ...items] = addresseeLines(report.profile);
  if (items.length === 0) {
    centred(frame, label ?? '', frame.left, frame.width, frame.y + baselineOffset(S.addressee.size, lh), S.addressee);
    frame.y += lh;
  } else {
    const labelW = frame.measure(`${label} `, S.addressee);
    const itemsW = Math.max(...items.map((i) => frame.measure(i, S.addressee)));
    const x0 = frame.left + Math.max(0, (frame.width - labelW - itemsW) / 2);
    frame.drawText(label ?? '', x0, frame.y + baselineOffset(S.addressee.size, lh), S.addressee);
    for (const item of items) {
      frame.drawText(item, x0 + labelW, frame.y + baselineOffset(S.addressee.size, lh), S.addressee);
      frame.y += lh;
    }
  }
  frame.y += 10;
}

/* ------------------------------------------------------------------ tables and notes */

function note(frame: Frame, text: string): void {
  paragraph(frame, text, { style: S.note, lineHeight: 16, spaceAfter: 4 });
}

interface TableBlock {
  /** Height that must fit for the table to start on the current page (title, header, first rows). */
  startHeight: number;
  draw(): void;
}

/** A report table with its title above and its notes below, measured before it is drawn. */
function tableBlock(frame: Frame, report: Report, table: Table, withTitle: boolean): TableBlock {
  let prepared = prepareTable(frame, report, table, report.numberStyle, PORTRAIT_WIDTH);
  // Landscape pages only for a table whose columns do not fit the portrait text block (Nghị định 30/2020 allows it).
  const landscape = !prepared.fits;
  if (landscape) prepared = prepareTable(frame, report, table, report.numberStyle, LANDSCAPE_WIDTH);
  const layout = layoutTable(frame, prepared);
  const titleLines = (w: number) => (withTitle ? frame.wrap(table.title, S.tableTitle, w * 0.92) : []);
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
          frame.drawLines(lines, frame.left + (frame.width - w) / 2, frame.y, w, S.tableTitle, 'center', titleLh);
          frame.y += titleH;
        },
      });
      frame.y += 6;
      if (table.note?.trim()) note(frame, table.note.trim());
      if (prepared.computed) note(frame, COMPUTED_NOTE);
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
function drawClosingBlock(frame: Frame, report: Report): void {
  const closing = frame.wrap(closingSentence(report), S.text, frame.width, INDENT);
  const leftW = frame.width * 0.45;
  const rightX = frame.left + leftW;
  const rightW = frame.width - leftW;
  const authLh = 18;
  const recLh = 13;

  const authority = signatureAuthorityLines(report.profile.signer);
  const signSpace = 80;
  const rightH = authority.length * authLh + signSpace + authLh;

  const hang = frame.measure('- ', S.recipients);
  const recLines = [
    ...(report.profile.recipientsIntro.trim()
      ? frame.wrap(report.profile.recipientsIntro.trim(), S.recipients, leftW - 8).map((l) => ({ ...l, indent: -hang }))
      : []),
    // A recipient too long for one line continues under its text, not under the dash (hanging indent).
    ...recipientLines(report.profile).flatMap((r) => frame.wrap(r, S.recipients, leftW - 8 - hang, -hang)),
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
    centred(frame, line, rightX, rightW, ry + baselineOffset(S.authority.size, authLh), S.authority);
    ry += authLh;
  }
  ry += signSpace;
  if (report.profile.signer.name.trim()) centred(frame, report.profile.signer.name.trim(), rightX, rightW, ry + baselineOffset(S.signer.size, authLh), S.signer);
  ry += authLh;

  // Left: "Nơi nhận:" level with the first authority line, then the recipients.
  const labelBaseline = top + baselineOffset(S.authority.size, authLh);
  frame.drawText('Nơi nhận:', frame.left, labelBaseline, S.recipientsLabel);
  let ly = top + authLh - 2;
  frame.drawLines(recLines, frame.left + hang, ly, leftW - hang, S.recipients, 'left', recLh);
  ly += recLines.length * recLh;
  frame.y = Math.max(ly, ry);
}

/* ------------------------------------------------------------------ the document */

/**
 * Parsed fonts and shaped words shared across documents. pdfkit parses every font anew for each document and
 * shapes every word again; both take most of the time of a small report. After pdfkit creates a face for a
 * document, its parsed font (fresh subset) and word cache are swapped for the ones of the first document that used
 * the same file. Only done when the pdfkit object has the expected shape (pdfkit 0.17); otherwise nothing changes.
 */
interface SharedFace {
  font: { createSubset(): unknown };
  layoutCache: Record<string, unknown>;
}
const sharedFaces = new WeakMap<Uint8Array, SharedFace>();
const MAX_SHARED_WORDS = 50_000;

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
    if (!face || typeof face.font?.createSubset !== 'function' || !face.layoutCache || !('subset' in face)) continue;
    const known = sharedFaces.get(data);
    // Keep the shared word cache bounded in a long-running app (each entry holds a word's glyphs and positions).
    if (known && Object.keys(known.layoutCache).length > MAX_SHARED_WORDS) known.layoutCache = Object.create(null) as Record<string, unknown>;
    if (known) {
      face.font = known.font;
      face.subset = known.font.createSubset();
      face.layoutCache = known.layoutCache;
    } else sharedFaces.set(data, { font: face.font, layoutCache: face.layoutCache });
  }
}

function checkFinal(report: Report, mode: RenderMode): void {
  if (mode !== 'final') return;
  const missing: string[] = [];
  if (!report.document.number) missing.push('số văn bản');
  if (report.document.date.day === null) missing.push('ngày ký');
  if (missing.length > 0) {
    throw new UserFacingError(
      'PDF_FINAL_INCOMPLETE',
      `Bản chính thức cần ${missing.join(' và ')}. Hãy nhập ${missing.join(' và ')} trong phần thông tin văn bản, hoặc xuất bản dự thảo (để trống số và ngày).`,
    );
  }
}

function collect(doc: InstanceType<typeof PDFDocument>): Uint8Array {
  const chunks: Buffer[] = [];
  let chunk: Buffer | null;
  while ((chunk = doc.read() as Buffer | null) !== null) chunks.push(chunk);
  const out = Buffer.concat(chunks);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** The whole document, synchronously, from fonts already loaded (for benchmarks and callers that hold the fonts). */
export function renderReportPdfSync(input: Report, opts: RenderPdfSyncOptions): Uint8Array {
  const report = nfcDeep(input);
  checkFinal(report, opts.mode);
  const author = report.profile.bodyLines.join(' ');
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.7',
    lang: 'vi-VN',
    displayTitle: true,
    font: null as unknown as string,
    info: {
      Title: documentTitle(report, opts.mode),
      Author: author,
      Subject: subjectLine(report),
      Creator: 'Báo cáo 766',
      Producer: 'Báo cáo 766 (pdfkit)',
      CreationDate: opts.now ?? new Date(),
    },
  });
  registerFaces(doc, opts.fonts);

  const frame = new Frame(doc);
  frame.addPage();
  drawHeaderBlock(frame, report, opts.mode);
  drawTitleBlock(frame, report);

  for (const p of report.basis) if (p.trim()) paragraph(frame, p);

  heading(frame, partOneHeading(report));
  paragraph(frame, overviewSentence(report));

  const tablesOf = (section: string) => report.tables.filter((t) => t.section === section);
  for (const group of report.groups) {
    const hasCopiesLine = group.lines.some((l) => l.id === 'mdsh.eCopies');
    const tables = tablesOf(group.code).map((t) => tableBlock(frame, report, t, !(t.kind === 'eCopies' && hasCopiesLine)));
    if (group.code === 'CLGQ') heading(frame, ONLINE_SERVICES_HEADING, S.heading, 4 * BODY_LH);
    const sub = group.code === 'CLGQ' || group.code === 'TTTT';
    const firstStart = tables[0]?.startHeight ?? 0;
    heading(frame, groupHeading(group), sub ? S.subHeading : S.heading, group.lines.length > 0 ? 3 * BODY_LH : firstStart);
    group.lines.forEach((line, i) => {
      const last = i === group.lines.length - 1;
      // A heading line keeps with its sub-lines; the last line before a table keeps with the table's start.
      const keep = last && line.kind === 'heading' && tables.length > 0 ? firstStart : line.kind === 'heading' ? 2 * BODY_LH : 0;
      paragraph(frame, lineSentence(line, report.numberStyle), { keepWithNext: keep });
    });
    if (group.lines.some(lineIsComputed)) note(frame, COMPUTED_NOTE);
    for (const table of tables) table.draw();
  }

  const partTwo = tablesOf('II').map((t) => tableBlock(frame, report, t, true));
  heading(frame, PART_TWO_HEADING, S.heading, partTwo[0]?.startHeight ?? 3 * BODY_LH);
  for (const table of partTwo) table.draw();

  report.extraSections.forEach((section, i) => {
    heading(frame, extraSectionHeading(section.heading, i));
    for (const p of section.paragraphs) if (p.trim()) paragraph(frame, p);
  });

  frame.y += 4;
  drawClosingBlock(frame, report);
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
