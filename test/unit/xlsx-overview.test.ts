// The optional "Tổng quan" sheet of the Excel export, read back with exceljs: off by default, numbers only with
// estimates labelled "ước tính", blanks kept blank, the saved scenario's projection, the trend; CLI export --overview.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample, serializeReport } from '../../core/model/report';
import type { Report } from '../../core/model/schema';
import { IDENTITY_SHEET } from '../../core/xlsx/layout';
import { OVERVIEW_SHEET, reportXlsxBuffer } from '../../core/xlsx/write';
import { renderReportPdf } from '../../core/pdf/render';
import { cli } from '../helpers/cli-run';
import { pdfText } from '../helpers/pdf';
import { monthlyHistory } from '../helpers/overview-history';

async function load(buf: Uint8Array | Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(buf) as unknown as ArrayBuffer);
  return wb;
}

/** The row whose column A reads `label`, as [label, B, C, …] values (undefined for an empty cell). */
function rowOf(ws: ExcelJS.Worksheet, label: string): unknown[] {
  let found: unknown[] | null = null;
  ws.eachRow((row) => {
    if (!found && row.getCell(1).value === label) found = Array.from({ length: 8 }, (_, i) => row.getCell(i + 1).value ?? undefined);
  });
  if (!found) throw new Error(`no row “${label}”`);
  return found;
}

function allText(ws: ExcelJS.Worksheet): string {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
  return out.join('\n');
}

const base: Report = { ...loadSample(), id: 'bk-2024-07', isSample: false };

describe('Tổng quan sheet', () => {
  it('is off by default and never in the blank template', async () => {
    expect((await load(await reportXlsxBuffer(base))).getWorksheet(OVERVIEW_SHEET)).toBeUndefined();
    expect((await load(await reportXlsxBuffer(base, { template: true, overview: true }))).getWorksheet(OVERVIEW_SHEET)).toBeUndefined();
  });

  it('comes after the report’s sheets, outside the identity the importer reads; numbers, estimates labelled', async () => {
    const wb = await load(await reportXlsxBuffer(base, { overview: true, overviewHistory: monthlyHistory(base, 3) }));
    const visible = wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name);
    expect(visible.at(-1)).toBe(OVERVIEW_SHEET);
    const identity = wb.getWorksheet(IDENTITY_SHEET)!;
    expect(allText(identity)).not.toContain(OVERVIEW_SHEET);

    const ws = wb.getWorksheet(OVERVIEW_SHEET)!;
    const text = allText(ws);
    expect(text).toContain('TỔNG QUAN — SỐ LIỆU ƯỚC TÍNH, KHÔNG THUỘC BÁO CÁO CHÍNH THỨC');
    expect(text).toContain('Điểm (ước tính)');
    expect(text).toContain('Điểm bị mất (ước tính)');
    // Group rows: official, max, lost, estimate, estimate − official (numbers, not text).
    expect(rowOf(ws, 'Tiến độ giải quyết hồ sơ').slice(0, 6)).toEqual(['Tiến độ giải quyết hồ sơ', 18.7, 20, 1.3, 18.42, -0.28]);
    expect(rowOf(ws, 'Dịch vụ công trực tuyến (DVCTT)').slice(1, 5)).toEqual([7.7, 12, 4.3, 9.23]);
    expect(rowOf(ws, 'Tổng điểm').slice(1, 5)).toEqual([88.4, 100, 11.6, 84.65]);
    expect(rowOf(ws, 'Xếp loại theo tổng điểm chính thức')[1]).toBe('Tốt');
    expect(rowOf(ws, 'Điểm còn thiếu để đạt Xuất sắc')[1]).toBe(1.6);
    // Sub-indicators: rate, max, estimated points, estimated lost, rule id, confidence.
    const onTime = rowOf(ws, 'Tỷ lệ hồ sơ xử lý đúng hạn/trong hạn');
    expect(onTime).toEqual(['Tỷ lệ hồ sơ xử lý đúng hạn/trong hạn', 92.08, 20, 18.42, 1.58, undefined, '2024:tdgq.onTime', 'trung bình']);
    // Trend: three months, official totals.
    expect(rowOf(ws, 'Tháng 7/2024')[1]).toBe(88.4);
    expect(rowOf(ws, 'Tháng 5/2024')[1]).toBe(monthlyHistory(base, 3)[0]!.total);
  });

  it('blank figures stay empty cells, never 0', async () => {
    const r = structuredClone(base);
    r.groups[1]!.score = null;
    r.groups[3]!.lines.find((l) => l.id === 'tttt.obligationsOnPortal')!.rate = null;
    const ws = (await load(await reportXlsxBuffer(r, { overview: true }))).getWorksheet(OVERVIEW_SHEET)!;
    expect(rowOf(ws, 'Tiến độ giải quyết hồ sơ').slice(1, 6)).toEqual([undefined, 20, undefined, 18.42, undefined]);
    expect(rowOf(ws, 'Thanh toán trực tuyến').slice(1, 6)).toEqual([8.3, 10, 1.7, undefined, undefined]);
    expect(rowOf(ws, 'Cung cấp trên Cổng Dịch vụ công Quốc gia').slice(1, 5)).toEqual([undefined, 2.5, undefined, undefined]);
  });

  it('a saved scenario: targets and the projected scores, labelled as estimates', async () => {
    const r = structuredClone(base);
    r.scenario = { targets: { 'tdgq.onTime': 97, 'tttt.dossiersOnline': 95 }, savedAt: null };
    const ws = (await load(await reportXlsxBuffer(r, { overview: true }))).getWorksheet(OVERVIEW_SHEET)!;
    expect(allText(ws)).toContain('Điểm dự kiến theo mục tiêu (ước tính)');
    expect(rowOf(ws, 'Tiến độ giải quyết hồ sơ')[6]).toBe(19.68);
    expect(rowOf(ws, 'Tổng điểm')[6]).toBe(89.7);
    expect(rowOf(ws, 'Tỷ lệ hồ sơ xử lý đúng hạn/trong hạn')[5]).toBe(97);
    // The official figures of the summary sheet are untouched by the scenario.
    expect(rowOf(ws, 'Tổng điểm')[1]).toBe(88.4);
  });
});

