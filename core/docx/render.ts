// Writes the report's document model as an editable Word file (.docx) with the `docx` package: A4 with Nghị định 30/2020 margins, Times New Roman, real Word tables, page numbers from page 2.
//
// Everything is ordinary paragraphs and tables (no text boxes, frames or pictures of text): the header block and
// the closing block are borderless two-column tables as clerks make them; the short rules under the issuing body,
// the motto and the subject are paragraph borders narrowed by indents. Sizes, faces and spacing follow the PDF
// writer (core/pdf/render.ts); column widths and rule lengths are measured with the same font metrics.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type IParagraphStyleOptions,
  type ISectionOptions,
} from 'docx';
import { buildReportDocument } from '../document/build';
import {
  BODY_INDENT_MM,
  FONT_FAMILY,
  MARGINS_MM,
  PAGE_A4_MM,
  PAGE_NUMBERING,
  PARAGRAPH_GAP_PT,
  STYLES,
  type Block,
  type CellAlign,
  type ClosingBlock,
  type HeaderBlock,
  type ParagraphBlock,
  type Run,
  type RunStyle,
  type TableBlock,
  type TitleBlock,
} from '../document/model';
import { PAD_X, PAD_Y, tableWidths } from '../document/table';
import type { Report } from '../model/schema';
import { loadFonts } from '../pdf/fonts';
import { MM, pdfStyle } from '../pdf/frame';
import { measuringFrame } from '../pdf/render';
import type { FontSet } from '../pdf/fonts';
import type { RenderMode } from '../text/report-text';

export interface RenderDocxOptions {
  /** 'draft' leaves the document number and the day blank for the clerical office; 'final' prints them. */
  mode: RenderMode;
  /** Folder holding the Liberation Serif TTFs used to measure text (default: the repository's assets/fonts). */
  fontsDir?: string;
  /** Fonts already loaded (skips fontsDir). */
  fonts?: FontSet;
}

/** pt → twentieths of a point (twips). */
const tw = (pt: number): number => Math.round(pt * 20);
const mmTw = (mm: number): number => tw(mm * MM);

/** Column widths in twips that add up to the rounded total (column edges rounded, not each width). */
function gridTwips(widths: number[]): number[] {
  let edge = 0;
  return widths.map((w) => {
    const next = edge + w;
    const out = tw(next) - tw(edge);
    edge = next;
    return out;
  });
}

const TEXT_WIDTH_PT = (PAGE_A4_MM.width - MARGINS_MM.left - MARGINS_MM.right) * MM;
const LANDSCAPE_TEXT_WIDTH_PT = (PAGE_A4_MM.height - MARGINS_MM.left - MARGINS_MM.right) * MM;

/**
 * Line heights of the PDF writer, as exact line spacing: the PDF's lines leave room for stacked Vietnamese diacritics
 * (1,15 em and more), and exact spacing keeps Word's and LibreOffice's pages like the PDF's.
 */
const BODY_LH = 18;
const HEADER_LH = 15.5;
const NOTE_LH = 16;

type Measure = (text: string, style: RunStyle) => number;

const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE } as const;
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 1 } as const;
const CELL_LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const TABLE_BORDERS = { top: CELL_LINE, bottom: CELL_LINE, left: CELL_LINE, right: CELL_LINE, insideHorizontal: CELL_LINE, insideVertical: CELL_LINE } as const;

