// Findings speak the report's words (issue 17 §7): groups named as the report names them, no internal codes, no
// "số nguyên không âm"; and a one-click fix where the right value is certain (complementary rates, a class from its
// band, a rate from its counts), computed in core/rules.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withIndicatorSet } from '../../core/model/indicators';
import { loadSample } from '../../core/model/report';
import type { Cell, Line, Report } from '../../core/model/schema';
import { runChecks, type Finding } from '../../core/rules';
import { vi } from '../../renderer/strings/vi';

const CODES = /\b(CKMB|TDGQ|CLGQ|TTTT|MDHL|MDSH)\b/;
const JARGON = /không âm|số nguyên|undefined|NaN|\[object|null\b/;

const line = (r: Report, id: string): Line => r.groups.flatMap((g) => g.lines).find((l) => l.id === id)!;
const row = (r: Report, tableId: string, unitId: string) => r.tables.find((t) => t.id === tableId)!.rows.find((x) => x.unitId === unitId)!;

/** Reports that trip as many rules as possible: the sample as issued, with scores missing, out of range, and broken lines. */
function brokenReports(): Report[] {
  const out: Report[] = [loadSample()];
  const blank = loadSample();
  blank.total = null;
  for (const g of blank.groups) g.score = null;
  out.push(blank);
  const wild = loadSample();
  wild.total = 120;
  for (const g of wild.groups) g.score = g.max + 3;
  line(wild, 'clgq.submittedOther').rate = 40;
  line(wild, 'tdgq.overdue').rate = 9;
  line(wild, 'mdsh.eResults').rate = 140;
  line(wild, 'tttt.proceduresOnline').count = 500;
  wild.rank = { position: 9, of: 8 };
  wild.dataAsOf = '2020-01-01';
  row(wild, 'dung-han', 'p-duc-xuan').cells.rate = { t: 'num', v: 50 };
  row(wild, 'qua-han', 'p-duc-xuan').cells.rate = { t: 'num', v: 10 };
  out.push(wild);
  const m = withIndicatorSet(loadSample(), '2026');
  m.period = { kind: 'month', year: 2026, month: 10 };
  Object.assign(line(m, 'ckmb.updatedOnTime'), { numerator: 1052, denominator: 1092, rate: 96.3, points: 99 });
  Object.assign(line(m, 'ckmb.publishedOnTime'), { numerator: 130, denominator: 120, rate: 100, points: 6 });
  Object.assign(line(m, 'mdhl.paknOnTime'), { numerator: 0, denominator: 0, rate: 0, points: 6 });
  m.groups[0]!.score = 3;
  out.push(m);
  return out;
}

describe('findings in plain words', () => {
  const findings: Finding[] = brokenReports().flatMap((r) => runChecks(r));

  it('trip many rules, and no message carries a group code or jargon', () => {
    const rules = new Set(findings.map((f) => f.ruleId));
    expect(rules.size).toBeGreaterThanOrEqual(18);
    for (const f of findings) {
      expect(f.message, f.ruleId).not.toMatch(CODES);
      expect(f.message, f.ruleId).not.toMatch(JARGON);
      if (f.fix) expect(f.fix.label, f.ruleId).not.toMatch(CODES);
    }
  });

  it('a missing group score names the group as the report does', () => {
    const blank = brokenReports()[1]!;
    const missing = runChecks(blank).filter((f) => f.ruleId === 'missing-score' && f.location.kind === 'group');
    expect(missing.map((f) => f.message)).toContain(
      'Chưa nhập điểm nhóm “Dịch vụ công trực tuyến (DVCTT)” (tối đa 12). Hãy nhập điểm như Cổng Dịch vụ công công bố.',
    );
  });

  it('the messages of typed values say what a count is, without "số nguyên không âm"', () => {
    const texts = [vi.cell.notCount('1,5'), vi.cell.negative('-3')];
    for (const t of texts) expect(t).not.toMatch(JARGON);
  });

  it('no Vietnamese sentence in the rules or the import preview sources interpolates or spells a group code', () => {
    const files = [
      ...['core/rules', 'core/import'].flatMap((dir) => readdirSync(dir).filter((n) => n.endsWith('.ts')).map((n) => [dir, n] as const)),
      ['core/text', 'cell-reading.ts'] as const,
    ];
    {
      for (const [dir, name] of files) {
        const src = readFileSync(join(dir, name), 'utf8');
        // Template literals and quoted strings with Vietnamese letters: the clerk's sentences.
        const sentences = src.match(/`[^`]*`|'[^'\n]*'/g) ?? [];
        for (const s of sentences) {
          if (!/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i.test(s)) continue;
          expect(s, `${dir}/${name}`).not.toMatch(CODES);
          expect(s, `${dir}/${name}`).not.toMatch(/\$\{[^}]*\.(group|code)\}/);
          expect(s, `${dir}/${name}`).not.toMatch(/không âm|số nguyên/);
        }
      }
    }
  });
});

describe('one-click fixes where the right value is certain', () => {
  it('a rate from its counts: "Sửa thành 89,32%" on the sample’s online payment line', () => {
    const f = runChecks(loadSample()).find((x) => x.ruleId === 'rate-matches-count' && x.location.kind === 'line' && x.location.lineId === 'tttt.dossiersOnline');
    expect(f?.fix).toEqual({
      location: { kind: 'line', group: 'TTTT', lineId: 'tttt.dossiersOnline', field: 'rate' },
      value: 89.32,
      label: 'Sửa thành 89,32%',
    });
  });

  it('a classification from its band', () => {
    const f = runChecks(loadSample()).find((x) => x.ruleId === 'classification-band');
    expect(f?.fix).toEqual({
      location: { kind: 'cell', tableId: 'xep-loai-xa', unitId: 'p-song-cau', columnId: 'class' },
      value: { t: 'text', v: 'Khá' },
      label: 'Sửa thành “Khá”',
    });
  });

  it('complementary rates: the overdue rate is 100 minus the on-time rate', () => {
    const r = loadSample();
    line(r, 'tdgq.overdue').rate = 9;
    const onTime = line(r, 'tdgq.onTime').rate as number;
    const f = runChecks(r).find((x) => x.ruleId === 'rates-complement');
    expect(f?.fix?.location).toEqual({ kind: 'line', group: 'TDGQ', lineId: 'tdgq.overdue', field: 'rate' });
    expect(f?.fix?.value).toBeCloseTo(100 - onTime, 6);
    // Per unit: a blank overdue rate beside an on-time rate below 100 % is its complement.
    const unit = runChecks(loadSample()).find((x) => x.ruleId === 'overdue-listed' && x.location.kind === 'cell' && x.location.unitId === 'p-duc-xuan');
    const cell = row(loadSample(), 'qua-han', 'p-duc-xuan').cells.rate;
    if (cell == null) expect(unit?.fix?.label).toMatch(/^Sửa thành \d+,\d+%$/);
    else expect(unit?.fix).toBeUndefined(); // a status the clerk wrote stays the clerk's call
  });

  it('the fix, applied, clears its finding', () => {
    const r = loadSample();
    for (const f of runChecks(r)) {
      if (!f.fix) continue;
      const at = f.fix.location;
      if (at.kind === 'line') (line(r, at.lineId) as Record<string, unknown>)[at.field] = f.fix.value;
      else row(r, at.tableId, at.unitId).cells[at.columnId] = f.fix.value as Cell;
    }
    const left = runChecks(r).map((f) => f.ruleId);
    expect(left).not.toContain('rate-matches-count');
    expect(left).not.toContain('classification-band');
  });

  it('a 0-of-0 rate is cleared, not set to a figure', () => {
    const m = withIndicatorSet(loadSample(), '2026');
    m.period = { kind: 'month', year: 2026, month: 10 };
    Object.assign(line(m, 'mdhl.paknOnTime'), { numerator: 0, denominator: 0, rate: 0, points: 6 });
    const f = runChecks(m).find((x) => x.ruleId === 'line-zero-of-zero');
    expect(f?.fix).toMatchObject({ value: null, label: 'Xóa tỷ lệ' });
  });
});
