// The classification bands as chart thresholds (the band table itself lives in core/model/catalog).
import { DEFAULT_BANDS, type Band } from '../model/catalog';
import { bandColor } from './marks';
import type { Threshold } from './lines';

/** Thresholds 90 / 80 / 70 / 50 labelled with their band, for the total's trend. */
export function bandThresholds(bands: readonly Band[] = DEFAULT_BANDS): Threshold[] {
  return bands.filter((b) => b.min > 0).map((b) => ({ value: b.min, label: b.label, color: bandColor(b.label) }));
}
