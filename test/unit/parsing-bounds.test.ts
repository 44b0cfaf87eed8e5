// Bounded parsing of HTML, SpreadsheetML 2003 and CSV/TSV (issue 14.3): deep nesting, huge lines and big drops give a correct table or one Vietnamese refusal.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../core/files/errors';
import { loadSample } from '../../core/model/report';
import { HtmlTableReader, readHtmlTables } from '../../core/xlsx/html';
import { DelimitedReader } from '../../core/xlsx/delimited';
import { parseDelimited, readPasted } from '../../core/xlsx/paste';
import { readSpreadsheetBytes, type SheetData } from '../../core/xlsx/read';
import { streamRowBatches, type StreamRow } from '../../core/xlsx/stream';
import { createTestRuntime } from '../helpers/runtime';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

async function tempFile(name: string, data: string | Buffer): Promise<string> {
  dir ||= await mkdtemp(join(tmpdir(), 'bc766-bounds-'));
  const path = join(dir, name);
  await writeFile(path, data);
  return path;
}

/** The refusal a call ends with (fails the test when it succeeds or throws anything else). */
async function refusal(run: () => unknown): Promise<UserFacingError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof UserFacingError) return err;
    throw new Error(`expected a UserFacingError, got ${String(err)}`);
  }
  throw new Error('expected a refusal, the call succeeded');
}

