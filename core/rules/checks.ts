// The consistency checks a careful clerk would run on a report (domain.md §5), each a rule with an id and a severity.
import { classify, DEFAULT_BANDS, STANDARD_STATUSES, type Band } from '../model/catalog';
import { estimatedGroupScore } from '../scoring/estimate';
import { periodRange } from '../model/period';
import type { GroupCode, Line, Report } from '../model/schema';
import { findDuplicateNames } from '../text/names';
import { formatViNumber, formatViPercent, roundTo } from '../text/numbers';
import type { Finding } from './findings';
import { LINE_RULES } from './lines';
import { countsNest, unitScoresSum } from './nesting';
import { fixLabel, groupName, isNum, type Context, type Rule } from './rule';

export { groupName } from './rule';
export { LINE_NESTS, UNIT_COUNT_COLUMNS } from './nesting';

/** Rate sets that must add up to 100 %, in portal order (complementary or partitioning lines). */
export const COMPLEMENT_SETS: readonly (readonly string[])[] = [
  ['tdgq.onTime', 'tdgq.overdue'],
  ['clgq.partial', 'clgq.full', 'clgq.infoOnly'],
  ['clgq.submittedOnline', 'clgq.submittedOther'],
  ['clgq.onlineOnTime', 'clgq.onlineOverdue'],
  ['tttt.proceduresOnline', 'tttt.proceduresOther'],
  ['tttt.obligationsOnPortal', 'tttt.obligationsNotIntegrated'],
  ['tttt.dossiersOnline', 'tttt.dossiersOther'],
];

/** Rates printed to 2 decimals may each be off by half a hundredth; a set of n rates by n/200. */
const RATE_TOLERANCE = 0.011;
/** Scores are published to 1 or 2 decimals. */
const SCORE_TOLERANCE = 0.051;
/** How far a reverse-engineered estimate may drift from the official score before we mention it. */
const ESTIMATE_TOLERANCE = 0.5;

export interface CheckOptions {
  bands?: readonly Band[];
}

/* ------------------------------------------------------------------ rules */

const groupsSumToTotal: Rule = (r, ctx) => {
  if (r.total === null || r.groups.some((g) => g.score === null)) return [];
  const sum = roundTo(r.groups.reduce((s, g) => s + (g.score ?? 0), 0), 2);
  if (Math.abs(sum - r.total) <= SCORE_TOLERANCE) return [];
  return [
    {
      ruleId: 'groups-sum-total',
      severity: 'error',
      message: `Tổng điểm các nhóm chỉ số là ${ctx.n(sum)} nhưng tổng điểm ghi ${ctx.n(r.total)}/100. Hãy kiểm tra lại điểm từng nhóm và tổng điểm trên Cổng Dịch vụ công.`,
      location: { kind: 'total' },
    },
  ];
};

const scoreWithinMax: Rule = (r, ctx) => {
  const out: Finding[] = [];
  if (r.total !== null && r.total > 100) {
    out.push({ ruleId: 'score-max', severity: 'error', message: `Tổng điểm ${ctx.n(r.total)} vượt quá 100 điểm. Hãy sửa lại tổng điểm.`, location: { kind: 'total' } });
  }
  for (const g of r.groups) {
    if (g.score !== null && g.score > g.max + 1e-9) {
      out.push({
        ruleId: 'score-max',
        severity: 'error',
        message: `Điểm nhóm “${groupName(g.code)}” là ${ctx.n(g.score)}, vượt quá điểm tối đa ${ctx.n(g.max)}. Hãy sửa lại điểm nhóm.`,
        location: { kind: 'group', group: g.code },
      });
    }
  }
  for (const t of r.tables) {
    for (const col of t.columns) {
      if (col.type !== 'score' || col.max === undefined) continue;
      for (const row of t.rows) {
        const c = row.cells[col.id];
        if (isNum(c) && c.v > col.max + 1e-9) {
          out.push({
            ruleId: 'score-max',
            severity: 'error',
            message: `${ctx.unitName(row.unitId)}: “${col.header}” là ${ctx.n(c.v)}, vượt quá tối đa ${ctx.n(col.max)} điểm. Hãy sửa lại ô này.`,
            location: { kind: 'cell', tableId: t.id, unitId: row.unitId, columnId: col.id },
          });
        }
      }
    }
  }
  return out;
};

