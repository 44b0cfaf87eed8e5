// Horizontal bars: the groups' scores against their maxima with the points lost, and units ranked (worst first).
import { formatViNumber } from '../text/numbers';
import { COLORS, type Chart, type Mark } from './marks';
import { linearScale, niceTicks } from './scale';
import { fitLabel, type MeasureText } from './text-fit';

export interface ScoreBar {
  key: string;
  label: string;
  /** Official score; null when not entered (drawn as "chưa có số liệu", never as 0). */
  value: number | null;
  max: number;
}

export interface BarLayout {
  width: number;
  measure: MeasureText;
  fontSize?: number;
  /** Width given to the labels on the left (default 34 % of the chart). */
  labelWidth?: number;
}

const NO_DATA = 'chưa có số liệu';

/** The value axis of horizontal bars: a vertical grid line per tick from `top` to `bottom`, its figure above. */
function valueAxis(ticks: readonly number[], x: (v: number) => number, top: number, bottom: number, size: number): Mark[] {
  return ticks.flatMap((v): Mark[] => [
    { kind: 'line', x1: x(v), y1: top - 2, x2: x(v), y2: bottom, stroke: COLORS.grid, width: 1, role: 'grid' },
    { kind: 'text', x: x(v), y: top - 5, text: formatViNumber(v), size: size - 2, anchor: 'middle', fill: COLORS.muted, role: 'tick' },
  ]);
}

/**
 * One row per group: a light track as long as the group's maximum, the score on it, the points lost shaded after
 * it, and "15,2/18 · mất 2,8" at the end. All groups share one scale, so a track's length shows the group's weight.
 */
export function scoreBars(items: readonly ScoreBar[], layout: BarLayout, title: string): Chart {
  const size = layout.fontSize ?? 12;
  const labelWidth = layout.labelWidth ?? Math.round(layout.width * 0.34);
  const valueWidth = layout.measure('00,00/00 · mất 00,00', size) + 8;
  const x0 = labelWidth + 8;
  const x1 = Math.max(x0 + 40, layout.width - valueWidth);
  const maxMax = Math.max(1, ...items.map((i) => i.max));
  const t = niceTicks(0, maxMax, 5);
  const x = linearScale([0, t.max], [x0, x1]);
  const rowH = Math.round(size * 2.6);
  const top = size + 10;
  const marks: Mark[] = valueAxis(t.ticks, x, top, top + rowH * items.length, size);
  items.forEach((item, i) => {
    const y = top + i * rowH;
    const barH = Math.round(rowH * 0.5);
    const by = y + (rowH - barH) / 2;
    const fitted = fitLabel(item.label, labelWidth, size, layout.measure, 2);
    const lineH = size * 1.15;
    const ly = y + rowH / 2 - ((fitted.lines.length - 1) * lineH) / 2 + size * 0.35;
    fitted.lines.forEach((line, k) =>
      marks.push({ kind: 'text', x: 0, y: ly + k * lineH, text: line, size, anchor: 'start', fill: COLORS.text, role: 'label', key: item.key, ...(fitted.truncated ? { title: item.label } : {}) }),
    );
    marks.push({ kind: 'rect', x: x0, y: by, w: x(item.max) - x0, h: barH, fill: COLORS.track, stroke: COLORS.axis, role: 'track', key: item.key });
    if (item.value === null) {
      marks.push({ kind: 'text', x: x(item.max) + 6, y: by + barH / 2 + size * 0.35, text: NO_DATA, size, anchor: 'start', fill: COLORS.muted, role: 'value', key: item.key });
      return;
    }
    const v = Math.min(Math.max(item.value, 0), item.max);
    marks.push({ kind: 'rect', x: x0, y: by, w: x(v) - x0, h: barH, fill: COLORS.score, role: 'score', key: item.key });
    if (v < item.max) marks.push({ kind: 'rect', x: x(v), y: by, w: x(item.max) - x(v), h: barH, fill: COLORS.lost, role: 'lost', key: item.key });
    const lost = Math.max(0, item.max - item.value);
    const text = `${formatViNumber(item.value)}/${formatViNumber(item.max)}${lost > 0 ? ` · mất ${formatViNumber(lost)}` : ''}`;
    marks.push({ kind: 'text', x: x(item.max) + 6, y: by + barH / 2 + size * 0.35, text, size, anchor: 'start', fill: COLORS.text, role: 'value', key: item.key });
  });
  return {
    width: layout.width,
    height: top + rowH * items.length + 4,
    title,
    marks,
    table: {
      columns: ['Nhóm chỉ số', 'Điểm', 'Tối đa', 'Điểm bị mất'],
      numeric: [false, true, true, true],
      rows: items.map((i) => [i.label, i.value === null ? NO_DATA : formatViNumber(i.value), formatViNumber(i.max), i.value === null ? '' : formatViNumber(Math.max(0, i.max - i.value))]),
    },
  };
}

