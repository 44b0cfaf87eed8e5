// The report model: the sample round-trips through the schema, figures stay as issued, new periods start blank.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyTable, classify } from '../../core/model/catalog';
import { nextPeriod, parsePeriod, periodRange, periodText, previousPeriod } from '../../core/model/period';
import { clearFigures, loadSample, newReportFrom, parseReportJson, serializeReport, validateReport } from '../../core/model/report';
import { ReportSchema, SCHEMA_VERSION, type Report } from '../../core/model/schema';
import { upgradeReport } from '../../core/model/upgrade';

const sampleText = readFileSync(new URL('../../assets/sample-report.json', import.meta.url), 'utf8');

function cellOf(r: Report, tableId: string, unitId: string, col = 'rate') {
  return r.tables.find((t) => t.id === tableId)!.rows.find((row) => row.unitId === unitId)!.cells[col];
}

describe('the built-in sample', () => {
  it('is valid against the schema and round-trips through JSON unchanged', () => {
    const parsed = ReportSchema.parse(JSON.parse(sampleText));
    expect(serializeReport(parsed)).toBe(sampleText);
    const again = parseReportJson(serializeReport(loadSample()));
    expect(again.ok && again.report).toEqual(parsed);
  });

  it('holds the seed figures exactly as issued', () => {
    const r = loadSample();
    expect(r.isSample).toBe(true);
    expect(r.total).toBe(88.4);
    expect(r.rank).toEqual({ position: 3, of: 8 });
    expect(r.groups.map((g) => [g.code, g.score, g.max])).toEqual([
      ['CKMB', 18, 18],
      ['TDGQ', 18.7, 20],
      ['CLGQ', 7.7, 12],
      ['TTTT', 8.3, 10],
      ['MDHL', 18, 18],
      ['MDSH', 17.7, 22],
    ]);
    const line = (id: string) => r.groups.flatMap((g) => g.lines).find((l) => l.id === id)!;
    expect(line('ckmb.synced')).toMatchObject({ count: 1025, rate: 100 });
    expect(line('tttt.dossiersOnline')).toMatchObject({ count: 669, rate: 89.73 });
    expect(line('mdsh.reuse').rate).toBe(0);
    expect(line('mdsh.accounts').count).toBe(993507);
    expect(r.document).toEqual({ typeCode: 'BC', number: '364', date: { year: 2024, month: 8, day: 15 } });
    expect(r.units).toHaveLength(19);
    expect(r.tables.map((t) => t.kind)).toEqual(['onTime', 'overdue', 'onlineSubmission', 'onlinePayment', 'satisfaction', 'eCopies', 'evaluation', 'evaluation']);
  });

  it('keeps blank, status and zero apart', () => {
    const r = loadSample();
    expect(cellOf(r, 'dung-han', 'phong-kinh-te')).toEqual({ t: 'status', v: 'Không tổng hợp trên Hệ thống' });
    expect(cellOf(r, 'thanh-toan', 'phong-kinh-te')).toEqual({ t: 'status', v: 'Không tổng hợp trong Hệ thống' });
    expect(cellOf(r, 'dung-han', 'p-duc-xuan')).toEqual({ t: 'num', v: 97.74 });
    expect(cellOf(r, 'chung-thuc', 'p-duc-xuan', 'deployed')).toEqual({ t: 'ratio', n: 1, d: 1 });
    expect(cellOf(r, 'chung-thuc', 'p-duc-xuan', 'arising')).toBeNull();
    expect(cellOf(r, 'xep-loai-xa', 'p-duc-xuan', 'ckmb')).toBeNull();
    expect(cellOf(r, 'xep-loai-xa', 'p-song-cau', 'class')).toEqual({ t: 'text', v: 'Tốt' });
    const zero = r.groups.flatMap((g) => g.lines).find((l) => l.id === 'mdsh.reuse')!;
    expect(zero.rate).toBe(0);
  });

  it('gives a fresh copy each time', () => {
    const a = loadSample();
    a.total = 1;
    expect(loadSample().total).toBe(88.4);
  });
});

describe('schema validation', () => {
  it('rejects a row that names an unknown unit, with a Vietnamese message', () => {
    const r = loadSample();
    r.tables[0]!.rows[0]!.unitId = 'khong-co';
    const res = validateReport(r);
    expect(res.ok).toBe(false);
    expect(!res.ok && res.problem).toContain('đơn vị “khong-co” không có trong danh sách đơn vị');
  });

  it('rejects a ratio in a rate column and a number where a label belongs', () => {
    const r = loadSample();
    r.tables[0]!.rows[12]!.cells.rate = { t: 'ratio', n: 1, d: 1 };
    expect(validateReport(r).ok).toBe(false);
    const r2 = loadSample();
    r2.tables[7]!.rows[0]!.cells.class = { t: 'num', v: 3 };
    expect(validateReport(r2).ok).toBe(false);
  });

  it('rejects groups out of portal order and duplicate unit ids', () => {
    const r = loadSample();
    [r.groups[0], r.groups[1]] = [r.groups[1]!, r.groups[0]!];
    expect(validateReport(r).ok).toBe(false);
    const r2 = loadSample();
    r2.units[1]!.id = r2.units[0]!.id;
    expect(validateReport(r2).ok).toBe(false);
  });

  it('explains invalid JSON and a missing schema version', () => {
    const bad = parseReportJson('{"schemaVersion": 1,');
    expect(!bad.ok && bad.problem).toMatch(/^không phải JSON hợp lệ/);
    const noVersion = parseReportJson('{"id": "x"}');
    expect(!noVersion.ok && noVersion.problem).toContain('schemaVersion');
  });

  it('refuses a report saved by a newer app', () => {
    const res = validateReport({ ...loadSample(), schemaVersion: SCHEMA_VERSION + 1 });
    expect(!res.ok && res.problem).toContain('phiên bản mới hơn');
  });
});

