// Linear scales and "nice" ticks (1, 2, 5 × 10^k steps), pure arithmetic shared by every chart.

export interface LinearScale {
  domain: readonly [number, number];
  range: readonly [number, number];
  (value: number): number;
  invert(position: number): number;
}

/** Maps [d0, d1] onto [r0, r1] linearly (a zero-width domain maps everything to the middle of the range). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const f = ((v: number) => (span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0))) as LinearScale;
  Object.assign(f, {
    domain: [d0, d1] as const,
    range: [r0, r1] as const,
    invert: (p: number) => (r1 === r0 ? d0 : d0 + ((p - r0) / (r1 - r0)) * span),
  });
  return f;
}

/** A step of 1, 2, 2,5 or 5 × 10^k close to span / count. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / power;
  const nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
  return clean(nice * power);
}

/** Removes binary noise: 0.30000000000000004 → 0.3. */
function clean(v: number): number {
  return Number(v.toPrecision(12));
}

export interface NiceTicks {
  /** The domain widened to whole steps. */
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/**
 * Ticks for [min, max] with about `count` intervals, the domain widened outwards to whole steps:
 * niceTicks(0, 22, 5) → 0, 5, 10, 15, 20, 25; niceTicks(62.4, 91.3, 4) → 60, 70, 80, 90, 100.
 */
export function niceTicks(min: number, max: number, count = 5): NiceTicks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1, step: 1, ticks: [0, 1] };
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const step = niceStep(max - min, Math.max(1, count));
  const lo = clean(Math.floor(clean(min / step)) * step);
  const hi = clean(Math.ceil(clean(max / step)) * step);
  const ticks: number[] = [];
  const n = Math.round((hi - lo) / step);
  for (let i = 0; i <= n; i++) ticks.push(clean(lo + i * step));
  return { min: lo, max: hi, step, ticks };
}
