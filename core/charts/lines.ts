// Lines over periods: the total (with the band thresholds drawn) or the six groups, up to 12 periods.
import { formatViNumber } from '../text/numbers';
import { COLORS, SERIES_COLORS, type Chart, type Mark } from './marks';
import { linearScale, niceTicks } from './scale';
import { ellipsize, type MeasureText } from './text-fit';

export interface Series {
  key: string;
  label: string;
  /** One value per category; null where that period has no figure (a gap, never 0). */
  values: readonly (number | null)[];
  color?: string;
}

export interface Threshold {
  value: number;
  label: string;
  color: string;
}

export interface LineLayout {
  width: number;
  height: number;
  measure: MeasureText;
  fontSize?: number;
  /** Fixed value axis (e.g. [0, 100]); default: the data's range widened to nice ticks, thresholds included. */
  domain?: readonly [number, number];
  thresholds?: readonly Threshold[];
  valueHeader?: string;
}

/** At most this many periods are drawn (the last ones). */
export const MAX_PERIODS = 12;

/**
 * A line per series over the category axis (period labels, oldest left). Gaps split a line; a lone point is a dot.
 * Thresholds inside the domain are dashed lines labelled at the right ("Xuất sắc 90").
 */
export function lineChart(categoriesIn: readonly string[], seriesIn: readonly Series[], layout: LineLayout, title: string): Chart {
  const size = layout.fontSize ?? 12;
  const skip = Math.max(0, categoriesIn.length - MAX_PERIODS);
  const categories = categoriesIn.slice(skip);
  const series = seriesIn.map((s, i) => ({ ...s, values: s.values.slice(skip), color: s.color ?? SERIES_COLORS[i % SERIES_COLORS.length]! }));
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const thresholds = layout.thresholds ?? [];
  let d0: number;
  let d1: number;
  if (layout.domain) [d0, d1] = layout.domain;
  else {
    const lo = Math.min(...values, ...(values.length ? [] : [0]));
    const hi = Math.max(...values, ...(values.length ? [] : [100]));
    // Thresholds near the data are kept in view (the next band above and the one below).
    const near = thresholds.map((t) => t.value).filter((v) => v >= lo - 10 && v <= hi + 10);
    d0 = Math.min(lo, ...near);
    d1 = Math.max(hi, ...near);
  }
  const t = niceTicks(d0, d1, 5);
  const legendH = series.length > 1 ? Math.ceil(series.length / 3) * (size + 8) : 0;
  const tickW = layout.measure(formatViNumber(t.max), size - 1) + 8;
  const thresholdW = thresholds.length ? Math.max(...thresholds.map((th) => layout.measure(`${th.label} ${formatViNumber(th.value)}`, size - 2))) + 8 : 10;
  const left = tickW;
  const right = layout.width - thresholdW;
  const top = 8 + legendH;
  const bottom = layout.height - (size + 10);
  const y = linearScale([t.min, t.max], [bottom, top]);
  // The first and last category labels are centred on their points: keep half a label inside on each side.
  const catSize = size - 1;
  const firstW = categories.length ? layout.measure(categories[0]!, catSize) : 0;
  const lastW = categories.length ? layout.measure(categories[categories.length - 1]!, catSize) : 0;
  // (with a fifth to spare: the screen measures by an estimate, and fallback fonts run wider)
  const padL = Math.max(10, firstW * 0.6 - left + 2);
  const padR = Math.max(10, lastW * 0.6 - (layout.width - right) + 2);
  const step = categories.length > 1 ? (right - left - padL - padR) / (categories.length - 1) : 0;
  const x = (i: number): number => (categories.length > 1 ? left + padL + i * step : (left + right) / 2);
  const marks: Mark[] = [];
  for (const v of t.ticks) {
    marks.push({ kind: 'line', x1: left, y1: y(v), x2: right, y2: y(v), stroke: COLORS.grid, width: 1, role: 'grid' });
    marks.push({ kind: 'text', x: left - 4, y: y(v) + size * 0.35, text: formatViNumber(v), size: size - 1, anchor: 'end', fill: COLORS.muted, role: 'tick' });
  }
  for (const th of thresholds) {
    if (th.value < t.min || th.value > t.max) continue;
    marks.push({ kind: 'line', x1: left, y1: y(th.value), x2: right, y2: y(th.value), stroke: th.color, width: 1, dash: [4, 3], role: 'threshold' });
    marks.push({ kind: 'text', x: right + 4, y: y(th.value) + size * 0.3, text: `${th.label} ${formatViNumber(th.value)}`, size: size - 2, anchor: 'start', fill: th.color, role: 'threshold-label' });
  }
  // Category labels: every one when they fit, else every k-th (the last always shown).
  const labelW = Math.max(1, ...categories.map((c) => layout.measure(c, catSize)));
  const every = step > 0 ? Math.max(1, Math.ceil((labelW + 6) / step)) : 1;
  categories.forEach((c, i) => {
    if ((categories.length - 1 - i) % every !== 0) return;
    marks.push({ kind: 'text', x: x(i), y: layout.height - 4, text: c, size: size - 1, anchor: 'middle', fill: COLORS.muted, role: 'category' });
  });
  for (const s of series) {
    let run: { x: number; y: number }[] = [];
    const flush = (): void => {
      if (run.length > 1) marks.push({ kind: 'polyline', points: run, stroke: s.color, width: 2, role: 'series', key: s.key });
      run = [];
    };
    s.values.forEach((v, i) => {
      if (v === null) return flush();
      run.push({ x: x(i), y: y(v) });
    });
    flush();
    s.values.forEach((v, i) => {
      if (v !== null) marks.push({ kind: 'circle', cx: x(i), cy: y(v), r: 3, fill: s.color, role: 'point', key: s.key, title: `${s.label}, ${categories[i]}: ${formatViNumber(v)}` });
    });
  }
  if (series.length > 1) {
    const colW = (layout.width - 8) / 3;
    series.forEach((s, i) => {
      const lx = 4 + (i % 3) * colW;
      const ly = 4 + Math.floor(i / 3) * (size + 8) + size;
      marks.push({ kind: 'rect', x: lx, y: ly - size * 0.7, w: 14, h: 4, fill: s.color, role: 'legend' });
      marks.push({ kind: 'text', x: lx + 18, y: ly, text: ellipsize(s.label, colW - 24, size - 1, layout.measure), size: size - 1, anchor: 'start', fill: COLORS.text, role: 'legend', title: s.label });
    });
  }
  return {
    width: layout.width,
    height: layout.height,
    title,
    marks,
    table: {
      columns: ['Kỳ', ...series.map((s) => s.label)],
      numeric: [false, ...series.map(() => true)],
      rows: categories.map((c, i) => [c, ...series.map((s) => (s.values[i] === null || s.values[i] === undefined ? '' : formatViNumber(s.values[i]!)))]),
    },
  };
}
