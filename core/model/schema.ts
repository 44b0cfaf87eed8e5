// The report model: one runtime-validated zod schema for everything a "Bộ chỉ số 766" report holds.
import { z } from 'zod';

// Schema messages reach the clerk (CLI, corrupt-file notices): have zod word them in Vietnamese.
z.config(z.locales.vi());
// The renderer runs under a CSP without 'unsafe-eval': tell zod not to probe for eval-compiled validators.
z.config({ jitless: true });

export const SCHEMA_VERSION = 2;

/* ------------------------------------------------------------------ cells */

/**
 * A table cell. Empty (`null`), a status and a zero are three different things:
 * - `null`: nothing entered yet (a blank);
 * - `{ t: 'num', v }`: a figure (rate, count or score); `src: 'dossiers'` marks a figure the app
 *   computed from a dossier list rather than one the portal published;
 * - `{ t: 'ratio', n, d }`: a ratio such as "1/1" units deployed (never a date);
 * - `{ t: 'text', v }`: a label such as a classification ("Xuất sắc");
 * - `{ t: 'status', v }`: a status such as "Không tổng hợp trên Hệ thống", kept verbatim.
 */
export const NumCellSchema = z.object({
  t: z.literal('num'),
  v: z.number().finite(),
  src: z.literal('dossiers').optional(),
});
export const RatioCellSchema = z.object({
  t: z.literal('ratio'),
  n: z.number().int().nonnegative(),
  d: z.number().int().positive(),
});
export const TextCellSchema = z.object({ t: z.literal('text'), v: z.string().min(1) });
export const StatusCellSchema = z.object({ t: z.literal('status'), v: z.string().min(1) });
export const FilledCellSchema = z.discriminatedUnion('t', [
  NumCellSchema,
  RatioCellSchema,
  TextCellSchema,
  StatusCellSchema,
]);
export const CellSchema = FilledCellSchema.nullable();

/* ------------------------------------------------------------- the issuer */

export const LevelSchema = z.enum(['district', 'province', 'commune']);

export const SignerSchema = z.object({
  /** 'TM' signs on behalf of a collective body; 'KT' signs for the head (a deputy); 'none' signs in own name. */
  capacity: z.enum(['TM', 'KT', 'none']),
  /** The collective body after "TM.": "UBND THÀNH PHỐ". */
  body: z.string(),
  /** The head after "KT.": "CHỦ TỊCH" (used only with KT). */
  head: z.string(),
  /** The signer's title line: "CHỦ TỊCH" or "PHÓ CHỦ TỊCH". */
  title: z.string(),
  name: z.string(),
});

export const PlanSchema = z.object({
  /** "21/KH-UBND" */
  number: z.string(),
  /** ISO date of the plan. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Who issued it: "UBND thành phố Bắc Kạn". */
  issuer: z.string(),
});

export const ProfileSchema = z.object({
  level: LevelSchema,
  /** Issuing body as printed top left, one entry a line: ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ BẮC KẠN"]. */
  bodyLines: z.array(z.string().min(1)).min(1).max(3),
  /** Parent body lines, printed above the issuing body (upright); empty for a UBND. */
  parentLines: z.array(z.string().min(1)).max(3),
  /** Code after the type in the number: "UBND" in "364/BC-UBND". */
  bodyCode: z.string().min(1),
  /** Short name used in running text: "UBND thành phố". */
  shortName: z.string().min(1),
  /** The locality scored by the portal: "thành phố Bắc Kạn". */
  locality: z.string().min(1),
  /** The province the locality belongs to, as in "của tỉnh Bắc Kạn" (empty for a province). */
  province: z.string(),
  /** Place name in the date line: "TP. Bắc Kạn". */
  place: z.string().min(1),
  /** Peer group of the rank: "huyện, thành phố" in "xếp hạng 3/8 huyện, thành phố". */
  peerGroup: z.string(),
  plan: PlanSchema.nullable(),
  /** "Kính gửi" addressees. */
  addressees: z.array(z.string().min(1)).min(1),
  /** The line under "Nơi nhận:" before the list, such as "Gửi bản điện tử:" (optional). */
  recipientsIntro: z.string(),
  /** "Nơi nhận" lines without the leading "- ", ending with "Lưu: VT.". */
  recipients: z.array(z.string().min(1)),
  signer: SignerSchema,
});

/* ------------------------------------------------------------- the period */

