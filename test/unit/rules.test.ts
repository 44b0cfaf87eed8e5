// Consistency checks: the exact findings on the sample, and a passing and a failing case for every rule.
import { describe, expect, it } from 'vitest';
import { loadSample } from '../../core/model/report';
import type { Report } from '../../core/model/schema';
import { RULES, countBySection, runChecks, sectionOf, type Finding } from '../../core/rules';

const brief = (f: Finding) => `${f.severity} ${f.ruleId} ${JSON.stringify(f.location)}`;
const line = (r: Report, id: string) => r.groups.flatMap((g) => g.lines).find((l) => l.id === id)!;
const table = (r: Report, id: string) => r.tables.find((t) => t.id === id)!;
const row = (r: Report, tableId: string, unitId: string) => table(r, tableId).rows.find((x) => x.unitId === unitId)!;

/** A copy of the sample with its real inconsistencies repaired, so each rule can be tripped on its own. */
function cleanSample(): Report {
  const r = loadSample();
  line(r, 'tttt.dossiersOnline').rate = 89.32;
  line(r, 'tttt.dossiersOther').rate = 10.68;
  row(r, 'xep-loai-xa', 'p-song-cau').cells.class = { t: 'text', v: 'Khá' };
  for (const t of r.tables) for (const x of t.rows) for (const [k, c] of Object.entries(x.cells)) {
    if (c?.t === 'status') x.cells[k] = { t: 'status', v: 'Không tổng hợp trên Hệ thống' };
  }
  const onTime = table(r, 'dung-han');
  for (const x of table(r, 'qua-han').rows) {
    const rate = onTime.rows.find((o) => o.unitId === x.unitId)!.cells.rate;
    if (rate?.t === 'num') x.cells.rate = { t: 'num', v: Math.round((100 - rate.v) * 100) / 100 };
  }
  line(r, 'mdhl.procedures').rate = 92;
  return r;
}

function only(r: Report, ruleId: string): Finding[] {
  return runChecks(r).filter((f) => f.ruleId === ruleId);
}

describe('the sample report', () => {
  it('has exactly the inconsistencies the issued report carries', () => {
    const findings = runChecks(loadSample());
    expect(findings.map(brief)).toEqual([
      'error rate-matches-count {"kind":"line","group":"TTTT","lineId":"tttt.dossiersOnline","field":"rate"}',
      'error rate-matches-count {"kind":"line","group":"TTTT","lineId":"tttt.dossiersOther","field":"rate"}',
      'error classification-band {"kind":"cell","tableId":"xep-loai-xa","unitId":"p-song-cau","columnId":"class"}',
      'warning overdue-listed {"kind":"cell","tableId":"qua-han","unitId":"p-duc-xuan","columnId":"rate"}',
      'warning overdue-listed {"kind":"cell","tableId":"qua-han","unitId":"p-phung-chi-kien","columnId":"rate"}',
      'warning overdue-listed {"kind":"cell","tableId":"qua-han","unitId":"p-huyen-tung","columnId":"rate"}',
      'warning overdue-listed {"kind":"cell","tableId":"qua-han","unitId":"p-song-cau","columnId":"rate"}',
      'warning satisfaction-vs-overdue {"kind":"line","group":"MDHL","lineId":"mdhl.procedures","field":"rate"}',
      'warning status-wording {"kind":"table","tableId":"thanh-toan"}',
      'warning status-wording {"kind":"table","tableId":"hai-long"}',
    ]);
    expect(findings[0]!.message).toBe(
      '“Tỷ lệ thanh toán trực tuyến”: 669/749 là 89,32%, không phải 89,73% như đã ghi. Hãy kiểm tra lại số lượng hoặc tỷ lệ.',
    );
    expect(findings[2]!.message).toContain('tổng điểm 72,18 thuộc loại “Khá”, không phải “Tốt”');
    expect(findings[3]!.message).toContain('tỷ lệ quá hạn (2,26%)');
  });

  it('counts findings per section for the badges', () => {
    const r = loadSample();
    const counts = countBySection(runChecks(r), r);
    expect(counts.TTTT).toEqual({ errors: 2, warnings: 1 });
    expect(counts.II).toEqual({ errors: 1, warnings: 0 });
    expect(counts.TDGQ).toEqual({ errors: 0, warnings: 4 });
    expect(counts.MDHL).toEqual({ errors: 0, warnings: 2 });
    expect(counts.CKMB).toEqual({ errors: 0, warnings: 0 });
  });

  it('is clean once those inconsistencies are repaired', () => {
    expect(runChecks(cleanSample())).toEqual([]);
  });
});

