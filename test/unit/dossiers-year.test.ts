// Year-size dossier lists (issue 18): several monthly files read one after another as one list (core and CLI), the
// CLI refusing arguments it does not use, a code page 1258 CSV on the stream path, and parts found through the
// workbook's relationships.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { COMMANDS } from '../../core/cli/commands/index';
import { aggregate, aggregateFiles } from '../../core/dossiers/aggregate';
import type { AggregateResult } from '../../core/dossiers/aggregator';
import { UserFacingError } from '../../core/files/errors';
import { loadSample, serializeReport } from '../../core/model/report';
import { streamRows, type StreamRow } from '../../core/xlsx/stream';
import { GENERATED_HEADER, generatedRow, random, tempDir, writeDossierWorkbook, writeGeneratedListFast, zipFiles, HAND_STYLES } from '../helpers/dossier-lists';
import { encodeCp1258 } from '../helpers/fuzz-bases';

const units = loadSample().units;

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t + '\n'), stderr: (t) => (stderr += t + '\n') });
  return { code, stdout, stderr };
}

async function collect(path: string): Promise<StreamRow[]> {
  const rows: StreamRow[] = [];
  for await (const r of streamRows(path)) rows.push(r);
  return rows;
}

/** The figures that must not depend on how the rows were split into files. */
function figures(r: AggregateResult) {
  return { perUnit: r.perUnit, counted: r.counted, cancelled: r.cancelled, badRowCount: r.badRowCount, unknown: r.unknownUnits.map((u) => [u.name, u.rows]) };
}

/** Three monthly lists (January–March 2024) and one list holding the same rows, written with exceljs. */
async function quarterLists(dir: string, perMonth = 120) {
  const rnd = random(18);
  const months = [1, 2, 3].map((m) => Array.from({ length: perMonth }, (_, i) => generatedRow((m - 1) * perMonth + i, rnd, m)));
  const monthly: string[] = [];
  for (const [k, rows] of months.entries()) {
    monthly.push(await writeDossierWorkbook(join(dir, `thang-${k + 1}.xlsx`), { title: [`DANH SÁCH HỒ SƠ THÁNG ${k + 1}/2024`], header: GENERATED_HEADER, rows }));
  }
  const whole = await writeDossierWorkbook(join(dir, 'ca-quy.xlsx'), { header: GENERATED_HEADER, rows: months.flat() });
  return { monthly, whole, rows: months.flat().length };
}

describe('several dossier lists read as one (aggregateFiles)', () => {
  it('three monthly files give the quarter exactly as one file holding the same rows, with one progress bar', async () => {
    const dir = await tempDir();
    const { monthly, whole, rows } = await quarterLists(dir);
    const progress: { bytes: number; totalBytes: number }[] = [];
    const many = await aggregateFiles(monthly, { period: '2024-Q1', units, onProgress: (p) => progress.push(p) });
    const one = await aggregate(whole, { period: '2024-Q1', units });
    expect(many.rowsRead).toBe(rows);
    expect(one.rowsRead).toBe(rows);
    expect(figures(many)).toEqual(figures(one));
    expect(many.counted).toBeGreaterThan(rows * 0.8);
    expect(many.files?.map((f) => [f.name, f.rowsRead, f.headerRow])).toEqual([
      ['thang-1.xlsx', 120, 2],
      ['thang-2.xlsx', 120, 2],
      ['thang-3.xlsx', 120, 2],
    ]);
    // One bar: the total never changes, the bytes never go back, and it ends full.
    const total = progress[0]!.totalBytes;
    expect(progress.every((p) => p.totalBytes === total)).toBe(true);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.bytes).toBeGreaterThanOrEqual(progress[i - 1]!.bytes);
    expect(progress.at(-1)!.bytes).toBe(total);
    // A month of the quarter alone counts only its own dossiers.
    const february = await aggregateFiles(monthly, { period: '2024-02', units });
    expect(february.counted + february.outOfPeriod + february.cancelled + february.badRowCount).toBe(rows);
    expect(february.outOfPeriod).toBe(240);
  });

  it('a file with its columns in another order is read by its own header; one with other fields is refused by name', async () => {
    const dir = await tempDir();
    const rnd = random(5);
    const a = Array.from({ length: 30 }, (_, i) => generatedRow(i, rnd, 4));
    const b = Array.from({ length: 30 }, (_, i) => generatedRow(30 + i, rnd, 5));
    const order = GENERATED_HEADER.map((_, i) => i).reverse();
    const first = await writeDossierWorkbook(join(dir, 'thang-4.xlsx'), { header: GENERATED_HEADER, rows: a });
    const reversed = await writeDossierWorkbook(join(dir, 'thang-5.xlsx'), { header: order.map((i) => GENERATED_HEADER[i]!), rows: b.map((r) => order.map((i) => r[i]!)) });
    const together = await writeDossierWorkbook(join(dir, 'hai-thang.xlsx'), { header: GENERATED_HEADER, rows: [...a, ...b] });
    expect(figures(await aggregateFiles([first, reversed], { period: '2024-04-01..2024-05-31', units }))).toEqual(
      figures(await aggregate(together, { period: '2024-04-01..2024-05-31', units })),
    );
    // Without the channel column the online rate would silently mean something else: refused, naming the file.
    const noChannel = await writeDossierWorkbook(join(dir, 'thieu-cot.xlsx'), {
      header: GENERATED_HEADER.filter((h) => h !== 'Hình thức nộp'),
      rows: b.map((r) => r.filter((_, i) => i !== 5)),
    });
    const err = await aggregateFiles([first, noChannel], { period: '2024', units }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).code).toBe('DOSSIER_FILES_DIFFER');
    expect((err as UserFacingError).message).toContain('“thieu-cot.xlsx”');
  });

  it('an unreadable row names its file; an empty file is refused by name', async () => {
    const dir = await tempDir();
    const rnd = random(7);
    const good = await writeDossierWorkbook(join(dir, 'a.xlsx'), { header: GENERATED_HEADER, rows: [generatedRow(0, rnd, 6)] });
    const badRow = generatedRow(1, rnd, 6);
    badRow[6] = '31/02/2024 08:00';
    const bad = await writeDossierWorkbook(join(dir, 'b.xlsx'), { header: GENERATED_HEADER, rows: [badRow] });
    const r = await aggregateFiles([good, bad], { period: '2024-06', units });
    expect(r.badRows).toEqual([expect.objectContaining({ file: 'b.xlsx', row: 2 })]);
    const empty = join(dir, 'trong.csv');
    await writeFile(empty, '\n\n');
    const err = await aggregateFiles([good, empty], { period: '2024-06', units }).catch((e: unknown) => e);
    expect((err as UserFacingError).code).toBe('DOSSIER_EMPTY');
    expect((err as UserFacingError).message).toContain('“trong.csv”');
  });
});