/** One Vietnamese sentence for the clerk: names the file when given, says what to do, no stack or JS error text. */
function expectClerkSentence(err: UserFacingError, fileName?: string): void {
  if (fileName) expect(err.message).toContain(fileName);
  expect(err.message).toMatch(/Hãy/);
  expect(err.message).not.toMatch(/\n|\bat \w+ \(|RangeError|Maximum call stack|undefined/);
}

function rows(sheet: SheetData | undefined): unknown[][] {
  return (sheet?.rows ?? []) as unknown[][];
}

const tableWith = (cell: string): string =>
  `<html><body><table><tr><td>Đơn vị</td><td>Tỷ lệ</td></tr><tr><td>${cell}</td><td>94,12</td></tr></table></body></html>`;

describe('HTML: nesting is flattened or refused, never recursed', () => {
  it.each([10_000, 200_000])('a cell with %i nested <div> reads as its text', (depth) => {
    const html = tableWith(`${'<div>'.repeat(depth)}Sông Cầu${'</div>'.repeat(depth)}`);
    const sheets = readHtmlTables(html, 'bang.xls');
    expect(sheets).toHaveLength(1);
    expect(rows(sheets[0])).toEqual([
      ['Đơn vị', 'Tỷ lệ'],
      ['Sông Cầu', '94,12'],
    ]);
  });

  it('200 000 nested <b> and unclosed <span> in a cell read as its text', () => {
    const html = tableWith(`${'<b><span>'.repeat(200_000)}Bắc Kạn`);
    expect(rows(readHtmlTables(html)[0])[1]).toEqual(['Bắc Kạn', '94,12']);
  });

  it.each([20_000, 40_000, 200_000])('%i tables nested in cells are refused with one sentence', async (depth) => {
    const html = `<html><body>${'<table><tr><td>'.repeat(depth)}x${'</td></tr></table>'.repeat(depth)}</body></html>`;
    const err = await refusal(() => readSpreadsheetBytes(Buffer.from(html), 'long-nhau.xls'));
    expect(err.code).toBe('FILE_TOO_DEEP');
    expectClerkSentence(err, 'long-nhau.xls');
  });

  it('tables nested a few levels deep are each read, the outer cell without the inner table', () => {
    const html = '<table><tr><td>ngoài<table><tr><td>trong</td><td>1</td></tr></table></td><td>2</td></tr></table>';
    const sheets = readHtmlTables(html);
    expect(sheets.map((s) => rows(s))).toEqual([[['ngoài', '2']], [['trong', '1']]]);
  });

  it('a <table> opened inside a table but outside any cell starts a sibling table (as browsers do), not a nested one', () => {
    const html = `${'<table>'.repeat(100_000)}<tr><td>a</td></tr></table>`;
    const sheets = readHtmlTables(html);
    expect(sheets.map((s) => rows(s))).toEqual([[['a']]]);
  });

  it('pasted HTML with 20 000 nested tables is refused; with 10 000 nested divs it pastes', async () => {
    const deep = `${'<table><tr><td>'.repeat(20_000)}x`;
    const err = await refusal(() => readPasted({ html: deep, text: 'x' }));
    expect(err.code).toBe('FILE_TOO_DEEP');
    expectClerkSentence(err);
    const sheets = readPasted({ html: tableWith(`${'<div>'.repeat(10_000)}Sông Cầu`) });
    expect(rows(sheets[0])[1]).toEqual(['Sông Cầu', '94,12']);
  });

  it('an HTML dossier list (.xls) with 20 000 nested tables is refused, with nested divs it streams', async () => {
    const deep = await tempFile('ho-so.xls', `<html><body>${'<table><tr><td>'.repeat(20_000)}x</body></html>`);
    const err = await refusal(async () => {
      for await (const _ of streamRowBatches(deep)) void _;
    });
    expect(err.code).toBe('FILE_TOO_DEEP');
    expectClerkSentence(err, 'ho-so.xls');
    const ok = await tempFile('ho-so-2.xls', tableWith(`${'<div>'.repeat(50_000)}Sông Cầu${'</div>'.repeat(50_000)}`));
    const got: StreamRow[] = [];
    for await (const batch of streamRowBatches(ok)) got.push(...batch);
    expect(got.map((r) => r.values)).toEqual([
      ['Đơn vị', 'Tỷ lệ'],
      ['Sông Cầu', '94,12'],
    ]);
  });

  it('entities, comments, scripts, styles and attributes that look like tags are read as a browser does', () => {
    const html =
      '<!-- <table><tr><td>no</td></tr></table> --><script>var s = "<table><tr><td>no</td></tr></table>";</script><style>td{}</style>' +
      '<table><tr><td title="a>b">S&ocirc;ng C&#7847;u &amp; B&#x1EAF;c&nbsp;K&#7841;n</td><td style="mso-number-format:\'0\\.00%\'">0,9412</td></tr>' +
      '<tr><td rowspan=2>A</td><td>1<br>2</td></tr><tr><td>3</td></tr></table>';
    const sheets = readHtmlTables(html);
    expect(sheets).toHaveLength(1);
    expect(rows(sheets[0])).toEqual([
      ['Sông Cầu & Bắc Kạn', '0,9412'],
      ['A', '1 2'],
      ['A', '3'],
    ]);
    expect(sheets[0]!.formats[0]![1]).toBe('0.00%');
  });

  it('read in chunks of any size, HTML gives the same tables as read whole', () => {
    const html =
      '<!-- c --><script>x="</td>"</script><table><tr><td title="a>b" colspan=2>S&ocirc;ng C&#7847;u</td></tr><?pi?>' +
      '<tr><td>1<br>2</td><td style="mso-number-format:\'0%\'">0,5</td></tr></table><table><tr><td>&amp;</td></tr></table>';
    const whole = readHtmlTables(html);
    expect(whole).toHaveLength(2);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const reader = new HtmlTableReader();
      for (let at = 0; at < html.length; at += size) reader.write(html.slice(at, at + size));
      expect(reader.end()).toEqual(whole);
    }
  });

  it('a cell with a million characters of text keeps the first 32 767 (Excel’s own cell limit)', () => {
    const sheets = readHtmlTables(tableWith('x'.repeat(1_000_000)));
    expect((rows(sheets[0])[1]![0] as string).length).toBe(32_767);
  });
});

const spreadsheetMl = (cellData: string): string =>
  `<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">` +
  `<Worksheet ss:Name="Đúng hạn"><Table><Row><Cell><Data ss:Type="String">Đơn vị</Data></Cell><Cell><Data ss:Type="String">Tỷ lệ</Data></Cell></Row>` +
  `<Row><Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40">${cellData}</ss:Data></Cell><Cell><Data ss:Type="Number">94.12</Data></Cell></Row></Table></Worksheet></Workbook>`;