function textRun(run: Run | { text: string; style: RunStyle }): TextRun {
  return new TextRun({
    text: run.text.normalize('NFC'),
    bold: run.style.bold,
    italics: run.style.italic,
    size: Math.round(run.style.size * 2),
    // The font comes from the document defaults (Times New Roman), not repeated on each of thousands of runs.
  });
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

interface LineOptions {
  align?: keyof typeof ALIGN;
  lineHeight?: number;
  before?: number;
  after?: number;
  keepNext?: boolean;
  indent?: { left?: number; right?: number; firstLine?: number; hanging?: number };
}

/** One paragraph of runs with spacing in pt. */
function line(runs: (Run | { text: string; style: RunStyle })[], o: LineOptions = {}): Paragraph {
  return new Paragraph({
    alignment: ALIGN[o.align ?? 'left'],
    spacing: { before: tw(o.before ?? 0), after: tw(o.after ?? 0), line: tw(o.lineHeight ?? BODY_LH), lineRule: LineRuleType.EXACT },
    ...(o.keepNext ? { keepNext: true, keepLines: true } : {}),
    ...(o.indent
      ? {
          indent: {
            ...(o.indent.left !== undefined ? { left: tw(o.indent.left) } : {}),
            ...(o.indent.right !== undefined ? { right: tw(o.indent.right) } : {}),
            ...(o.indent.firstLine !== undefined ? { firstLine: tw(o.indent.firstLine) } : {}),
            ...(o.indent.hanging !== undefined ? { hanging: tw(o.indent.hanging) } : {}),
          },
        }
      : {}),
    children: runs.map(textRun),
  });
}

/** A short centred rule `length` pt long in a box `width` pt wide: an empty paragraph's bottom border between indents. */
function rule(length: number, width: number, after = 0): Paragraph {
  const side = Math.max(0, (width - length) / 2);
  return new Paragraph({
    spacing: { before: tw(2), after: tw(after), line: 60, lineRule: LineRuleType.EXACT },
    indent: { left: tw(side), right: tw(side) },
    border: { bottom: LINE },
    children: [new TextRun({ text: '', size: 4, font: FONT_FAMILY })],
  });
}

function plainCell(children: Paragraph[], width: number, extra: { columnSpan?: number } = {}): TableCell {
  return new TableCell({
    width: { size: tw(width), type: WidthType.DXA },
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    children,
    ...extra,
  });
}

/** A borderless layout table (header block, closing block): fixed widths, rows never split. */
function layoutTable(widths: number[], rows: TableCell[][]): Table {
  return new Table({
    width: { size: tw(widths.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: gridTwips(widths),
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    rows: rows.map((children) => new TableRow({ cantSplit: true, children })),
  });
}

/* ------------------------------------------------------------------ blocks */

function headerBlock(block: HeaderBlock, measure: Measure): Table {
  const leftW = TEXT_WIDTH_PT * block.leftShare;
  const rightW = TEXT_WIDTH_PT - leftW;
  const widest = Math.max(0, ...block.bodyLines.map((l) => measure(l.text, l.style)));
  const left = [
    ...block.parentLines.map((l) => line([l], { align: 'center', lineHeight: HEADER_LH })),
    ...block.bodyLines.map((l) => line([l], { align: 'center', lineHeight: HEADER_LH })),
    rule(widest * 0.4, leftW),
  ];
  const mottoW = measure(block.motto.text, block.motto.style);
  const right = [
    line([block.nation], { align: 'center', lineHeight: HEADER_LH }),
    line([block.motto], { align: 'center', lineHeight: HEADER_LH + 1 }),
    rule(mottoW, rightW),
  ];
  return layoutTable(
    [leftW, rightW],
    [
      [plainCell(left, leftW), plainCell(right, rightW)],
      [
        plainCell([line([block.number], { align: 'center', before: 8, lineHeight: HEADER_LH })], leftW),
        plainCell([line([block.date], { align: 'center', before: 8, lineHeight: HEADER_LH })], rightW),
      ],
    ],
  );
}

function titleBlock(block: TitleBlock, measure: Measure, wrapWidths: (text: string, style: RunStyle, width: number) => number[]): Paragraph[] {
  // The PDF's 90 % box, with a few pt of slack so that Word's line breaking gives the same lines.
  const subjectW = TEXT_WIDTH_PT * 0.9 + 14;
  const side = (TEXT_WIDTH_PT - subjectW) / 2;
  const widest = Math.max(0, ...wrapWidths(block.subject.text, block.subject.style, subjectW));
  const out = [
    line([block.type], { align: 'center', before: 22, keepNext: true }),
    line([block.subject], { align: 'center', indent: { left: side, right: side }, keepNext: true }),
    rule(Math.min(widest * 0.35, TEXT_WIDTH_PT * 0.3), TEXT_WIDTH_PT, 10),
  ];
  const label = block.addresseeLabel;
  if (block.addressees.length === 0) out.push(line([label], { align: 'center', after: 10 }));
  else {
    // "Kính gửi:" then the addressees one per line, aligned after the label, the whole centred as in the PDF.
    const labelW = measure(`${label.text} `, label.style);
    const itemsW = Math.max(...block.addressees.map((a) => measure(a.text, a.style)));
    const x0 = Math.max(0, (TEXT_WIDTH_PT - labelW - itemsW) / 2);
    block.addressees.forEach((item, i) => {
      const last = i === block.addressees.length - 1;
      const runs = i === 0 ? [label, { text: '\t', style: label.style }, item] : [item];
      out.push(
        new Paragraph({
          spacing: { before: 0, after: tw(last ? 10 : 0), line: tw(BODY_LH), lineRule: LineRuleType.EXACT },
          indent: i === 0 ? { left: tw(x0 + labelW), hanging: tw(labelW) } : { left: tw(x0 + labelW) },
          tabStops: [{ type: TabStopType.LEFT, position: tw(x0 + labelW) }],
          children: runs.map(textRun),
        }),
      );
    });
  }
  return out;
}

function paragraphBlock(block: ParagraphBlock): Paragraph {
  if (block.role === 'note') return line(block.runs, { align: 'justify', lineHeight: NOTE_LH, after: 4, indent: { firstLine: BODY_INDENT_MM * MM } });
  return line(block.runs, {
    align: 'justify',
    after: PARAGRAPH_GAP_PT,
    keepNext: block.role !== 'body' || block.keep.kind !== 'none',
    indent: { firstLine: BODY_INDENT_MM * MM },
  });
}

/** The paragraph styles of table cells, one per face, size, alignment and line height in use ("Ô bảng 12 đậm giữa"). */
class CellStyles {
  private readonly styles = new Map<string, IParagraphStyleOptions>();

  id(style: RunStyle, align: CellAlign, lineHeight: number): string {
    const face = style.bold ? (style.italic ? 'BI' : 'B') : style.italic ? 'I' : 'R';
    const id = `BC766Cell${Math.round(style.size * 2)}${face}${align[0]!.toUpperCase()}${Math.round(lineHeight * 20)}`;
    if (!this.styles.has(id)) {
      const words = [style.bold ? 'đậm' : '', style.italic ? 'nghiêng' : ''].filter(Boolean).join(' ');
      this.styles.set(id, {
        id,
        name: `Ô bảng ${style.size} ${words ? words + ' ' : ''}${align === 'center' ? 'giữa' : align === 'left' ? 'trái' : 'phải'}`,
        quickFormat: false,
        run: { bold: style.bold, italics: style.italic, size: Math.round(style.size * 2) },
        paragraph: { alignment: ALIGN[align], spacing: { before: 0, after: 0, line: tw(lineHeight), lineRule: LineRuleType.EXACT } },
      });
    }
    return id;
  }

  all(): IParagraphStyleOptions[] {
    return [...this.styles.values()];
  }
}

/** A report table as a real Word table: header rows repeated on every page, rows never split, merged status cells. */
function reportTable(block: TableBlock, widths: number[], cellStyles: CellStyles): Table {
  const t = block.table;
  const ncols = widths.length;
  const cellMargins = { left: tw(PAD_X), right: tw(PAD_X), top: tw(PAD_Y), bottom: tw(PAD_Y) };
  // Cell paragraphs refer to a named paragraph style (face, size, alignment, exact line height) instead of carrying
  // those properties on each of thousands of cells: a smaller file, and styles a clerk can change at once in Word.
  const cellPara = (text: string, style: RunStyle, align: CellAlign) =>
    new Paragraph({ style: cellStyles.id(style, align, t.lineHeight), children: text === '' ? [] : [new TextRun(text.normalize('NFC'))] });
  const cell = (children: Paragraph[], c0: number, c1: number, merge?: 'restart' | 'continue') =>
    new TableCell({
      // Widths come from the table grid (fixed layout), not repeated on each cell.
      verticalAlign: VerticalAlignTable.CENTER,
      ...(c1 > c0 ? { columnSpan: c1 - c0 + 1 } : {}),
      ...(merge ? { verticalMerge: merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
      children,
    });

  const rows: TableRow[] = [];
  // Header rows (one or two levels, cells in column order): marked w:tblHeader so Word repeats them on every page.
  for (let hr = 0; hr < t.headerRows; hr++) {
    const cells: TableCell[] = [];
    for (const h of t.header) {
      const c1 = h.col + h.colSpan - 1;
      if (h.row === hr) {
        cells.push(cell([cellPara(h.text, t.headerStyle, 'center')], h.col, c1, h.rowSpan === 2 ? 'restart' : undefined));
      } else if (h.row === 0 && h.rowSpan === 2 && hr === 1) cells.push(cell([cellPara('', t.headerStyle, 'center')], h.col, c1, 'continue'));
    }
    rows.push(new TableRow({ tableHeader: true, cantSplit: true, children: cells }));
  }
  // Body rows; a merged status cell is one cell across its columns (w:gridSpan) and rows (w:vMerge).
  t.rows.forEach((row, r) => {
    const cells: TableCell[] = [];
    for (let c = 0; c < ncols; c++) {
      const si = t.cover[r * ncols + c]!;
      if (si < 0) {
        const style = row.kind === 'block' ? t.blockStyle : t.style;
        const align = row.kind === 'block' && c === 1 ? 'left' : t.aligns[c]!;
        cells.push(cell([cellPara(row.cells[c] ?? '', style, align)], c, c));
        continue;
      }
      const s = t.spans[si]!;
      if (c !== s.c0) continue;
      const multiRow = s.r1 > s.r0;
      if (r === s.r0) cells.push(cell([cellPara(s.text, t.statusStyle, 'center')], s.c0, s.c1, multiRow ? 'restart' : undefined));
      else cells.push(cell([cellPara('', t.statusStyle, 'center')], s.c0, s.c1, 'continue'));
      c = s.c1;
    }
    rows.push(new TableRow({ cantSplit: true, children: cells }));
  });
  return new Table({
    width: { size: tw(widths.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: gridTwips(widths),
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    // Borders and cell padding once for the whole table (not on each of its thousands of cells).
    borders: TABLE_BORDERS,
    margins: cellMargins,
    rows,
  });
}

function closingBlock(block: ClosingBlock, measure: Measure): (Paragraph | Table)[] {
  const leftW = TEXT_WIDTH_PT * block.leftShare;
  const rightW = TEXT_WIDTH_PT - leftW;
  const hang = measure('- ', block.recipients[0]?.style ?? STYLES.recipients);
  const recLh = 13;
  const left = [
    line([block.recipientsLabel], { lineHeight: 18 }),
    ...(block.recipientsIntro ? [line([block.recipientsIntro], { lineHeight: recLh })] : []),
    ...block.recipients.map((r) => line([r], { lineHeight: recLh, indent: { left: hang, hanging: hang } })),
  ];
  const right = [
    ...block.authority.map((a) => line([a], { align: 'center', lineHeight: 18 })),
    // Space for the signature and the seal, then the signer's name.
    line(block.signer ? [block.signer] : [], { align: 'center', before: 80, lineHeight: 18 }),
  ];
  return [
    line([block.sentence], { align: 'justify', after: PARAGRAPH_GAP_PT + 6, keepNext: true, indent: { firstLine: BODY_INDENT_MM * MM }, before: 4 }),
    layoutTable([leftW, rightW], [[plainCell(left, leftW), plainCell(right, rightW)]]),
  ];
}

/* ------------------------------------------------------------------ the document */

function pageHeaders(): ISectionOptions['headers'] {
  const number = new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ children: [PageNumber.CURRENT], size: PAGE_NUMBERING.style.size * 2, font: FONT_FAMILY })],
  });
  // The first page (the title page) has an empty header: numbers start on page 2.
  return { default: new Header({ children: [number] }), first: new Header({ children: [new Paragraph({ children: [] })] }) };
}

function sectionProps(landscape: boolean, first: boolean): ISectionOptions['properties'] {
  return {
    ...(first ? { titlePage: PAGE_NUMBERING.fromPage === 2 } : {}),
    page: {
      size: { width: mmTw(PAGE_A4_MM.width), height: mmTw(PAGE_A4_MM.height), orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
      // The page number's baseline sits about 12 mm from the top edge, as in the PDF.
      margin: { top: mmTw(MARGINS_MM.top), bottom: mmTw(MARGINS_MM.bottom), left: mmTw(MARGINS_MM.left), right: mmTw(MARGINS_MM.right), header: mmTw(8), footer: mmTw(8) },
    },
  };
}

/** Builds the docx Document of a report (exported for tests that inspect it before packing). */
export function buildDocx(input: Report, mode: RenderMode, fonts: FontSet): Document {
  const { meta, blocks } = buildReportDocument(input, mode);
  const frame = measuringFrame(fonts);
  const measure: Measure = (text, style) => frame.measure(text, pdfStyle(style));
  const wrapWidths = (text: string, style: RunStyle, width: number) => frame.wrap(text, pdfStyle(style), width).map((l) => l.width);

  const cellStyles = new CellStyles();
  const sections: ISectionOptions[] = [];
  let children: (Paragraph | Table)[] = [];
  let landscape = false;
  const flush = (nextLandscape: boolean) => {
    if (children.length > 0 || sections.length === 0) {
      sections.push({ properties: sectionProps(landscape, sections.length === 0), headers: pageHeaders(), children });
    }
    children = [];
    landscape = nextLandscape;
  };

  const add = (block: Block) => {
    switch (block.kind) {
      case 'header':
        children.push(headerBlock(block, measure));
        return;
      case 'title':
        children.push(...titleBlock(block, measure, wrapWidths));
        return;
      case 'paragraph':
        children.push(paragraphBlock(block));
        return;
      case 'table': {
        const sized = tableWidths(block.table, measure, TEXT_WIDTH_PT);
        const fits = sized.fits;
        let widths = sized.widths;
        // A table whose columns do not fit the portrait page gets landscape pages of its own, as in the PDF.
        if (!fits) {
          widths = tableWidths(block.table, measure, LANDSCAPE_TEXT_WIDTH_PT).widths;
          flush(true);
        }
        if (block.title) children.push(line([block.title], { align: 'center', before: 4, after: 6, keepNext: true, indent: { left: TEXT_WIDTH_PT * 0.04, right: TEXT_WIDTH_PT * 0.04 } }));
        children.push(reportTable(block, widths, cellStyles));
        block.notes.forEach((n, i) =>
          children.push(line([n], { align: 'justify', lineHeight: NOTE_LH, before: i === 0 ? 6 : 0, after: 4, indent: { firstLine: BODY_INDENT_MM * MM } })),
        );
        // Word needs a paragraph after a table; an empty one of 4 pt separates it from what follows.
        if (block.notes.length === 0) children.push(line([], { lineHeight: 4, after: 4 }));
        if (!fits) flush(false);
        return;
      }
      case 'closing':
        children.push(...closingBlock(block, measure));
        return;
    }
  };
  for (const block of blocks) add(block);
  flush(false);

  return new Document({
    creator: 'Báo cáo 766',
    title: meta.title,
    subject: meta.subject,
    description: meta.author,
    styles: {
      default: {
        document: { run: { font: FONT_FAMILY, size: STYLES.text.size * 2 }, paragraph: { spacing: { before: 0, after: 0 } } },
      },
      paragraphStyles: cellStyles.all(),
    },
    sections,
  });
}

/** The report as a .docx file ('draft' or 'final'); throws UserFacingError like the PDF writer (final without number or day, missing fonts). */
export async function renderReportDocx(report: Report, opts: RenderDocxOptions): Promise<Uint8Array> {
  const fonts = opts.fonts ?? (await loadFonts(opts.fontsDir));
  const doc = buildDocx(report, opts.mode, fonts);
  const buf = await Packer.toBuffer(doc);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
