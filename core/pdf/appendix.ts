// The optional "Tổng quan" appendix after the official document (never inside it): the total, band and gap, the
// groups' scores against their maxima, the sub-indicators losing most points (estimates, labelled), the trend, the
// units ranked worst first, and the what-if scenario saved with the report. Off by default.
import { bandColor, bandThresholds, lineChart, rankBars, rankItems, scoreBars, SERIES_COLORS, type Chart, type RankItem } from '../charts';
import { GROUPS } from '../model/catalog';
import type { Report } from '../model/schema';
import { bestSingleChange, estimateReport, ESTIMATE_LABEL, overviewTrend, rankUnits, simulate } from '../scoring';
import { formatViNumber } from '../text/numbers';
import { formatScore } from '../text/report-text';
import { nextBandSentence, signedPoints } from '../scoring/text';
import { drawChart, pdfMeasure } from './charts';
import { baselineOffset, type Frame, type TextStyle } from './frame';

export interface AppendixOptions {
  /** Reports of the library (the same issuer's other periods are taken for the trend); none: the trend is this period. */
  library?: readonly Report[];
}

/** Title line of the appendix (read back by the tests and the clerk). */
export const APPENDIX_TITLE = 'PHỤ LỤC: TỔNG QUAN ĐIỂM SỐ';
export const APPENDIX_NOTE =
  'Phụ lục tham khảo, không thuộc văn bản báo cáo chính thức. Điểm chính thức là số liệu của Hệ thống; các số ghi “ước tính” được tính lại từ tỷ lệ theo quy tắc chấm điểm và có thể khác điểm chính thức.';

const S = {
  title: { face: 'B', size: 14 },
  heading: { face: 'B', size: 12 },
  text: { face: 'R', size: 11 },
  note: { face: 'I', size: 10.5 },
} satisfies Record<string, TextStyle>;
const LH = 15;
const CHART_FONT = 9;

function lines(frame: Frame, text: string, style: TextStyle, lh = LH): void {
  const wrapped = frame.wrap(text, style, frame.width);
  frame.ensure(wrapped.length * lh);
  frame.drawLines(wrapped, frame.left, frame.y, frame.width, style, 'left', lh);
  frame.y += wrapped.length * lh;
}

function heading(frame: Frame, text: string, keep: number): void {
  frame.ensure(LH + 6 + keep);
  frame.y += 6;
  frame.drawText(text, frame.left, frame.y + baselineOffset(S.heading.size, LH), S.heading);
  frame.y += LH + 2;
}

function chart(frame: Frame, c: Chart): void {
  frame.ensure(c.height);
  drawChart(frame, c, frame.left, frame.y);
  frame.y += c.height + 4;
}

