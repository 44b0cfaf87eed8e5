// Consistency checks: the exact findings on the sample, and a passing and a failing case for every rule.
import { describe, expect, it } from 'vitest';
import { loadSample } from '../../core/model/report';
import type { Cell, Report } from '../../core/model/schema';
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

const num = (v: number): Cell => ({ t: 'num', v });

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
        'satisfactionVsOverdue', 'scoreWithinMax', 'statusWording', 'uniqueUnits', 'unitScoresSum', 'countsNest',
        // Metric lines (test/unit/indicators-rules.test.ts).
        'lineRateMatchesRatio', 'lineZeroOfZero', 'linePointsWithinMax', 'groupScoreIsLinesSum', 'linePointsByRule',
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

  it('unit-groups-sum-total: the issue\'s 18 + 19,5 + 25 + 17 + 20 with total 80 gets both the maximum and the sum finding', () => {
    const r = cleanSample();
    expect(only(r, 'unit-groups-sum-total')).toEqual([]);
    const x = row(r, 'xep-loai-xa', 'p-duc-xuan');
    const scores = (ckmb: number, tdgq: number, dvtt: number, mdhl: number, mdsh: number, total: number) =>
      Object.assign(x.cells, { ckmb: num(ckmb), tdgq: num(tdgq), dvtt: num(dvtt), mdhl: num(mdhl), mdsh: num(mdsh), total: num(total) });
    scores(18, 19.5, 25, 17, 20, 80);
    x.cells.class = { t: 'text', v: 'Tốt' };
    const found = runChecks(r).filter((f) => f.ruleId === 'unit-groups-sum-total' || f.ruleId === 'score-max');
    expect(found.map(brief)).toEqual([
      'error score-max {"kind":"cell","tableId":"xep-loai-xa","unitId":"p-duc-xuan","columnId":"dvtt"}',
      'error unit-groups-sum-total {"kind":"cell","tableId":"xep-loai-xa","unitId":"p-duc-xuan","columnId":"total"}',
    ]);
    expect(found[1]!.message).toBe(
      'UBND phường Đức Xuân: điểm 5 chỉ số cộng lại là 18 + 19,5 + 25 + 17 + 20 = 99,5, khác “Tổng điểm” 80 trong bảng “KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CẤP XÃ”. Hãy đối chiếu lại điểm từng chỉ số và tổng điểm với Cổng Dịch vụ công.',
    );
    expect(sectionOf(found[1]!.location, r)).toBe('II');

    // Within the tolerance of a hundredth: silent; just beyond it: the finding.
    scores(17.5, 18.72, 20.1, 17.16, 17.42, 90.9);
    expect(only(r, 'unit-groups-sum-total')).toEqual([]);
    scores(17.5, 18.72, 20.1, 17.16, 17.42, 90.91);
    expect(only(r, 'unit-groups-sum-total')).toEqual([]);
    scores(17.5, 18.72, 20.1, 17.16, 17.42, 90.92);
    expect(only(r, 'unit-groups-sum-total')).toHaveLength(1);

    // A blank group score is not a zero: four scores summing below the total say nothing; above it, they do.
    scores(17.5, 18.72, 20.1, 17.16, 17.42, 90.9);
    x.cells.mdsh = null;
    expect(only(r, 'unit-groups-sum-total')).toEqual([]);
    x.cells.total = num(70);
    x.cells.class = { t: 'text', v: 'Khá' };
    expect(only(r, 'unit-groups-sum-total')[0]?.message).toContain('điểm các chỉ số đã ghi cộng lại là 17,5 + 18,72 + 20,1 + 17,16 = 73,48, đã lớn hơn “Tổng điểm” 70');
    // A status in a score cell (not aggregated) is not a figure either.
    x.cells.mdsh = { t: 'status', v: 'Không tổng hợp trên Hệ thống' };
    x.cells.total = num(90.9);
    x.cells.class = { t: 'text', v: 'Xuất sắc' };
    expect(only(r, 'unit-groups-sum-total')).toEqual([]);
  });

  it('subset-not-larger: TTHC with online-payment transactions within TTHC with financial obligations', () => {
    const r = cleanSample();
    // The seed: 94 TTHC with online payment, 39 + 78 = 117 TTHC with financial obligations.
    expect(only(r, 'subset-not-larger')).toEqual([]);
    line(r, 'tttt.proceduresOnline').count = 117;
    expect(only(r, 'subset-not-larger')).toEqual([]);
    line(r, 'tttt.proceduresOnline').count = 118;
    const [f, ...rest] = only(r, 'subset-not-larger');
    expect(rest).toEqual([]);
    expect(f?.location).toEqual({ kind: 'line', group: 'TTTT', lineId: 'tttt.proceduresOnline', field: 'count' });
    expect(f?.message).toBe(
      '“Tỷ lệ TTHC có giao dịch thanh toán trực tuyến”: 118 TTHC, nhiều hơn số TTHC có yêu cầu nghĩa vụ tài chính (39 + 78 = 117 TTHC), mà TTHC có giao dịch thanh toán trực tuyến phải nằm trong số đó. Hãy kiểm tra lại các số lượng này.',
    );
    expect(f?.message).not.toMatch(/TTTT|CLGQ/);
    // One count of the whole missing: the whole is unknown, nothing is said.
    line(r, 'tttt.obligationsNotIntegrated').count = null;
    expect(only(r, 'subset-not-larger')).toEqual([]);
  });

  it('subset-not-larger and counts-sum: per-unit count columns (received, online, on time, overdue)', () => {
    const r = cleanSample();
    // A per-unit table that carries counts, as the portal's 2026 pages give them.
    const t = table(r, 'dung-han');
    t.columns.unshift(
      { id: 'received', type: 'count', header: 'Số hồ sơ tiếp nhận' },
      { id: 'online', type: 'count', header: 'Số hồ sơ trực tuyến' },
      { id: 'onTime', type: 'count', header: 'Đúng hạn' },
      { id: 'overdue', type: 'count', header: 'Quá hạn' },
    );
    for (const x of t.rows) Object.assign(x.cells, { received: null, online: null, onTime: null, overdue: null });
    const x = row(r, 'dung-han', 'p-duc-xuan');
    const counts = (received: Cell, online: Cell, onTime: Cell, overdue: Cell) => Object.assign(x.cells, { received, online, onTime, overdue });
    counts(num(177), num(120), num(173), num(4));
    expect(only(r, 'subset-not-larger')).toEqual([]);
    expect(only(r, 'counts-sum')).toEqual([]);

    // Online dossiers cannot outnumber dossiers received.
    counts(num(177), num(180), num(173), num(4));
    expect(only(r, 'subset-not-larger').map(brief)).toEqual(['error subset-not-larger {"kind":"cell","tableId":"dung-han","unitId":"p-duc-xuan","columnId":"online"}']);
    expect(only(r, 'subset-not-larger')[0]!.message).toBe(
      'UBND phường Đức Xuân: “Số hồ sơ trực tuyến” (180) lớn hơn “Số hồ sơ tiếp nhận” (177) trong bảng “TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN TẠI CÁC CƠ QUAN, ĐƠN VỊ”. Hãy kiểm tra lại hai số này.',
    );

    // On time + overdue = received wherever both counts are given.
    counts(num(177), num(120), num(173), num(5));
    expect(only(r, 'subset-not-larger')).toEqual([]);
    const [sum] = only(r, 'counts-sum');
    expect(sum?.location).toEqual({ kind: 'cell', tableId: 'dung-han', unitId: 'p-duc-xuan', columnId: 'received' });
    expect(sum?.message).toContain('“Đúng hạn” (173) và “Quá hạn” (5) cộng lại là 178, khác “Số hồ sơ tiếp nhận” (177)');
    counts(num(1177), num(120), num(173), num(4));
    expect(only(r, 'counts-sum')).toHaveLength(1);
    // Blank or status counts are not zeros: nothing to add up.
    counts(num(177), null, num(173), null);
    expect(only(r, 'counts-sum')).toEqual([]);
    counts(num(177), null, num(173), { t: 'status', v: 'Không tổng hợp trên Hệ thống' });
    expect(only(r, 'counts-sum')).toEqual([]);
    // On time alone above received is a subset finding, not a second sum finding.
    counts(num(177), null, num(178), num(0));
    expect(only(r, 'subset-not-larger')).toHaveLength(1);
    expect(only(r, 'counts-sum')).toEqual([]);
    // A unit with no dossiers: 0 received, 0 on time, 0 overdue is consistent.
    counts(num(0), num(0), num(0), num(0));
    expect(runChecks(r).filter((f) => f.ruleId === 'subset-not-larger' || f.ruleId === 'counts-sum')).toEqual([]);
  });

  it('names groups as the report does, never by their internal codes', () => {
    const r = cleanSample();
    r.groups[2]!.score = null;
    r.groups[3]!.score = 11;
    const texts = [...only(r, 'score-max'), ...only(r, 'missing-score')].map((f) => f.message);
    expect(texts).toEqual([
      'Điểm nhóm “Thanh toán trực tuyến” là 11, vượt quá điểm tối đa 10. Hãy sửa lại điểm nhóm.',
      'Chưa nhập điểm nhóm “Dịch vụ công trực tuyến (DVCTT)” (tối đa 12). Hãy nhập điểm như Cổng Dịch vụ công công bố.',
    ]);
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
