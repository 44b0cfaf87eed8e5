// A streaming xlsx reader that cannot loop or crash (issue 14.2): every hostile construct of the sheet or shared-strings XML is a clean Vietnamese refusal, in a child process with a time and heap cap.
import { afterAll, describe, expect, it } from 'vitest';
import { SheetScanner, type SheetRow } from '../../core/xlsx/sheet-xml';
import { NO_STYLES, SharedStringsParser, SheetXmlError } from '../../core/xlsx/xml-parts';
import { buildZip, removeHostileDirs, hostileDir, probeMany, sheetXml, sstXml, workbookParts, writeTemp, type ProbeResult } from '../helpers/hostile-zip';

afterAll(() => removeHostileDirs());

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A sheet's XML, with the shared strings' strings or their raw XML. */
type Case = string | { sheet: string; strings?: string[]; sstXml?: string };

async function files(cases: Case[], name: string): Promise<string[]> {
  const dir = await hostileDir();
  return Promise.all(
    cases.map((c, i) => {
      const { sheet, strings = ['Đơn vị', 'Tỷ lệ', 'Sông Cầu'], sstXml: raw } = typeof c === 'string' ? { sheet: c } : c;
      return writeTemp(dir, `${name}${i}.xlsx`, buildZip(workbookParts({ data: sheet }, { data: raw ?? sstXml(strings) })));
    }),
  );
}

/** The dossier stream reader on each case, all in one capped child process. */
async function streamSheets(cases: Case[]): Promise<ProbeResult[]> {
  return probeMany('stream', await files(cases, 'ds'));
}

async function streamSheet(sheet: string, strings?: string[]): Promise<ProbeResult> {
  return (await streamSheets([{ sheet, strings }]))[0]!;
}

function expectAllRefused(results: ProbeResult[], code: RegExp, words?: RegExp): void {
  for (const r of results) expectRefused(r, code, words);
}

function expectRefused(result: ProbeResult, code: RegExp, words?: RegExp): void {
  expect(result).toMatchObject({ kind: 'refused' });
  if (result.kind !== 'refused') return;
  expect(result.code).toMatch(code);
  expect(result.message).not.toMatch(/\n|Lỗi không mong đợi|Invalid|Error/);
  if (words) expect(result.message).toMatch(words);
}