/** Draws the appendix from a new page on (called after the official document's signature block). */
export function drawOverviewAppendix(frame: Frame, report: Report, opts: AppendixOptions = {}): void {
  frame.landscape = false;
  frame.endPage();
  frame.ensure(1);
  const measure = pdfMeasure(frame);
  const w = frame.width;
  const est = estimateReport(report);
  const trend = overviewTrend(opts.library ?? [], report);

  const title = frame.wrap(APPENDIX_TITLE, S.title, w);
  frame.drawLines(title, frame.left, frame.y, w, S.title, 'center', 18);
  frame.y += title.length * 18 + 4;
  lines(frame, APPENDIX_NOTE, S.note, 14);
  frame.y += 6;

  // Total, band, rank and the gap: official figures.
  const total = report.total;
  const rank = report.rank.position !== null ? `, xếp hạng ${report.rank.position}/${report.rank.of ?? '…'} ${report.profile.peerGroup}`.trimEnd() : '';
  lines(frame, total === null ? 'Tổng điểm: chưa có số liệu.' : `Tổng điểm: ${formatScore(total)}/100 điểm, xếp loại ${est.totals.officialBand ?? ''}${rank}; ${nextBandSentence(est.totals.nextBand, true)}.`, S.text);
  if (trend.previous) {
    const ch = trend.change?.total;
    lines(frame, `Kỳ trước (${trend.previous.periodLabel}): ${trend.previous.total === null ? 'chưa có số liệu' : `${formatScore(trend.previous.total)} điểm`}${ch === null || ch === undefined ? '' : `; thay đổi ${signedPoints(ch)} điểm`}.`, S.text);
  }

  const groups = scoreBars(
    report.groups.map((g) => ({ key: g.code, label: GROUPS.find((x) => x.code === g.code)!.shortName, value: g.score, max: g.max })),
    { width: w, measure, fontSize: CHART_FONT + 1 },
    'Điểm các nhóm chỉ số',
  );
  heading(frame, 'Điểm các nhóm chỉ số so với điểm tối đa (số liệu chính thức; phần tô đỏ nhạt là điểm bị mất)', groups.height);
  chart(frame, groups);

  const top = est.topLosses.slice(0, 6);
  if (top.length > 0) {
    const losses = scoreBars(
      top.map((s) => ({ key: s.id, label: s.label, value: s.estimatedPoints, max: s.maxPoints })),
      { width: w, measure, fontSize: CHART_FONT, labelWidth: Math.round(w * 0.45) },
      'Các chỉ tiêu mất nhiều điểm nhất',
    );
    heading(frame, `Các chỉ tiêu mất nhiều điểm nhất (${ESTIMATE_LABEL})`, losses.height);
    chart(frame, losses);
    for (const s of top) lines(frame, `- ${s.label}: tỷ lệ ${s.rate === null ? 'chưa có' : `${formatViNumber(s.rate)}%`}, mất ${formatScore(s.estimatedLost ?? 0)}/${formatScore(s.maxPoints)} điểm (${ESTIMATE_LABEL}).`, S.text);
    const differs = est.groups.filter((g) => g.differs);
    for (const g of differs)
      lines(frame, `- Nhóm ${g.label}: điểm ${ESTIMATE_LABEL} ${formatScore(g.estimated ?? 0)} khác điểm chính thức ${formatScore(g.official ?? 0)} quá mức sai số ${formatScore(g.tolerance)}; điểm chính thức được giữ nguyên.`, S.note, 14);
  }

  if (trend.points.length > 0) {
    const cats = trend.points.map((p) => p.periodLabel);
    const totalTrend = lineChart(cats, [{ key: 'total', label: 'Tổng điểm', values: trend.points.map((p) => p.total), color: SERIES_COLORS[0] }], { width: w, height: 170, measure, fontSize: CHART_FONT, thresholds: bandThresholds() }, 'Tổng điểm qua các kỳ');
    heading(frame, `Tổng điểm qua các kỳ (${trend.points.length} kỳ; đường đứt là ngưỡng xếp loại)`, totalTrend.height);
    chart(frame, totalTrend);
    const groupTrend = lineChart(cats, GROUPS.map((g) => ({ key: g.code, label: g.shortName, values: trend.points.map((p) => p.groups[g.code]) })), { width: w, height: 190, measure, fontSize: CHART_FONT, domain: [0, 22] }, 'Điểm từng nhóm qua các kỳ');
    heading(frame, 'Điểm từng nhóm qua các kỳ', groupTrend.height);
    chart(frame, groupTrend);
  }

  const units = rankUnits(report);
  if (units.some((u) => u.total !== null)) {
    const items: RankItem[] = units
      .filter((u) => u.total !== null)
      .map((u) => ({ key: u.unitId, label: u.name, value: u.total, color: bandColor(u.band), ...(u.band ? { note: u.band } : {}) }));
    const shown = Math.min(items.length, 20);
    const worst = rankBars(rankItems(items).slice(0, shown), { width: w, measure, fontSize: CHART_FONT, valueHeader: 'Tổng điểm' }, 'Đơn vị');
    heading(frame, `Đơn vị có tổng điểm thấp nhất (${shown}/${items.length} đơn vị có điểm)`, Math.min(worst.height, 200));
    chart(frame, worst);
  }

  const targets = report.scenario?.targets ?? {};
  if (Object.keys(targets).length > 0) {
    const sim = simulate(report, targets);
    heading(frame, `Kịch bản mục tiêu đã lưu (${ESTIMATE_LABEL})`, 3 * LH);
    for (const g of sim.groups)
      for (const s of g.subIndicators)
        if (s.target !== null) lines(frame, `- ${s.label}: ${s.rate === null ? 'chưa có' : `${formatViNumber(s.rate)}%`} → ${formatViNumber(s.target)}%.`, S.text);
    lines(frame, `Tổng điểm dự kiến (${ESTIMATE_LABEL}): ${sim.totals.projected === null ? 'chưa tính được' : `${formatScore(sim.totals.projected)} điểm, xếp loại ${sim.totals.band ?? ''}`}; ${nextBandSentence(sim.totals.nextBand, sim.totals.projected !== null)}.`, S.text);
    const best = bestSingleChange(report, targets);
    if (best) lines(frame, `Thay đổi có lợi nhất: ${best.label} lên ${formatViNumber(best.to)}% (thêm khoảng ${formatScore(best.gain)} điểm, ${ESTIMATE_LABEL}).`, S.text);
  }
}