export const PeriodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('month'), year: z.number().int().min(2000).max(2100), month: z.number().int().min(1).max(12) }),
  z.object({ kind: z.literal('quarter'), year: z.number().int().min(2000).max(2100), quarter: z.number().int().min(1).max(4) }),
  z.object({ kind: z.literal('half'), year: z.number().int().min(2000).max(2100) }),
  z.object({ kind: z.literal('nine-months'), year: z.number().int().min(2000).max(2100) }),
  z.object({ kind: z.literal('year'), year: z.number().int().min(2000).max(2100) }),
]);

export const DocumentSchema = z.object({
  /** Type code: "BC" (báo cáo). */
  typeCode: z.string().min(1),
  /** The registered number ("364"), or null while a draft. */
  number: z.string().regex(/^\d+[A-Za-z]?$/).nullable(),
  /** Year and month of the document date are known in a draft; the day may stay blank. */
  date: z.object({
    year: z.number().int().min(2000).max(2100),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31).nullable(),
  }),
});

/* -------------------------------------------------------- indicator groups */

export const GROUP_CODES = ['CKMB', 'TDGQ', 'CLGQ', 'TTTT', 'MDHL', 'MDSH'] as const;
export const GroupCodeSchema = z.enum(GROUP_CODES);

/**
 * One bullet line of a group. A heading line carries no figure ("- Tỷ lệ TTHC cung cấp DVCTT:");
 * a figure line prints "label: [countPrefix] count countUnit (đạt rate%)" or "label: rate%".
 */
export const LineSchema = z.object({
  /** Stable id ("tdgq.onTime"); rules refer to lines by id. */
  id: z.string().regex(/^[a-z]+\.[A-Za-z0-9]+$/),
  level: z.union([z.literal(1), z.literal(2)]),
  kind: z.enum(['heading', 'figure', 'metric']),
  label: z.string().min(1),
  /** Words printed before the count: "Số hồ sơ đã đồng bộ là". */
  countPrefix: z.string().optional(),
  /** Whether the line has a count at all, and its unit ("TTHC", "hồ sơ", "tài khoản"). */
  countUnit: z.string().optional(),
  count: z.number().int().nonnegative().nullable().optional(),
  /** Whether the line has a rate at all. */
  hasRate: z.boolean(),
  rate: z.number().finite().nullable().optional(),
  /** Print "đạt" before the rate in brackets: "39 TTHC (đạt 12,58%)". */
  rateWord: z.string().optional(),
  /** A figure computed by the app, not published by the portal. */
  src: z.literal('dossiers').optional(),
  // A metric line (kind 'metric', the portal's 2026 scoring): "label: numerator/denominator unit (đạt rate%), points/max điểm".
  /** Numerator and denominator as the portal counts them (countUnit is their unit); blank is null, never 0. */
  numerator: z.number().int().nonnegative().nullable().optional(),
  denominator: z.number().int().nonnegative().nullable().optional(),
  /** What the numerator and denominator count ("hồ sơ đã đồng bộ", "hồ sơ phát sinh"). */
  numeratorMeaning: z.string().optional(),
  denominatorMeaning: z.string().optional(),
  /** Points as the portal shows them, and the line's maximum (absent: a line without points). */
  points: z.number().finite().nonnegative().nullable().optional(),
  maxPoints: z.number().finite().nonnegative().optional(),
  /** How the portal turns the rate into points, where known (domain.md §2), with its source. */
  pointsRule: z
    .object({
      /** points = maxPoints × min(1; rate / threshold), rounded to 2 decimals. */
      threshold: z.number().positive().max(100),
      /** Full points when the denominator is 0 (nothing happened: no petitions). */
      fullWhenNone: z.boolean(),
      confirmed: z.boolean(),
      source: z.string(),
    })
    .optional(),
});

export const GroupSchema = z.object({
  code: GroupCodeSchema,
  /** Official score as the portal shows it; null when not yet entered. */
  score: z.number().finite().nonnegative().nullable(),
  max: z.number().positive(),
  lines: z.array(LineSchema),
});

/* ------------------------------------------------------------------ units */

export const BlockSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Roman numeral printed in the STT column: "I". */
  numeral: z.string().min(1),
  /** "Cấp thành phố", "Cấp xã". */
  name: z.string().min(1),
});

export const UnitSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  blockId: z.string(),
});

/* ----------------------------------------------------------------- tables */

export const COLUMN_TYPES = ['rate', 'count', 'ratio', 'score', 'label'] as const;
export const ColumnSchema = z.object({
  id: z.string().regex(/^[a-zA-Z0-9]+$/),
  type: z.enum(COLUMN_TYPES),
  header: z.string().min(1),
  /** Maximum of a score column (printed in the header). */
  max: z.number().positive().optional(),
  /** Upper header spanning this and neighbouring columns with the same group. */
  group: z.string().optional(),
});

