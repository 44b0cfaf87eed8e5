// Tests of the Excel export and the blank template: the written workbook is read back with exceljs (and its raw XML).
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { loadSample, serializeReport } from '../../core/model/report';
import { SCHEMA_VERSION, type Cell, type Group, type Report } from '../../core/model/schema';
import { isoToExcelSerial } from '../../core/text/dates';
import {
  COMPUTED_NOTE,
  FIRST_DATA_ROW,
  FIRST_FIGURE_COLUMN,
  ID_COLUMN,
  IDENTITY_FORMAT,
  IDENTITY_SHEET,
  INSTRUCTIONS_SHEET,
  NAME_COLUMN,
  parseRowKey,
  RATIO_PATTERN,
  STT_COLUMN,
  SUMMARY_COL,
  SUMMARY_SHEET,
  TABLE_HEADER_ROWS,
  tableSheetNames,
} from '../../core/xlsx/layout';
import { emptyTable } from '../../core/model/catalog';
import { buildReportWorkbook, reportXlsxBuffer, writeReportXlsx } from '../../core/xlsx/write';

const STATUS = 'Không tổng hợp trên Hệ thống';

async function load(buf: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(buf) as unknown as ArrayBuffer);
  return wb;
}

/** The text of one entry of a zip (an .xlsx part), to check what exceljs really wrote. */
function zipEntry(buf: Uint8Array, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(buf), { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      });
      zip.on('end', () => reject(new Error(`no ${name} in the zip`)));
      zip.readEntry();
    });
  });
}

/** Rows of a sheet by their key in the hidden column A. */
function rowsByKey(ws: ExcelJS.Worksheet): Map<string, ExcelJS.Row> {
  const out = new Map<string, ExcelJS.Row>();
  ws.eachRow({ includeEmpty: false }, (row) => {
    const key = row.getCell(ID_COLUMN).value;
    if (typeof key === 'string') out.set(key, row);
  });
  return out;
}

