// The indicator catalogue 2024/2026: a 2026 report with every portal metric, filled from a built Excel sheet, checked, printed, exported and read back; the upgrade of a schema-1 file; line edits with undo.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { ReportLibrary } from '../../core/library/library';
import { defaultSettings, SettingsSchema } from '../../core/library/settings';
import { previewFiles } from '../../core/worker/preview-files';
import { applyPatch, invertPatch, type ImportPatch } from '../../core/import/patch';
import { metricLabelKey } from '../../core/import/metrics';
import { STANDARD_LINES } from '../../core/model/catalog';
import { INDICATOR_SETS, indicatorSetFor, pointsByRule } from '../../core/model/indicators';
import { blankLine } from '../../core/model/indicators-lines';
import { loadSample, parseReportJson, serializeReport, validateReport } from '../../core/model/report';
import { SCHEMA_VERSION, type Line, type Report } from '../../core/model/schema';
import { renderReportPdf } from '../../core/pdf/render';
import { runChecks } from '../../core/rules';
import { reportXlsxBuffer } from '../../core/xlsx/write';
import { pdfText } from '../helpers/pdf';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bc766-ind-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t + '\n'), stderr: (t) => (stderr += t + '\n') });
  return { code, stdout, stderr };
}

const lineOf = (r: Report, id: string): Line => r.groups.flatMap((g) => g.lines).find((l) => l.id === id)!;

/** The portal's 10/2026 metric table of issue 19, in its own words. */
const ISSUE_TABLE: Record<string, [string, number | undefined][]> = {
  CKMB: [
    ['Tỷ lệ TTHC công bố đúng hạn', 6],
    ['Tỷ lệ TTHC cập nhật, công khai đúng hạn', 4],
    ['Tỷ lệ TTHC công khai đầy đủ nội dung', 2],
    ['Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG', 6],
  ],
  TDGQ: [
    ['Hồ sơ giải quyết đúng hạn (và trước hạn) trên tổng số hồ sơ tiếp nhận', 20],
    ['Hồ sơ giải quyết quá hạn', undefined],
  ],
  CLGQ: [['Tỷ lệ cung cấp dịch vụ công trực tuyến & nộp hồ sơ trực tuyến', 12]],
  TTTT: [
    ['Tỷ lệ hồ sơ thanh toán trực tuyến', 6],
    ['Tỷ lệ TTHC có phát sinh giao dịch thanh toán trực tuyến', 2.5],
    ['Tỷ lệ TTHC có thu phí, lệ phí phát sinh hồ sơ', 2.5],
  ],
  MDHL: [
    ['Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC', 6],
    ['Tỷ lệ PAKN xử lý đúng hạn', 6],
    ['Tỷ lệ hài lòng trong xử lý PAKN', 6],
    ['Tỷ lệ PAKN về quy định, TTHC', 0],
    ['Tỷ lệ PAKN về hành vi cán bộ, công chức, viên chức', 0],
  ],
  MDSH: [
    ['Tỷ lệ hồ sơ có cấp kết quả giải quyết TTHC điện tử', 6],
    ['Tỷ lệ hồ sơ thực hiện số hóa hồ sơ', 4],
    ['Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa', 2],
    ['Tỷ lệ hồ sơ TTHC được số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng', 4],
    ['Tỷ lệ hồ sơ TTHC có sử dụng thông tin, dữ liệu dân cư', 2],
    ['Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư phục vụ giải quyết TTHC', 2],
    ['Tỷ lệ cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính', 2],
  ],
};