const rateInRange: Rule = (r, ctx) => {
  const out: Finding[] = [];
  for (const { group, line } of ctx.lines.values()) {
    if (typeof line.rate === 'number' && (line.rate < 0 || line.rate > 100)) {
      out.push({
        ruleId: 'rate-range',
        severity: 'error',
        message: `“${line.label}”: tỷ lệ ${ctx.pct(line.rate)} nằm ngoài khoảng 0–100%. Hãy sửa lại tỷ lệ.`,
        location: { kind: 'line', group, lineId: line.id, field: 'rate' },
      });
    }
  }
  for (const t of r.tables) {
    for (const col of t.columns) {
      if (col.type !== 'rate') continue;
      for (const row of t.rows) {
        const c = row.cells[col.id];
        if (isNum(c) && (c.v < 0 || c.v > 100)) {
          out.push({
            ruleId: 'rate-range',
            severity: 'error',
            message: `${ctx.unitName(row.unitId)}: tỷ lệ ${ctx.pct(c.v)} trong bảng “${t.title}” nằm ngoài khoảng 0–100%. Hãy sửa lại ô này.`,
            location: { kind: 'cell', tableId: t.id, unitId: row.unitId, columnId: col.id },
          });
        }
      }
    }
  }
  return out;
};

const ratesComplement: Rule = (_r, ctx) => {
  const out: Finding[] = [];
  for (const set of COMPLEMENT_SETS) {
    const lines = set.map((id) => ctx.lines.get(id));
    if (lines.some((l) => !l || typeof l.line.rate !== 'number')) continue;
    const rates = lines.map((l) => l!.line.rate as number);
    const sum = roundTo(rates.reduce((a, b) => a + b, 0), 2);
    if (Math.abs(sum - 100) <= RATE_TOLERANCE * set.length) continue;
    const first = lines[0]!;
    // Two complementary rates: the second is 100 minus the first (the first is the one the portal leads with).
    const second = lines.length === 2 ? lines[1]! : null;
    const rest = second ? roundTo(100 - (first.line.rate as number), 2) : null;
    out.push({
      ruleId: 'rates-complement',
      severity: 'error',
      message: `Các tỷ lệ ${lines.map((l) => `“${l!.line.label}” (${ctx.pct(l!.line.rate as number)})`).join(', ')} cộng lại bằng ${ctx.pct(sum)}, không phải 100%. ${second && rest !== null && rest >= 0 ? `Nếu “${first.line.label}” đúng thì “${second.line.label}” là ${ctx.pct(rest)}.` : 'Hãy kiểm tra lại các tỷ lệ này.'}`,
      location: { kind: 'line', group: first.group, lineId: first.line.id, field: 'rate' },
      ...(second && rest !== null && rest >= 0
        ? { fix: { location: { kind: 'line', group: second.group, lineId: second.line.id, field: 'rate' }, value: rest, label: `Sửa “${second.line.label}” thành ${ctx.pct(rest)}` } as const }
        : {}),
    });
  }
  return out;
};

