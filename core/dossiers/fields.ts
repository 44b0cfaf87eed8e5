// The columns of a dossier list (domain.md §8), their synonyms for the shared header finder, and the user's saved column mapping.
import { z } from 'zod';
import { UserFacingError } from '../files/errors';
import { columnLetter, fold, type RawRow } from '../xlsx/cells';
import { findHeader, type HeaderMatch, type HeaderSpec } from '../xlsx/header';

export const DOSSIER_FIELDS = [
  'code',
  'procedure',
  'field',
  'unit',
  'channel',
  'received',
  'due',
  'finished',
  'status',
  'fee',
  'payment',
  'rating',
] as const;
export type DossierField = (typeof DOSSIER_FIELDS)[number];

/** How each field is named to the clerk (the usual header of an export). */
export const FIELD_LABELS: Record<DossierField, string> = {
  code: 'Mã hồ sơ',
  procedure: 'Tên TTHC',
  field: 'Lĩnh vực',
  unit: 'Cơ quan tiếp nhận',
  channel: 'Hình thức nộp',
  received: 'Ngày tiếp nhận',
  due: 'Ngày hẹn trả',
  finished: 'Ngày có kết quả',
  status: 'Trạng thái',
  fee: 'Phí, lệ phí',
  payment: 'Thanh toán trực tuyến',
  rating: 'Đánh giá',
};

/** Fields without which no figure can be computed. */
export const REQUIRED_FIELDS: readonly DossierField[] = ['unit', 'received', 'due'];

/** Header synonyms as one-stop systems name the columns (compared folded: no diacritics, lower case). */
export const DOSSIER_SPECS: readonly HeaderSpec[] = [
  { key: 'code', synonyms: ['Mã hồ sơ', 'Mã số hồ sơ', 'Số hồ sơ', 'Mã HS', 'Mã biên nhận', 'Số biên nhận'] },
  {
    key: 'procedure',
    synonyms: ['Tên thủ tục hành chính', 'Tên thủ tục', 'Tên TTHC', 'Thủ tục hành chính', 'Thủ tục', 'TTHC', 'Tên dịch vụ công'],
  },
  { key: 'field', synonyms: ['Lĩnh vực', 'Tên lĩnh vực'] },
  {
    key: 'unit',
    synonyms: [
      'Cơ quan tiếp nhận',
      'Đơn vị tiếp nhận',
      'Cơ quan thực hiện',
      'Đơn vị thực hiện',
      'Cơ quan giải quyết',
      'Đơn vị giải quyết',
      'Đơn vị xử lý',
      'Cơ quan xử lý',
      'Nơi tiếp nhận',
      'Tên đơn vị',
      'Tên cơ quan',
      'Đơn vị',
      'Cơ quan',
    ],
    exclude: ['mã đơn vị', 'mã cơ quan'],
    required: true,
  },
  {
    key: 'channel',
    synonyms: ['Hình thức nộp', 'Hình thức nộp hồ sơ', 'Kênh thực hiện', 'Kênh tiếp nhận', 'Kênh nộp', 'Hình thức tiếp nhận', 'Nguồn hồ sơ'],
  },
  {
    key: 'received',
    synonyms: ['Ngày tiếp nhận', 'Ngày nhận', 'Ngày nhận hồ sơ', 'Thời gian tiếp nhận', 'Ngày tiếp nhận hồ sơ', 'Ngày nộp', 'Ngày nộp hồ sơ'],
    required: true,
  },
  {
    key: 'due',
    synonyms: ['Ngày hẹn trả', 'Ngày hẹn trả kết quả', 'Hẹn trả', 'Hạn xử lý', 'Hạn giải quyết', 'Thời hạn giải quyết', 'Ngày hết hạn', 'Hạn trả kết quả'],
  },
  {
    key: 'finished',
    synonyms: [
      'Ngày có kết quả',
      'Ngày trả kết quả',
      'Ngày hoàn thành',
      'Ngày kết thúc',
      'Thời gian có kết quả',
      'Ngày xử lý xong',
      'Ngày giải quyết xong',
      'Ngày trả',
    ],
    exclude: ['hẹn'],
  },
  { key: 'status', synonyms: ['Trạng thái', 'Trạng thái hồ sơ', 'Trạng thái xử lý', 'Tình trạng', 'Tình trạng hồ sơ'] },
  { key: 'fee', synonyms: ['Phí, lệ phí', 'Phí lệ phí', 'Lệ phí', 'Phí', 'Số tiền', 'Số tiền phí', 'Tiền phí', 'Phí và lệ phí'] },
  {
    key: 'payment',
    synonyms: ['Thanh toán trực tuyến', 'Đã thanh toán trực tuyến', 'Hình thức thanh toán', 'Phương thức thanh toán', 'Thanh toán', 'TTTT'],
  },
  { key: 'rating', synonyms: ['Đánh giá', 'Kết quả đánh giá', 'Mức độ hài lòng', 'Đánh giá hài lòng', 'Đánh giá của người dân', 'Hài lòng'] },
];

