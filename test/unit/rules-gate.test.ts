// The final-export gate: a new month's official PDF printing "(chưa có số liệu)" is listed item by item (read back from the PDF), errors too; a draft is never gated.
import { describe, expect, it } from 'vitest';
import { loadSample, newReportFrom } from '../../core/model/report';
import type { Report } from '../../core/model/schema';
import { renderReportPdf } from '../../core/pdf/render';
import { exportGate, gateIsClear, gateLines, gateSummary, runChecks } from '../../core/rules';
import { MISSING } from '../../core/text/report-text';
import { pdfText } from '../helpers/pdf';

/** The case: a new month from the sample, group scores left empty, Số 412, ngày 15. */
function newMonth(): Report {
  const r = newReportFrom(loadSample(), { kind: 'month', year: 2024, month: 8 }, 'thang-8');
  r.document.number = '412';
  r.document.date.day = 15;
  return r;
}

const occurrences = (text: string, what: string): number => text.replace(/\s+/g, ' ').split(what).length - 1;

describe('the export gate', () => {
  it('lists every figure the official PDF prints as "(chưa có số liệu)", one item per print, with where to enter it', async () => {
    const r = newMonth();
    const pdf = await renderReportPdf(r, { mode: 'final' });
    const text = await pdfText(pdf);
    // The defect as reported: page 1 reads "(chưa có số liệu)/18 điểm".
    expect(text.split('\f')[0]!.replace(/\s+/g, ' ')).toContain(`${MISSING}/18 điểm`);

    const gate = exportGate(r, { mode: 'final' });
    expect(gateIsClear(gate)).toBe(false);
    expect(gate.missing.length).toBe(occurrences(text, MISSING));
    expect(gate.missing.slice(0, 4).map((i) => [i.message, i.location])).toEqual([
      ['Tổng điểm', { kind: 'total' }],
      ['Xếp hạng', { kind: 'rank' }],
      ['Điểm nhóm “1. Công khai, minh bạch”', { kind: 'group', group: 'CKMB' }],
      [
        '“Số TTHC được công khai đầy đủ các nội dung quy định về các bộ phận cấu thành” (nhóm “1. Công khai, minh bạch”)',
        { kind: 'line', group: 'CKMB', lineId: 'ckmb.published', field: 'rate' },
      ],
    ]);
    expect(gate.missing.map((i) => i.message)).toContain('Điểm nhóm “3.1. Dịch vụ công trực tuyến (DVCTT)”');
    for (const i of gate.missing) expect(i.message).not.toMatch(/\b(CKMB|TDGQ|CLGQ|TTTT|MDHL|MDSH)\b/);
    // A line with a count and a rate: the count is missing first.
    expect(gate.missing.find((i) => i.location.kind === 'line' && i.location.lineId === 'clgq.partial')?.location).toEqual({
      kind: 'line',
      group: 'CLGQ',
      lineId: 'clgq.partial',
      field: 'count',
    });
    expect(gateSummary(gate)).toBe(`${gate.missing.length} số liệu sẽ in “(chưa có số liệu)”`);
  });

  it('lists the open errors of the checks (not the warnings) and the figures once entered leave the list', () => {
    const r = newMonth();
    r.total = 88.4;
    r.rank.position = 3;
    const gate = exportGate(r, { mode: 'final' });
    expect(gate.missing.map((i) => i.location.kind)).not.toContain('total');
    expect(gate.missing.map((i) => i.location.kind)).not.toContain('rank');
    expect(gate.errors).toEqual([]);

    const sample = loadSample();
    const sampleGate = exportGate(sample, { mode: 'final' });
    expect(sampleGate.missing).toEqual([]);
    const errors = runChecks(sample).filter((f) => f.severity === 'error');
    expect(sampleGate.errors.map((i) => [i.ruleId, i.message, i.location])).toEqual(errors.map((f) => [f.ruleId, f.message, f.location]));
    expect(sampleGate.errors.map((i) => i.ruleId)).toEqual(['rate-matches-count', 'rate-matches-count', 'classification-band']);
    expect(gateSummary(sampleGate)).toBe('3 lỗi chưa sửa');
    // Findings the app already holds are used as they are.
    expect(exportGate(sample, { mode: 'final', findings: errors.slice(0, 1) }).errors).toHaveLength(1);
  });

  it('never gates a draft', () => {
    const r = newMonth();
    r.groups[0]!.score = 30; // an error too
    expect(exportGate(r, { mode: 'draft' })).toEqual({ errors: [], missing: [] });
    expect(exportGate(loadSample(), { mode: 'draft' })).toEqual({ errors: [], missing: [] });
    expect(gateLines(exportGate(r, { mode: 'draft' }), 'pdf')).toEqual([]);
  });

  it('a table without rows prints "(chưa có số liệu)" and is listed; a complete report is clear', () => {
    const r = loadSample();
    r.tables[0]!.rows = [];
    const gate = exportGate(r, { mode: 'final' });
    expect(gate.missing).toEqual([
      { kind: 'missing', message: 'Bảng “TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN TẠI CÁC CƠ QUAN, ĐƠN VỊ” (chưa có đơn vị nào)', location: { kind: 'table', tableId: r.tables[0]!.id } },
    ]);
    const clean = loadSample();
    clean.groups[3]!.lines.find((l) => l.id === 'tttt.dossiersOnline')!.rate = 89.32;
    clean.groups[3]!.lines.find((l) => l.id === 'tttt.dossiersOther')!.rate = 10.68;
    clean.tables.find((t) => t.id === 'xep-loai-xa')!.rows.find((x) => x.unitId === 'p-song-cau')!.cells.class = { t: 'text', v: 'Khá' };
    expect(gateIsClear(exportGate(clean, { mode: 'final' }))).toBe(true);
  });

  it('reads as lines for the CLI: a summary, then every error and every missing figure', () => {
    const r = newMonth();
    r.groups[0]!.score = 30;
    const gate = exportGate(r, { mode: 'final' });
    const lines = gateLines(gate, 'pdf');
    expect(lines[0]).toBe(
      `Chú ý: Bản chính thức còn 1 lỗi chưa sửa và ${gate.missing.length} số liệu sẽ in “(chưa có số liệu)”. Tệp vẫn được ghi; hãy sửa rồi xuất lại trước khi trình ký (xem lệnh check).`,
    );
    // The workbook leaves a missing figure blank, and says so.
    expect(gateLines(gate, 'xlsx')[0]).toContain(`Tệp Excel còn 1 lỗi chưa sửa và ${gate.missing.length} số liệu còn để trống.`);
    expect(lines[1]).toBe('- Lỗi [score-max]: Điểm nhóm “Công khai, minh bạch” là 30, vượt quá điểm tối đa 18. Hãy sửa lại điểm nhóm.');
    expect(lines[2]).toBe('- Chưa có số liệu: Tổng điểm.');
    expect(lines).toHaveLength(1 + 1 + gate.missing.length);
  });
});