function identityRecords(wb: ExcelJS.Workbook): ExcelJS.CellValue[][] {
  const ws = wb.getWorksheet(IDENTITY_SHEET)!;
  const out: ExcelJS.CellValue[][] = [];
  ws.eachRow((row) => out.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return out;
}

/**
 * A reader that follows only the layout contract (layout.ts): identity sheet for tables and markers, row keys for
 * rows, column positions for cells. It is what the importer has to do; if it gets the report back, nothing was
 * left to guessing.
 */
function readBack(wb: ExcelJS.Workbook, base: Report): Report {
  const ids = identityRecords(wb);
  const out = structuredClone(base);
  const statusAt = new Set(ids.filter((r) => r[0] === 'status').map((r) => `${r[1]}|${r[2]}|${r[3]}|${r[4]}`));
  const srcAt = new Map(ids.filter((r) => r[0] === 'src').map((r) => [`${r[1]}|${r[2]}|${r[3]}`, r[4]]));
  for (const rec of ids.filter((r) => r[0] === 'table')) {
    const [, tableId, sheetName, , firstRow, ...colIds] = rec as [string, string, string, string, number, ...string[]];
    expect(firstRow).toBe(FIRST_DATA_ROW);
    const ws = wb.getWorksheet(sheetName)!;
    const table = out.tables.find((t) => t.id === tableId)!;
    const byKey = rowsByKey(ws);
    table.rows = table.rows.map((row) => {
      const xr = byKey.get(`unit:${row.unitId}`)!;
      const cells: Record<string, Cell> = {};
      colIds.forEach((colId, i) => {
        const col = table.columns.find((c) => c.id === colId)!;
        const v = xr.getCell(FIRST_FIGURE_COLUMN + i).value;
        let cell: Cell = null;
        if (typeof v === 'number') {
          cell = { t: 'num', v };
          if (srcAt.get(`${tableId}|${row.unitId}|${colId}`) === v) cell.src = 'dossiers';
        } else if (typeof v === 'string') {
          const m = RATIO_PATTERN.exec(v);
          if (statusAt.has(`${tableId}|${row.unitId}|${colId}|${v}`)) cell = { t: 'status', v };
          else if (col.type === 'ratio' && m) cell = { t: 'ratio', n: Number(m[1]), d: Number(m[2]) };
          else if (col.type === 'label') cell = { t: 'text', v };
          else cell = { t: 'status', v };
        } else expect(v).toBeNull();
        cells[colId] = cell;
      });
      return { unitId: row.unitId, cells };
    });
  }
  const sum = rowsByKey(wb.getWorksheet(SUMMARY_SHEET)!);
  const num = (key: string, col: number): number | null => {
    const v = sum.get(key)!.getCell(col).value;
    return typeof v === 'number' ? v : null;
  };
  out.total = num('total', SUMMARY_COL.score);
  out.rank = { position: num('rankPosition', SUMMARY_COL.value), of: num('rankOf', SUMMARY_COL.value) };
  const asOf = sum.get('dataAsOf')!.getCell(SUMMARY_COL.value).value;
  out.dataAsOf = asOf instanceof Date ? asOf.toISOString().slice(0, 10) : null;
  const lineSrc = new Map(ids.filter((r) => r[0] === 'lineSrc').map((r) => [r[1], r]));
  out.groups = out.groups.map((g): Group => ({
    ...g,
    score: num(`group:${g.code}`, SUMMARY_COL.score),
    max: num(`group:${g.code}`, SUMMARY_COL.max)!,
    lines: g.lines.map((l) => {
      const { src: _src, ...line } = l;
      if (line.count !== undefined) line.count = num(`line:${l.id}`, SUMMARY_COL.count);
      if (line.rate !== undefined) line.rate = num(`line:${l.id}`, SUMMARY_COL.rate);
      const rec = lineSrc.get(l.id);
      if (rec && (rec[2] === '' ? null : rec[2]) === (line.count ?? null) && (rec[3] === '' ? null : rec[3]) === (line.rate ?? null)) {
        return { ...line, src: 'dossiers' as const };
      }
      return line;
    }),
  }));
  return out;
}

/** The sample with some computed figures and a data date, to exercise every marker. */
function sampleWithComputed(): Report {
  const r = loadSample();
  r.dataAsOf = '2024-08-05';
  const onTime = r.tables.find((t) => t.id === 'dung-han')!;
  onTime.rows[1]!.cells.rate = { t: 'num', v: 95.5, src: 'dossiers' };
  const line = r.groups[1]!.lines[0]!;
  line.src = 'dossiers';
  return r;
}

let dir: string;
let sample: Report;
let sampleBuf: Uint8Array;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xlsx-export-'));
  sample = loadSample();
  sampleBuf = await reportXlsxBuffer(sample);
  wb = await load(sampleBuf);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('report workbook: sheets and identity', () => {
  it('has the summary, one sheet per table in report order, and a very hidden identity sheet', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Đúng hạn',
      'Quá hạn',
      'Nộp trực tuyến',
      'Thanh toán trực tuyến',
      'Mức độ hài lòng',
      'Chứng thực điện tử',
      'Xếp loại - Cấp thành phố',
      'Xếp loại - Cấp xã',
      IDENTITY_SHEET,
    ]);
    expect(wb.getWorksheet(IDENTITY_SHEET)!.state).toBe('veryHidden');
    for (const ws of wb.worksheets.slice(0, -1)) {
      expect(ws.state).toBe('visible');
      expect(ws.getColumn(ID_COLUMN).hidden).toBe(true);
    }
  });

  it('records the report identity, schema version and each table with its sheet and column ids', () => {
    const ids = identityRecords(wb);
    const rec = (k: string) => ids.find((r) => r[0] === k);
    expect(rec('format')).toEqual(['format', IDENTITY_FORMAT]);
    expect(rec('schemaVersion')).toEqual(['schemaVersion', SCHEMA_VERSION]);
    expect(rec('reportId')).toEqual(['reportId', 'mau-bac-kan-2024-07']);
    expect(rec('template')).toEqual(['template', 0]);
    expect(JSON.parse(rec('period')![1] as string)).toEqual({ kind: 'month', year: 2024, month: 7 });
    const tables = ids.filter((r) => r[0] === 'table');
    expect(tables.map((t) => t[1])).toEqual(sample.tables.map((t) => t.id));
    expect(tables.find((t) => t[1] === 'chung-thuc')).toEqual([
      'table', 'chung-thuc', 'Chứng thực điện tử', 'eCopies', FIRST_DATA_ROW, 'deployed', 'completed', 'arising', 'rate',
    ]);
  });

  it('sets workbook properties: title and author = issuing body', () => {
    expect(wb.title).toBe('Kết quả Bộ chỉ số 766 tháng 7 năm 2024');
    expect(wb.creator).toBe('ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN');
  });

  it('reads back into exactly the same report data (tables, scores, lines, rank)', () => {
    expect(readBack(wb, sample)).toEqual(sample);
  });

  it('keeps computed markers (src) through the round trip and labels them in the sheet', async () => {
    const r = sampleWithComputed();
    const back = await load(await reportXlsxBuffer(r));
    expect(readBack(back, loadSample())).toEqual(r);
    const ws = back.getWorksheet('Đúng hạn')!;
    const row = rowsByKey(ws).get('unit:phong-ldtbxh')!;
    const cell = row.getCell(FIRST_FIGURE_COLUMN);
    expect(cell.value).toBe(95.5);
    expect(cell.numFmt).toBe('0.00"*"');
    expect(cell.note).toBe(COMPUTED_NOTE);
    const legend = rowsByKey(ws).get('computedNote')!;
    expect(legend.getCell(STT_COLUMN).value).toBe(`(*) ${COMPUTED_NOTE}`);
    // The computed status neighbours are no longer one run: the status above and below are separate merges.
    expect(ws.getCell('D6').value).toBe(STATUS);
    expect(ws.getCell('D8').isMerged).toBe(true);
    expect(ws.getCell('D8').master.address).toBe('D8');
    const sum = rowsByKey(back.getWorksheet(SUMMARY_SHEET)!);
    const rate = sum.get('line:tdgq.onTime')!.getCell(SUMMARY_COL.rate);
    expect(rate.value).toBe(92.08);
    expect(rate.note).toBe(COMPUTED_NOTE);
    expect(rate.numFmt).toBe('0.00"*"');
  });
});

