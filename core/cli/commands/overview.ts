// `overview REPORT.json [--json] [--library DIR] [--target LINE=RATE]...`: where the points went — official scores and
// points lost, the rules' estimates (labelled "ước tính"), the gap to the next band, the best single change, and the
// trend of the same issuer from a library folder (the app's library, or a folder of report JSON files).
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserFacingError } from '../../files/errors';
import { ReportLibrary } from '../../library/library';
import { parseReportJson } from '../../model/report';
import type { Report } from '../../model/schema';
import { buildOverview, nextBandOf, simulate, singleChanges, trendReportsFrom, type OverviewData } from '../../scoring';
import { parseViNumber } from '../../text/numbers';
import { formatScore } from '../../text/report-text';
import { nextBandSentence, signedPoints } from '../../scoring/text';
import { CliError, EXIT_OK, parseArgs, readReportFile, type Command } from '../io';

const USAGE =
  'overview BÁO_CÁO.json [--json] [--library THƯ_MỤC] [--target MÃ_CHỈ_TIÊU=TỶ_LỆ]...   Tổng quan: điểm bị mất, điểm ước tính, mục tiêu giả định, xu hướng các kỳ';

const score = (n: number | null) => (n === null ? '—' : formatScore(n));
const rate = (n: number | null) => (n === null ? '—' : `${formatScore(n)}%`);

/** The reports of a folder: the app's library (library.json or reports/ inside), else every readable *.json report. */
export async function historyFrom(dir: string, current: Report, warn: (line: string) => void): Promise<Report[]> {
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new CliError(`Không tìm thấy thư mục “${dir}”. Hãy kiểm tra lại đường dẫn --library.`);
  const names = await readdir(dir);
  if (names.includes('library.json') || names.includes('reports')) {
    const lib = new ReportLibrary({ folder: dir, addSampleOnFirstRun: false, onNotice: (n) => warn(n.message) });
    try {
      return await trendReportsFrom(lib, current);
    } catch (err) {
      if (err instanceof UserFacingError) throw new CliError(err.message);
      throw err;
    }
  }
  const out: Report[] = [];
  for (const name of names.filter((n) => n.toLowerCase().endsWith('.json')).sort()) {
    const parsed = parseReportJson(await readFile(join(dir, name), 'utf8').catch(() => ''));
    if (parsed.ok) out.push(parsed.report);
    else warn(`Bỏ qua “${name}”: ${parsed.problem}.`);
  }
  return out;
}

/** --target tdgq.onTime=97 (a decimal comma is fine: 92,5). */
function targetsFrom(values: string[]): Record<string, number> {
  const targets: Record<string, number> = {};
  for (const v of values) {
    const m = /^([a-z]+\.[A-Za-z0-9]+)=(.+)$/.exec(v.trim());
    const n = m ? parseViNumber(m[2]!.replace(/%$/, '')) : null;
    if (!m || !n?.ok || n.value < 0 || n.value > 100) {
      throw new CliError(`--target “${v}” không hợp lệ: cần MÃ_CHỈ_TIÊU=TỶ_LỆ với tỷ lệ từ 0 đến 100, ví dụ --target tdgq.onTime=97.`);
    }
    targets[m[1]!] = n.value;
  }
  return targets;
}

