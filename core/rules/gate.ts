// The final-export gate: what an official copy would carry unnoticed (open errors, figures printing "(chưa có số liệu)"), one list for every exporter.
//
// Every exporter of a finished document (the app's Xuất PDF and Xuất Excel, the CLI's `pdf` and `export`, and any
// later format) asks `exportGate` before writing. A draft is never gated: it is meant to be incomplete. The gate
// only lists; the caller decides (the app asks "Vẫn xuất" / "Quay lại sửa", the CLI writes and prints the list on
// stderr).
import type { Line, Report } from '../model/schema';
import { groupSectionNumber, lineSentence, MISSING } from '../text/report-text';
import { groupName, runChecks, type CheckOptions } from './checks';
import type { Finding, Location } from './findings';

export type ExportMode = 'draft' | 'final';

export interface GateItem {
  kind: 'error' | 'missing';
  /** Error: the finding's sentence. Missing: what has no figure ("Điểm nhóm “Công khai, minh bạch”"). */
  message: string;
  location: Location;
  /** The rule of an error. */
  ruleId?: string;
}

export interface ExportGate {
  /** Open errors of the checks, in the checks' order. */
  errors: GateItem[];
  /** Figures the document would print as "(chưa có số liệu)", in document order. */
  missing: GateItem[];
}

export interface GateOptions extends CheckOptions {
  mode: ExportMode;
  /** The findings already computed for this report (the app keeps them); run afresh when absent. */
  findings?: readonly Finding[];
}

/** The figures of a report that would print as "(chưa có số liệu)", each with where to enter it. */
export function missingFigures(report: Report): GateItem[] {
  const out: GateItem[] = [];
  const missing = (message: string, location: Location): void => void out.push({ kind: 'missing', message, location });
  if (report.total === null) missing('Tổng điểm', { kind: 'total' });
  if (report.rank.position === null) missing('Xếp hạng', { kind: 'rank' });
  for (const g of report.groups) {
    const name = `${groupSectionNumber(g.code)}. ${groupName(g.code)}`;
    if (g.score === null) missing(`Điểm nhóm “${name}”`, { kind: 'group', group: g.code });
    for (const line of g.lines) {
      if (line.kind === 'heading' || !lineSentence(line, report.numberStyle).includes(MISSING)) continue;
      const countMissing = line.countUnit !== undefined && (line.count ?? null) === null;
      const field = line.kind === 'metric' ? metricMissingField(line) : countMissing || !line.hasRate ? 'count' : 'rate';
      missing(`“${line.label}” (nhóm “${name}”)`, { kind: 'line', group: g.code, lineId: line.id, field });
    }
  }
  for (const t of report.tables) {
    if (t.rows.length === 0) missing(`Bảng “${t.title}” (chưa có đơn vị nào)`, { kind: 'table', tableId: t.id });
  }
  return out;
}

/** What stands between this report and an official copy; empty lists for a draft. */
export function exportGate(report: Report, opts: GateOptions): ExportGate {
  if (opts.mode === 'draft') return { errors: [], missing: [] };
  const findings = opts.findings ?? runChecks(report, opts);
  return {
    errors: findings.filter((f) => f.severity === 'error').map((f) => ({ kind: 'error', message: f.message, location: f.location, ruleId: f.ruleId })),
    missing: missingFigures(report),
  };
}

/** True when nothing needs the clerk's confirmation. */
export function gateIsClear(gate: ExportGate): boolean {
  return gate.errors.length === 0 && gate.missing.length === 0;
}

/** The document an exporter writes: the PDF prints a missing figure as "(chưa có số liệu)", the workbook leaves it blank. */
export type GateFormat = 'pdf' | 'xlsx';

/** "2 lỗi chưa sửa và 9 số liệu sẽ in “(chưa có số liệu)”" (the parts that apply). */
export function gateSummary(gate: ExportGate, format: GateFormat = 'pdf'): string {
  const parts: string[] = [];
  if (gate.errors.length > 0) parts.push(`${gate.errors.length} lỗi chưa sửa`);
  if (gate.missing.length > 0) parts.push(`${gate.missing.length} số liệu ${format === 'pdf' ? `sẽ in “${MISSING}”` : 'còn để trống'}`);
  return parts.join(' và ');
}

/** The gate as lines of text (the CLI prints them on stderr): a summary, then every item. */
export function gateLines(gate: ExportGate, format: GateFormat = 'pdf'): string[] {
  if (gateIsClear(gate)) return [];
  const what = format === 'pdf' ? 'Bản chính thức' : 'Tệp Excel';
  return [
    `Chú ý: ${what} còn ${gateSummary(gate, format)}. Tệp vẫn được ghi; hãy sửa rồi xuất lại trước khi trình ký (xem lệnh check).`,
    ...gate.errors.map((i) => `- Lỗi [${i.ruleId}]: ${i.message}`),
    ...gate.missing.map((i) => `- Chưa có số liệu: ${i.message}.`),
  ];
}

/** The first blank figure of a metric line, in the order the clerk types them. */
function metricMissingField(line: Line): 'numerator' | 'denominator' | 'rate' | 'points' {
  if ((line.numerator ?? null) === null) return 'numerator';
  if ((line.denominator ?? null) === null) return 'denominator';
  if ((line.rate ?? null) === null && line.denominator !== 0) return 'rate';
  return 'points';
}