const rateMatchesCount: Rule = (_r, ctx) => {
  const out: Finding[] = [];
  for (const set of COMPLEMENT_SETS) {
    const lines = set.map((id) => ctx.lines.get(id));
    if (lines.some((l) => !l || typeof l.line.count !== 'number' || typeof l.line.rate !== 'number')) continue;
    const total = lines.reduce((s, l) => s + (l!.line.count as number), 0);
    if (total === 0) continue;
    for (const l of lines) {
      const { group, line } = l!;
      const expected = roundTo(((line.count as number) / total) * 100, 2);
      if (Math.abs(expected - (line.rate as number)) <= RATE_TOLERANCE) continue;
      out.push({
        ruleId: 'rate-matches-count',
        severity: 'error',
        message: `“${line.label}”: ${ctx.n(line.count as number)}/${ctx.n(total)} là ${ctx.pct(expected)}, không phải ${ctx.pct(line.rate as number)} như đã ghi. Hãy kiểm tra lại số lượng hoặc tỷ lệ.`,
        location: { kind: 'line', group, lineId: line.id, field: 'rate' },
        fix: { location: { kind: 'line', group, lineId: line.id, field: 'rate' }, value: expected, label: fixLabel(ctx.pct(expected)) },
      });
    }
  }
  return out;
};

/** Electronic certified copies: completed ≤ arising, and the rate matches completed ÷ arising. */
const eCopiesCounts: Rule = (r, ctx) => {
  const out: Finding[] = [];
  for (const t of r.tables.filter((t) => t.kind === 'eCopies')) {
    for (const row of t.rows) {
      const completed = row.cells.completed;
      const arising = row.cells.arising;
      const rate = row.cells.rate;
      if (!isNum(completed) || !isNum(arising)) continue;
      if (completed.v > arising.v) {
        out.push({
          ruleId: 'subset-not-larger',
          severity: 'error',
          message: `${ctx.unitName(row.unitId)}: số hồ sơ chứng thực hoàn thành (${ctx.n(completed.v)}) lớn hơn số hồ sơ phát sinh (${ctx.n(arising.v)}). Hãy kiểm tra lại hai số này.`,
          location: { kind: 'cell', tableId: t.id, unitId: row.unitId, columnId: 'completed' },
        });
      } else if (isNum(rate) && arising.v > 0) {
        const expected = roundTo((completed.v / arising.v) * 100, 2);
        if (Math.abs(expected - rate.v) > RATE_TOLERANCE) {
          out.push({
            ruleId: 'rate-matches-count',
            severity: 'error',
            message: `${ctx.unitName(row.unitId)}: ${ctx.n(completed.v)}/${ctx.n(arising.v)} hồ sơ là ${ctx.pct(expected)}, không phải ${ctx.pct(rate.v)}. Hãy kiểm tra lại tỷ lệ.`,
            location: { kind: 'cell', tableId: t.id, unitId: row.unitId, columnId: 'rate' },
            fix: { location: { kind: 'cell', tableId: t.id, unitId: row.unitId, columnId: 'rate' }, value: { t: 'num', v: expected }, label: fixLabel(ctx.pct(expected)) },
          });
        }
      }
    }
  }
  return out;
};

const classificationBand: Rule = (r, ctx) => {
  const out: Finding[] = [];
  for (const t of r.tables.filter((t) => t.kind === 'evaluation')) {
    for (const row of t.rows) {
      const total = row.cells.total;
      const label = row.cells.class;
      if (!isNum(total) || !label || label.t !== 'text') continue;
      const expected = classify(total.v, ctx.bands);
      if (expected.normalize('NFC').toLocaleLowerCase('vi') === label.v.normalize('NFC').trim().toLocaleLowerCase('vi')) continue;
      out.push({
        ruleId: 'classification-band',
        severity: 'error',
        message: `${ctx.unitName(row.unitId)}: tổng điểm ${ctx.n(total.v)} thuộc loại “${expected}”, không phải “${label.v}”. Hãy sửa xếp loại (hoặc tổng điểm nếu ghi nhầm).`,
        location: { kind: 'cell', tableId: t.id, unitId: row.unitId, columnId: 'class' },
        fix: { location: { kind: 'cell', tableId: t.id, unitId: row.unitId, columnId: 'class' }, value: { t: 'text', v: expected }, label: fixLabel(`“${expected}”`) },
      });
    }
  }
  return out;
};