describe('SpreadsheetML 2003: nesting limited, rich text read', () => {
  it('rich text with a few <B>/<Font> levels reads as its text', async () => {
    const book = await readSpreadsheetBytes(Buffer.from(spreadsheetMl('<B><Font html:Color="#FF0000">Sông</Font></B> Cầu')), 'bang.xls');
    expect(rows(book.sheets[0])).toEqual([
      ['Đơn vị', 'Tỷ lệ'],
      ['Sông Cầu', 94.12],
    ]);
  });

  it('a Number cell is read strictly: hex and Infinity stay text', async () => {
    const xml = spreadsheetMl('Sông Cầu').replace(
      '<Data ss:Type="Number">94.12</Data>',
      '<Data ss:Type="Number">0x50</Data></Cell><Cell><Data ss:Type="Number">Infinity</Data></Cell><Cell><Data ss:Type="Number">1e2</Data>',
    );
    const book = await readSpreadsheetBytes(Buffer.from(xml), 'so.xml');
    expect(rows(book.sheets[0])[1]).toEqual(['Sông Cầu', '0x50', 'Infinity', 100]);
  });

  it.each([10_000, 200_000])('a cell with %i nested <B> is refused with one sentence', async (depth) => {
    const xml = spreadsheetMl(`${'<B>'.repeat(depth)}x${'</B>'.repeat(depth)}`);
    const err = await refusal(() => readSpreadsheetBytes(Buffer.from(xml), 'long-nhau.xml'));
    expect(err.code).toBe('FILE_TOO_DEEP');
    expectClerkSentence(err, 'long-nhau.xml');
  });
});

