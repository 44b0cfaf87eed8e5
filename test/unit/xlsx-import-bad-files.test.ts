// Bad files given to the importer: each gets one clear Vietnamese message (a UserFacingError), in bounded time, and nothing else happens.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AtomicFs } from '../../core/files/atomic';
import { UserFacingError } from '../../core/files/errors';
import { guardZip, sniffKind } from '../../core/xlsx/guard';
import { readSpreadsheetBytes, readSpreadsheetFile } from '../../core/xlsx/read';
import { ENTITY_SHEET, clerkOnTimeWorkbook, makeZip, oleFile, pdfBytes, rawXlsx, realisticSheetXml, toBuffer, zipBomb } from '../helpers/workbooks';

async function refusal(bytes: Buffer, name: string): Promise<UserFacingError> {
  try {
    await readSpreadsheetBytes(bytes, name);
  } catch (err) {
    expect(err).toBeInstanceOf(UserFacingError);
    const e = err as UserFacingError;
    expect(e.message).not.toMatch(/\n|at .*\(|Error:/); // one line, no stack trace
    return e;
  }
  throw new Error(`${name} was accepted`);
}

describe('bad files', () => {
  it('zero bytes', async () => {
    const e = await refusal(Buffer.alloc(0), 'trong.xlsx');
    expect(e.code).toBe('FILE_EMPTY');
    expect(e.message).toContain('trống (0 byte)');
  });

  it('not a zip (random binary named .xlsx)', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const e = await refusal(bytes, 'rac.xlsx');
    expect(e.code).toBe('FILE_NOT_SPREADSHEET');
  });

  it('a truncated workbook', async () => {
    const full = await clerkOnTimeWorkbook();
    const e = await refusal(full.subarray(0, Math.floor(full.length / 2)), 'cat-do.xlsx');
    expect(e.code).toBe('FILE_CORRUPT');
    expect(e.message).toContain('chưa được chép/tải về đầy đủ');
  });

  it('a PDF renamed to .xlsx', async () => {
    const e = await refusal(pdfBytes(), 'bao-cao.xlsx');
    expect(e.code).toBe('FILE_IS_PDF');
    expect(e.message).toContain('là tệp PDF');
  });

  it('a password-protected workbook (OLE container with an encrypted package)', async () => {
    const e = await refusal(oleFile('EncryptedPackage'), 'mat-khau.xlsx');
    expect(e.code).toBe('FILE_ENCRYPTED');
    expect(e.message).toContain('bỏ mật khẩu');
  });

  it('a real Excel 97-2003 .xls', async () => {
    const e = await refusal(oleFile('Workbook'), 'cu.xls');
    expect(e.code).toBe('FILE_LEGACY_XLS');
    expect(e.message).toContain('Sổ làm việc Excel (*.xlsx)');
  });

  it('CSV is read (UTF-8 or Windows code page 1258); any other encoding is refused with what to do', async () => {
    const ok = await readSpreadsheetBytes(Buffer.from('STT,Tên đơn vị,Tỷ lệ (%)\n1,Phòng Tư pháp,"97,5"\n'), 'a.csv');
    expect(ok.sheets[0]!.rows[1]).toEqual(['1', 'Phòng Tư pháp', '97,5']);
    // "CSV (Comma delimited)" from Vietnamese Windows: code page 1258, tones as combining marks.
    const cp1258 = Buffer.from([
      ...Buffer.from('STT;T'), 0xea, ...Buffer.from('n '), 0xf0, 0xf5, ...Buffer.from('n vi'), 0xf2, ...Buffer.from(';Ty'), 0xd2, ...Buffer.from(' l'), 0xea, 0xf2, ...Buffer.from(' (%)\r\n'),
      ...Buffer.from('1;Pho'), 0xcc, ...Buffer.from('ng T'), 0xfd, ...Buffer.from(' ph'), 0xe1, ...Buffer.from('p;97,5\r\n'),
    ]);
    const vi = await readSpreadsheetBytes(cp1258, 'cp1258.csv');
    expect(vi.sheets[0]!.rows).toEqual([['STT', 'Tên đơn vị', 'Tỷ lệ (%)'], ['1', 'Phòng Tư pháp', '97,5']]);
    const unknown = Buffer.from([0x53, 0x54, 0x54, 0x3b, 0x54, 0xea, 0x6e, 0x0a, 0x31, 0x3b, 0x81, 0x0a]);
    const e = await refusal(unknown, 'b.csv');
    expect(e.code).toBe('FILE_ENCODING');
    expect(e.message).toContain('UTF-8');
  });

  it('an empty workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    const e = await refusal(await toBuffer(wb), 'rong.xlsx');
    expect(e.code).toBe('FILE_EMPTY_WORKBOOK');
  });

  it('a zip that is not a workbook (a .docx)', async () => {
    const docx = makeZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    const e = await refusal(docx, 'van-ban.xlsx');
    expect(e.code).toBe('FILE_NOT_SPREADSHEET');
  });

  it('XML entity declarations are refused before any parser resolves them', async () => {
    const e = await refusal(rawXlsx(ENTITY_SHEET), 'thuc-the.xlsx');
    expect(e.code).toBe('FILE_XML_ENTITIES');
  });

  it('an XML Spreadsheet 2003 with an entity declaration is refused too', async () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE Workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell><Data>&x;</Data></Cell></Row></Table></Worksheet></Workbook>';
    const e = await refusal(Buffer.from(xml), 'xml.xls');
    expect(e.code).toBe('FILE_XML_ENTITIES');
  });

  it('a zip bomb is refused by the expansion ratio of its part, quickly', async () => {
    const bomb = zipBomb(24);
    expect(bomb.length).toBeLessThan(200_000);
    const e = await refusal(bomb, 'bom.xlsx');
    expect(e.code).toBe('FILE_ZIP_BOMB');
    expect(e.message).toContain('nén bất thường');
  });

  it('the zip guard also checks a file on disk (as the dossier-list reader uses it)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'guard-'));
    await writeFile(join(dir, 'bom.xlsx'), zipBomb(8));
    await expect(guardZip(join(dir, 'bom.xlsx'))).rejects.toMatchObject({ code: 'FILE_ZIP_BOMB' });
    await writeFile(join(dir, 'ok.xlsx'), await clerkOnTimeWorkbook());
    const ok = await guardZip(join(dir, 'ok.xlsx'));
    expect(ok.entries.some((e) => e.name === 'xl/workbook.xml')).toBe(true);
  });

  it('a zip that lies about its sizes is caught while reading, before any parser sees it', async () => {
    const zip = zipBomb(8);
    // Declare the bomb part 100 bytes large in its local and central headers (the last entry of each).
    const central = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(100, central + 24);
    const local = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    zip.writeUInt32LE(100, local + 22);
    const e = await refusal(zip, 'noi-doi.xlsx');
    expect(['FILE_CORRUPT', 'FILE_ZIP_BOMB', 'FILE_CHECKSUM']).toContain(e.code);
  });

  it('a large genuine sheet part (about 10× expansion) passes the zip guard', async () => {
    const xml = realisticSheetXml(40_000);
    const zip = rawXlsx('<worksheet/>', [{ name: 'xl/worksheets/sheet2.xml', data: xml }]);
    const check = await guardZip(zip, { fileName: 'ds.xlsx' });
    const part = check.entries.find((x) => x.name === 'xl/worksheets/sheet2.xml')!;
    expect(part.uncompressedSize).toBeGreaterThan(5 * 1024 * 1024);
    expect(part.uncompressedSize / part.compressedSize).toBeLessThan(50);
  });

  it('a file held open by Excel (EBUSY) asks to close it', async () => {
    const busy = Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
    const fsImpl = { readFile: async () => Promise.reject(busy) } as unknown as AtomicFs;
    const err = await readSpreadsheetFile('C:\\Báo cáo\\dung-han.xlsx', { fsImpl, retries: 1, retryDelayMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).message).toMatch(/^Hãy đóng tệp “.*dung-han\.xlsx” rồi thử lại\./);
  });

  it('Excel’s owner file (~$name.xlsx) next to an open workbook', async () => {
    const owner = Buffer.concat([Buffer.from([0x0b]), Buffer.from('Nguyen Van A'), Buffer.alloc(150, 0x20)]);
    const e = await refusal(owner, '~$dung-han.xlsx');
    expect(e.code).toBe('FILE_EXCEL_OWNER');
    expect(e.message).toContain('tệp gốc');
  });

  it('a missing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'import-'));
    await expect(readSpreadsheetFile(join(dir, 'khong-co.xlsx'))).rejects.toThrow(/Không tìm thấy tệp “khong-co.xlsx”/);
    await writeFile(join(dir, 'a.xlsx'), await clerkOnTimeWorkbook());
    const ok = await readSpreadsheetFile(join(dir, 'a.xlsx'));
    expect(ok.sheets[0]!.name).toBe('Sheet1');
  });

  it('sniffs kinds by bytes, not by names', () => {
    expect(sniffKind(Buffer.from('<html><body><table><tr><td>1</td></tr></table>'))).toBe('html');
    expect(sniffKind(Buffer.from('\ufeff<table><tr><td>1</td></tr></table>'))).toBe('html');
    expect(sniffKind(Buffer.from('a;b\n1;2\n'))).toBe('text');
    expect(sniffKind(pdfBytes())).toBe('pdf');
    expect(sniffKind(oleFile('Workbook'))).toBe('ole');
  });
});
