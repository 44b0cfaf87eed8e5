// Types of an import preview: what was recognised, which figures change (old → new), what was skipped and why, findings.
import type { Cell, TableKind, Unit } from '../model/schema';
import type { UnitSuggestion } from '../text/names';
import type { ImportPatch, PatchChange, PatchTarget } from './patch';

/** A cell target before the report table is chosen: by kind (and table id when the source names it). */
export type SourceTarget =
  | { kind: 'cell'; tableKind: TableKind; tableId?: string; unitId: string; columnId: string }
  | Exclude<PatchTarget, { kind: 'cell' }>;

/** One value a source gives one place of the report. */
export interface Assignment {
  target: SourceTarget;
  after: Cell | number | null;
  /** "tệp › trang › ô D7". */
  where: string;
  /** Blanks overwrite (the app's own workbook); otherwise a blank in the file keeps the report's figure. */
  authoritative: boolean;
  /** Line figures of the app's own workbook: whether the line is computed from dossiers (identity 'lineSrc'). */
  lineSrc?: 'dossiers' | null;
  /** How the value was read, when it is not as written ("không phát sinh hồ sơ", "phân số 0,9744 = 97,44%"). */
  note?: string;
}

/** A cell of a file or paste that is not imported: refused with its reason, or ambiguous until its column's reading is chosen. */
export interface RefusedCell {
  where: string;
  /** The unit's name as written in the source. */
  unit: string;
  /** The column's header in the source. */
  column: string;
  /** The value as shown. */
  text: string;
  reason: string;
  ambiguous: boolean;
}

/** A rate column of one source whose figures ≤ 1 may be fractions (0,9844 = 98,44%). */
export interface RateColumn {
  /** Identifies the column in ImportOptions.ratesAs: "tệp › trang › cột C". */
  key: string;
  header: string;
  /** 'fraction' / 'percent': how its figures ≤ 1 are read; 'ask': they are left out until the clerk chooses. */
  decision: 'fraction' | 'percent' | 'ask';
  /** Read as fractions because every figure is ≤ 1 (no choice given). */
  auto: boolean;
  /** Figures ≤ 1 concerned. */
  ambiguous: number;
}

export interface ImportFinding {
  severity: 'error' | 'warning';
  where: string;
  message: string;
}

export interface SkippedItem {
  where: string;
  text: string;
  reason: string;
  /** Set when the row was skipped because its unit is unknown. */
  unknownUnit?: string;
}

export interface UnknownUnit {
  /** The name as written in the file. */
  name: string;
  where: string[];
  /** Near misses, best first ("Có phải: UBND phường Xuất Hoá?"); confirming one adds the name as an alias. */
  suggestions: UnitSuggestion[];
}

export interface RecognisedColumn {
  header: string;
  /** Where its figures go: "Đúng hạn · Tỷ lệ (%)". */
  target: string;
  kind: TableKind;
  columnId: string;
  kindFrom: 'header' | 'title' | 'user' | 'identity';
}

/** One table found in one sheet (or the app's own workbook as a whole). */
export interface RecognisedSource {
  file: string;
  sheet: string;
  /** "bảng tính của phần mềm", "mẫu trống của phần mềm", or the table's title. */
  description: string;
  headerRow: number | null;
  kinds: TableKind[];
  columns: RecognisedColumn[];
  ignoredColumns: { header: string; reason: string }[];
  unitRows: number;
  matchedRows: number;
  /** The user must choose the kind of a figure column (CLI --table KIND). */
  needsKind: boolean;
  candidates: TableKind[];
}

export interface PreviewChange {
  change: PatchChange;
  /** Table title, or "Tổng điểm", "Nhóm …", the line label. */
  place: string;
  unit: string | null;
  column: string | null;
  beforeText: string;
  afterText: string;
  where: string;
  /** How the value was read, when it is not as written (see Assignment.note). */
  note?: string;
}

/** One report table fed by the import: how many of its units got a figure from the files, and which did not. */
export interface TableCoverage {
  tableId: string;
  title: string;
  /** Units of the table (after the import's added rows). */
  units: number;
  withFigures: number;
  /** Units no row of the files matched ("không khớp"). */
  missing: { unitId: string; name: string }[];
  /** Units whose row matched but whose cells were refused or left ambiguous (none imported). */
  refused: { unitId: string; name: string }[];
  /** Units whose row matched but whose cells were all blank in the files. */
  blank: { unitId: string; name: string }[];
}

export interface ImportPreview {
  sources: RecognisedSource[];
  /** Sheets where no table was recognised, with the reason. */
  unrecognised: { file: string; sheet: string; reason: string }[];
  changes: PreviewChange[];
  /** Values identical to the report's. */
  unchanged: number;
  /** Blank cells in a file that kept a figure the report already has. */
  keptBlanks: number;
  skipped: SkippedItem[];
  findings: ImportFinding[];
  unknownUnits: UnknownUnit[];
  /** Aliases the patch adds (confirmed suggestions). */
  aliases: { unitId: string; alias: string }[];
  /** Units the patch adds ("Thêm đơn vị mới"). */
  addedUnits: Unit[];
  /** Per report table the files fed: the units that got a figure and those that got none. */
  coverage: TableCoverage[];
  patch: ImportPatch;
  /** Tables whose kind the user must choose before they are imported. */
  needsKind: { file: string; sheet: string; headerRow: number | null; candidates: TableKind[] }[];
  /** Free-text notes (template recognised, summary missing…). */
  notes: string[];
  /** Cells not imported: refused (not a figure or known status, out of range…) or ambiguous (a rate ≤ 1). */
  refused: RefusedCell[];
  /** Rate columns whose figures ≤ 1 were read as fractions or wait for the clerk's choice. */
  rateColumns: RateColumn[];
}