describe('report workbook: table sheets', () => {
  it('writes the title, two header rows, block rows and units with STT restarting per block', () => {
    const ws = wb.getWorksheet('Đúng hạn')!;
    expect(ws.getCell('B1').value).toBe('TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN TẠI CÁC CƠ QUAN, ĐƠN VỊ');
    const [h1, h2] = TABLE_HEADER_ROWS;
    expect(ws.getCell(h1, STT_COLUMN).value).toBe('STT');
    expect(ws.getCell(h1, NAME_COLUMN).value).toBe('Tên cơ quan, đơn vị');
    expect(ws.getCell(h1, FIRST_FIGURE_COLUMN).value).toBe('Tỷ lệ (%)');
    expect(ws.getCell(h1, STT_COLUMN).font.bold).toBe(true);
    expect(ws.model.merges).toEqual(expect.arrayContaining([`B${h1}:B${h2}`, `C${h1}:C${h2}`, `D${h1}:D${h2}`]));
    const keys = rowsByKey(ws);
    expect(keys.get('block:thanh-pho')!.number).toBe(FIRST_DATA_ROW);
    expect(ws.getCell(FIRST_DATA_ROW, STT_COLUMN).value).toBe('I');
    expect(ws.getCell(FIRST_DATA_ROW, NAME_COLUMN).value).toBe('Cấp thành phố');
    expect(ws.getCell(FIRST_DATA_ROW, NAME_COLUMN).font.bold).toBe(true);
    const xa = keys.get('block:xa')!.number;
    expect(xa).toBe(FIRST_DATA_ROW + 12);
    expect(ws.getCell(xa, STT_COLUMN).value).toBe('II');
    expect(ws.getCell(xa + 1, STT_COLUMN).value).toBe(1);
    expect(ws.getCell(xa + 1, NAME_COLUMN).value).toBe('UBND phường Đức Xuân');
    expect(ws.getCell(xa + 1, FIRST_FIGURE_COLUMN).value).toBe(97.74);
    const note = keys.get('note')!;
    expect(note.getCell(STT_COLUMN).value).toBe('(Phần này không phản ánh đúng thực tế)');
    expect(note.number).toBe(xa + 9);
    expect(note.getCell(STT_COLUMN).font.italic).toBe(true);
  });

  it('merges the evaluation tables’ two-level header under “Tổng hợp xếp loại”', () => {
    const ws = wb.getWorksheet('Xếp loại - Cấp xã')!;
    const [h1, h2] = TABLE_HEADER_ROWS;
    expect(ws.model.merges).toEqual(
      expect.arrayContaining([`B${h1}:B${h2}`, `C${h1}:C${h2}`, `D${h1}:D${h2}`, `H${h1}:H${h2}`, `I${h1}:J${h1}`]),
    );
    expect(ws.getCell(`D${h1}`).value).toBe('Chỉ số công khai minh bạch (Tổng điểm 18)');
    expect(ws.getCell(`I${h1}`).value).toBe('Tổng hợp xếp loại (Tổng điểm 100)');
    expect(ws.getCell(`I${h2}`).value).toBe('Tổng điểm');
    expect(ws.getCell(`J${h2}`).value).toBe('Xếp loại');
    expect(ws.getCell(`C${h1}`).value).toBe('Tên cơ quan/đơn vị');
  });

  it('stores numbers as numbers with formats: rates 0.00, counts #,##0, scores as the portal shows them', () => {
    const onTime = wb.getWorksheet('Đúng hạn')!;
    const c = rowsByKey(onTime).get('unit:p-duc-xuan')!.getCell(FIRST_FIGURE_COLUMN);
    expect(c.type).toBe(ExcelJS.ValueType.Number);
    expect(c.numFmt).toBe('0.00');
    const copies = rowsByKey(wb.getWorksheet('Chứng thực điện tử')!).get('unit:p-duc-xuan')!;
    expect(copies.getCell(FIRST_FIGURE_COLUMN + 1).value).toBe(1370);
    expect(copies.getCell(FIRST_FIGURE_COLUMN + 1).numFmt).toBe('#,##0');
    const evalRow = rowsByKey(wb.getWorksheet('Xếp loại - Cấp xã')!).get('unit:p-duc-xuan')!;
    expect(evalRow.getCell(FIRST_FIGURE_COLUMN + 5).value).toBe(90.9);
    // General (format id 0) reads back as no format at all.
    expect(evalRow.getCell(FIRST_FIGURE_COLUMN + 5).numFmt ?? 'General').toBe('General');
    expect(evalRow.getCell(FIRST_FIGURE_COLUMN + 6).value).toBe('Xuất sắc');
  });

  it('writes ratios as text (never dates), leaves blanks empty (never 0) and keeps statuses as italic text', () => {
    const copies = rowsByKey(wb.getWorksheet('Chứng thực điện tử')!).get('unit:p-duc-xuan')!;
    const ratio = copies.getCell(FIRST_FIGURE_COLUMN);
    expect(ratio.value).toBe('1/1');
    expect(ratio.type).toBe(ExcelJS.ValueType.String);
    expect(ratio.numFmt).toBe('@');
    const arising = copies.getCell(FIRST_FIGURE_COLUMN + 2);
    expect(arising.value).toBeNull();
    expect(arising.type).toBe(ExcelJS.ValueType.Null);
    const evalRow = rowsByKey(wb.getWorksheet('Xếp loại - Cấp xã')!).get('unit:p-duc-xuan')!;
    expect(evalRow.getCell(FIRST_FIGURE_COLUMN).value).toBeNull();
    const status = rowsByKey(wb.getWorksheet('Đúng hạn')!).get('unit:phong-kinh-te')!.getCell(FIRST_FIGURE_COLUMN);
    expect(status.value).toBe(STATUS);
    expect(status.type).toBe(ExcelJS.ValueType.String);
    expect(status.font.italic).toBe(true);
  });

  it('merges a status spanning a block, and every cell of the merge reads as that status', () => {
    const ws = wb.getWorksheet('Đúng hạn')!;
    expect(ws.model.merges).toContain('D6:D16');
    for (let r = 6; r <= 16; r++) expect(ws.getCell(r, FIRST_FIGURE_COLUMN).value).toBe(STATUS);
    // The overdue list: both blocks carry the status, merged separately per block (the block row stays apart).
    const overdue = wb.getWorksheet('Quá hạn')!;
    expect(overdue.model.merges).toEqual(expect.arrayContaining(['D6:D16', 'D18:D25']));
    // Departments' evaluation: the whole figure area is one rectangle.
    const dept = wb.getWorksheet('Xếp loại - Cấp thành phố')!;
    expect(dept.model.merges).toContain('D5:J15');
    expect(dept.getCell('J15').value).toBe(STATUS);
  });

  it('sets up printing: A4, landscape for wide sheets, one page wide, title rows repeated, frozen header, autofilter', () => {
    for (const ws of wb.worksheets.slice(1, -1)) {
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.fitToPage).toBe(true);
      expect(ws.pageSetup.fitToWidth).toBe(1);
      expect(ws.pageSetup.fitToHeight).toBe(0);
      expect(ws.pageSetup.printTitlesRow).toBe('1:4');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
      expect(ws.autoFilter).toBeTruthy();
    }
    expect(wb.getWorksheet('Đúng hạn')!.pageSetup.orientation).toBe('portrait');
    expect(wb.getWorksheet('Xếp loại - Cấp thành phố')!.pageSetup.orientation).toBe('landscape');
    expect(wb.getWorksheet('Xếp loại - Cấp xã')!.pageSetup.orientation).toBe('landscape');
    expect(wb.getWorksheet('Đúng hạn')!.autoFilter).toBe('A4:D25');
    expect(wb.getWorksheet('Đúng hạn')!.pageSetup.margins).toMatchObject({ left: 1.18, right: 0.59 });
  });

  it('uses Times New Roman, borders and column widths that fit the unit names', () => {
    const ws = wb.getWorksheet('Đúng hạn')!;
    // Wide enough that the longest name (38 characters) stays on one line: every unit row is one line tall.
    expect(ws.getColumn(NAME_COLUMN).width!).toBeGreaterThanOrEqual(26);
    for (const row of sample.tables[0]!.rows) expect(rowsByKey(ws).get(`unit:${row.unitId}`)!.height).toBeLessThan(20);
    const cell = ws.getCell(FIRST_DATA_ROW + 2, NAME_COLUMN);
    expect(cell.font.name).toBe('Times New Roman');
    expect(cell.border.left?.style).toBe('thin');
  });
});