/** Where a field is: a header text ("Cơ quan thực hiện"), a column letter ("E"), a 1-based column number, or null (ignore). */
export const ColumnRefSchema = z.union([z.string().min(1).max(500), z.number().int().min(1).max(16384), z.null()]);
export type ColumnRef = z.infer<typeof ColumnRefSchema>;

/**
 * A mapping the user fixed, saved per source (CLI `--mapping FILE`, the app's settings). Every key is optional:
 * fields not named are found by their synonyms. `headerRow` (1-based, as Excel numbers rows) skips the search.
 */
export const DossierMappingSchema = z
  .object({
    sheet: z.union([z.string().min(1), z.number().int().min(1)]).optional(),
    headerRow: z.number().int().min(1).optional(),
    columns: z.object(Object.fromEntries(DOSSIER_FIELDS.map((f) => [f, ColumnRefSchema.optional()])) as Record<DossierField, z.ZodOptional<typeof ColumnRefSchema>>).strict().optional(),
  })
  .strict();
export type DossierMapping = z.infer<typeof DossierMappingSchema>;

/** Reads a mapping from JSON text; a problem becomes one Vietnamese sentence. */
export function parseDossierMapping(text: string): DossierMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(text.normalize('NFC'));
  } catch {
    throw new UserFacingError('MAPPING_INVALID', 'Tệp ánh xạ cột không phải JSON hợp lệ.');
  }
  const parsed = DossierMappingSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new UserFacingError(
      'MAPPING_INVALID',
      `Tệp ánh xạ cột không đúng mẫu${where ? ` ở “${where}”` : ''}. Các trường dùng được: ${DOSSIER_FIELDS.join(', ')}; mỗi trường là tên cột, chữ cột (E) hoặc số cột.`,
    );
  }
  return parsed.data;
}

/** The columns found for each field (0-based index) and the header text shown for it. */
export interface ResolvedColumns {
  /** 0-based index of the header row within the rows given to resolveColumns. */
  headerIndex: number;
  /** 1 for a one-row header, 2 for a two-level header (group titles above column titles); data follow it. */
  depth: 1 | 2;
  columns: Partial<Record<DossierField, number>>;
  labels: Partial<Record<DossierField, string>>;
  /** Whether each field was found by synonym ('auto') or named by the mapping ('mapping'). */
  how: Partial<Record<DossierField, 'auto' | 'mapping'>>;
  /** Every header text of the header row (for the mapping screen and the settings signature). */
  headerLabels: string[];
  /** Required fields without a column (only when resolved with `requireAll: false`). */
  missing: DossierField[];
}

const FOLDED_SYNONYMS: readonly string[] = DOSSIER_SPECS.flatMap((spec) => spec.synonyms.map((syn) => ` ${fold(syn)} `));

/** Whether a row could be the header: at least two text cells containing a known column name. */
function mayBeHeader(row: RawRow): boolean {
  let hits = 0;
  for (const v of row) {
    if (typeof v !== 'string' || v.length > 200) continue;
    const padded = ` ${fold(v)} `;
    if (padded.length > 2 && FOLDED_SYNONYMS.some((syn) => padded.includes(syn)) && ++hits >= 2) return true;
  }
  return false;
}

/** Column index (0-based) of a letter reference ("E" → 4), or -1. */
function letterIndex(ref: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(ref)) return -1;
  let n = 0;
  for (const ch of ref.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export { columnLetter };

function headerLabels(row: RawRow | undefined): string[] {
  return (row ?? []).map((v) => (typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v)));
}

/**
 * Finds the header among the first rows (the shared header finder, with the synonyms above) and the column of each
 * field; the mapping's choices win. Throws a UserFacingError naming what is missing when no header is found or a
 * required field (unit, received, due date) has no column.
 */