/** A unit whose on-time rate is below 100 % must show in the overdue list with a figure. */
const overdueListed: Rule = (r, ctx) => {
  const onTime = r.tables.find((t) => t.kind === 'onTime');
  const overdue = r.tables.find((t) => t.kind === 'overdue');
  if (!onTime || !overdue) return [];
  const out: Finding[] = [];
  for (const row of onTime.rows) {
    const rate = row.cells.rate;
    if (!isNum(rate) || rate.v >= 100) continue;
    const listed = overdue.rows.find((o) => o.unitId === row.unitId);
    const cell = listed?.cells.rate;
    const name = ctx.unitName(row.unitId);
    const gap = ctx.pct(roundTo(100 - rate.v, 2));
    if (isNum(cell)) {
      if (Math.abs(cell.v + rate.v - 100) > RATE_TOLERANCE * 2) {
        out.push({
          ruleId: 'unit-rates-complement',
          severity: 'error',
          message: `${name}: tỷ lệ đúng hạn ${ctx.pct(rate.v)} và tỷ lệ quá hạn ${ctx.pct(cell.v)} cộng lại không bằng 100%. Tỷ lệ quá hạn đúng ra là ${gap}.`,
          location: { kind: 'cell', tableId: overdue.id, unitId: row.unitId, columnId: 'rate' },
          fix: { location: { kind: 'cell', tableId: overdue.id, unitId: row.unitId, columnId: 'rate' }, value: { t: 'num', v: roundTo(100 - rate.v, 2) }, label: fixLabel(gap) },
        });
      }
      continue;
    }
    const what = !listed ? 'không có trong' : cell?.t === 'status' ? `ghi “${cell.v}” trong` : 'để trống trong';
    out.push({
      ruleId: 'overdue-listed',
      severity: 'warning',
      message: `${name} có tỷ lệ đúng hạn ${ctx.pct(rate.v)} (dưới 100%) nhưng ${what} danh sách đơn vị có hồ sơ quá hạn. Hãy ghi tỷ lệ quá hạn (${gap}) hoặc giải thích trong ghi chú.`,
      location: listed
        ? { kind: 'cell', tableId: overdue.id, unitId: row.unitId, columnId: 'rate' }
        : { kind: 'table', tableId: overdue.id },
      // A blank overdue rate beside an on-time rate is its complement; a status the clerk wrote is left to the clerk.
      ...(listed && cell == null
        ? { fix: { location: { kind: 'cell', tableId: overdue.id, unitId: row.unitId, columnId: 'rate' }, value: { t: 'num', v: roundTo(100 - rate.v, 2) }, label: fixLabel(gap) } as const }
        : {}),
    });
  }
  return out;
};

const satisfactionVsOverdue: Rule = (_r, ctx) => {
  const sat = ctx.lines.get('mdhl.procedures');
  const overdue = ctx.lines.get('tdgq.overdue');
  if (!sat || !overdue || typeof sat.line.rate !== 'number' || typeof overdue.line.rate !== 'number') return [];
  const limit = roundTo(100 - overdue.line.rate, 2);
  if (sat.line.rate <= limit + RATE_TOLERANCE) return [];
  return [
    {
      ruleId: 'satisfaction-vs-overdue',
      severity: 'warning',
      message: `Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC là ${ctx.pct(sat.line.rate)}, cao hơn 100% trừ tỷ lệ hồ sơ quá hạn (${ctx.pct(overdue.line.rate)}) = ${ctx.pct(limit)}. Hồ sơ quá hạn thường được tính là chưa hài lòng: hãy đối chiếu lại với Cổng Dịch vụ công.`,
      location: { kind: 'line', group: 'MDHL', lineId: 'mdhl.procedures', field: 'rate' },
    },
  ];
};