export const TABLE_KINDS = [
  'onTime',
  'overdue',
  'onlineSubmission',
  'onlinePayment',
  'satisfaction',
  'eCopies',
  'evaluation',
] as const;
export const TableKindSchema = z.enum(TABLE_KINDS);

/** Where a table sits in the document: after a group's lines, or in Part II. */
export const SectionSchema = z.enum(['CKMB', 'TDGQ', 'CLGQ', 'TTTT', 'MDHL', 'MDSH', 'II']);

export const RowSchema = z.object({
  unitId: z.string(),
  cells: z.record(z.string(), CellSchema),
});

export const TableSchema = z.object({
  id: z.string().regex(/^[a-zA-Z0-9-]+$/),
  kind: TableKindSchema,
  section: SectionSchema,
  title: z.string().min(1),
  /** Header of the unit-name column: "Tên cơ quan, đơn vị". */
  nameHeader: z.string().min(1),
  /** Print block rows ("I Cấp thành phố") between the blocks. */
  showBlocks: z.boolean(),
  columns: z.array(ColumnSchema).min(1),
  rows: z.array(RowSchema),
  note: z.string().nullable(),
});

/** A table cell by table, unit and column. */
export const CarriedCellSchema = z.object({ tableId: z.string(), unitId: z.string(), columnId: z.string() });

export const ExtraSectionSchema = z.object({
  heading: z.string().min(1),
  paragraphs: z.array(z.string()),
});

export const NumberStyleSchema = z.object({
  /** Drop trailing zeros ("91,8") or always print 2 decimals ("91,80"). */
  trimZeros: z.boolean(),
  /** A space before the percent sign ("92,08 %") or none ("92,08%"). */
  percentSpace: z.boolean(),
});

/** Which indicator catalogue a report's group lines came from (the lines themselves are the report's own copy). */
export const INDICATOR_SET_IDS = ['2024', '2026'] as const;
export const IndicatorSetIdSchema = z.enum(INDICATOR_SET_IDS);
export const IndicatorsSchema = z.object({ set: IndicatorSetIdSchema, name: z.string().min(1) });

/**
 * The clerk's what-if targets (sub-indicator line id → target rate in %), saved with the report as a scenario: never
 * figures, never printed in the official document. Optional, so reports without it need no upgrade.
 */
export const ScenarioSchema = z
  .object({
    targets: z.record(z.string().regex(/^[a-z]+\.[A-Za-z0-9]+$/), z.number().finite().min(0).max(100)),
    /** ISO date-time the clerk saved the scenario. */
    savedAt: z.string().max(40).nullable(),
  })
  .strict();

