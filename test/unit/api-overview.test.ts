// The overview calls over a real library folder: overview.get (estimate, trend of the same issuer, units ranked),
// overview.simulate, overview.saveScenario (stored with the report, never as figures; stale revisions refused).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRuntime } from '../../core/api/node-api';
import { loadSample, newReportFrom } from '../../core/model/report';
import { monthlyHistory } from '../helpers/overview-history';
import { createTestRuntime } from '../helpers/runtime';

let dir: string;
let rt: ApiRuntime;
const events: { event: string; payload: unknown }[] = [];
const sample = loadSample();
const base = { ...structuredClone(sample), id: 'bac-kan-2024-07', isSample: false };
const history = monthlyHistory(base, 4); // 4/2024 … 7/2024

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-overview-'));
  rt = createTestRuntime(join(dir, 'library'), (event, payload) => events.push({ event, payload }));
  for (const r of history) expect((await rt.call('report.save', { id: r.id, revision: 0, report: r })).ok).toBe(true);
  // Another issuer in the same months stays out of the trend.
  const other = newReportFrom(base, { kind: 'month', year: 2024, month: 6 }, 'cho-moi-2024-06');
  other.profile.locality = 'huyện Chợ Mới';
  other.total = 40;
  expect((await rt.call('report.save', { id: other.id, revision: 0, report: other })).ok).toBe(true);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('overview.get', () => {
  it('gives the estimate, the trend of the same issuer with the previous month, and the units ranked', async () => {
    const res = await rt.call('overview.get', { reportId: base.id });
    if (!res.ok) throw new Error(res.error.message);
    const o = res.result;
    expect(o.estimate.totals).toMatchObject({ official: 88.4, band: 'Tốt', nextBand: { label: 'Xuất sắc', gap: 1.6 } });
    expect(o.estimate.groups.find((g) => g.code === 'TDGQ')).toMatchObject({ official: 18.7, estimated: 18.42, differs: true });
    expect(o.trend.points.map((p) => p.periodLabel)).toEqual(['Tháng 4/2024', 'Tháng 5/2024', 'Tháng 6/2024', 'Tháng 7/2024']);
    expect(o.trend.previous?.reportId).toBe(history[2]!.id);
    expect(o.trend.change?.total).toBe(Math.round((88.4 - history[2]!.total!) * 100) / 100);
    expect(o.units[0]).toMatchObject({ name: 'UBND phường Phùng Chí Kiên', rank: 1, band: 'Xuất sắc' });
    expect(o.bestChange?.gain).toBeGreaterThan(0);
    expect(o.scenario).toBeNull();
  });

  it('an open copy with unsaved edits is used instead of the stored report', async () => {
    const edited = structuredClone(base);
    edited.total = 91;
    const res = await rt.call('overview.get', { reportId: base.id, report: edited });
    expect(res.ok && res.result.estimate.totals.band).toBe('Xuất sắc');
    const wrong = await rt.call('overview.get', { reportId: 'khac', report: edited });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.message).toMatch(/không khớp/);
  });

  it('an unknown report: one Vietnamese sentence, no stack', async () => {
    const res = await rt.call('overview.get', { reportId: 'khong-co' });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('NOT_FOUND');
      expect(res.error.message).toMatch(/^Không tìm thấy báo cáo/);
      expect(res.error.message).not.toMatch(/\n\s+at /);
    }
  });
});

describe('overview.unitTrend and export.xlsx with the overview sheet', () => {
  it('a unit’s own rates month by month; an unknown unit is one sentence', async () => {
    const res = await rt.call('overview.unitTrend', { reportId: base.id, unitId: 'p-song-cau' });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.result.map((p) => p.periodLabel)).toEqual(['Tháng 4/2024', 'Tháng 5/2024', 'Tháng 6/2024', 'Tháng 7/2024']);
    expect(res.result.at(-1)).toMatchObject({ total: 72.18, rates: { onTime: 94.12, onlinePayment: 92.54 } });
    const bad = await rt.call('overview.unitTrend', { reportId: base.id, unitId: 'khong-co' });
    expect(!bad.ok && bad.error.message).toBe('Báo cáo không có đơn vị “khong-co”.');
  });

  it('export.xlsx adds the “Tổng quan” sheet only when asked', async () => {
    for (const overview of [false, true]) {
      const path = join(dir, `bc-${overview}.xlsx`);
      const res = await rt.call('export.xlsx', { report: base, path, overview });
      expect(res.ok).toBe(true);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path);
      expect(wb.getWorksheet('Tổng quan') !== undefined).toBe(overview);
    }
  });
});

describe('overview.simulate and overview.saveScenario', () => {
  it('simulate applies targets to the estimates only', async () => {
    const res = await rt.call('overview.simulate', { reportId: base.id, targets: { 'tdgq.onTime': 97, 'tttt.dossiersOnline': 95 } });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.result.estimate.totals).toMatchObject({ official: 88.4, projected: 89.7, nextBand: { gap: 0.3 } });
    expect(res.result.bestChange).not.toBeNull();
    const bad = await rt.call('overview.simulate', { reportId: base.id, targets: { 'clgq.partial': 90 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/không có chỉ tiêu tính điểm/);
    const out = await rt.invoke('overview.simulate', { reportId: base.id, targets: { 'tdgq.onTime': 140 } });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.code).toBe('BAD_ARGS');
  });

  it('saveScenario stores the targets with the report (not as figures), refuses a stale revision, and clears', async () => {
    const opened = await rt.call('library.open', { id: base.id });
    if (!opened.ok) throw new Error(opened.error.message);
    events.length = 0;
    const saved = await rt.call('overview.saveScenario', { reportId: base.id, revision: opened.result.revision, targets: { 'tdgq.onTime': 97 } });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.result.revision).toBe(opened.result.revision + 1);
    expect(events.some((e) => e.event === 'library.changed' && (e.payload as { ids: string[] }).ids.includes(base.id))).toBe(true);
    // On disk: the scenario beside the figures, the figures unchanged.
    const stored = JSON.parse(await readFile(join(dir, 'library', 'reports', `${base.id}.json`), 'utf8')).report;
    expect(stored.scenario.targets).toEqual({ 'tdgq.onTime': 97 });
    expect(stored.groups[1].lines.find((l: { id: string }) => l.id === 'tdgq.onTime').rate).toBe(92.08);
    expect(stored.total).toBe(88.4);
    const o = await rt.call('overview.get', { reportId: base.id });
    expect(o.ok && o.result.scenario?.targets).toEqual({ 'tdgq.onTime': 97 });

    const stale = await rt.call('overview.saveScenario', { reportId: base.id, revision: opened.result.revision, targets: {} });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error.code).toBe('STALE_REVISION');

    const cleared = await rt.call('overview.saveScenario', { reportId: base.id, revision: saved.result.revision, targets: {} });
    expect(cleared.ok && cleared.result.scenario).toBeNull();
    const again = JSON.parse(await readFile(join(dir, 'library', 'reports', `${base.id}.json`), 'utf8')).report;
    expect(again.scenario).toBeUndefined();
  });
});
