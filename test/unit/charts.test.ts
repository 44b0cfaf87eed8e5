// Chart geometry: ticks, scales, label placement with long Vietnamese unit names, bars, lines and 130 ranked units.
import { describe, expect, it } from 'vitest';
import {
  bandThresholds,
  estimateTextWidth,
  fitLabel,
  lineChart,
  linearScale,
  niceTicks,
  rankBars,
  scoreBars,
  type Mark,
  type MeasureText,
} from '../../core/charts';
import { GROUPS } from '../../core/model/catalog';
import { loadSample } from '../../core/model/report';

/** A fixed-advance measure: 0,6 em a character, so widths are easy to check by hand. */
const mono: MeasureText = (t, size) => Array.from(t).length * size * 0.6;
const texts = (marks: Mark[], role: string) => marks.filter((m): m is Extract<Mark, { kind: 'text' }> => m.kind === 'text' && m.role === role);
const rects = (marks: Mark[], role: string) => marks.filter((m): m is Extract<Mark, { kind: 'rect' }> => m.kind === 'rect' && m.role === role);

describe('scales and ticks', () => {
  it('picks 1-2-2,5-5 steps and widens the domain to whole steps', () => {
    expect(niceTicks(0, 22, 5).ticks).toEqual([0, 5, 10, 15, 20, 25]);
    expect(niceTicks(0, 100, 5).ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(62.4, 91.3, 4).ticks).toEqual([60, 70, 80, 90, 100]);
    expect(niceTicks(0, 1, 5).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.1, 0.7, 3).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(0, 10, 4).ticks).toEqual([0, 2.5, 5, 7.5, 10]);
  });
  it('handles a single value, reversed bounds and non-finite input', () => {
    const one = niceTicks(92.08, 92.08, 5);
    expect(one.min).toBeLessThan(92.08);
    expect(one.max).toBeGreaterThan(92.08);
    expect(niceTicks(0, 0).ticks).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(50, 10, 4)).toEqual(niceTicks(10, 50, 4));
    expect(niceTicks(Number.NaN, 3).ticks).toEqual([0, 1]);
  });
  it('maps linearly both ways, including inverted ranges', () => {
    const x = linearScale([0, 20], [100, 300]);
    expect(x(0)).toBe(100);
    expect(x(18.7)).toBeCloseTo(287);
    expect(x.invert(200)).toBe(10);
    const y = linearScale([0, 100], [200, 0]);
    expect(y(90)).toBeCloseTo(20);
    expect(linearScale([5, 5], [0, 10])(5)).toBe(5);
  });
});

describe('label placement', () => {
  const long = 'Trung tâm Phục vụ hành chính công và Kiểm soát thủ tục hành chính thành phố Bắc Kạn';
  it('wraps on spaces within the width and cuts the last line with an ellipsis', () => {
    const f = fitLabel(long, 120, 10, mono, 2); // 20 characters a line
    expect(f.lines).toHaveLength(2);
    expect(f.truncated).toBe(true);
    for (const l of f.lines) expect(mono(l, 10)).toBeLessThanOrEqual(120);
    expect(f.lines[0]).toBe('Trung tâm Phục vụ');
    expect(f.lines[1]!.endsWith('…')).toBe(true);
    expect(f.lines[1]!.startsWith('hành chính công')).toBe(true);
  });
  it('keeps a short name whole and cuts a single over-long word', () => {
    expect(fitLabel('UBND phường Xuất Hóa', 300, 10, mono)).toEqual({ lines: ['UBND phường Xuất Hóa'], truncated: false });
    const w = fitLabel('Kiểmsoátthủtụchànhchínhthànhphố', 60, 10, mono, 2);
    expect(w.truncated).toBe(true);
    expect(w.lines[0]!.endsWith('…')).toBe(true);
    expect(mono(w.lines[0]!, 10)).toBeLessThanOrEqual(60);
  });
  it('keeps tone marks as single letters (NFC) and estimates widths without a DOM', () => {
    const decomposed = 'Hòa'.normalize('NFD');
    expect(fitLabel(decomposed, 100, 10, mono).lines[0]).toBe('Hòa'.normalize('NFC'));
    expect(estimateTextWidth('Xuất sắc', 12)).toBeGreaterThan(estimateTextWidth('Khá', 12));
    expect(estimateTextWidth('ấ', 12)).toBe(estimateTextWidth('a', 12));
  });
});

