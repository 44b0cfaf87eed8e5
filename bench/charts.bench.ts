// Chart geometry timing: the 130-unit ranking, a 24-period trend (12 drawn) and the group bars, laid out N times.
import { performance } from 'node:perf_hooks';
import { rankBars, lineChart, scoreBars, estimateTextWidth, bandThresholds } from '../core/charts';
const items = Array.from({ length: 130 }, (_, i) => ({ key: 'u' + i, label: `UBND xã thử nghiệm có tên rất dài số ${i} thuộc huyện miền núi`, value: 50 + ((i * 37) % 50), color: '#000' }));
for (let k = 0; k < 20; k++) rankBars(items, { width: 800, measure: estimateTextWidth, valueHeader: 'Tổng điểm' }, 't');
const t0 = performance.now();
const N = 200;
for (let k = 0; k < N; k++) {
  rankBars(items, { width: 800, measure: estimateTextWidth, valueHeader: 'Tổng điểm' }, 't');
  lineChart(Array.from({ length: 24 }, (_, i) => `Tháng ${i % 12 + 1}/2025`), [{ key: 't', label: 'Tổng', values: Array.from({ length: 24 }, (_, i) => 80 + i / 3) }], { width: 800, height: 240, measure: estimateTextWidth, thresholds: bandThresholds() }, 't');
  scoreBars([{ key: 'a', label: 'Công khai', value: 17, max: 18 }], { width: 800, measure: estimateTextWidth }, 't');
}
console.log('geometry of 130-unit ranking + 24-period trend + bars:', ((performance.now() - t0) / N).toFixed(2), 'ms each');