describe('CLI aggregate over several files or a folder', () => {
  it('reads every path given (before: twelve paths silently read the first) and a folder, in name order', async () => {
    const dir = await tempDir();
    const { monthly, rows } = await quarterLists(dir, 40);
    const many = await cli('aggregate', ...monthly, '--period', '2024-Q1', '--json');
    expect(many.stderr).toBe('');
    expect(many.code).toBe(0);
    const r = JSON.parse(many.stdout) as AggregateResult;
    expect(r.rowsRead).toBe(rows);
    expect(r.files?.map((f) => f.name)).toEqual(['thang-1.xlsx', 'thang-2.xlsx', 'thang-3.xlsx']);

    const folder = join(dir, 'nam-2024');
    await mkdir(folder);
    // "Tháng 10" after "Tháng 2"; Excel's lock file and other files are left out.
    const rnd = random(3);
    for (const m of [10, 2, 1]) await writeDossierWorkbook(join(folder, `Tháng ${m}.xlsx`), { header: GENERATED_HEADER, rows: [generatedRow(m, rnd, m)] });
    await writeFile(join(folder, '~$Tháng 1.xlsx'), 'lock');
    await writeFile(join(folder, 'ghi-chu.docx'), 'x');
    const byFolder = await cli('aggregate', folder, '--period', '2024', '--json');
    expect(byFolder.stderr).toBe('');
    const y = JSON.parse(byFolder.stdout) as AggregateResult;
    expect(y.files?.map((f) => f.name)).toEqual(['Tháng 1.xlsx', 'Tháng 2.xlsx', 'Tháng 10.xlsx']);
    expect(y.rowsRead).toBe(3);

    const text = await cli('aggregate', ...monthly, '--period', '2024-Q1');
    expect(text.stdout).toContain('Đã đọc chung 3 tệp: thang-1.xlsx (40 dòng); thang-2.xlsx (40 dòng); thang-3.xlsx (40 dòng).');
  });

  it('a missing path or an empty folder is one line naming it', async () => {
    const dir = await tempDir();
    const missing = await cli('aggregate', join(dir, 'khong-co.xlsx'), '--period', '2024');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^Không tìm thấy tệp “khong-co.xlsx”/);
    const empty = join(dir, 'rong');
    await mkdir(empty);
    const none = await cli('aggregate', empty, '--period', '2024');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Thư mục “.*rong” không có tệp danh sách hồ sơ nào/);
  });
});

describe('every CLI command refuses arguments it does not use', () => {
  it.each(COMMANDS.map((c) => c.name))('%s: an unknown flag is one Vietnamese line, exit 2, nothing done', async (name) => {
    const r = await cli(name, '--khong-co', 'x');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`Lệnh “${name}” không dùng tham số “--khong-co”`);
  });

  it('extra words are refused, never silently dropped', async () => {
    const dir = await tempDir();
    const a = join(dir, 'a.json');
    await writeFile(a, serializeReport(loadSample()));
    const check = await cli('check', a, a);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('Lệnh “check” chỉ nhận 1 tên tệp hoặc từ; thừa: “');
    const sample = await cli('sample', 'thừa');
    expect(sample.code).toBe(2);
    expect(sample.stderr).toContain('Lệnh “sample” không nhận thêm tên tệp hay chữ nào ngoài các tham số; thừa: “thừa”');
    const sw = await cli('check', a, '--json=1');
    expect(sw.code).toBe(2);
    expect(sw.stderr).toContain('không nhận giá trị');
    // What the commands do use still works.
    expect((await cli('check', a, '--json')).code).not.toBe(2);
  });
});

