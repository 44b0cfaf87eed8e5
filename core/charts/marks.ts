// The drawing vocabulary both renderers understand: a chart is a size, a list of marks and the table of its numbers.

export type Mark =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; stroke?: string; role: string; key?: string; title?: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: readonly number[]; role: string }
  | { kind: 'polyline'; points: readonly { x: number; y: number }[]; stroke: string; width: number; role: string; key?: string }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string; role: string; key?: string; title?: string }
  | {
      kind: 'text';
      /** x of the anchor, y of the baseline. */
      x: number;
      y: number;
      text: string;
      size: number;
      anchor: 'start' | 'middle' | 'end';
      fill: string;
      bold?: boolean;
      role: string;
      key?: string;
      /** The full text when `text` was cut to fit. */
      title?: string;
    };

/** The numbers behind a chart, for its accessible table (screen) and for the appendix. */
export interface ChartTable {
  columns: string[];
  rows: string[][];
  /** Which columns hold figures (right-aligned). */
  numeric: boolean[];
}

export interface Chart {
  width: number;
  height: number;
  /** One sentence naming what the chart shows (aria-label / figure caption). */
  title: string;
  marks: Mark[];
  table: ChartTable;
}

/** Colours: high contrast on white, the band colours from green (Xuất sắc) to red (Yếu). */
export const COLORS = {
  text: '#1f2328',
  muted: '#57606a',
  axis: '#8c959f',
  grid: '#e4e7eb',
  track: '#eef1f4',
  score: '#2f6fb3',
  lost: '#e8a39b',
  estimate: '#9a6700',
  none: '#c9ced4',
} as const;

export const BAND_COLORS: Record<string, string> = {
  'Xuất sắc': '#1a7f37',
  Tốt: '#2f6fb3',
  Khá: '#9a6700',
  'Trung bình': '#d0661f',
  Yếu: '#c0392b',
};

/** Series colours for the six groups and the total (distinct, colour-blind friendly order). */
export const SERIES_COLORS = ['#2f6fb3', '#d0661f', '#1a7f37', '#8250df', '#c0392b', '#0e8a8a', '#57606a'] as const;

export function bandColor(band: string | null | undefined): string {
  return (band && BAND_COLORS[band]) || COLORS.none;
}