function overviewLines(report: Report, o: OverviewData): string[] {
  const e = o.estimate;
  const t = e.totals;
  const lines: string[] = [];
  const rank = report.rank.position !== null && report.rank.of !== null ? ` (xếp hạng ${report.rank.position}/${report.rank.of})` : '';
  lines.push(`Tổng quan: ${report.profile.locality} — ${o.trend.current?.periodLabel ?? ''}`.trim());
  lines.push(
    t.official === null
      ? 'Tổng điểm: chưa có số liệu'
      : `Tổng điểm: ${score(t.official)}/100 — ${t.officialBand}${rank}; ${nextBandSentence(nextBandOf(t.official))}`,
  );
  lines.push(`Tổng điểm ước tính theo quy tắc: ${t.estimated === null ? 'chưa ước tính được (thiếu tỷ lệ)' : `${score(t.estimated)} (ước tính)`}`);
  lines.push('', 'Nhóm chỉ số: điểm chính thức / tối đa, điểm bị mất, điểm ước tính');
  for (const g of e.groups) {
    const lost = g.pointsLost === null ? 'mất —' : `mất ${score(g.pointsLost)}`;
    const est = g.estimated === null ? 'ước tính —' : `ước tính ${score(g.estimated)}`;
    const diff = g.differs && g.official !== null && g.estimated !== null ? ` (chênh ${score(Math.abs(g.official - g.estimated))} > dung sai ${score(g.tolerance)})` : '';
    lines.push(`- ${g.label}: ${score(g.official)}/${score(g.max)}, ${lost}, ${est}${diff}`);
  }
  if (e.topLosses.length) {
    lines.push('', 'Chỉ tiêu mất nhiều điểm nhất (ước tính):');
    for (const s of e.topLosses.slice(0, 5)) {
      lines.push(`- ${s.label}: ${rate(s.rate)} → mất ${score(s.estimatedLost)}/${score(s.maxPoints)} điểm (ước tính; độ tin cậy ${s.confidence}; quy tắc ${s.ruleId})`);
    }
  }
  if (Object.keys(e.targets).length) {
    lines.push('', 'Mục tiêu giả định (ước tính, không phải số liệu báo cáo):');
    for (const g of e.groups) for (const s of g.subIndicators) if (s.target !== null) lines.push(`- ${s.label}: ${rate(s.rate)} → ${rate(s.target)}`);
    lines.push(`Tổng điểm dự kiến: ${score(t.projected)} — ${t.band ?? '—'}; ${nextBandSentence(t.nextBand, t.projected !== null)}`);
  }
  if (o.bestChange) {
    const b = o.bestChange;
    lines.push(
      '',
      `Thay đổi một chỉ tiêu có lợi nhất (ước tính): ${b.label} từ ${rate(b.from)} lên ${rate(b.to)}: ${signedPoints(b.gain)} điểm → ${score(b.projectedTotal)}${b.band ? ` (${b.band})` : ''}; độ tin cậy ${b.confidence}`,
    );
  }
  const scored = o.units.filter((u) => u.total !== null);
  if (scored.length) {
    lines.push('', 'Đơn vị theo tổng điểm (thấp nhất trước):');
    for (const u of [...scored].reverse()) lines.push(`- ${u.name}: ${score(u.total)} — ${u.band}${u.officialClass && u.officialClass !== u.band ? ` (báo cáo ghi “${u.officialClass}”)` : ''}`);
  }
  lines.push('', `Xu hướng (${o.trend.points.length} kỳ gần nhất của ${o.trend.locality}):`);
  for (const p of o.trend.points) lines.push(`- ${p.periodLabel}: ${score(p.total)}${p.band ? ` — ${p.band}` : ''}`);
  if (o.trend.previous && o.trend.change) {
    lines.push(`Kỳ trước (${o.trend.previous.periodLabel}): ${score(o.trend.previous.total)}; thay đổi ${o.trend.change.total === null ? '—' : signedPoints(o.trend.change.total)} điểm`);
  } else lines.push('Kỳ trước: không có trong thư viện');
  return lines;
}

export const overviewCommand: Command = {
  name: 'overview',
  usage: USAGE,
  async run(ctx) {
    const args = parseArgs(ctx.args, { command: 'overview', switches: ['json'], options: ['library', 'target'], positional: 1, usage: USAGE });
    const file = args.positional[0];
    if (!file) throw new CliError('Thiếu tệp báo cáo. Cách dùng: overview BÁO_CÁO.json [--json] [--library THƯ_MỤC]');
    const report = await readReportFile(file);
    const libraryDir = args.flags.get('library');
    if (libraryDir === true) throw new CliError('Thiếu thư mục sau --library.');
    const history = typeof libraryDir === 'string' ? await historyFrom(libraryDir, report, (l) => ctx.stderr(l)) : [];
    const targets = targetsFrom(args.all('target'));
    const overview = buildOverview(report, history);
    if (Object.keys(targets).length) {
      const unknown = Object.keys(targets).filter((id) => !overview.rules.some((r) => r.subIndicator === id));
      if (unknown.length) throw new CliError(`Báo cáo không có chỉ tiêu tính điểm “${unknown.join('”, “')}”. Các mã: ${overview.rules.map((r) => r.subIndicator).join(', ')}.`);
      overview.estimate = simulate(report, targets);
      overview.changes = singleChanges(report, targets);
      overview.bestChange = overview.changes[0] ?? null;
    }
    if (args.flags.get('json') === true) {
      ctx.stdout(JSON.stringify(overview, null, 2));
      return EXIT_OK;
    }
    ctx.stdout(overviewLines(report, overview).join('\n'));
    return EXIT_OK;
  },
};