export interface RankItem {
  key: string;
  label: string;
  /** Null: no figure (a blank or a status); listed last, never drawn as 0. */
  value: number | null;
  /** What stands instead of the figure ("Không tổng hợp trên Hệ thống"). */
  status?: string;
  color: string;
  /** Extra words in the table (the band). */
  note?: string;
}

export interface RankLayout extends BarLayout {
  /** The value axis: [0, 100] for scores and rates. */
  domain?: readonly [number, number];
  valueHeader: string;
  decimals?: number;
  /** Rank the highest first instead of the lowest (for rates where lower is better, e.g. overdue). */
  bestFirst?: boolean;
}

/** Orders items worst first (ties by name, Vietnamese order), items without a figure last. */
export function rankItems(items: readonly RankItem[], bestFirst = false): RankItem[] {
  const collator = new Intl.Collator('vi');
  return [...items].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? collator.compare(a.label, b.label) : 1) : -1;
    const d = bestFirst ? b.value - a.value : a.value - b.value;
    return d !== 0 ? d : collator.compare(a.label, b.label);
  });
}

/** One row per unit, worst first: name on the left (one line, cut with "…"), a bar in its band colour, the figure. */
export function rankBars(items: readonly RankItem[], layout: RankLayout, title: string): Chart {
  const size = layout.fontSize ?? 12;
  const labelWidth = layout.labelWidth ?? Math.round(layout.width * 0.4);
  const valueWidth = layout.measure('100,00', size) + 10;
  const x0 = labelWidth + 8;
  const x1 = Math.max(x0 + 40, layout.width - valueWidth);
  const [d0, d1] = layout.domain ?? [0, 100];
  const t = niceTicks(d0, d1, 5);
  const x = linearScale([t.min, t.max], [x0, x1]);
  const rowH = Math.round(size * 1.7);
  const top = size + 10;
  const ordered = rankItems(items, layout.bestFirst);
  const marks: Mark[] = valueAxis(t.ticks, x, top, top + rowH * ordered.length, size);
  ordered.forEach((item, i) => {
    const y = top + i * rowH;
    const barH = Math.round(rowH * 0.62);
    const by = y + (rowH - barH) / 2;
    const base = by + barH / 2 + size * 0.35;
    const fitted = fitLabel(item.label, labelWidth, size, layout.measure, 1);
    marks.push({ kind: 'text', x: 0, y: base, text: fitted.lines[0] ?? '', size, anchor: 'start', fill: COLORS.text, role: 'label', key: item.key, ...(fitted.truncated ? { title: item.label } : {}) });
    if (item.value === null) {
      const status = fitLabel(item.status ?? NO_DATA, layout.width - x0, size - 1, layout.measure, 1);
      marks.push({ kind: 'text', x: x0, y: base, text: status.lines[0] ?? '', size: size - 1, anchor: 'start', fill: COLORS.muted, role: 'status', key: item.key });
      return;
    }
    const v = Math.min(Math.max(item.value, t.min), t.max);
    marks.push({ kind: 'rect', x: x0, y: by, w: Math.max(1, x(v) - x0), h: barH, fill: item.color, role: 'bar', key: item.key, title: `${item.label}: ${formatViNumber(item.value, { decimals: layout.decimals ?? 2 })}` });
    marks.push({ kind: 'text', x: x(v) + 4, y: base, text: formatViNumber(item.value, { decimals: layout.decimals ?? 2 }), size: size - 1, anchor: 'start', fill: COLORS.text, role: 'value', key: item.key });
  });
  return {
    width: layout.width,
    height: top + rowH * ordered.length + 4,
    title,
    marks,
    table: {
      columns: ['Hạng', 'Đơn vị', layout.valueHeader, ...(ordered.some((o) => o.note) ? ['Xếp loại'] : [])],
      numeric: [true, false, true, false],
      rows: ordered.map((o, i) => [
        o.value === null ? '' : String(i + 1),
        o.label,
        o.value === null ? (o.status ?? NO_DATA) : formatViNumber(o.value, { decimals: layout.decimals ?? 2 }),
        ...(ordered.some((q) => q.note) ? [o.note ?? ''] : []),
      ]),
    },
  };
}