export const ReportSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    id: z.string().min(1),
    /** The built-in sample (UBND thành phố Bắc Kạn, July 2024). */
    isSample: z.boolean(),
    profile: ProfileSchema,
    period: PeriodSchema,
    /** ISO date the figures were taken from the portal; null when not stated. */
    dataAsOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    document: DocumentSchema,
    numberStyle: NumberStyleSchema,
    /** Total score out of 100 as the portal shows it. */
    total: z.number().finite().nonnegative().nullable(),
    rank: z.object({
      position: z.number().int().positive().nullable(),
      of: z.number().int().positive().nullable(),
    }),
    /** The indicator catalogue the group lines follow ("2024", "2026"). */
    indicators: IndicatorsSchema,
    groups: z.array(GroupSchema).length(GROUP_CODES.length),
    blocks: z.array(BlockSchema).min(1),
    units: z.array(UnitSchema),
    tables: z.array(TableSchema),
    /** Paragraphs between "Kính gửi" and Part I (the basis of the report). */
    basis: z.array(z.string()),
    /** Optional sections after Part II ("Tồn tại, hạn chế", "Nhiệm vụ, giải pháp"…). */
    extraSections: z.array(ExtraSectionSchema),
    /** What-if targets of the overview (core/scoring); absent when the clerk set none. */
    scenario: ScenarioSchema.optional(),
    /**
     * Status cells a new period took over from the previous report ("Không tổng hợp trên Hệ thống" of the city
     * departments), shown as carried over until the clerk confirms them (absent or empty: none to confirm).
     */
    carried: z.array(CarriedCellSchema).optional(),
  })
  .superRefine((r, ctx) => {
    const codes = r.groups.map((g) => g.code);
    GROUP_CODES.forEach((code, i) => {
      if (codes[i] !== code) {
        ctx.addIssue({ code: 'custom', path: ['groups', i, 'code'], message: `vị trí ${i + 1} phải là nhóm ${code}` });
      }
    });
    const lineIds = new Set<string>();
    r.groups.forEach((g, gi) =>
      g.lines.forEach((l, li) => {
        if (lineIds.has(l.id)) ctx.addIssue({ code: 'custom', path: ['groups', gi, 'lines', li, 'id'], message: `mã dòng “${l.id}” bị trùng` });
        lineIds.add(l.id);
      }),
    );
    const blockIds = new Set<string>();
    r.blocks.forEach((b, i) => {
      if (blockIds.has(b.id)) ctx.addIssue({ code: 'custom', path: ['blocks', i, 'id'], message: `mã khối “${b.id}” bị trùng` });
      blockIds.add(b.id);
    });
    const unitIds = new Set<string>();
    r.units.forEach((u, i) => {
      if (unitIds.has(u.id)) ctx.addIssue({ code: 'custom', path: ['units', i, 'id'], message: `mã đơn vị “${u.id}” bị trùng` });
      unitIds.add(u.id);
      if (!blockIds.has(u.blockId)) ctx.addIssue({ code: 'custom', path: ['units', i, 'blockId'], message: `khối “${u.blockId}” không có` });
    });
    const tableIds = new Set<string>();
    r.tables.forEach((t, ti) => {
      if (tableIds.has(t.id)) ctx.addIssue({ code: 'custom', path: ['tables', ti, 'id'], message: `mã bảng “${t.id}” bị trùng` });
      tableIds.add(t.id);
      const colIds = new Set(t.columns.map((c) => c.id));
      if (colIds.size !== t.columns.length) ctx.addIssue({ code: 'custom', path: ['tables', ti, 'columns'], message: 'mã cột bị trùng' });
      const colType = new Map(t.columns.map((c) => [c.id, c.type]));
      t.rows.forEach((row, ri) => {
        if (!unitIds.has(row.unitId)) {
          ctx.addIssue({ code: 'custom', path: ['tables', ti, 'rows', ri, 'unitId'], message: `đơn vị “${row.unitId}” không có trong danh sách đơn vị` });
        }
        for (const [colId, cell] of Object.entries(row.cells)) {
          const type = colType.get(colId);
          if (!type) {
            ctx.addIssue({ code: 'custom', path: ['tables', ti, 'rows', ri, 'cells', colId], message: `cột “${colId}” không có trong bảng` });
          } else if (cell && !cellFitsColumn(cell, type)) {
            ctx.addIssue({ code: 'custom', path: ['tables', ti, 'rows', ri, 'cells', colId], message: `ô kiểu ${cell.t} không hợp với cột kiểu ${type}` });
          }
        }
      });
    });
  });

/** Which filled cells a column of each type may hold (a status fits every column). */
export function cellFitsColumn(cell: FilledCell, type: ColumnType): boolean {
  switch (cell.t) {
    case 'status':
      return true;
    case 'num':
      return type === 'rate' || type === 'count' || type === 'score';
    case 'ratio':
      return type === 'ratio';
    case 'text':
      return type === 'label';
  }
}

export type NumCell = z.infer<typeof NumCellSchema>;
export type FilledCell = z.infer<typeof FilledCellSchema>;
export type Cell = z.infer<typeof CellSchema>;
export type Level = z.infer<typeof LevelSchema>;
export type Signer = z.infer<typeof SignerSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type Profile = z.infer<typeof ProfileSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type DocumentInfo = z.infer<typeof DocumentSchema>;
export type GroupCode = z.infer<typeof GroupCodeSchema>;
export type Line = z.infer<typeof LineSchema>;
export type IndicatorSetId = z.infer<typeof IndicatorSetIdSchema>;
export type PointsRule = NonNullable<Line['pointsRule']>;
export type Group = z.infer<typeof GroupSchema>;
export type Block = z.infer<typeof BlockSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type ColumnType = (typeof COLUMN_TYPES)[number];
export type Column = z.infer<typeof ColumnSchema>;
export type TableKind = z.infer<typeof TableKindSchema>;
export type Section = z.infer<typeof SectionSchema>;
export type Row = z.infer<typeof RowSchema>;
export type Table = z.infer<typeof TableSchema>;
export type NumberStyle = z.infer<typeof NumberStyleSchema>;
export type Report = z.infer<typeof ReportSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;
export type CarriedCell = z.infer<typeof CarriedCellSchema>;