describe('report workbook: summary', () => {
  it('lists issuer, period, total, rank, the six groups with score/max and their lines', () => {
    const ws = wb.getWorksheet(SUMMARY_SHEET)!;
    const k = rowsByKey(ws);
    expect(k.get('issuer')!.getCell(SUMMARY_COL.value).value).toBe('ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN');
    expect(k.get('period')!.getCell(SUMMARY_COL.value).value).toBe('tháng 7 năm 2024');
    expect(k.get('documentNumber')!.getCell(SUMMARY_COL.value).value).toBe('364/BC-UBND');
    expect(k.get('rankPosition')!.getCell(SUMMARY_COL.value).value).toBe(3);
    expect(k.get('rankOf')!.getCell(SUMMARY_COL.value).value).toBe(8);
    expect(k.get('total')!.getCell(SUMMARY_COL.score).value).toBe(88.4);
    expect(k.get('total')!.getCell(SUMMARY_COL.max).value).toBe(100);
    const groups = [...k.keys()].filter((key) => parseRowKey(key)?.kind === 'group');
    expect(groups).toEqual(['group:CKMB', 'group:TDGQ', 'group:CLGQ', 'group:TTTT', 'group:MDHL', 'group:MDSH']);
    const tdgq = k.get('group:TDGQ')!;
    expect(tdgq.getCell(STT_COLUMN).value).toBe('2');
    expect(tdgq.getCell(SUMMARY_COL.score).value).toBe(18.7);
    expect(tdgq.getCell(SUMMARY_COL.max).value).toBe(20);
    const synced = k.get('line:ckmb.synced')!;
    expect(synced.getCell(SUMMARY_COL.count).value).toBe(1025);
    expect(synced.getCell(SUMMARY_COL.count).numFmt).toBe('#,##0');
    expect(synced.getCell(SUMMARY_COL.rate).value).toBe(100);
    const partial = k.get('line:clgq.partial')!;
    expect(partial.getCell(SUMMARY_COL.count).value).toBe(39);
    expect(partial.getCell(SUMMARY_COL.count).numFmt).toBe('#,##0" TTHC"');
    expect(partial.getCell(SUMMARY_COL.rate).value).toBe(12.58);
    expect(partial.getCell(NAME_COLUMN).value).toBe('+ Tỷ lệ TTHC cung cấp DVCTT một phần');
    // A heading line has no figures at all; a line without a count leaves the count cell empty.
    const heading = k.get('line:clgq.services')!;
    expect(heading.getCell(SUMMARY_COL.count).value).toBeNull();
    expect(heading.getCell(SUMMARY_COL.rate).value).toBeNull();
    expect(k.get('line:tdgq.onTime')!.getCell(SUMMARY_COL.count).value).toBeNull();
    expect(k.get('line:mdsh.reuse')!.getCell(SUMMARY_COL.rate).value).toBe(0);
  });

  it('writes the document date and the data date as real Excel dates at local midnight', async () => {
    const r = sampleWithComputed();
    const buf = await reportXlsxBuffer(r);
    const back = await load(buf);
    const k = rowsByKey(back.getWorksheet(SUMMARY_SHEET)!);
    const docCell = k.get('documentDate')!.getCell(SUMMARY_COL.value);
    const asOfCell = k.get('dataAsOf')!.getCell(SUMMARY_COL.value);
    expect(docCell.numFmt).toBe('dd/mm/yyyy');
    expect((docCell.value as Date).toISOString()).toBe('2024-08-15T00:00:00.000Z');
    // The raw serial in the sheet XML: a whole day number, 15/08/2024 and 05/08/2024, not the day before.
    const xml = await zipEntry(buf, 'xl/worksheets/sheet1.xml');
    const serialOf = (address: string): number => Number(new RegExp(`<c r="${address}"[^>]*><v>([^<]+)</v>`).exec(xml)![1]);
    expect(serialOf(docCell.address)).toBe(isoToExcelSerial('2024-08-15'));
    expect(serialOf(asOfCell.address)).toBe(isoToExcelSerial('2024-08-05'));
    expect(serialOf(docCell.address)).toBe(45519);
  });

  it('writes a draft’s document date without a day as text and leaves an unknown data date empty', async () => {
    const r = loadSample();
    r.document = { ...r.document, number: null, date: { year: 2024, month: 8, day: null } };
    const back = await load(await reportXlsxBuffer(r));
    const k = rowsByKey(back.getWorksheet(SUMMARY_SHEET)!);
    expect(k.get('documentDate')!.getCell(SUMMARY_COL.value).value).toBe('…/08/2024');
    expect(k.get('documentNumber')!.getCell(SUMMARY_COL.value).value).toBe('…/BC-UBND');
    expect(k.get('dataAsOf')!.getCell(SUMMARY_COL.value).value).toBeNull();
  });
});