export function resolveColumns(
  rows: readonly RawRow[],
  mapping: DossierMapping = {},
  rowNumbers?: readonly number[],
  opts: { requireAll?: boolean } = {},
): ResolvedColumns {
  let match: HeaderMatch | null = null;
  let headerIndex: number;
  if (mapping.headerRow !== undefined) {
    headerIndex = rowNumbers ? rowNumbers.indexOf(mapping.headerRow) : mapping.headerRow - 1;
    if (headerIndex < 0 || headerIndex >= rows.length) {
      throw new UserFacingError('DOSSIER_HEADER_NOT_FOUND', `Dòng tiêu đề ${mapping.headerRow} trong tệp ánh xạ không có dữ liệu.`);
    }
    match = findHeader([rows[headerIndex]!], DOSSIER_SPECS.map((s) => ({ ...s, required: false })), { maxRows: 1, minMatches: 0 });
  } else {
    // Fields the mapping names are not required of the header; if no row has every required field, the best row
    // with at least three known columns is taken, so the message can name the missing columns.
    const named = mapping.columns ?? {};
    const specs = DOSSIER_SPECS.map((s) => (named[s.key as DossierField] !== undefined ? { ...s, required: false } : s));
    // Only rows with at least two cells naming a known column, and the row under each (the lower level of a
    // two-level header), are offered to the finder; an empty row in place of the others keeps the positions.
    const likely = rows.map(mayBeHeader);
    const candidates = rows.map((r, i) => (likely[i] || (i > 0 && likely[i - 1]) ? r : []));
    match =
      findHeader(candidates, specs, { maxRows: rows.length, minMatches: 3 }) ??
      findHeader(candidates, specs.map((s) => ({ ...s, required: false })), { maxRows: rows.length, minMatches: 3 });
    if (!match) {
      throw new UserFacingError(
        'DOSSIER_HEADER_NOT_FOUND',
        `Không tìm thấy dòng tiêu đề của danh sách hồ sơ trong ${rows.length} dòng đầu (cần các cột như “${FIELD_LABELS.unit}”, “${FIELD_LABELS.received}”, “${FIELD_LABELS.due}”). Hãy chọn cột bằng tay (tệp ánh xạ cột).`,
      );
    }
    headerIndex = match.rowIndex;
  }
  const labels = match && match.depth === 2 ? match.labels : headerLabels(rows[headerIndex]);
  const depth = mapping.headerRow === undefined && match?.depth === 2 ? 2 : 1;
  const result: ResolvedColumns = { headerIndex, depth, columns: {}, labels: {}, how: {}, headerLabels: labels, missing: [] };
  for (const f of DOSSIER_FIELDS) {
    const col = match?.columns[f];
    if (col !== undefined) {
      result.columns[f] = col;
      result.how[f] = 'auto';
    }
  }
  const named = mapping.columns ?? {};
  for (const f of DOSSIER_FIELDS) {
    const ref = named[f];
    if (ref === undefined) continue;
    // A column claimed by the mapping is taken away from any field that found it automatically.
    const drop = (col: number) => {
      for (const g of DOSSIER_FIELDS) if (g !== f && result.columns[g] === col && result.how[g] === 'auto') delete result.columns[g];
    };
    if (ref === null) {
      delete result.columns[f];
      delete result.how[f];
      continue;
    }
    let col = -1;
    if (typeof ref === 'number') col = ref - 1;
    else {
      const folded = fold(ref);
      col = labels.findIndex((l) => fold(l) === folded);
      if (col < 0) col = letterIndex(ref.trim());
      if (col < 0) col = labels.findIndex((l) => fold(l).includes(folded));
    }
    if (col < 0) {
      throw new UserFacingError(
        'DOSSIER_COLUMN_MISSING',
        `Tệp ánh xạ chỉ định cột “${String(ref)}” cho “${FIELD_LABELS[f]}” nhưng dòng tiêu đề không có cột này.`,
      );
    }
    drop(col);
    result.columns[f] = col;
    result.how[f] = 'mapping';
  }
  for (const f of DOSSIER_FIELDS) {
    const col = result.columns[f];
    if (col !== undefined) result.labels[f] = labels[col] || columnLetter(col);
  }
  const missing = REQUIRED_FIELDS.filter((f) => result.columns[f] === undefined);
  result.missing = missing;
  if (missing.length > 0 && opts.requireAll !== false) {
    throw new UserFacingError(
      'DOSSIER_COLUMN_MISSING',
      `Danh sách hồ sơ thiếu cột ${missing.map((f) => `“${FIELD_LABELS[f]}”`).join(', ')}. Hãy chọn cột tương ứng bằng tay (tệp ánh xạ cột).`,
    );
  }
  return result;
}

/* ------------------------------------------------------------------ saved mappings (settings) */

/**
 * A source's identity for remembering its mapping (settings keep `{ signature, mapping, usedAt }`, the mapping in
 * DossierMapping shape): "dossiers:" and the folded header texts, so the same system's exports (same columns) find
 * their mapping again whatever their title block says.
 */
export function dossierSignature(headerLabels: readonly string[]): string {
  return ('dossiers:' + headerLabels.map((l) => fold(l)).join('|')).slice(0, 2000);
}

/** Most dossier lists read together in one run (a year of monthly lists, with room for lists split further). */
export const MAX_AGGREGATE_FILES = 100;