describe('the catalogue', () => {
  it('2026 holds every metric of the issue, worded as the portal words it, with its maximum; groups keep their maxima', () => {
    const set = INDICATOR_SETS['2026'];
    for (const g of set.groups) {
      expect(g.lines.map((l) => [l.label, l.maxPoints])).toEqual(ISSUE_TABLE[g.code]);
      for (const l of g.lines) {
        expect(l.kind).toBe('metric');
        expect(l.numeratorMeaning && l.denominatorMeaning).toBeTruthy();
        expect([l.numerator, l.denominator, l.rate]).toEqual([null, null, null]);
      }
    }
    expect(set.groups.map((g) => g.max)).toEqual([18, 20, 12, 10, 18, 22]);
    // Rules where known, with their source; the two exceptions to T = 100 %.
    expect(lineOf({ groups: set.groups } as Report, 'mdsh.reuseDigitised').pointsRule?.threshold).toBe(80);
    expect(lineOf({ groups: set.groups } as Report, 'mdhl.tthcSatisfaction').pointsRule?.threshold).toBe(90);
    expect(lineOf({ groups: set.groups } as Report, 'ckmb.syncedDvcqg').pointsRule?.source).toContain('domain.md §2');
  });

  it('2024 is the seed report’s lines exactly', () => {
    for (const g of INDICATOR_SETS['2024'].groups) expect(g.lines.map((l) => l.id)).toEqual(STANDARD_LINES[g.code].map((l) => l.id));
    expect(loadSample().groups).toEqual(
      loadSample().groups.map((g) => ({ ...g, lines: g.lines.map((l) => ({ ...l })) })),
    );
    expect(loadSample().indicators.set).toBe('2024');
  });

  it('the rate-to-points rule reproduces the portal’s examples', () => {
    const set = INDICATOR_SETS['2026'];
    const at = (id: string, rate: number, denominator: number | null = 100): number | null =>
      pointsByRule({ ...lineOf({ groups: set.groups } as Report, id), rate, denominator });
    expect(at('ckmb.updatedOnTime', 96.34)).toBe(3.85); // 96,34 % of 4
    expect(at('tttt.dossiersPaidOnline', 83.82)).toBe(5.03); // 83,82 % of 6
    expect(at('mdsh.digitisedDossiers', 83.48)).toBe(3.34); // 83,48 % of 4
    expect(at('mdhl.tthcSatisfaction', 88.57)).toBe(5.9); // full from 90 %
    expect(at('mdsh.reuseDigitised', 99.66)).toBe(2); // full from 80 %
    expect(pointsByRule({ ...lineOf({ groups: set.groups } as Report, 'mdhl.paknOnTime'), rate: null, denominator: 0 })).toBe(6);
  });

  it('a period takes the newest catalogue in force', () => {
    expect(indicatorSetFor({ kind: 'month', year: 2024, month: 7 })).toBe('2024');
    expect(indicatorSetFor({ kind: 'month', year: 2026, month: 9 })).toBe('2024');
    expect(indicatorSetFor({ kind: 'month', year: 2026, month: 10 })).toBe('2026');
    expect(indicatorSetFor({ kind: 'year', year: 2026 })).toBe('2026');
  });
});

describe('the upgrade of a schema-1 report file', () => {
  it('becomes catalogue 2024 with its lines as they are, and prints the same', async () => {
    const text = await readFile(join(__dirname, '../fixtures/report-schema1.json'), 'utf8');
    const raw = JSON.parse(text) as { schemaVersion: number; groups: unknown };
    expect(raw.schemaVersion).toBe(1);
    const res = parseReportJson(text);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.report.schemaVersion).toBe(SCHEMA_VERSION);
    expect(res.report.indicators).toEqual({ set: '2024', name: INDICATOR_SETS['2024'].name });
    expect(res.report.groups).toEqual(raw.groups);
    expect(await pdfText(await renderReportPdf(res.report, { mode: 'final' }))).toBe(await pdfText(await renderReportPdf(loadSample(), { mode: 'final' })));
  });

  it('a later catalogue never alters a report already written: the report carries its own lines', () => {
    const r = withSet2026();
    const copy = structuredClone(r);
    INDICATOR_SETS['2026'].groups[0]!.lines[0]!.label = 'changed';
    try {
      expect(r).toEqual(copy);
      expect(validateReport(JSON.parse(serializeReport(r))).ok).toBe(true);
    } finally {
      INDICATOR_SETS['2026'].groups[0]!.lines[0]!.label = 'Tỷ lệ TTHC công bố đúng hạn';
    }
  });
});

