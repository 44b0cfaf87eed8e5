// The report as a small document model (Nghị định 30/2020 format), described once and rendered by several writers (PDF with pdfkit, DOCX with docx).
//
// The model says WHAT is on the pages (blocks of text and tables with their styles and keep rules); each writer
// decides HOW to lay it out with its own engine. Every string in it is NFC.

/** Character formatting of a run of text. */
export interface RunStyle {
  bold: boolean;
  italic: boolean;
  /** Font size in pt. */
  size: number;
}

/** A run of text with its own formatting (paragraphs and lines are made of runs). */
export interface Run {
  text: string;
  style: RunStyle;
}

/* ------------------------------------------------------------------ page setup and styles */

/** A4 portrait in mm. */
export const PAGE_A4_MM = { width: 210, height: 297 } as const;

/** Margins in mm (Nghị định 30/2020, Phụ lục I: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm). */
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;

/** Page numbers: 13 pt upright, centred in the top margin, from page 2 on (none on the first page). */
export const PAGE_NUMBERING = { fromPage: 2, align: 'center', place: 'top-margin', style: { bold: false, italic: false, size: 13 } } as const;

/** The font every writer asks for (the PDF embeds Liberation Serif, which has the same metrics). */
export const FONT_FAMILY = 'Times New Roman';

const st = (bold: boolean, italic: boolean, size: number): RunStyle => ({ bold, italic, size });

/** The styles of the document's elements (Nghị định 30/2020, Phụ lục I). */
export const STYLES = {
  parent: st(false, false, 13),
  body: st(true, false, 13),
  number: st(false, false, 13),
  nation: st(true, false, 13),
  motto: st(true, false, 14),
  date: st(false, true, 14),
  type: st(true, false, 14),
  subject: st(true, false, 14),
  addressee: st(false, false, 14),
  text: st(false, false, 14),
  heading: st(true, false, 14),
  subHeading: st(true, true, 14),
  tableTitle: st(true, false, 14),
  note: st(false, true, 13),
  authority: st(true, false, 14),
  signer: st(true, false, 14),
  recipientsLabel: st(true, true, 12),
  recipients: st(false, false, 11),
} as const satisfies Record<string, RunStyle>;

export type StyleName = keyof typeof STYLES;

/** Body paragraphs: first-line indent 1,27 cm, 6 pt after, justified. */
export const BODY_INDENT_MM = 12.7;
export const PARAGRAPH_GAP_PT = 6;

/* ------------------------------------------------------------------ blocks */

/** Issuing body (left) and the national motto (right), then the number and the place-and-date line. */
export interface HeaderBlock {
  kind: 'header';
  /** Parent body lines (upright), may be empty. */
  parentLines: Run[];
  /** Issuing body lines (bold); a short rule of ~40 % of the widest line follows. */
  bodyLines: Run[];
  /** "Số: 364/BC-UBND" (a draft leaves the number blank). */
  number: Run;
  /** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM". */
  nation: Run;
  /** "Độc lập - Tự do - Hạnh phúc", with a rule as long as the motto below. */
  motto: Run;
  /** "TP. Bắc Kạn, ngày 15 tháng 8 năm 2024" (a draft leaves the day blank). */
  date: Run;
  /** Share of the text width taken by the left column. */
  leftShare: number;
}

/** "BÁO CÁO", the subject with a short rule below, and the addressees. */
export interface TitleBlock {
  kind: 'title';
  type: Run;
  subject: Run;
  /** "Kính gửi:" and, when there are several addressees, one item per line beside it. */
  addresseeLabel: Run;
  addressees: Run[];
}

/** What must stay on the same page as a paragraph (a heading is kept with what follows it). */
export type KeepRule =
  | { kind: 'none' }
  /** The next n body lines. */
  | { kind: 'lines'; lines: number }
  /** The start (title, header, first rows) of the next table block; `elseLines` when there is none. */
  | { kind: 'nextTable'; elseLines: number };

export type ParagraphRole = 'body' | 'heading' | 'subHeading' | 'note';

/** A paragraph: body text (justified, first-line indent), a heading, or an italic note. */
export interface ParagraphBlock {
  kind: 'paragraph';
  role: ParagraphRole;
  runs: Run[];
  keep: KeepRule;
}

export type CellAlign = 'left' | 'center' | 'right';

/** A header cell of a table (one or two header rows, repeated on every page). */
export interface HeaderCell {
  text: string;
  col: number;
  colSpan: number;
  row: 0 | 1;
  rowSpan: 1 | 2;
}

export interface BodyRow {
  kind: 'block' | 'unit';
  /** Printed text per column (STT, name, figure columns). */
  cells: string[];
  /** Status text per column when the cell holds a status (merged into spans), else null. */
  statuses: (string | null)[];
  /** Block id of the unit (rows of different blocks are never merged). */
  blockId: string | null;
}

/** A merged cell: rows r0..r1 and columns c0..c1 (inclusive) showing one status. */
export interface Span {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  text: string;
}

/** A report table: columns, header rows, body rows and the merged status cells. */
export interface DocTable {
  /** Header of the unit-name column. */
  nameHeader: string;
  /** Printed header text of each figure column (for width measuring). */
  figureHeaders: string[];
  aligns: CellAlign[];
  header: HeaderCell[];
  headerRows: 1 | 2;
  rows: BodyRow[];
  spans: Span[];
  /** Span index covering each cell (row-major, rows × columns), or -1. */
  cover: Int32Array;
  /** Body text, header, status and block-row styles. */
  style: RunStyle;
  headerStyle: RunStyle;
  statusStyle: RunStyle;
  blockStyle: RunStyle;
  /** Line height of the cells in pt. */
  lineHeight: number;
  /** Whether any figure was computed from a dossier list (COMPUTED_NOTE follows). */
  computed: boolean;
  /** Column width preferences: share of the width the names get at most, cap of a figure column in pt. */
  namePref: number;
  figCap: number;
}

/** A table with its title above and its notes below. */
export interface TableBlock {
  kind: 'table';
  /** Centred bold title, or null (the table follows a line that already says what it shows). */
  title: Run | null;
  table: DocTable;
  /** Italic notes under the table: the table's own note, then COMPUTED_NOTE when figures were computed. */
  notes: Run[];
}

/** The closing sentence, then "Nơi nhận" (left) beside the signing authority and the signer (right), kept together. */
export interface ClosingBlock {
  kind: 'closing';
  sentence: Run;
  recipientsLabel: Run;
  /** Optional line before the recipients (hanging like them). */
  recipientsIntro: Run | null;
  recipients: Run[];
  authority: Run[];
  /** The signer's name under the signature space, or null when not entered. */
  signer: Run | null;
  /** Share of the text width taken by the recipients column. */
  leftShare: number;
}

export type Block = HeaderBlock | TitleBlock | ParagraphBlock | TableBlock | ClosingBlock;

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
}

/** The whole report as a document. */
export interface ReportDocument {
  meta: DocumentMeta;
  blocks: Block[];
}
