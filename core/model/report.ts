// Working with whole reports: validation with clear messages, the built-in sample, a new period's report, clearing figures.
import sampleJson from '../../assets/sample-report.json';
import { emptyGroup } from './catalog';
import { withIndicatorSet } from './indicators';
import { issueMonth, periodText } from './period';
import { ReportSchema, SCHEMA_VERSION, type Block, type IndicatorSetId, type Period, type Report, type Unit } from './schema';
import { upgradeReport } from './upgrade';
import { carryStatuses } from './carried';

export { carriedCells, carriedSummary, carryStatuses } from './carried';

export type ValidationResult = { ok: true; report: Report } | { ok: false; problem: string };

/** Describes the first few schema problems in one Vietnamese sentence: where and what. */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const parts = issues.slice(0, 3).map((i) => `${i.path.length ? i.path.map(String).join('.') : '(gốc)'}: ${i.message}`);
  const more = issues.length > 3 ? ` (và ${issues.length - 3} lỗi khác)` : '';
  return `dữ liệu báo cáo không hợp lệ — ${parts.join('; ')}${more}`;
}

/** Upgrades an older schema version, then validates. Never throws. */
export function validateReport(raw: unknown): ValidationResult {
  const upgraded = upgradeReport(raw);
  if (!upgraded.ok) return upgraded;
  const parsed = ReportSchema.safeParse(upgraded.value);
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error.issues) };
  return { ok: true, report: parsed.data };
}

/** Parses JSON text into a report; the problem says whether the JSON or the data is at fault. */
export function parseReportJson(text: string): ValidationResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    return { ok: false, problem: `không phải JSON hợp lệ${at ? ` (lỗi cú pháp ở ký tự thứ ${Number(at) + 1})` : ''}` };
  }
  return validateReport(raw);
}

/** Serialises a report the one way the app writes reports: stable, indented, NFC. */
export function serializeReport(report: Report): string {
  return JSON.stringify(report, null, 2).normalize('NFC') + '\n';
}

/** A fresh, deep copy of the built-in sample (UBND thành phố Bắc Kạn, July 2024). */
export function loadSample(): Report {
  const result = validateReport(structuredClone(sampleJson));
  if (!result.ok) throw new Error(`built-in sample is invalid: ${result.problem}`);
  return result.report;
}

/** A deep copy of a report with every figure cleared: blank, never zero. Profile, units, tables' shape and notes stay. */
export function clearFigures(report: Report): Report {
  const r = structuredClone(report);
  r.total = null;
  r.rank = { position: null, of: r.rank.of };
  r.groups = r.groups.map((g) => {
    const fresh = emptyGroup(g.code);
    return {
      ...g,
      score: null,
      lines: g.lines.map((l) => {
        const { src: _src, ...rest } = l;
        return {
          ...rest,
          ...(l.count !== undefined ? { count: null } : {}),
          ...(l.rate !== undefined ? { rate: null } : {}),
          ...(l.numerator !== undefined ? { numerator: null } : {}),
          ...(l.denominator !== undefined ? { denominator: null } : {}),
          ...(l.points !== undefined ? { points: null } : {}),
        };
      }),
      // A metric catalogue's maxima are the report's own; the 2024 lines keep the standard maxima.
      max: r.indicators.set === '2024' ? fresh.max : g.max,
    };
  });
  for (const t of r.tables) for (const row of t.rows) for (const key of Object.keys(row.cells)) row.cells[key] = null;
  delete r.carried;
  return r;
}


/** The standard basis paragraphs for a profile and period (the seed's wording). */
export function basisParagraphs(report: Pick<Report, 'profile' | 'period'>): string[] {
  const { profile, period } = report;
  const subject =
    'chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử';
  const paragraphs: string[] = [];
  const plan = profile.plan;
  const decision =
    'Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử';
  if (plan) {
    const [y, m, d] = plan.date.split('-');
    paragraphs.push(`Thực hiện Kế hoạch số ${plan.number} ngày ${d}/${m}/${y} của ${plan.issuer} về triển khai thực hiện ${decision}.`);
  } else {
    paragraphs.push(`Thực hiện ${decision}.`);
  }
  paragraphs.push(
    'Căn cứ kết quả công bố trên Cổng Dịch vụ công quốc gia, tại địa chỉ: https://dichvucong.gov.vn, tại mục “Kết quả đánh giá Bộ chỉ số phục vụ người dân và doanh nghiệp của bộ, ngành, địa phương”.',
  );
  paragraphs.push(`${profile.shortName} báo cáo kết quả ${subject} ${periodText(period)} như sau:`);
  return paragraphs;
}

/**
 * Starts the report of a new period from an earlier one: its profile, units, blocks and table layout (and its
 * indicator lines, unless `indicators` names another catalogue), with every figure blank, no document number, no day, and the basis reworded for the new period.
 */
export function newReportFrom(previous: Report, period: Period, id: string, indicators?: IndicatorSetId): Report {
  let r = carryStatuses(previous, clearFigures(previous));
  // Another catalogue replaces the lines; the same one keeps the previous report's lines (the clerk's edits) blank.
  if (indicators !== undefined && indicators !== previous.indicators.set) r = withIndicatorSet(r, indicators);
  r.id = id;
  r.isSample = false;
  r.period = period;
  r.rank = { position: null, of: previous.rank.of };
  r.dataAsOf = null;
  const issue = issueMonth(period);
  r.document = { typeCode: previous.document.typeCode, number: null, date: { year: issue.year, month: issue.month, day: null } };
  r.basis = basisParagraphs(r);
  for (const t of r.tables) t.note = null;
  r.extraSections = [];
  // What-if targets belong to the period they were set for.
  delete r.scenario;
  r.schemaVersion = SCHEMA_VERSION;
  return r;
}

/**
 * Makes a unit catalogue (the settings' default blocks and units) the units of a report that has no figures yet:
 * names, other names, order and blocks follow the catalogue. Each table keeps covering the blocks it covered (a
 * table over every block covers every block of the catalogue; the communes' certified-copies table covers the
 * communes), its rows rebuilt in catalogue order; a unit the table already had keeps its cells, a new unit gets
 * blank cells. Pure: returns a new report.
 */
export function applyCatalogue(report: Report, catalogue: { blocks: Block[]; units: Unit[] }): Report {
  const r = structuredClone(report);
  const oldBlockOf = new Map(r.units.map((u) => [u.id, u.blockId]));
  const allOldBlocks = new Set(r.blocks.map((b) => b.id));
  const newBlocks = new Set(catalogue.blocks.map((b) => b.id));
  const units = catalogue.units.filter((u) => newBlocks.has(u.blockId));
  for (const t of r.tables) {
    const covered = new Set(t.rows.map((row) => oldBlockOf.get(row.unitId)).filter((b): b is string => b !== undefined));
    const coversAll = covered.size === 0 || [...allOldBlocks].every((b) => covered.has(b));
    const oldRows = new Map(t.rows.map((row) => [row.unitId, row]));
    const blank = () => Object.fromEntries(t.columns.map((c) => [c.id, null]));
    const keep = units.filter((u) => coversAll || covered.has(u.blockId));
    t.rows = keep.map((u) => oldRows.get(u.id) ?? { unitId: u.id, cells: blank() });
  }
  r.blocks = structuredClone(catalogue.blocks);
  r.units = structuredClone(units);
  return r;
}
