// The inspect, import and units commands on files built in code: what they print, what they write, and that a failed import leaves the report untouched.
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { clearFigures, loadSample, parseReportJson, serializeReport } from '../../core/model/report';
import { reportXlsxBuffer } from '../../core/xlsx/write';
import { clerkOnTimeWorkbook, pdfBytes, putRows, toBuffer, wideWorkbook, zipBomb } from '../helpers/workbooks';

let dir: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
  return { code, out, err };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-cli-'));
  await writeFile(join(dir, 'sample.json'), serializeReport(loadSample()));
  await writeFile(join(dir, 'cleared.json'), serializeReport(clearFigures(loadSample())));
  await writeFile(join(dir, 'dung-han.xlsx'), await clerkOnTimeWorkbook());
  await writeFile(join(dir, 'tong-hop.xlsx'), await wideWorkbook());
  await writeFile(join(dir, 'bao-cao.xlsx'), await reportXlsxBuffer(loadSample()));
  await writeFile(join(dir, 'bom.xlsx'), zipBomb(8));
  await writeFile(join(dir, 'that-ra-pdf.xlsx'), pdfBytes());
});

describe('inspect', () => {
  it('shows tables, units, values and findings, and writes nothing', async () => {
    const before = (await readdir(dir)).sort();
    const text = await cli('inspect', join(dir, 'dung-han.xlsx'));
    expect(text.code).toBe(0);
    expect(text.out).toContain('Cột “Tỷ lệ (%)” → Đúng hạn · Tỷ lệ (%)');
    expect(text.out).toContain('dòng 13: Phường Phùng Chí Kiên [Cấp xã]: 98,89');
    expect(text.out).toContain('Lỗi ô E16: Ô có lỗi Excel #DIV/0!');
    const json = await cli('inspect', join(dir, 'tong-hop.xlsx'), '--json', '--into', join(dir, 'cleared.json'));
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out) as { workbooks: { tables: { columns: { kind: string }[] }[] }[]; preview: { changes: unknown[] } };
    expect(parsed.workbooks[0]!.tables[0]!.columns.map((c) => c.kind)).toEqual(['onTime', 'onlineSubmission', 'onlinePayment', 'satisfaction', 'evaluation', 'evaluation']);
    expect(parsed.preview.changes.length).toBe(12);
    expect((await readdir(dir)).sort()).toEqual(before);
  });
});

describe('import', () => {
  it('round trip: the exported sample imported into the cleared sample gives the sample back', async () => {
    const out = join(dir, 'round-trip.json');
    const r = await cli('import', join(dir, 'bao-cao.xlsx'), '--into', join(dir, 'cleared.json'), '--out', out);
    expect(r.code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(serializeReport(loadSample()));
  });

  it('imports several files, confirms an alias, and lists unknown units', async () => {
    const out = join(dir, 'nhap.json');
    const r = await cli('import', join(dir, 'dung-han.xlsx'), join(dir, 'tong-hop.xlsx'), '--into', join(dir, 'cleared.json'), '--out', out, '--alias', 'Phường Huyền Tung=p-huyen-tung');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Đơn vị không có trong báo cáo: “UBND phường Xuân Hòa”');
    // Both files give Sông Cầu's on-time rate (94,12): same value, no conflict.
    const result = parseReportJson(await readFile(out, 'utf8'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const onTime = result.report.tables.find((t) => t.id === 'dung-han')!;
    expect(onTime.rows.find((x) => x.unitId === 'p-huyen-tung')!.cells.rate).toEqual({ t: 'num', v: 98.44 });
    expect(result.report.units.find((u) => u.id === 'p-huyen-tung')!.aliases).toEqual(['Phường Huyền Tung']);
    expect(result.report.units).toHaveLength(19);
  });

  it('exits 2 with one reason on unusable input and leaves the report untouched', async () => {
    const into = join(dir, 'sample.json');
    const original = await readFile(into, 'utf8');
    for (const [file, words] of [
      ['bom.xlsx', 'nén bất thường'],
      ['that-ra-pdf.xlsx', 'là tệp PDF'],
      ['khong-co.xlsx', 'Không tìm thấy tệp'],
    ] as const) {
      const out = join(dir, `hong-${file}.json`);
      const r = await cli('import', join(dir, file), '--into', into, '--out', out);
      expect(r.code).toBe(2);
      expect(r.err).toContain(words);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      await expect(readFile(out)).rejects.toThrow();
    }
    // The kind cannot be told: exit 2 until --table says it.
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet('Sheet1'), 1, 1, [['STT', 'Tên đơn vị', 'Tỷ lệ (%)'], [1, 'UBND phường Sông Cầu', 88]]);
    await writeFile(join(dir, 'chua-ro.xlsx'), await toBuffer(wb));
    const unsure = await cli('import', join(dir, 'chua-ro.xlsx'), '--into', into, '--out', join(dir, 'x.json'));
    expect(unsure.code).toBe(2);
    expect(unsure.err).toContain('Hãy chọn loại bảng');
    const chosen = await cli('import', join(dir, 'chua-ro.xlsx'), '--into', into, '--out', join(dir, 'x.json'), '--table', 'satisfaction');
    expect(chosen.code).toBe(0);
    expect(chosen.out).toContain('TỶ LỆ VỀ MỨC ĐỘ HÀI LÒNG TẠI CÁC CƠ QUAN, ĐƠN VỊ · UBND phường Sông Cầu · Tỷ lệ (%): 100 → 88');
    expect(await readFile(into, 'utf8')).toBe(original);
  });
});

describe('entry points for the app', () => {
  it('previewFiles reads files into a preview; previewPaste takes clipboard content', async () => {
    const { previewPaste } = await import('../../core/import/files');
    const { previewFiles } = await import('../../core/worker/preview-files');
    const cleared = clearFigures(loadSample());
    const p = await previewFiles(cleared, [join(dir, 'dung-han.xlsx'), join(dir, 'tong-hop.xlsx')]);
    expect(p.sources.map((s) => s.file)).toEqual(['dung-han.xlsx', 'tong-hop.xlsx']);
    await expect(previewFiles(cleared, [join(dir, 'bom.xlsx')])).rejects.toMatchObject({ code: 'FILE_ZIP_BOMB' });
    const q = previewPaste(cleared, { text: 'UBND xã Dương Quang\t100\n' }, { tableId: 'hai-long' });
    expect(q.changes.map((c) => `${c.unit}: ${c.afterText}`)).toEqual(['UBND xã Dương Quang: 100']);
  });
});