describe('the sheet scanner refuses what would loop or crash it', () => {
  it('the 206-byte sheet with a cell beyond XFD (ZZZZZZZ1) is refused, not a fatal "invalid size"', async () => {
    const sheet = `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="ZZZZZZZ1"><v>1</v></c></row></sheetData></worksheet>`;
    expect(Buffer.byteLength(sheet)).toBeLessThan(220);
    expectRefused(await streamSheet(sheet), /^XLSX_MALFORMED$/, /ZZZZZZZ1.*XFD1048576/);
  });

  it('five rows of such cells are refused too', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `<row r="${i + 1}"><c r="ZZZZZZZ${i + 1}"><v>1</v></c></row>`).join('');
    expectRefused(await streamSheet(sheetXml(rows)), /^XLSX_MALFORMED$/);
  });

  it('references past the last row or column, and rows past 1 048 576, are refused; XFD1048576 itself is read', async () => {
    const [xfe, a, r, last] = await streamSheets([
      sheetXml('<row r="1"><c r="XFE1"><v>1</v></c></row>'),
      sheetXml('<row r="1"><c r="A1048577"><v>1</v></c></row>'),
      sheetXml('<row r="1048577"><c><v>1</v></c></row>'),
      sheetXml('<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>'),
    ]);
    expectAllRefused([xfe!, a!, r!], /^XLSX_MALFORMED$/);
    const read = last!;
    expect(read.kind).toBe('rows');
    if (read.kind === 'rows') {
      expect(read.rows[0]![0]).toBe(1048576);
      expect(read.rows[0]!.length).toBe(16385);
      expect(read.rows[0]![16384]).toBe(7);
    }
  });

  it('a row wider than 16 384 cells (cells without references) is refused', async () => {
    const cells = '<c><v>1</v></c>'.repeat(16_385);
    expectRefused(await streamSheet(sheetXml(`<row r="1">${cells}</row>`)), /^XLSX_MALFORMED$/, /16\.384/);
  });

  it('a cell without </c> is refused (it looped forever)', async () => {
    const [unclosed, beforeNext] = await streamSheets([
      sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></row><row r="2"><c r="A2"><v>5</v></c></row>'),
      sheetXml('<row r="1"><c r="A1"><v>1</v><c r="B1"><v>2</v></c></row>'),
    ]);
    expectRefused(unclosed!, /^XLSX_MALFORMED$/, /A1/);
    expectRefused(beforeNext!, /^XLSX_MALFORMED$/);
  });

  it('unquoted attributes (<c r=A1 t=s>) are refused (they looped forever)', async () => {
    const results = await streamSheets([sheetXml('<row r="1"><c r=A1 t=s><v>0</v></c></row>'), sheetXml('<row r=1><c><v>0</v></c></row>')]);
    expectAllRefused(results, /^XLSX_MALFORMED$/, /dấu nháy/);
  });

  it('a tag without ">" is refused (it looped forever)', async () => {
    const [inCell, ...others] = await streamSheets([
      sheetXml('<row r="1"><c r="A1" t="s"<v>0</v></c></row>'),
      sheetXml('<row r="1"<c r="A1"><v>0</v></c></row>'),
      sheetXml('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="s"'),
      sheetXml('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"'),
    ]);
    expectRefused(inCell!, /^XLSX_MALFORMED$/, /“>”/);
    expectAllRefused(others, /^XLSX_MALFORMED$/);
  });

  it('a row inside a row, and a row never closed, are refused', async () => {
    const results = await streamSheets([
      sheetXml('<row r="1"><c r="A1"><v>1</v></c><row r="2"><c r="A2"><v>2</v></c></row></row>'),
      sheetXml('<row r="1"><c r="A1"><v>1</v></c>'),
    ]);
    expectAllRefused(results, /^XLSX_MALFORMED$/);
  });

  it('character references that are no character are refused cleanly (not "Lỗi không mong đợi: Invalid code point")', async () => {
    const bad = ['&#1114112;', '&#x110000;', '&#xD800;', '&#0;', '&#99999999999999999999;'];
    const results = await streamSheets([
      ...bad.map((ref) => sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>a${ref}b</t></is></c></row>`)),
      sheetXml('<row r="1"><c r="A1" t="str"><v>&#1114112;</v></c></row>'),
      { sheet: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), sstXml: `<sst xmlns="${NS}"><si><t>x&#1114112;</t></si></sst>` },
      // Valid references still read: é, a Vietnamese letter by hex, an emoji beyond the BMP.
      sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>&#233;&#x1EA1;&#128512;&amp;</t></is></c></row>'),
    ]);
    const ok = results.pop();
    expectAllRefused(results, /^XLSX_MALFORMED$/, /mã ký tự/);
    expect(ok).toMatchObject({ kind: 'rows', rows: [[1, 'éạ😀&']] });
  });

  it('numbers are parsed strictly: hex, Infinity and other non-decimals are refused, not read as 0 or 80', async () => {
    const bad = ['0x50', 'Infinity', '-Infinity', 'NaN', '1e999', '1,5', ' 12', '12abc', '0b1', '.', '1e'];
    const results = await streamSheets([
      ...bad.map((v) => sheetXml(`<row r="1"><c r="B1"><v>${v}</v></c></row>`)),
      sheetXml('<row r="1"><c r="A1"><v>94.12</v></c><c r="B1"><v>-1.5E-3</v></c><c r="C1" t="n"><v>.5</v></c><c r="D1"><v>007</v></c></row>'),
    ]);
    const ok = results.pop();
    expectAllRefused(results, /^XLSX_MALFORMED$/, /giá trị số/);
    expect(ok).toMatchObject({ kind: 'rows', rows: [[1, 94.12, -0.0015, 0.5, 7]] });
  });

  it('a shared-string index that does not exist is refused (not a blank)', async () => {
    const results = await streamSheets([sheetXml('<row r="1"><c r="A1" t="s"><v>5</v></c></row>'), sheetXml('<row r="1"><c r="A1" t="s"><v>0x1</v></c></row>')]);
    expectAllRefused(results, /^XLSX_MALFORMED$/, /chuỗi dùng chung/);
  });

  it('a cell text longer than the limit is refused', async () => {
    const long = 'x'.repeat(300_000);
    const results = await streamSheets([
      sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${long}</t></is></c></row>`),
      { sheet: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), strings: [long] },
    ]);
    expectAllRefused(results, /^XLSX_TOO_LARGE$/);
  });

  it('nesting deeper than the limit inside a cell is refused', async () => {
    const deep = '<r>'.repeat(100) + '<t>x</t>' + '</r>'.repeat(100);
    expectRefused(await streamSheet(sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is>${deep}</is></c></row>`)), /^XLSX_MALFORMED$/, /lồng nhau/);
  });

  it('a row of 20 MB of varied text (little compression) is refused by the row limit, without reading it all first', async () => {
    const bytes = Buffer.alloc(20 * 1024 * 1024);
    let seed = 7;
    for (let i = 0; i < bytes.length; i++) bytes[i] = 97 + ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) % 26;
    const letters = bytes.toString('latin1');
    expectRefused(await streamSheet(sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${letters}</t></is></c></row>`)), /^XLSX_TOO_LARGE$/);
  });
});

describe('the limits of the scanner classes themselves', () => {
  it('the shared-string count and total are bounded', () => {
    const few = new SharedStringsParser({ maxSharedStrings: 3 });
    expect(() => few.push(sstXml(['a', 'b', 'c', 'd']))).toThrow(SheetXmlError);
    const short = new SharedStringsParser({ maxSharedChars: 5 });
    expect(() => short.push(sstXml(['abc', 'def']))).toThrow(SheetXmlError);
    const ok = new SharedStringsParser({ maxSharedStrings: 4 });
    ok.push(sstXml(['a', 'b', 'c', 'd']));
    expect(ok.strings).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a <si> never closed is refused once it passes its limit, and text before <sst> is bounded', () => {
    const p = new SharedStringsParser({ maxSiChars: 1000 });
    p.push(`<sst xmlns="${NS}"><si><t>`);
    expect(() => {
      for (let i = 0; i < 10; i++) p.push('y'.repeat(200));
    }).toThrow(SheetXmlError);
    const q = new SharedStringsParser({ maxPrologChars: 1000 });
    expect(() => q.push(' '.repeat(2000))).toThrow(SheetXmlError);
  });

  it('a sheet fed one character at a time reads the same rows (every split point advances)', () => {
    const xml = sheetXml('<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="0"><v>12.5</v></c></row><row r="3"><c r="C3" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c><c r="D3"><f>1+1</f><v>2</v></c><c r="E3" t="inlineStr"><is/></c><c r="F3" t="b"><v>1</v></c></row>');
    const whole: SheetRow[] = [];
    new SheetScanner(['x'], NO_STYLES, false, false).push(xml, whole);
    const scanner = new SheetScanner(['x'], NO_STYLES, false, false);
    const split: SheetRow[] = [];
    for (const ch of xml) scanner.push(ch, split);
    scanner.end();
    expect(whole).toEqual([
      { row: 1, values: ['x', 12.5] },
      { row: 3, values: [null, null, 'ab', 2, null, true] },
    ]);
    expect(split).toEqual(whole);
  });
});

describe('the table reader (exceljs) gets the same checks on its sheets', () => {
  async function tableSheets(cases: Case[]): Promise<ProbeResult[]> {
    return probeMany('table', await files(cases, 'bang'));
  }

  it('a rate cell <v>0x50</v> is refused, not read as 0', async () => {
    const [result] = await tableSheets([sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>0x50</v></c></row>')]);
    expectRefused(result!, /^XLSX_MALFORMED$/, /0x50/);
  });

  it('a cell beyond XFD and an unclosed cell are refused', async () => {
    const results = await tableSheets([sheetXml('<row r="1"><c r="ZZZZZZZ1"><v>1</v></c></row>'), sheetXml('<row r="1"><c r="A1"><v>1</v></row>')]);
    expectAllRefused(results, /^XLSX_MALFORMED$/);
  });
});
