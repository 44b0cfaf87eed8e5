// Sentences of the overview's estimates (core/scoring): the gap to the next band, an estimated score with its label.
import type { NextBand } from './types';
import { ESTIMATE_LABEL } from './types';
import { formatScore } from '../text/report-text';

/** "còn thiếu 1,6 điểm để đạt Xuất sắc"; "đã đạt mức cao nhất" at the top band; "" without a total. */
export function nextBandSentence(next: NextBand | null, hasTotal = true): string {
  if (!hasTotal) return '';
  if (!next) return 'đã đạt mức xếp loại cao nhất';
  return `còn thiếu ${formatScore(next.gap)} điểm để đạt ${next.label}`;
}

/** "18,42 điểm (ước tính)"; "chưa ước tính được" when the estimate is missing. */
export function estimatedScoreText(points: number | null): string {
  return points === null ? `chưa ${ESTIMATE_LABEL} được` : `${formatScore(points)} điểm (${ESTIMATE_LABEL})`;
}

/** A signed change in points: "+0,98", "-1,2", "0". */
export function signedPoints(change: number): string {
  const s = formatScore(Math.abs(change));
  return change > 0 && s !== '0' ? `+${s}` : change < 0 && s !== '0' ? `-${s}` : '0';
}