describe('schema upgrades', () => {
  it('runs each upgrade step in order up to the target version', () => {
    const upgrades = [
      { from: 1, up: (r: Record<string, unknown>) => ({ ...r, renamed: r.old, old: undefined }) },
      { from: 2, up: (r: Record<string, unknown>) => ({ ...r, added: true }) },
    ];
    const res = upgradeReport({ schemaVersion: 1, old: 'x' }, upgrades, 3);
    expect(res).toEqual({ ok: true, value: { schemaVersion: 3, renamed: 'x', old: undefined, added: true } });
  });

  it('says so when a step is missing', () => {
    const res = upgradeReport({ schemaVersion: 1 }, [], 2);
    expect(!res.ok && res.problem).toContain('từ phiên bản 1');
  });
});

describe('periods', () => {
  it('words each kind of period', () => {
    expect(periodText({ kind: 'month', year: 2024, month: 7 })).toBe('tháng 7 năm 2024');
    expect(periodText({ kind: 'quarter', year: 2024, quarter: 3 })).toBe('quý III năm 2024');
    expect(periodText({ kind: 'half', year: 2025 })).toBe('6 tháng đầu năm 2025');
    expect(periodText({ kind: 'nine-months', year: 2025 })).toBe('9 tháng năm 2025');
    expect(periodText({ kind: 'year', year: 2025 })).toBe('năm 2025');
  });

  it('computes ranges, including February of a leap year', () => {
    expect(periodRange({ kind: 'month', year: 2024, month: 2 })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange({ kind: 'quarter', year: 2024, quarter: 3 })).toEqual({ from: '2024-07-01', to: '2024-09-30' });
    expect(periodRange({ kind: 'nine-months', year: 2024 })).toEqual({ from: '2024-01-01', to: '2024-09-30' });
  });

  it('steps to the next and previous period across years', () => {
    expect(nextPeriod({ kind: 'month', year: 2024, month: 12 })).toEqual({ kind: 'month', year: 2025, month: 1 });
    expect(previousPeriod({ kind: 'quarter', year: 2025, quarter: 1 })).toEqual({ kind: 'quarter', year: 2024, quarter: 4 });
  });

  it('parses the CLI notation and rejects nonsense', () => {
    expect(parsePeriod('2024-08')).toEqual({ kind: 'month', year: 2024, month: 8 });
    expect(parsePeriod('2024-q3')).toEqual({ kind: 'quarter', year: 2024, quarter: 3 });
    expect(parsePeriod('2024-H1')).toEqual({ kind: 'half', year: 2024 });
    expect(parsePeriod('2024-9M')).toEqual({ kind: 'nine-months', year: 2024 });
    expect(parsePeriod('2024')).toEqual({ kind: 'year', year: 2024 });
    expect(parsePeriod('2024-13')).toBeNull();
    expect(parsePeriod('tháng 8')).toBeNull();
  });
});

describe('a new period from an earlier report', () => {
  it('keeps profile, units and table layout, clears every figure to blank (not zero)', () => {
    const sample = loadSample();
    const next = newReportFrom(sample, { kind: 'month', year: 2024, month: 8 }, 'r-2024-08');
    expect(validateReport(next).ok).toBe(true);
    expect(next.id).toBe('r-2024-08');
    expect(next.isSample).toBe(false);
    expect(next.profile).toEqual(sample.profile);
    expect(next.units).toEqual(sample.units);
    expect(next.total).toBeNull();
    expect(next.rank).toEqual({ position: null, of: 8 });
    expect(next.groups.every((g) => g.score === null)).toBe(true);
    for (const line of next.groups.flatMap((g) => g.lines)) {
      if (line.count !== undefined) expect(line.count).toBeNull();
      if (line.rate !== undefined) expect(line.rate).toBeNull();
    }
    // Figures blank; last period's statuses come over, marked as carried (test/unit/new-month-carry.test.ts).
    for (const t of next.tables) for (const row of t.rows) for (const c of Object.values(row.cells)) expect(c === null || c.t === 'status').toBe(true);
    expect(next.document).toEqual({ typeCode: 'BC', number: null, date: { year: 2024, month: 9, day: null } });
    expect(next.basis[2]).toContain('tháng 8 năm 2024 như sau:');
    expect(next.basis[0]).toBe(sample.basis[0]);
  });

  it('does not touch the report it starts from', () => {
    const sample = loadSample();
    const before = JSON.stringify(sample);
    clearFigures(sample);
    newReportFrom(sample, { kind: 'month', year: 2024, month: 8 }, 'x');
    expect(JSON.stringify(sample)).toBe(before);
  });
});

describe('catalog', () => {
  it('classifies totals by band edges', () => {
    expect(classify(90)).toBe('Xuất sắc');
    expect(classify(89.99)).toBe('Tốt');
    expect(classify(80)).toBe('Tốt');
    expect(classify(72.18)).toBe('Khá');
    expect(classify(50)).toBe('Trung bình');
    expect(classify(49.9)).toBe('Yếu');
  });

  it('builds empty tables with blank cells for every column', () => {
    const t = emptyTable('eCopies', 'x', ['a', 'b']);
    expect(t.rows).toEqual([
      { unitId: 'a', cells: { deployed: null, completed: null, arising: null, rate: null } },
      { unitId: 'b', cells: { deployed: null, completed: null, arising: null, rate: null } },
    ]);
  });
});