describe('blank template', () => {
  let tpl: ExcelJS.Workbook;
  beforeAll(async () => {
    tpl = await buildReportWorkbook(sample, { template: true });
    tpl = await load(new Uint8Array(await tpl.xlsx.writeBuffer()));
  });

  it('puts the instruction sheet first, then the same sheets, and is marked as a template', () => {
    expect(tpl.worksheets.map((w) => w.name)).toEqual([INSTRUCTIONS_SHEET, ...wb.worksheets.map((w) => w.name)]);
    expect(identityRecords(tpl).find((r) => r[0] === 'template')).toEqual(['template', 1]);
    const text: string[] = [];
    tpl.getWorksheet(INSTRUCTIONS_SHEET)!.eachRow((row) => row.eachCell((c) => text.push(String(c.value))));
    expect(text.join('\n')).toContain('Nhập Excel');
    expect(text.join('\n')).toContain('Không tổng hợp trên Hệ thống');
    expect(tpl.title).toBe('Mẫu nhập số liệu Bộ chỉ số 766 tháng 7 năm 2024');
    expect(rowsByKey(tpl.getWorksheet(SUMMARY_SHEET)!).get('subtitle')!.getCell(STT_COLUMN).value).toBe(
      'Mẫu nhập số liệu — Tháng 7 năm 2024 — thành phố Bắc Kạn',
    );
    expect(rowsByKey(tpl.getWorksheet('Đúng hạn')!).get('subtitle')!.getCell(STT_COLUMN).value).toBe(
      '(Mẫu nhập số liệu — Tháng 7 năm 2024 — thành phố Bắc Kạn)',
    );
  });

  it('has every unit row with empty, shaded figure cells and no statuses or table notes', () => {
    for (const table of sample.tables) {
      const rec = identityRecords(tpl).find((r) => r[0] === 'table' && r[1] === table.id)!;
      const ws = tpl.getWorksheet(rec[2] as string)!;
      const k = rowsByKey(ws);
      expect(k.has('note')).toBe(false);
      expect(ws.model.merges.filter((m) => Number(/\d+/.exec(m)![0]) >= FIRST_DATA_ROW)).toEqual([]);
      for (const row of table.rows) {
        const xr = k.get(`unit:${row.unitId}`)!;
        expect(xr.getCell(NAME_COLUMN).value).toBe(sample.units.find((u) => u.id === row.unitId)!.name);
        table.columns.forEach((col, i) => {
          const c = xr.getCell(FIRST_FIGURE_COLUMN + i);
          expect(c.value).toBeNull();
          expect((c.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFF2CC');
          if (col.type === 'ratio') expect(c.numFmt).toBe('@');
        });
      }
    }
    expect(identityRecords(tpl).filter((r) => r[0] === 'status' || r[0] === 'src')).toEqual([]);
    const k = rowsByKey(tpl.getWorksheet(SUMMARY_SHEET)!);
    expect(k.get('total')!.getCell(SUMMARY_COL.score).value).toBeNull();
    expect(k.get('group:CKMB')!.getCell(SUMMARY_COL.max).value).toBe(18);
    expect(k.get('rankOf')!.getCell(SUMMARY_COL.value).value).toBe(8);
    expect(k.get('rankPosition')!.getCell(SUMMARY_COL.value).value).toBeNull();
  });

  it('reads back into the cleared report (blank, never zero)', () => {
    const cleared = loadSample();
    const back = readBack(tpl, cleared);
    for (const t of back.tables) for (const row of t.rows) for (const v of Object.values(row.cells)) expect(v).toBeNull();
    expect(back.groups.every((g) => g.score === null)).toBe(true);
    expect(back.groups.flatMap((g) => g.lines).every((l) => (l.rate ?? null) === null && (l.count ?? null) === null)).toBe(true);
  });
});

describe('writing files and the CLI', () => {
  it('writes through the atomic writer and refuses a locked (read-only) file with “Hãy đóng tệp … rồi thử lại”', async () => {
    const path = join(dir, 'bao-cao.xlsx');
    await writeReportXlsx(sample, path);
    const back = await load(new Uint8Array(await readFile(path)));
    expect(back.worksheets[0]!.name).toBe(SUMMARY_SHEET);
    const locked = join(dir, 'dang-mo.xlsx');
    await writeFile(locked, 'old content');
    await chmod(locked, 0o444);
    await expect(writeReportXlsx(sample, locked)).rejects.toThrow(/^Hãy đóng tệp “dang-mo\.xlsx” rồi thử lại\./);
    expect(await readFile(locked, 'utf8')).toBe('old content');
  });

  it('export and template commands write workbooks; a locked target gives one Vietnamese line and exit 2', async () => {
    const json = join(dir, 'r.json');
    await writeFile(json, serializeReport(sample));
    const err: string[] = [];
    const io = { stdout: () => {}, stderr: (t: string) => err.push(t) };
    const out = join(dir, 'xuat.xlsx');
    expect(await runCli(['export', json, '--xlsx', out], io)).toBe(0);
    expect((await load(new Uint8Array(await readFile(out)))).getWorksheet('Đúng hạn')).toBeTruthy();
    const tplOut = join(dir, 'mau.xlsx');
    expect(await runCli(['template', json, '--xlsx', tplOut], io)).toBe(0);
    expect((await load(new Uint8Array(await readFile(tplOut)))).worksheets[0]!.name).toBe(INSTRUCTIONS_SHEET);
    const locked = join(dir, 'khoa.xlsx');
    await writeFile(locked, 'x');
    await chmod(locked, 0o444);
    err.length = 0;
    expect(await runCli(['export', json, '--xlsx', locked], io)).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^Hãy đóng tệp “khoa\.xlsx” rồi thử lại\./);
    err.length = 0;
    expect(await runCli(['export', json], io)).toBe(2);
    expect(err[0]).toContain('--xlsx');
  });
});

describe('layout contract details', () => {
  it('names sheets uniquely within Excel’s rules: block suffix, then a number, at most 31 characters', () => {
    const r = loadSample();
    const units = r.units.map((u) => u.id);
    r.tables.push(emptyTable('onTime', 'dung-han-2', units), emptyTable('evaluation', 'xep-loai-tat-ca', units));
    r.tables.push({ ...emptyTable('overdue', 'qua-han-xa', units.slice(11)), title: 'Quá hạn [cấp xã]' });
    const names = tableSheetNames(r);
    expect(names.get('dung-han')).toBe('Đúng hạn');
    expect(names.get('dung-han-2')).toBe('Đúng hạn (2)');
    expect(names.get('xep-loai-thanh-pho')).toBe('Xếp loại - Cấp thành phố');
    expect(names.get('xep-loai-tat-ca')).toBe('Xếp loại');
    expect(names.get('qua-han-xa')).toBe('Quá hạn - Cấp xã');
    const all = [...names.values()];
    expect(new Set(all.map((n) => n.toLowerCase())).size).toBe(all.length);
    for (const n of all) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[\\/?*[\]:]/);
    }
  });

  it('writes a table without rows (no autofilter) and NFC-normalises text given in NFD', async () => {
    const r = loadSample();
    r.units[0]!.name = 'Phòng Kinh tế'.normalize('NFD');
    r.tables.push(emptyTable('onlinePayment', 'trong', []));
    const back = await load(await reportXlsxBuffer(r));
    const empty = back.getWorksheet('Thanh toán trực tuyến (2)')!;
    expect(empty.autoFilter).toBeFalsy();
    expect(empty.getCell(TABLE_HEADER_ROWS[0], FIRST_FIGURE_COLUMN).value).toBe('Tỷ lệ (%)');
    const name = rowsByKey(back.getWorksheet('Đúng hạn')!).get('unit:phong-kinh-te')!.getCell(NAME_COLUMN).value as string;
    expect(name).toBe('Phòng Kinh tế'.normalize('NFC'));
    expect(name.normalize('NFC')).toBe(name);
  });

  it('a computed marker no longer applies once the clerk retypes the figure, and a filled template reads back', async () => {
    const r = sampleWithComputed();
    const edited = await load(await reportXlsxBuffer(r));
    rowsByKey(edited.getWorksheet('Đúng hạn')!).get('unit:phong-ldtbxh')!.getCell(FIRST_FIGURE_COLUMN).value = 96;
    const back = readBack(await load(new Uint8Array(await edited.xlsx.writeBuffer())), loadSample());
    expect(back.tables[0]!.rows[1]!.cells.rate).toEqual({ t: 'num', v: 96 });

    // A clerk fills the template: a rate, a ratio typed as text, a status in a label column, a score.
    const tpl = await load(await reportXlsxBuffer(sample, { template: true }));
    const copies = rowsByKey(tpl.getWorksheet('Chứng thực điện tử')!).get('unit:p-duc-xuan')!;
    copies.getCell(FIRST_FIGURE_COLUMN).value = '1/1';
    copies.getCell(FIRST_FIGURE_COLUMN + 1).value = 1370;
    const dept = rowsByKey(tpl.getWorksheet('Xếp loại - Cấp xã')!).get('unit:p-duc-xuan')!;
    dept.getCell(FIRST_FIGURE_COLUMN + 5).value = 90.9;
    dept.getCell(FIRST_FIGURE_COLUMN + 6).value = 'Xuất sắc';
    rowsByKey(tpl.getWorksheet(SUMMARY_SHEET)!).get('group:TDGQ')!.getCell(SUMMARY_COL.score).value = 18.7;
    const filled = readBack(await load(new Uint8Array(await tpl.xlsx.writeBuffer())), loadSample());
    const cell = (tableId: string, unitId: string, col: string) => filled.tables.find((t) => t.id === tableId)!.rows.find((x) => x.unitId === unitId)!.cells[col];
    expect(cell('chung-thuc', 'p-duc-xuan', 'deployed')).toEqual({ t: 'ratio', n: 1, d: 1 });
    expect(cell('chung-thuc', 'p-duc-xuan', 'completed')).toEqual({ t: 'num', v: 1370 });
    expect(cell('chung-thuc', 'p-duc-xuan', 'arising')).toBeNull();
    expect(cell('xep-loai-xa', 'p-duc-xuan', 'total')).toEqual({ t: 'num', v: 90.9 });
    expect(cell('xep-loai-xa', 'p-duc-xuan', 'class')).toEqual({ t: 'text', v: 'Xuất sắc' });
    expect(cell('dung-han', 'p-duc-xuan', 'rate')).toBeNull();
    expect(filled.groups[1]!.score).toBe(18.7);
    expect(filled.groups[0]!.score).toBeNull();
  });
});
