// The lean streaming row reader (core/xlsx/stream.ts) on workbooks written by exceljs and by hand, and on CSV.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../core/files/errors';
import { isDateFormat, listXlsxSheets, streamRowBatches, streamRows, streamXlsxRowBatches, type StreamRow } from '../../core/xlsx/stream';
import { tempDir, utc, writeDossierWorkbook, writeGeneratedList, writeGeneratedListFast, writeHandXlsx } from '../helpers/dossier-lists';

async function collect(path: string, opts = {}): Promise<StreamRow[]> {
  const rows: StreamRow[] = [];
  for await (const r of streamRows(path, opts)) rows.push(r);
  return rows;
}

describe('streaming xlsx reader', () => {
  it('reads an exceljs workbook: title block, shared strings, dates by style, numbers, booleans, formulas, rich text', async () => {
    const dir = await tempDir();
    const path = join(dir, 'list.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['DANH SÁCH HỒ SƠ']);
    ws.addRow([]);
    ws.addRow(['Mã hồ sơ', 'Ngày tiếp nhận', 'Phí', 'Kênh', 'Thanh toán', 'Tỷ lệ']);
    const r4 = ws.addRow(['H-1', utc(2024, 7, 15, 8, 30), 50000, 2, true, 0.9774]);
    r4.getCell(2).numFmt = 'dd/mm/yyyy hh:mm';
    r4.getCell(6).numFmt = '0.00%';
    const r5 = ws.addRow(['H-2 & <b>', '15/07/2024', { formula: 'C4*2', result: 100000 }, { richText: [{ text: 'Trực ' }, { text: 'tuyến' }] }, false, null]);
    r5.getCell(1).value = 'H-2 & <b>';
    const r6 = ws.addRow([null, utc(2024, 2, 29)]);
    r6.getCell(2).numFmt = 'dd/mm/yyyy';
    await wb.xlsx.writeFile(path);

    const rows = await collect(path, { withFormats: true });
    expect(rows.map((r) => r.row)).toEqual([1, 3, 4, 5, 6]);
    expect(rows[0]!.values).toEqual(['DANH SÁCH HỒ SƠ']);
    expect(rows[1]!.values).toEqual(['Mã hồ sơ', 'Ngày tiếp nhận', 'Phí', 'Kênh', 'Thanh toán', 'Tỷ lệ']);
    expect(rows[2]!.values).toEqual(['H-1', utc(2024, 7, 15, 8, 30), 50000, 2, true, 0.9774]);
    expect(rows[2]!.formats?.[1]).toBe('dd/mm/yyyy hh:mm');
    expect(rows[2]!.formats?.[5]).toBe('0.00%');
    expect(rows[3]!.values).toEqual(['H-2 & <b>', '15/07/2024', 100000, 'Trực tuyến', false]);
    // Blank leading cell: index 1 is column B.
    expect(rows[4]!.values).toEqual([null, utc(2024, 2, 29)]);
  });

  it('reads inline strings, t="str" formula results, errors, a formula without a result, gaps and NFD text', async () => {
    const dir = await tempDir();
    const path = join(dir, 'hand.xlsx');
    const nfd = 'Phường Xuất Hóa'.normalize('NFD');
    await writeHandXlsx(path, {
      sharedStrings: ['Mã hồ sơ', 'Đơn vị', nfd],
      sheetData:
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
        '<row r="2" spans="1:5"><c r="A2" t="inlineStr"><is><t xml:space="preserve">HS &amp; 01</t></is></c>' +
        `<c r="C2" t="str"><f>A2&amp;"x"</f><v>HS &amp; 01x</v></c><c r="E2" t="s"><v>2</v></c></row>` +
        '<row r="3"/>' +
        '<row r="4"><c r="A4" t="inlineStr"><is><r><t>Rich </t></r><r><rPr><b/></rPr><t>run</t></r><rPh><t>phonetic</t></rPh></is></c>' +
        '<c r="B4" t="e"><v>#N/A</v></c><c r="C4"><f>1/0</f></c><c r="D4" s="1"><v>45488</v></c><c r="E4" s="4"><v>45488.5</v></c>' +
        '<c r="F4" s="5"><v>1234.5</v></c><c r="G4" t="b"><v>1</v></c><c r="H4" s="2"/></row>' +
        '<row r="5"><c t="inlineStr"><is><t>no ref A</t></is></c><c t="inlineStr"><is><t>no ref B</t></is></c></row>',
    });
    const rows = await collect(path, { withFormats: true });
    expect(rows.map((r) => r.row)).toEqual([1, 2, 4, 5]);
    expect(rows[1]!.values).toEqual(['HS & 01', null, 'HS & 01x', null, 'Phường Xuất Hóa'.normalize('NFC')]);
    expect(rows[1]!.values[4]).toBe('Phường Xuất Hóa'.normalize('NFC'));
    expect(rows[2]!.values).toEqual(['Rich run', { error: '#N/A' }, { error: 'FORMULA' }, utc(2024, 7, 15), utc(2024, 7, 15, 12, 0), 1234.5, true]);
    expect(rows[2]!.formats?.[3]).toBe('dd/mm/yyyy');
    expect(rows[2]!.formats?.[5]).toBe('#,##0');
    expect(rows[3]!.values).toEqual(['no ref A', 'no ref B']);
  });

  it('reads a sheet whose elements carry a namespace prefix, and the 1904 date system', async () => {
    const dir = await tempDir();
    const path = join(dir, 'prefixed.xlsx');
    await writeHandXlsx(path, {
      prefix: 'x',
      date1904: true,
      sheetData: '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Ngày</x:t></x:is></x:c><x:c r="B1" s="1"><x:v>44026</x:v></x:c></x:row>',
    });
    const rows = await collect(path);
    // 44026 in the 1904 system is 44026 + 1462 = 45488 in the 1900 system: 15/07/2024.
    expect(rows).toEqual([{ row: 1, values: ['Ngày', utc(2024, 7, 15)] }]);
  });

  it('picks a worksheet by name or position and lists the sheets', async () => {
    const dir = await tempDir();
    const path = join(dir, 'two.xlsx');
    await writeDossierWorkbook(path, { sheetsBefore: ['Tổng hợp'], sheetName: 'Chi tiết', header: ['Mã hồ sơ'], rows: [['A']] });
    expect(await listXlsxSheets(path)).toEqual(['Tổng hợp', 'Chi tiết']);
    expect((await collect(path)).map((r) => r.values[0])).toEqual(['Trang khác']);
    expect((await collect(path, { sheet: 'Chi tiết' })).map((r) => r.values[0])).toEqual(['Mã hồ sơ', 'A']);
    expect((await collect(path, { sheet: 2 })).map((r) => r.values[0])).toEqual(['Mã hồ sơ', 'A']);
    await expect(collect(path, { sheet: 'Không có' })).rejects.toMatchObject({ code: 'SHEET_NOT_FOUND' });
  });

  it('reports progress, and stops with the signal’s reason when cancelled mid-file', async () => {
    const dir = await tempDir();
    const path = await writeGeneratedList(join(dir, 'big.xlsx'), 6000);
    const progress: { rows: number; bytes: number; totalBytes: number }[] = [];
    let total = 0;
    for await (const batch of streamXlsxRowBatches(path, { onProgress: (p) => progress.push(p) })) total += batch.length;
    expect(total).toBe(6003);
    const last = progress[progress.length - 1]!;
    expect(last.rows).toBe(6003);
    expect(last.bytes).toBe(last.totalBytes);
    expect(last.totalBytes).toBeGreaterThan(0);

    const controller = new AbortController();
    let seen = 0;
    const run = async () => {
      for await (const batch of streamXlsxRowBatches(path, { signal: controller.signal })) {
        seen += batch.length;
        controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(6003);
  });

  it('reads CSV and TSV text with quotes, BOM and a detected separator', async () => {
    const dir = await tempDir();
    const csv = join(dir, 'list.csv');
    await writeFile(csv, '\ufeffDANH SÁCH\n\nMã hồ sơ;Đơn vị;Ngày tiếp nhận\n"H;1";"Phòng ""Tư"" pháp";15/07/2024 08:30\r\nH2;;\n', 'utf8');
    const rows = await collect(csv);
    expect(rows).toEqual([
      { row: 1, values: ['DANH SÁCH'] },
      { row: 3, values: ['Mã hồ sơ', 'Đơn vị', 'Ngày tiếp nhận'] },
      { row: 4, values: ['H;1', 'Phòng "Tư" pháp', '15/07/2024 08:30'] },
      { row: 5, values: ['H2', null, null] },
    ]);
    const tsv = join(dir, 'list.tsv');
    await writeFile(tsv, 'a\tb,c\n1\t2,5\n', 'utf8');
    expect((await collect(tsv)).map((r) => r.values)).toEqual([['a', 'b,c'], ['1', '2,5']]);
    const unicode = join(dir, 'unicode.txt');
    await writeFile(unicode, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Đơn vị\tNgày\nPhòng Tư pháp\t15/07/2024\n', 'utf16le')]));
    expect((await collect(unicode)).map((r) => r.values)).toEqual([['Đơn vị', 'Ngày'], ['Phòng Tư pháp', '15/07/2024']]);
  });

  it('refuses files it cannot read with one Vietnamese sentence', async () => {
    const dir = await tempDir();
    const missing = join(dir, 'none.xlsx');
    await expect(collect(missing)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    const broken = join(dir, 'broken.xlsx');
    await writeFile(broken, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 7)]));
    const err = await collect(broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).message).toMatch(/Không đọc được tệp “broken.xlsx”/);
    const ole = join(dir, 'old.xls');
    const oleHead = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await writeFile(ole, Buffer.concat([oleHead, Buffer.alloc(600), Buffer.from('Workbook', 'utf16le')]));
    await expect(collect(ole)).rejects.toMatchObject({ code: 'FILE_LEGACY_XLS' });
    const locked = join(dir, 'locked.xlsx');
    await writeFile(locked, Buffer.concat([oleHead, Buffer.alloc(70_000), Buffer.from('EncryptedPackage', 'utf16le')]));
    await expect(collect(locked)).rejects.toMatchObject({ code: 'FILE_ENCRYPTED', message: expect.stringMatching(/mật khẩu/) });
    const empty = join(dir, 'empty.xlsx');
    await writeFile(empty, '');
    await expect(collect(empty)).rejects.toMatchObject({ code: 'FILE_EMPTY' });
    const pdf = join(dir, 'list.xlsx.pdf');
    await writeFile(pdf, '%PDF-1.4\n');
    await expect(collect(pdf)).rejects.toMatchObject({ code: 'FILE_IS_PDF' });
    const batches = streamRowBatches(missing);
    await expect(batches.next()).rejects.toBeInstanceOf(UserFacingError);
  });

  it('tells date formats from others', () => {
    expect(isDateFormat('dd/mm/yyyy')).toBe(true);
    expect(isDateFormat('dd/mm/yyyy\\ hh:mm')).toBe(true);
    expect(isDateFormat('[$-42A]dd/mm/yyyy')).toBe(true);
    expect(isDateFormat('[h]:mm')).toBe(true);
    expect(isDateFormat('#,##0')).toBe(false);
    expect(isDateFormat('0.00%')).toBe(false);
    expect(isDateFormat('"Ngày" 0')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
    expect(isDateFormat('[Red]#,##0')).toBe(false);
  });
});

describe('HTML table saved as .xls', () => {
  it('reads the largest table of the page as rows of text', async () => {
    const dir = await tempDir();
    const path = join(dir, 'xuat.xls');
    await writeFile(
      path,
      '<html><body><table><tr><td>Lọc</td></tr></table><table>' +
        '<tr><td colspan="3">DANH SÁCH HỒ SƠ</td></tr><tr></tr>' +
        '<tr><th>Mã hồ sơ</th><th>Cơ quan tiếp nhận</th><th>Ngày tiếp nhận</th></tr>' +
        '<tr><td>H1</td><td>Phòng Tư pháp</td><td>15/07/2024 08:30</td></tr></table></body></html>',
      'utf8',
    );
    const rows = await collect(path);
    expect(rows.map((r) => r.row)).toEqual([1, 3, 4]);
    expect(rows[1]!.values).toEqual(['Mã hồ sơ', 'Cơ quan tiếp nhận', 'Ngày tiếp nhận']);
    expect(rows[2]!.values).toEqual(['H1', 'Phòng Tư pháp', '15/07/2024 08:30']);
  });
});

describe('the benchmark’s hand-zipped list', () => {
  it('reads row for row the same as the exceljs-written list of the same seed', async () => {
    const dir = await tempDir();
    const slow = await writeGeneratedList(join(dir, 'exceljs.xlsx'), 1500, 7);
    const fast = await writeGeneratedListFast(join(dir, 'fast.xlsx'), 1500, 7);
    const a = await collect(slow);
    const b = await collect(fast);
    expect(b).toHaveLength(1503);
    expect(b).toEqual(a);
    // exceljs opens it too.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(fast);
    expect(wb.worksheets[0]!.rowCount).toBe(1503);
  });
});