describe('score bars', () => {
  const sample = loadSample();
  const items = sample.groups.map((g) => ({ key: g.code, label: GROUPS.find((x) => x.code === g.code)!.shortName, value: g.score, max: g.max }));
  it('draws each group as its score on a track as long as its maximum, with the points lost after it', () => {
    const c = scoreBars(items, { width: 600, measure: mono }, 'Điểm các nhóm');
    const tracks = rects(c.marks, 'track');
    const scores = rects(c.marks, 'score');
    expect(tracks).toHaveLength(6);
    // A common scale: MDSH (22) is longer than TTTT (10), in proportion.
    const w = (k: string) => tracks.find((t) => t.key === k)!.w;
    expect(w('MDSH') / w('TTTT')).toBeCloseTo(2.2, 5);
    const tdgq = sample.groups.find((g) => g.code === 'TDGQ')!;
    const s = scores.find((r) => r.key === 'TDGQ')!;
    const lost = rects(c.marks, 'lost').find((r) => r.key === 'TDGQ')!;
    expect(s.w / w('TDGQ')).toBeCloseTo(tdgq.score! / 20, 5);
    expect(s.x + s.w).toBeCloseTo(lost.x, 5);
    expect(lost.x + lost.w).toBeCloseTo(tracks.find((t) => t.key === 'TDGQ')!.x + w('TDGQ'), 5);
    expect(texts(c.marks, 'value').find((t) => t.key === 'TDGQ')!.text).toBe('18,7/20 · mất 1,3');
    expect(c.table.rows.find((r) => r[0] === 'Tiến độ giải quyết')).toEqual(['Tiến độ giải quyết', '18,7', '20', '1,3']);
    // Nothing leaves the chart.
    for (const m of c.marks) if (m.kind === 'rect') expect(m.x + m.w).toBeLessThanOrEqual(600);
  });
  it('never draws a missing score as 0', () => {
    const c = scoreBars([{ key: 'CKMB', label: 'Công khai', value: null, max: 18 }], { width: 400, measure: mono }, 't');
    expect(rects(c.marks, 'score')).toHaveLength(0);
    expect(texts(c.marks, 'value')[0]!.text).toBe('chưa có số liệu');
    expect(c.table.rows[0]).toEqual(['Công khai', 'chưa có số liệu', '18', '']);
  });
});

describe('130 units ranked', () => {
  const names = Array.from({ length: 130 }, (_, i) =>
    i % 10 === 0 ? `UBND xã Nậm Cắn thuộc huyện miền núi biên giới số ${i} tỉnh Nghệ An (đơn vị thí điểm)` : `UBND xã số ${i}`,
  );
  const items = names.map((label, i) => ({
    key: `u${i}`,
    label,
    value: i === 7 ? null : i === 8 ? 0 : 40 + ((i * 37) % 60) + (i % 3) / 10,
    ...(i === 7 ? { status: 'Không tổng hợp trên Hệ thống' } : {}),
    color: '#000',
  }));
  const c = rankBars(items, { width: 640, measure: mono, valueHeader: 'Tổng điểm' }, 'Xếp hạng');
  const labels = texts(c.marks, 'label');
  it('lists every unit once, worst first, the unit without a figure last and a real 0 first', () => {
    expect(labels).toHaveLength(130);
    expect(new Set(labels.map((l) => l.key)).size).toBe(130);
    const bars = rects(c.marks, 'bar');
    expect(bars).toHaveLength(129);
    expect(labels[0]!.key).toBe('u8');
    expect(labels[129]!.key).toBe('u7');
    expect(texts(c.marks, 'status')[0]!.text).toBe('Không tổng hợp trên Hệ thống');
    const values = c.table.rows.slice(0, 129).map((r) => Number(r[2]!.replace(/\./g, '').replace(',', '.')));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]!);
    expect(c.table.rows[129]).toEqual(['', names[7], 'Không tổng hợp trên Hệ thống']);
    expect(c.table.rows[0]![0]).toBe('1');
  });
  it('places labels on their own rows without overlap, long names cut to the label column', () => {
    const ys = labels.map((l) => l.y);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(12);
    const labelWidth = Math.round(640 * 0.4);
    for (const l of labels) expect(mono(l.text, l.size)).toBeLessThanOrEqual(labelWidth);
    const cut = labels.filter((l) => l.title);
    expect(cut.length).toBe(13);
    expect(cut[0]!.text.endsWith('…')).toBe(true);
    expect(c.height).toBeGreaterThan(ys[129]!);
    for (const r of rects(c.marks, 'bar')) expect(r.x).toBeGreaterThan(labelWidth);
  });
});