describe('each rule passes and fails', () => {
  it('has a test below for every rule', () => {
    expect(Object.keys(RULES).sort()).toEqual(
      [
        'classificationBand', 'datesInOrder', 'eCopiesCounts', 'estimateOnTime', 'estimatePayment', 'groupsSumToTotal',
        'missingScores', 'overdueListed', 'rankInRange', 'rateInRange', 'rateMatchesCount', 'ratesComplement',
        'satisfactionVsOverdue', 'scoreWithinMax', 'statusWording', 'uniqueUnits',
      ].sort(),
    );
  });

  it('groups-sum-total', () => {
    const r = cleanSample();
    expect(only(r, 'groups-sum-total')).toEqual([]);
    r.total = 89.4;
    const [f] = only(r, 'groups-sum-total');
    expect(f?.message).toContain('Tổng điểm các nhóm chỉ số là 88,4 nhưng tổng điểm ghi 89,4/100');
    expect(sectionOf(f!.location, r)).toBe('general');
  });

  it('score-max: groups, total and evaluation cells', () => {
    const r = cleanSample();
    expect(only(r, 'score-max')).toEqual([]);
    r.groups[3]!.score = 10.5;
    row(r, 'xep-loai-xa', 'p-duc-xuan').cells.ckmb = { t: 'num', v: 19 };
    r.total = 101;
    const found = only(r, 'score-max');
    expect(found.map((f) => f.location.kind).sort()).toEqual(['cell', 'group', 'total']);
  });

  it('rate-range: lines and cells', () => {
    const r = cleanSample();
    expect(only(r, 'rate-range')).toEqual([]);
    row(r, 'truc-tuyen', 'p-duc-xuan').cells.rate = { t: 'num', v: 918 };
    line(r, 'mdsh.eResults').rate = -1;
    expect(only(r, 'rate-range')).toHaveLength(2);
  });

  it('rates-complement', () => {
    const r = cleanSample();
    expect(only(r, 'rates-complement')).toEqual([]);
    line(r, 'clgq.submittedOther').rate = 23.2;
    const [f] = only(r, 'rates-complement');
    expect(f?.message).toContain('cộng lại bằng 100,1%');
  });

  it('rate-matches-count (group lines)', () => {
    const r = cleanSample();
    expect(only(r, 'rate-matches-count')).toEqual([]);
    line(r, 'clgq.partial').count = 40;
    expect(only(r, 'rate-matches-count').length).toBeGreaterThanOrEqual(1);
  });

  it('eCopies: completed not above arising, rate matches counts', () => {
    const r = cleanSample();
    const x = row(r, 'chung-thuc', 'p-duc-xuan');
    x.cells.arising = { t: 'num', v: 1400 };
    x.cells.rate = { t: 'num', v: 97.86 };
    expect(only(r, 'subset-not-larger')).toEqual([]);
    expect(only(r, 'rate-matches-count')).toEqual([]);
    x.cells.rate = { t: 'num', v: 90 };
    expect(only(r, 'rate-matches-count')).toHaveLength(1);
    x.cells.arising = { t: 'num', v: 1000 };
    expect(only(r, 'subset-not-larger')).toHaveLength(1);
  });

  it('classification-band', () => {
    const r = cleanSample();
    expect(only(r, 'classification-band')).toEqual([]);
    row(r, 'xep-loai-xa', 'p-duc-xuan').cells.class = { t: 'text', v: 'Tốt' };
    expect(only(r, 'classification-band')[0]?.message).toContain('tổng điểm 90,9 thuộc loại “Xuất sắc”, không phải “Tốt”');
  });

  it('overdue-listed and unit-rates-complement', () => {
    const r = cleanSample();
    expect(only(r, 'overdue-listed')).toEqual([]);
    expect(only(r, 'unit-rates-complement')).toEqual([]);
    row(r, 'qua-han', 'p-song-cau').cells.rate = null;
    expect(only(r, 'overdue-listed')[0]?.message).toContain('để trống trong danh sách');
    row(r, 'qua-han', 'p-song-cau').cells.rate = { t: 'num', v: 4 };
    expect(only(r, 'unit-rates-complement')[0]?.message).toContain('Tỷ lệ quá hạn đúng ra là 5,88%');
  });

  it('satisfaction-vs-overdue', () => {
    const r = cleanSample();
    expect(only(r, 'satisfaction-vs-overdue')).toEqual([]);
    line(r, 'mdhl.procedures').rate = 95;
    expect(only(r, 'satisfaction-vs-overdue')).toHaveLength(1);
  });

  it('duplicate-unit: two units with one canonical name, or a unit twice in a table', () => {
    const r = cleanSample();
    expect(only(r, 'duplicate-unit')).toEqual([]);
    r.units.push({ id: 'p-xuat-hoa-2', name: 'Phường Xuất Hóa', aliases: [], blockId: 'xa' });
    expect(only(r, 'duplicate-unit')).toHaveLength(1);
    const r2 = cleanSample();
    table(r2, 'dung-han').rows.push(structuredClone(table(r2, 'dung-han').rows[0]!));
    expect(only(r2, 'duplicate-unit')[0]?.location).toEqual({ kind: 'table', tableId: 'dung-han' });
  });

  it('rank-range', () => {
    const r = cleanSample();
    expect(only(r, 'rank-range')).toEqual([]);
    r.rank = { position: 9, of: 8 };
    expect(only(r, 'rank-range')).toHaveLength(1);
  });

  it('data-date and document-date', () => {
    const r = cleanSample();
    r.dataAsOf = '2024-08-05';
    expect(only(r, 'data-date')).toEqual([]);
    expect(only(r, 'document-date')).toEqual([]);
    r.dataAsOf = '2024-06-30';
    expect(only(r, 'data-date')[0]?.message).toContain('30/06/2024');
    r.document.date = { year: 2024, month: 7, day: 20 };
    expect(only(r, 'document-date')).toHaveLength(1);
  });

  it('missing-score', () => {
    const r = cleanSample();
    expect(only(r, 'missing-score')).toEqual([]);
    r.groups[2]!.score = null;
    r.total = null;
    expect(only(r, 'missing-score').map((f) => f.location.kind)).toEqual(['total', 'group']);
    // a blank group score is not a zero: the sum rule stays silent rather than adding a zero
    expect(only(r, 'groups-sum-total')).toEqual([]);
  });

  it('status-wording', () => {
    const r = cleanSample();
    expect(only(r, 'status-wording')).toEqual([]);
    row(r, 'hai-long', 'phong-kinh-te').cells.rate = { t: 'status', v: 'Không tổng hợp trong Hệ thống' };
    expect(only(r, 'status-wording')).toHaveLength(1);
  });

  it('estimates are warnings that say they are estimates', () => {
    const r = cleanSample();
    expect(only(r, 'estimate-tdgq')).toEqual([]);
    expect(only(r, 'estimate-tttt')).toEqual([]);
    r.groups[1]!.score = 15;
    r.groups[3]!.score = 6;
    const found = [...only(r, 'estimate-tdgq'), ...only(r, 'estimate-tttt')];
    expect(found).toHaveLength(2);
    for (const f of found) {
      expect(f.severity).toBe('warning');
      expect(f.estimate).toBe(true);
      expect(f.message).toContain('ước tính');
    }
  });
});