describe('CLI export --overview', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xlsx-overview-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds the sheet only with --overview, the trend from --library', async () => {
    const file = join(dir, 'bc.json');
    await writeFile(file, serializeReport(base));
    const folder = join(dir, 'ky');
    await mkdir(folder);
    for (const r of monthlyHistory(base, 2)) await writeFile(join(folder, `${r.id}.json`), serializeReport(r));
    const plain = join(dir, 'a.xlsx');
    const withOverview = join(dir, 'b.xlsx');
    expect((await cli('export', file, '--xlsx', plain)).code).toBe(0);
    expect((await cli('export', file, '--xlsx', withOverview, '--overview', '--library', folder)).code).toBe(0);
    expect((await load(await readFile(plain))).getWorksheet(OVERVIEW_SHEET)).toBeUndefined();
    const ws = (await load(await readFile(withOverview))).getWorksheet(OVERVIEW_SHEET)!;
    expect(rowOf(ws, 'Tháng 6/2024')[1]).toBe(monthlyHistory(base, 2)[0]!.total);
    const bad = await cli('export', file, '--xlsx', join(dir, 'c.xlsx'), '--library', folder);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--library chỉ dùng cùng --overview/);
  });
});

describe('the scenario never reaches the official document', () => {
  it('the PDF text and the official sheets are the same with and without saved targets', async () => {
    const withScenario = structuredClone(base);
    withScenario.scenario = { targets: { 'tdgq.onTime': 97 }, savedAt: '2024-08-10T08:00:00.000Z' };
    const [a, b] = await Promise.all([renderReportPdf(base, { mode: 'final' }), renderReportPdf(withScenario, { mode: 'final' })]);
    const [ta, tb] = [await pdfText(a), await pdfText(b)];
    expect(tb).toBe(ta);
    expect(tb).not.toMatch(/ước tính/);
    const wa = await load(await reportXlsxBuffer(base));
    const wb = await load(await reportXlsxBuffer(withScenario));
    for (const ws of wa.worksheets.filter((w) => w.state === 'visible')) expect(allText(wb.getWorksheet(ws.name)!)).toBe(allText(ws));
  });
});