describe('CSV/TSV: line length and size bounded, parsing linear', () => {
  const oneLine = (mb: number): Buffer => {
    const b = Buffer.alloc(mb * 1024 * 1024, 'a;1;');
    return b;
  };

  it('a 40 MB one-line CSV is refused with one sentence (table import)', async () => {
    const err = await refusal(() => readSpreadsheetBytes(oneLine(40), 'mot-dong.csv'));
    expect(err.code).toBe('FILE_LINE_TOO_LONG');
    expectClerkSentence(err, 'mot-dong.csv');
  });

  it('a 40 MB one-line CSV is refused with one sentence (dossier list stream)', async () => {
    const path = await tempFile('mot-dong.csv', oneLine(40));
    const err = await refusal(async () => {
      for await (const _ of streamRowBatches(path)) void _;
    });
    expect(err.code).toBe('FILE_LINE_TOO_LONG');
    expectClerkSentence(err, 'mot-dong.csv');
  });

  it('a 40 MB quoted field without its closing quote is refused, not read to the end', async () => {
    const err = await refusal(() => readSpreadsheetBytes(Buffer.concat([Buffer.from('Đơn vị;Tỷ lệ\n"'), Buffer.alloc(40 * 1024 * 1024, 'x\n')]), 'ngoac.csv'));
    expect(err.code).toMatch(/^(FILE_LINE_TOO_LONG|FILE_UNCLOSED_QUOTE)$/);
    expectClerkSentence(err, 'ngoac.csv');
  });

  it('a small CSV whose quote opened on one row never closes is refused, never read as a shorter table (fuzz csv-shape)', async () => {
    const rows = ['STT;Đơn vị;Tỷ lệ (%)', '1;UBND phường Đức Xuân;97,74', '2;"UBND phường Sông Cầu;94,12', '3;UBND xã Dương Quang;100'];
    const text = Buffer.from(rows.join('\r\n') + '\r\n');
    const table = await refusal(() => readSpreadsheetBytes(text, 'ngoac-nho.csv'));
    expect(table.code).toBe('FILE_UNCLOSED_QUOTE');
    expect(table.message).toMatch(/dòng 3/);
    expectClerkSentence(table, 'ngoac-nho.csv');
    const path = await tempFile('ngoac-nho.csv', text);
    const stream = await refusal(async () => {
      for await (const _ of streamRowBatches(path)) void _;
    });
    expect(stream.code).toBe('FILE_UNCLOSED_QUOTE');
    // Closed, the same quote is an ordinary quoted field.
    const fixed = await readSpreadsheetBytes(Buffer.from(text.toString().replace('Sông Cầu;', 'Sông Cầu";')), 'ngoac-dong.csv');
    expect(fixed.sheets[0]!.rows.length).toBeGreaterThanOrEqual(4);
  });

  it('pasted text of one 40 MB line is refused with one sentence', async () => {
    const err = await refusal(() => readPasted({ text: 'x\t'.repeat(20 * 1024 * 1024) }));
    expect(err.code).toBe('FILE_LINE_TOO_LONG');
    expectClerkSentence(err);
  });

  it('a 40 MB CSV of short lines reads its first 20 000 rows as a table', async () => {
    const line = 'Phường Sông Cầu;94,12;1/1\r\n';
    const text = `Đơn vị;Tỷ lệ;Hồ sơ\r\n${line.repeat(Math.ceil((40 * 1024 * 1024) / Buffer.byteLength(line)))}`;
    const book = await readSpreadsheetBytes(Buffer.from(text), 'nhieu-dong.csv');
    const got = rows(book.sheets[0]);
    expect(got).toHaveLength(20_000);
    expect(got[0]).toEqual(['Đơn vị', 'Tỷ lệ', 'Hồ sơ']);
    expect(got[19_999]).toEqual(['Phường Sông Cầu', '94,12', '1/1']);
  });

  it('read in chunks of any size, CSV gives the same records as read whole', () => {
    const text = 'a; "b;c" ;"say ""hi"""\r\n"x\r\ny";2\r\n\rlast;"3"x\n';
    const whole = parseDelimited(text, ';');
    for (const size of [1, 2, 3, 5]) {
      const got: string[][] = [];
      const reader = new DelimitedReader({ delimiter: ';', onRecord: (f) => void got.push(f) });
      for (let at = 0; at < text.length; at += size) reader.push(text.slice(at, at + size));
      reader.end();
      expect(got).toEqual(whole);
    }
    expect(whole).toEqual([['a', 'b;c ', 'say "hi"'], ['x\r\ny', '2'], [''], ['last', '3x']]);
  });

  it('quoted fields keep delimiters, doubled quotes and line breaks; CRLF, LF and a last line without newline', () => {
    expect(parseDelimited('a;"b;c";"say ""hi"""\r\n"x\ny";2\nlast;3', ';')).toEqual([
      ['a', 'b;c', 'say "hi"'],
      ['x\ny', '2'],
      ['last', '3'],
    ]);
  });
});

describe('a drop of many files is bounded in total', () => {
  it('twenty 6 MB files dropped at once are refused before any is read, with one sentence', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bc766-bounds-'));
    const rt = createTestRuntime(join(dir, 'library'));
    const data = new Uint8Array(Buffer.alloc(6 * 1024 * 1024, 'Phường Sông Cầu;94,12\n'));
    const files = Array.from({ length: 20 }, (_, i) => ({ name: `bang-${i + 1}.csv`, data }));
    const res = await rt.call('import.previewDropped', { report: loadSample(), files });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('DROP_TOO_LARGE');
      expect(res.error.message).toMatch(/20 tệp/);
      expect(res.error.message).toMatch(/Hãy/);
    }
  });

  it('a few small files dropped together are still read', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bc766-bounds-'));
    const rt = createTestRuntime(join(dir, 'library'));
    const data = new TextEncoder().encode('Đơn vị;Tỷ lệ\nPhường Sông Cầu;94,12\n');
    const res = await rt.call('import.previewDropped', { report: loadSample(), files: [{ name: 'a.csv', data }, { name: 'b.csv', data }] });
    expect(res.ok).toBe(true);
    if (res.ok) expect(res.result.sources.map((s) => s.file)).toEqual(['a.csv', 'b.csv']);
  });
});