function withSet2026(): Report {
  const r = parseReportJson(serializeReport(loadSample())) as { ok: true; report: Report };
  return { ...r.report, indicators: { set: '2026', name: INDICATOR_SETS['2026'].name }, groups: structuredClone(INDICATOR_SETS['2026'].groups).map((g) => ({ ...g, score: null })) };
}

/** Figures of the built sheet: label as the sheet writes it (abbreviations spelled out, NFD, no "Tỷ lệ"), n, d, rate, points. */
const SHEET: { title: string; rows: [string, number | null, number | null, number | string | null, number | string | null][]; total: number }[] = [
  {
    title: '1. Nhóm chỉ số Công khai, minh bạch (18 điểm)',
    rows: [
      ['Tỷ lệ TTHC công bố đúng hạn', 120, 120, 100, 6],
      ['Tỷ lệ thủ tục hành chính cập nhật, công khai đúng hạn', 1052, 1092, '96,34%', '3,85/4'],
      ['TTHC công khai đầy đủ nội dung'.normalize('NFD'), 1092, 1092, 100, 2],
      ['Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia', 370610, 370610, 100, 6],
    ],
    total: 17.85,
  },
  {
    title: '2. Tiến độ giải quyết',
    rows: [
      ['Hồ sơ giải quyết đúng hạn (và trước hạn) trên tổng số hồ sơ tiếp nhận', 9500, 10000, 95, 19],
      ['Hồ sơ giải quyết quá hạn', 120, 10000, 1.2, null],
    ],
    total: 19,
  },
  { title: '3.1. Dịch vụ công trực tuyến', rows: [['Tỷ lệ cung cấp dịch vụ công trực tuyến & nộp hồ sơ trực tuyến', 8382, 10000, 83.82, 10.06]], total: 10.06 },
  {
    title: '3.2. Thanh toán trực tuyến',
    rows: [
      ['Tỷ lệ hồ sơ thanh toán trực tuyến', 8348, 10000, 83.48, 5.01],
      ['Tỷ lệ TTHC có phát sinh giao dịch thanh toán trực tuyến', 45, 50, 90, 2.25],
      ['Tỷ lệ TTHC có thu phí, lệ phí phát sinh hồ sơ', 40, 50, 80, 2],
    ],
    total: 9.26,
  },
  {
    title: '4. MỨC ĐỘ HÀI LÒNG',
    rows: [
      ['Tỷ lệ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính', 8857, 10000, 88.57, 5.9],
      ['Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn', 0, 0, null, 6],
      ['Tỷ lệ hài lòng trong xử lý PAKN', 0, 0, null, 6],
      ['Tỷ lệ PAKN về quy định, TTHC', 0, 0, null, null],
      ['Tỷ lệ PAKN về hành vi cán bộ, công chức, viên chức', 0, 0, null, null],
    ],
    total: 17.9,
  },
  {
    title: '5. Số hóa hồ sơ',
    rows: [
      ['Tỷ lệ hồ sơ có cấp kết quả giải quyết TTHC điện tử', 9634, 10000, 96.34, 5.78],
      ['Tỷ lệ hồ sơ thực hiện số hóa hồ sơ', 8382, 10000, 83.82, 3.35],
      ['Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa', 9966, 10000, 99.66, 2],
      ['Tỷ lệ hồ sơ TTHC được số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng', 8348, 10000, 83.48, 3.34],
      ['Tỷ lệ hồ sơ TTHC có sử dụng thông tin, dữ liệu dân cư', 5000, 10000, 50, 1],
      ['Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư phục vụ giải quyết TTHC', 30, 40, 75, 1.5],
      ['Tỷ lệ cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính', 10, 10, 100, 2],
    ],
    total: 18.97,
  },
];