describe('trend lines', () => {
  const periods = Array.from({ length: 14 }, (_, i) => `T${(i % 12) + 1}/${2024 + Math.floor(i / 12)}`);
  it('keeps the last 12 periods, splits lines at gaps and draws the band thresholds in range', () => {
    const total = periods.map((_, i) => (i === 9 ? null : 70 + i * 1.5));
    const c = lineChart(periods, [{ key: 'total', label: 'Tổng điểm', values: total }], { width: 600, height: 240, measure: mono, thresholds: bandThresholds() }, 'Xu hướng');
    expect(c.table.rows).toHaveLength(12);
    expect(c.table.rows[0]![0]).toBe('T3/2024');
    expect(c.table.rows[7]).toEqual(['T10/2024', '']);
    const lines = c.marks.filter((m) => m.kind === 'polyline');
    expect(lines).toHaveLength(2);
    expect(c.marks.filter((m) => m.kind === 'circle')).toHaveLength(11);
    const th = texts(c.marks, 'threshold-label').map((t) => t.text);
    expect(th).toEqual(['Xuất sắc 90', 'Tốt 80', 'Khá 70']);
    // Higher values are higher on the chart; the 90 threshold sits above the 80 one.
    const thr = c.marks.filter((m): m is Extract<Mark, { kind: 'line' }> => m.kind === 'line' && m.role === 'threshold');
    expect(thr[0]!.y1).toBeLessThan(thr[1]!.y1);
    for (const m of c.marks) if (m.kind === 'circle') expect(m.cy).toBeGreaterThanOrEqual(0);
  });
  it('labels every category that fits and thins them out when they do not', () => {
    const wide = lineChart(periods.slice(0, 4), [{ key: 'a', label: 'a', values: [1, 2, 3, 4] }], { width: 600, height: 200, measure: mono }, 't');
    expect(texts(wide.marks, 'category')).toHaveLength(4);
    const narrow = lineChart(periods, [{ key: 'a', label: 'a', values: periods.map((_, i) => i) }], { width: 200, height: 200, measure: mono }, 't');
    const cats = texts(narrow.marks, 'category');
    expect(cats.length).toBeLessThan(12);
    expect(cats[cats.length - 1]!.text).toBe(periods[13]);
    for (let i = 1; i < cats.length; i++) expect(cats[i]!.x - cats[i - 1]!.x).toBeGreaterThan(mono(cats[i]!.text, cats[i]!.size));
    // The first and last labels stay inside the chart.
    const inside = (labels: ReturnType<typeof texts>, width: number) => {
      for (const c of labels) {
        expect(c.x - mono(c.text, c.size) / 2).toBeGreaterThanOrEqual(0);
        expect(c.x + mono(c.text, c.size) / 2).toBeLessThanOrEqual(width);
      }
    };
    inside(texts(wide.marks, 'category'), 600);
    inside(cats, 200);
  });
  it('gives six group series a legend and a column each in the table', () => {
    const series = GROUPS.map((g, k) => ({ key: g.code, label: g.shortName, values: [g.max - k, g.max - k / 2, null] }));
    const c = lineChart(['T1', 'T2', 'T3'], series, { width: 600, height: 260, measure: mono }, 't');
    expect(texts(c.marks, 'legend')).toHaveLength(6);
    expect(c.table.columns).toEqual(['Kỳ', ...GROUPS.map((g) => g.shortName)]);
    expect(c.table.rows[2]!.slice(1)).toEqual(['', '', '', '', '', '']);
  });
});