const uniqueUnits: Rule = (r, ctx) => {
  const out: Finding[] = [];
  for (const d of findDuplicateNames(r.units)) {
    const ids = [...new Set(d.entries.map((e) => e.unitId))];
    out.push({
      ruleId: 'duplicate-unit',
      severity: 'error',
      message: `Các đơn vị ${ids.map((id) => `“${ctx.unitName(id)}”`).join(', ')} trùng tên (“${d.entries[0]?.text ?? d.key}”). Hãy xóa đơn vị thừa hoặc sửa tên, tên gọi khác cho khác nhau.`,
      location: { kind: 'unit', unitId: ids[ids.length - 1]! },
    });
  }
  for (const t of r.tables) {
    const seen = new Set<string>();
    for (const row of t.rows) {
      if (seen.has(row.unitId)) {
        out.push({
          ruleId: 'duplicate-unit',
          severity: 'error',
          message: `Bảng “${t.title}” có hai dòng cho ${ctx.unitName(row.unitId)}. Hãy xóa dòng thừa.`,
          location: { kind: 'table', tableId: t.id },
        });
      }
      seen.add(row.unitId);
    }
  }
  return out;
};

const rankInRange: Rule = (r) => {
  const { position, of } = r.rank;
  if (position === null || of === null || position <= of) return [];
  return [
    {
      ruleId: 'rank-range',
      severity: 'error',
      message: `Xếp hạng ${position}/${of} không hợp lệ: thứ hạng không thể lớn hơn số đơn vị được xếp hạng. Hãy sửa lại xếp hạng.`,
      location: { kind: 'rank' },
    },
  ];
};