describe('text encodings on the stream path', () => {
  it('a code page 1258 CSV (Vietnamese Windows "CSV (Comma delimited)") reads as Vietnamese and matches its units', async () => {
    const dir = await tempDir();
    const path = join(dir, 'cp1258.csv');
    const text = ['Mã hồ sơ;Cơ quan tiếp nhận;Ngày tiếp nhận;Ngày hẹn trả', 'H1;Phòng Tư pháp;15/07/2024;20/07/2024', 'H2;UBND phường Đức Xuân;16/07/2024;18/07/2024', ''].join('\r\n');
    await writeFile(path, encodeCp1258(text));
    const rows = await collect(path);
    // Before: "M� h� s�" and units that silently matched nothing.
    expect(rows[0]!.values).toEqual(['Mã hồ sơ', 'Cơ quan tiếp nhận', 'Ngày tiếp nhận', 'Ngày hẹn trả']);
    expect(rows[1]!.values[1]).toBe('Phòng Tư pháp');
    const r = await aggregate(path, { period: '2024-07', units });
    expect(r.unknownUnits).toEqual([]);
    expect(r.counted).toBe(2);
    expect(r.perUnit.filter((u) => u.received > 0).map((u) => u.unitName).sort()).toEqual(['Phòng Tư pháp', 'UBND phường Đức Xuân'].sort());
  });

  it('a file that starts as UTF-8 and turns into something else further on is refused, never read with "�"', async () => {
    const dir = await tempDir();
    const path = join(dir, 'tron.csv');
    const head = Buffer.from('Mã hồ sơ;Cơ quan tiếp nhận;Ngày tiếp nhận\n' + 'H;Phòng Tư pháp;15/07/2024\n'.repeat(20_000), 'utf8');
    await writeFile(path, Buffer.concat([head, encodeCp1258('H9;Phòng Nội vụ;15/07/2024\n')]));
    const err = await collect(path).catch((e: unknown) => e);
    expect((err as UserFacingError).code).toBe('FILE_ENCODING');
    expect((err as UserFacingError).message).toContain('“tron.csv”');
  });
});

describe('parts found through the workbook relationships', () => {
  it('reads shared strings and styles whose parts have other names and folders', async () => {
    const dir = await tempDir();
    const path = join(dir, 'other-names.xlsx');
    const ct = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`;
    const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const files = {
      '[Content_Types].xml': ct,
      '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${R}/officeDocument" Target="/book/main.xml"/></Relationships>`,
      'book/main.xml': `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><sheets><sheet name="DS" sheetId="1" r:id="s1"/></sheets></workbook>`,
      'book/_rels/main.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${R}/worksheet" Target="tabs/one.xml"/><Relationship Id="s2" Type="${R}/sharedStrings" Target="../common/texts.xml"/><Relationship Id="s3" Type="${R}/styles" Target="look.xml"/><Relationship Id="x" Type="${R}/hyperlink" Target="http://example.com" TargetMode="External"/></Relationships>`,
      'book/tabs/one.xml': `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>45488</v></c></row></sheetData></worksheet>`,
      'common/texts.xml': `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Cơ quan tiếp nhận</t></si><si><t>Ngày tiếp nhận</t></si><si><t>Phòng Tư pháp</t></si></sst>`,
      'book/look.xml': HAND_STYLES,
    };
    await writeFile(path, zipFiles(files));
    const rows = await collect(path);
    expect(rows.map((r) => r.values)).toEqual([
      ['Cơ quan tiếp nhận', 'Ngày tiếp nhận'],
      ['Phòng Tư pháp', new Date(Date.UTC(2024, 6, 15))],
    ]);
  });
});

describe('the generated monthly lists the year bench reads', () => {
  it('inline-string and shared-string files of the same rows read the same', async () => {
    const dir = await tempDir();
    const shared = await writeGeneratedListFast(join(dir, 's.xlsx'), 500, 9, { month: 3, firstIndex: 1000 });
    const inline = await writeGeneratedListFast(join(dir, 'i.xlsx'), 500, 9, { month: 3, firstIndex: 1000, inline: true });
    const a = await collect(shared);
    const b = await collect(inline);
    expect(b).toEqual(a);
    expect(a).toHaveLength(503);
    const r = await aggregate(inline, { period: '2024-03', units });
    expect(r.counted + r.cancelled).toBe(500);
    expect(r.badRowCount).toBe(0);
  });
});