async function buildPortalSheet(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Chỉ tiêu 10-2026');
  for (const t of SHEET) {
    ws.addRow([t.title]);
    ws.addRow(['Chỉ tiêu', 'Tử số', 'Mẫu số', 'Tỷ lệ (%)', 'Điểm / tối đa']);
    for (const row of t.rows) ws.addRow(row);
    ws.addRow(['Tổng điểm nhóm', null, null, null, t.total]);
    ws.addRow([]);
  }
  await wb.xlsx.writeFile(path);
}

describe('a 2026 report from start to finish', () => {
  it('is made, filled from a built Excel sheet by import, checked, printed, exported and read back with no change', async () => {
    const sample = join(dir, 'sample.json');
    const next = join(dir, '2026-10.json');
    await cli('sample', '--out', sample);
    const made = await cli('new', '--from', sample, '--period', '2026-10', '--indicators', '2026', '--out', next);
    expect(made.code).toBe(0);
    const parsed = parseReportJson(await readFile(next, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const fresh = parsed.report;
    expect(fresh.indicators.set).toBe('2026');
    expect(fresh.groups.map((g) => g.lines.map((l) => l.label))).toEqual(Object.values(ISSUE_TABLE).map((ls) => ls.map(([label]) => label)));

    // Import the portal's per-group tables.
    const xlsx = join(dir, 'portal.xlsx');
    await buildPortalSheet(xlsx);
    const preview = await previewFiles(fresh, [xlsx]);
    expect(preview.skipped).toEqual([]);
    expect(preview.findings).toEqual([]);
    const filled = applyPatch(fresh, preview.patch);
    filled.total = 93.04;
    filled.rank = { position: 2, of: 8 };
    filled.document = { ...filled.document, number: '412', date: { year: 2026, month: 11, day: 5 } };
    const synced = lineOf(filled, 'ckmb.syncedDvcqg');
    expect([synced.numerator, synced.denominator, synced.rate, synced.points]).toEqual([370610, 370610, 100, 6]);
    expect(lineOf(filled, 'ckmb.updatedOnTime').rate).toBe(96.34);
    expect(lineOf(filled, 'ckmb.updatedOnTime').points).toBe(3.85);
    expect(lineOf(filled, 'mdhl.paknOnTime')).toMatchObject({ numerator: 0, denominator: 0, rate: null, points: 6 });
    expect(lineOf(filled, 'tdgq.overdueCount').points).toBeUndefined();
    expect(filled.groups.map((g) => g.score)).toEqual(SHEET.map((t) => t.total));
    for (const g of filled.groups) for (const l of g.lines) expect(l.numerator, l.id).not.toBeNull();

    // Checked: consistent figures give no finding on any line.
    const filledPath = join(dir, 'filled.json');
    await writeFile(filledPath, serializeReport(filled));
    const checked = await cli('check', filledPath, '--json');
    const findings = (JSON.parse(checked.stdout) as { findings: { ruleId: string }[] }).findings;
    expect(findings.filter((f) => f.ruleId.startsWith('line-'))).toEqual([]);
    // A broken line: the JSON finding names the line's id.
    const broken = structuredClone(filled);
    lineOf(broken, 'mdsh.reuseDigitised').rate = 99.7;
    const brokenPath = join(dir, 'broken.json');
    await writeFile(brokenPath, serializeReport(broken));
    const named = (JSON.parse((await cli('check', brokenPath, '--json')).stdout) as { findings: { ruleId: string; lineId?: string }[] }).findings;
    expect(named.filter((f) => f.ruleId === 'line-rate-ratio').map((f) => f.lineId)).toEqual(['mdsh.reuseDigitised']);

    // Printed: the report's sentence form.
    const text = (await pdfText(await renderReportPdf(filled, { mode: 'final' }))).replace(/\s+/g, ' ');
    expect(text).toContain('- Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG: 370.610/370.610 hồ sơ (đạt 100%), 6/6 điểm.');
    expect(text).toContain('- Tỷ lệ TTHC cập nhật, công khai đúng hạn: 1.052/1.092 TTHC (đạt 96,34%), 3,85/4 điểm.');
    expect(text).toContain('- Tỷ lệ PAKN xử lý đúng hạn: 0/0 PAKN (không phát sinh), 6/6 điểm.');
    expect(text).toContain('- Hồ sơ giải quyết quá hạn: 120/10.000 hồ sơ (đạt 1,2%).');
    expect(text).toContain('- Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC: 8.857/10.000 lượt đánh giá (đạt 88,57%), 5,9/6 điểm.');
    expect(text).toContain('1. Điểm đánh giá nhóm chỉ số về công khai, minh bạch: 17,85/18 điểm, trong đó:');
    expect(text).not.toContain('(chưa có số liệu)');
    await writeFile(join(dir, 'ind-2026.pdf'), await renderReportPdf(filled, { mode: 'final' }));

    // Exported to Excel and imported back: no change.
    const out = join(dir, 'out.xlsx');
    await writeFile(out, await reportXlsxBuffer(filled));
    const back = await previewFiles(filled, [out]);
    expect(back.findings).toEqual([]);
    expect(back.changes).toEqual([]);
    // …and into the blank report it gives the same report.
    const again = await previewFiles(fresh, [out]);
    const restored = applyPatch(fresh, again.patch);
    expect(restored.groups).toEqual(filled.groups);
  });

  it('the CLI refuses an unknown catalogue and takes the newest in force by default', async () => {
    const sample = join(dir, 'sample2.json');
    await cli('sample', '--out', sample);
    const bad = await cli('new', '--from', sample, '--period', '2026-10', '--indicators', '2025', '--out', join(dir, 'x.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--indicators 2026');
    const later = join(dir, 'later.json');
    expect((await cli('new', '--from', sample, '--period', '2026-11', '--out', later)).code).toBe(0);
    expect((parseReportJson(await readFile(later, 'utf8')) as { report: Report }).report.indicators.set).toBe('2026');
  });
});

describe('a new report takes the catalogue chosen in settings', () => {
  it('default: the newest in force for the period; a chosen one wins', async () => {
    expect(defaultSettings().indicatorSet).toBeNull();
    const { indicatorSet: _drop, ...older } = defaultSettings();
    expect(SettingsSchema.parse(older).indicatorSet).toBeNull(); // settings saved before the field existed
    let chosen: '2024' | '2026' | null = null;
    const lib = new ReportLibrary({ folder: join(dir, 'lib'), defaults: () => ({ profile: null, catalogue: null, indicatorSet: chosen }) });
    const sampleId = loadSample().id;
    await lib.list();
    expect((await lib.newReport({ kind: 'month', year: 2026, month: 10 }, sampleId)).report.indicators.set).toBe('2026');
    expect((await lib.newReport({ kind: 'month', year: 2024, month: 8 }, sampleId)).report.groups).toEqual(
      parseReportJson(serializeReport(loadSample())).ok ? loadSample().groups.map((g) => ({ ...g, score: null, lines: g.lines.map((l) => ({ ...l, ...('count' in l ? { count: null } : {}), ...('rate' in l ? { rate: null } : {}) })) })) : [],
    );
    chosen = '2024';
    const kept = await lib.newReport({ kind: 'month', year: 2026, month: 11 }, sampleId);
    expect(kept.report.indicators.set).toBe('2024');
  });
});

describe('line labels match tolerant of accents, NFC/NFD and abbreviations', () => {
  it('folds to the same key', () => {
    const k = metricLabelKey('Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG');
    expect(metricLabelKey('TY LE HO SO DONG BO LEN CONG DICH VU CONG QUOC GIA')).toBe(k);
    expect(metricLabelKey('hồ sơ đồng bộ lên cổng dvcqg'.normalize('NFD'))).toBe(k);
    expect(metricLabelKey('Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn')).toBe(metricLabelKey('Tỷ lệ PAKN xử lý đúng hạn'));
    expect(metricLabelKey('Tỷ lệ PAKN xử lý quá hạn')).not.toBe(metricLabelKey('Tỷ lệ PAKN xử lý đúng hạn'));
  });
});

describe('line edits, undone by the inverse patch', () => {
  const edit = (r: Report, p: ImportPatch): { after: Report; undone: Report } => {
    const after = applyPatch(r, p);
    return { after, undone: applyPatch(after, invertPatch(p)) };
  };
  const base = (): Report => {
    const r = withSet2026();
    lineOf(r, 'ckmb.fullContent').numerator = 5;
    return validateReport(r).ok ? r : (() => { throw new Error('invalid'); })();
  };

  it('add a line, fill it, undo', () => {
    const r = base();
    const line = blankLine(r, 'CKMB', 'Tỷ lệ TTHC mới của Cổng');
    const p: ImportPatch = {
      changes: [{ target: { kind: 'line', group: 'CKMB', lineId: line.id, field: 'numerator' }, before: null, after: 3 }],
      aliases: [],
      rows: [],
      lines: [{ op: 'add', group: 'CKMB', index: 4, line }],
    };
    const { after, undone } = edit(r, p);
    expect(after.groups[0]!.lines.map((l) => l.id)).toEqual(['ckmb.publishedOnTime', 'ckmb.updatedOnTime', 'ckmb.fullContent', 'ckmb.syncedDvcqg', 'ckmb.added1']);
    expect(lineOf(after, 'ckmb.added1').numerator).toBe(3);
    expect(undone).toEqual(r);
  });

  it('remove a filled line, undo puts it back with its figures', () => {
    const r = base();
    const p: ImportPatch = { changes: [], aliases: [], rows: [], lines: [{ op: 'remove', group: 'CKMB', index: 2, line: structuredClone(lineOf(r, 'ckmb.fullContent')) }] };
    const { after, undone } = edit(r, p);
    expect(after.groups[0]!.lines.some((l) => l.id === 'ckmb.fullContent')).toBe(false);
    expect(undone).toEqual(r);
    expect(lineOf(undone, 'ckmb.fullContent').numerator).toBe(5);
  });

  it('reorder and reword keep the id, so rules still find the line; undo restores both', () => {
    const r = base();
    const p: ImportPatch = {
      changes: [],
      aliases: [],
      rows: [],
      lines: [
        { op: 'move', group: 'CKMB', from: 3, to: 0 },
        { op: 'reword', group: 'CKMB', lineId: 'ckmb.syncedDvcqg', before: 'Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG', after: 'Tỷ lệ hồ sơ được đồng bộ' },
      ],
    };
    const { after, undone } = edit(r, p);
    expect(after.groups[0]!.lines[0]).toMatchObject({ id: 'ckmb.syncedDvcqg', label: 'Tỷ lệ hồ sơ được đồng bộ' });
    const broken = structuredClone(after);
    Object.assign(lineOf(broken, 'ckmb.syncedDvcqg'), { numerator: 10, denominator: 5 });
    expect(runChecks(broken).find((f) => f.ruleId === 'line-numerator-over')?.location).toMatchObject({ lineId: 'ckmb.syncedDvcqg' });
    expect(undone).toEqual(r);
  });

  it('a stale edit is refused and changes nothing', () => {
    const r = base();
    expect(() => applyPatch(r, { changes: [], aliases: [], rows: [], lines: [{ op: 'reword', group: 'CKMB', lineId: 'ckmb.syncedDvcqg', before: 'x', after: 'y' }] })).toThrow(/đã thay đổi/);
    expect(() => applyPatch(r, { changes: [], aliases: [], rows: [], lines: [{ op: 'add', group: 'CKMB', index: 0, line: structuredClone(lineOf(r, 'ckmb.fullContent')) }] })).toThrow(/Đã có dòng/);
  });
});