const datesInOrder: Rule = (r) => {
  const out: Finding[] = [];
  const range = periodRange(r.period);
  if (r.dataAsOf !== null && r.dataAsOf < range.from) {
    out.push({
      ruleId: 'data-date',
      severity: 'error',
      message: `Ngày lấy số liệu ${fmtIso(r.dataAsOf)} nằm trước kỳ báo cáo (từ ${fmtIso(range.from)}). Hãy sửa ngày lấy số liệu.`,
      location: { kind: 'document', field: 'dataAsOf' },
    });
  }
  const d = r.document.date;
  const docKey = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day ?? 31).padStart(2, '0')}`;
  if (docKey < range.to) {
    out.push({
      ruleId: 'document-date',
      severity: 'warning',
      message: `Ngày ban hành báo cáo (tháng ${d.month}/${d.year}) nằm trước khi kỳ báo cáo kết thúc (${fmtIso(range.to)}). Hãy kiểm tra lại ngày báo cáo.`,
      location: { kind: 'document', field: 'date' },
    });
  }
  return out;
};

const missingScores: Rule = (r, ctx) => {
  const out: Finding[] = [];
  if (r.total === null) {
    out.push({ ruleId: 'missing-score', severity: 'warning', message: 'Chưa nhập tổng điểm. Hãy nhập tổng điểm như Cổng Dịch vụ công công bố.', location: { kind: 'total' } });
  }
  for (const g of r.groups) {
    if (g.score === null) {
      out.push({
        ruleId: 'missing-score',
        severity: 'warning',
        message: `Chưa nhập điểm nhóm “${groupName(g.code)}” (tối đa ${ctx.n(g.max)}). Hãy nhập điểm như Cổng Dịch vụ công công bố.`,
        location: { kind: 'group', group: g.code },
      });
    }
  }
  return out;
};

/** A status worded differently from the standard one ("trong" vs "trên Hệ thống") within one report. */
const statusWording: Rule = (r) => {
  const standard = STANDARD_STATUSES[0];
  const key = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
  const out: Finding[] = [];
  for (const t of r.tables) {
    const variants = new Set<string>();
    for (const row of t.rows) for (const c of Object.values(row.cells)) if (c?.t === 'status' && key(c.v) !== key(standard)) variants.add(c.v);
    for (const v of variants) {
      if (!/^không tổng hợp/.test(key(v))) continue;
      out.push({
        ruleId: 'status-wording',
        severity: 'warning',
        message: `Bảng “${t.title}” ghi “${v}”, khác cách ghi “${standard}” của các bảng khác. Hãy thống nhất một cách ghi.`,
        location: { kind: 'table', tableId: t.id },
      });
    }
  }
  return out;
};

/* ------------------------------------------------ estimates (warnings only) */

const ESTIMATE_NOTE = 'Đây là ước tính theo công thức suy luận, không phải điểm chính thức';

const estimateOnTime: Rule = (r, ctx) => {
  const g = r.groups.find((x) => x.code === 'TDGQ');
  const onTime = ctx.lines.get('tdgq.onTime')?.line.rate;
  if (!g || g.score === null || typeof onTime !== 'number') return [];
  // The rule of core/scoring (20 × on-time rate), the one the overview shows.
  const est = estimatedGroupScore(r, 'TDGQ');
  if (est === null || Math.abs(est - g.score) <= ESTIMATE_TOLERANCE) return [];
  return [
    {
      ruleId: 'estimate-tdgq',
      severity: 'warning',
      estimate: true,
      message: `Với tỷ lệ đúng hạn ${ctx.pct(onTime)}, điểm tiến độ giải quyết ước tính khoảng ${ctx.n(est)}/${ctx.n(g.max)}, khác điểm đã ghi ${ctx.n(g.score)}. ${ESTIMATE_NOTE}: hãy đối chiếu với Cổng Dịch vụ công.`,
      location: { kind: 'group', group: 'TDGQ' },
    },
  ];
};

const estimatePayment: Rule = (r, ctx) => {
  const g = r.groups.find((x) => x.code === 'TTTT');
  const a = ctx.lines.get('tttt.dossiersOnline')?.line.rate;
  const b = ctx.lines.get('tttt.proceduresOnline')?.line.rate;
  const c = ctx.lines.get('tttt.obligationsOnPortal')?.line.rate;
  if (!g || g.score === null || typeof a !== 'number' || typeof b !== 'number' || typeof c !== 'number') return [];
  // The rules of core/scoring (6·A + min(2; 2,5·B) + 2,5·C, each part to 2 decimals), the ones the overview shows.
  const est = estimatedGroupScore(r, 'TTTT');
  if (est === null || Math.abs(est - g.score) <= ESTIMATE_TOLERANCE) return [];
  return [
    {
      ruleId: 'estimate-tttt',
      severity: 'warning',
      estimate: true,
      message: `Điểm thanh toán trực tuyến ước tính khoảng ${ctx.n(est)}/${ctx.n(g.max)} từ các tỷ lệ đã ghi, khác điểm đã ghi ${ctx.n(g.score)}. ${ESTIMATE_NOTE}: hãy đối chiếu với Cổng Dịch vụ công.`,
      location: { kind: 'group', group: 'TTTT' },
    },
  ];
};

export const RULES: Readonly<Record<string, Rule>> = {
  groupsSumToTotal,
  scoreWithinMax,
  rateInRange,
  ratesComplement,
  rateMatchesCount,
  eCopiesCounts,
  unitScoresSum,
  countsNest,
  classificationBand,
  overdueListed,
  satisfactionVsOverdue,
  uniqueUnits,
  rankInRange,
  datesInOrder,
  missingScores,
  statusWording,
  estimateOnTime,
  estimatePayment,
  ...LINE_RULES,
};

function fmtIso(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function allLines(report: Report): Map<string, { group: GroupCode; line: Line }> {
  const map = new Map<string, { group: GroupCode; line: Line }>();
  for (const g of report.groups) for (const line of g.lines) map.set(line.id, { group: g.code, line });
  return map;
}

/** Runs every rule on a report and returns the findings, errors first, in document order within a severity. */
export function runChecks(report: Report, opts: CheckOptions = {}): Finding[] {
  const units = new Map(report.units.map((u) => [u.id, u.name]));
  const style = report.numberStyle;
  const ctx: Context = {
    bands: opts.bands ?? DEFAULT_BANDS,
    lines: allLines(report),
    unitName: (id) => units.get(id) ?? id,
    n: (v) => formatViNumber(v, { trimZeros: true }),
    pct: (v) => formatViPercent(v, style),
  };
  const findings = Object.values(RULES).flatMap((rule) => rule(report, ctx));
  return findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}
