// Checked zips (issue 14.1): both readers verify every part they read against its CRC-32 and declared size, refuse duplicate part names, and apply the size guards to every inflate.
import { crc32, deflateRawSync, constants as zc } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../core/files/errors';
import { readSpreadsheetBytes } from '../../core/xlsx/read';
import { streamRows } from '../../core/xlsx/stream';
import { buildZip, removeHostileDirs, hostileDir, partData, probe, sheetXml, sstXml, workbookParts, writeTemp, type Part } from '../helpers/hostile-zip';

afterAll(() => removeHostileDirs());

const CHECKSUM = /^Tệp bị hỏng: “[^”]+” \(phần [^)]+\) không khớp mã kiểm tra; hãy tải hoặc sao chép lại tệp\.$/;

async function tableRefusal(bytes: Buffer, name: string): Promise<UserFacingError> {
  try {
    const data = await readSpreadsheetBytes(bytes, name);
    throw new Error(`accepted: ${JSON.stringify(data.sheets[0]?.rows)}`);
  } catch (err) {
    if (!(err instanceof UserFacingError)) throw err;
    expect(err.message).not.toMatch(/\n|at .*\(/);
    return err;
  }
}

async function streamAll(path: string): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for await (const r of streamRows(path)) rows.push([r.row, ...r.values]);
  return rows;
}

async function streamRefusal(path: string): Promise<UserFacingError> {
  try {
    const rows = await streamAll(path);
    throw new Error(`accepted: ${JSON.stringify(rows)}`);
  } catch (err) {
    if (!(err instanceof UserFacingError)) throw err;
    expect(err.message).not.toMatch(/\n|at .*\(/);
    return err;
  }
}

/** A per-unit table: "Sông Cầu" with 94,12 %, one row of numbers written as plain <v> cells. */
const UNIT_SHEET = sheetXml(
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
    '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>94.12</v></c></row>' +
    '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3"><v>87.5</v></c></row>',
);
const UNIT_STRINGS = sstXml(['Tên đơn vị', 'Tỷ lệ (%)', 'Sông Cầu', 'Đồng Xuân']);

/** The same zip with one byte of a part's stored or compressed data changed (the CRC left as it was). */
function flipped(zip: Buffer, part: string, at: (d: Buffer) => number, to: (b: number) => number): Buffer {
  const copy = Buffer.from(zip);
  const { start, length } = partData(copy, part);
  const i = start + at(copy.subarray(start, start + length));
  copy[i] = to(copy[i]!);
  return copy;
}

describe('CRC-32 and declared sizes, table reader', () => {
  it('a stored sheet part with a changed digit (9 → 1) and the old CRC is refused, not read as 14,12', async () => {
    const good = buildZip(workbookParts({ data: UNIT_SHEET, store: true }, { data: UNIT_STRINGS }));
    const ok = await readSpreadsheetBytes(good, 'don-vi.xlsx');
    expect(ok.sheets[0]!.rows[1]).toEqual(['Sông Cầu', 94.12]);
    const bad = flipped(good, 'xl/worksheets/sheet1.xml', (d) => d.indexOf('94.12'), () => '1'.charCodeAt(0));
    const e = await tableRefusal(bad, 'don-vi.xlsx');
    expect(e.code).toBe('FILE_CHECKSUM');
    expect(e.message).toMatch(CHECKSUM);
    expect(e.message).toContain('xl/worksheets/sheet1.xml');
  });

  it('a part whose declared CRC is wrong is refused even when its data is intact', async () => {
    const zip = buildZip(workbookParts({ data: UNIT_SHEET, crc: 0x12345678 }, { data: UNIT_STRINGS }));
    expect((await tableRefusal(zip, 'a.xlsx')).code).toBe('FILE_CHECKSUM');
  });

  it('every single-byte change of the compressed shared strings is refused or gives the same table', async () => {
    const good = buildZip(workbookParts({ data: UNIT_SHEET }, { data: UNIT_STRINGS }));
    const expected = (await readSpreadsheetBytes(good, 'a.xlsx')).sheets;
    const { length } = partData(good, 'xl/sharedStrings.xml');
    let refused = 0;
    for (let k = 0; k < length; k++) {
      const bad = flipped(good, 'xl/sharedStrings.xml', () => k, (b) => b ^ 0x10);
      try {
        expect((await readSpreadsheetBytes(bad, 'a.xlsx')).sheets).toEqual(expected);
      } catch (err) {
        expect(err).toBeInstanceOf(UserFacingError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(length / 2);
  });

  it('a part longer or shorter than its declared size is refused', async () => {
    const longer = buildZip(workbookParts({ data: UNIT_SHEET, size: UNIT_SHEET.length - 10 }, { data: UNIT_STRINGS }));
    expect((await tableRefusal(longer, 'a.xlsx')).code).toMatch(/^FILE_(CHECKSUM|CORRUPT)$/);
    const shorter = buildZip(workbookParts({ data: UNIT_SHEET, size: UNIT_SHEET.length + 10 }, { data: UNIT_STRINGS }));
    expect((await tableRefusal(shorter, 'a.xlsx')).code).toMatch(/^FILE_(CHECKSUM|CORRUPT)$/);
  });

  it('two parts with the same name are refused (neither is silently chosen)', async () => {
    const other = sheetXml('<row r="1"><c r="A1" t="s"><v>2</v></c><c r="B1"><v>14.12</v></c></row>');
    const zip = buildZip([...workbookParts({ data: UNIT_SHEET }, { data: UNIT_STRINGS }), { name: 'xl/worksheets/sheet1.xml', data: other }]);
    const e = await tableRefusal(zip, 'trung.xlsx');
    expect(e.code).toBe('FILE_ZIP_DUPLICATE');
    expect(e.message).toContain('xl/worksheets/sheet1.xml');
    // Names that differ only by case or by a backslash are the same part for Excel.
    const zip2 = buildZip([...workbookParts({ data: UNIT_SHEET }, { data: UNIT_STRINGS }), { name: 'XL\\worksheets\\Sheet1.xml', data: other }]);
    expect((await tableRefusal(zip2, 'trung.xlsx')).code).toBe('FILE_ZIP_DUPLICATE');
  });
});

describe('parts the table reader could take for another', () => {
  it('a look-alike sheet part ("a/xl/worksheets/sheet1.xml", "…sheet1.xml.bak") is not read in place of the real one', async () => {
    const other = sheetXml('<row r="1"><c r="A1" t="s"><v>2</v></c><c r="B1"><v>14.12</v></c></row>');
    for (const name of ['a/xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml.bak']) {
      const zip = buildZip([...workbookParts({ data: UNIT_SHEET }, { data: UNIT_STRINGS }), { name, data: other }]);
      const data = await readSpreadsheetBytes(zip, 'a.xlsx');
      expect(data.sheets).toHaveLength(1);
      expect(data.sheets[0]!.rows[1]).toEqual(['Sông Cầu', 94.12]);
    }
  });
});

describe('CRC-32 and declared sizes, dossier stream reader', () => {
  const LIST = sheetXml(
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
      Array.from({ length: 40 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>${3 + (i % 2)}</v></c><c r="B${i + 2}"><v>${45000 + i}</v></c><c r="C${i + 2}"><v>${i % 3 === 0 ? 1 : 0}</v></c></row>`).join(''),
  );
  const LIST_STRINGS = sstXml(['Đơn vị', 'Ngày', 'Đúng hạn', 'Phòng Tư pháp', 'UBND xã Sông Cầu']);

  it('a stored sheet part with a changed figure and the old CRC is refused', async () => {
    const dir = await hostileDir();
    const good = buildZip(workbookParts({ data: LIST, store: true }, { data: LIST_STRINGS }));
    const rows = await streamAll(await writeTemp(dir, 'ok.xlsx', good));
    expect(rows[1]).toEqual([2, 'Phòng Tư pháp', 45000, 1]);
    // The first on-time flag 1 becomes 0: an on-time rate that would silently change.
    const bad = flipped(good, 'xl/worksheets/sheet1.xml', (d) => d.indexOf('<c r="C2"><v>1</v>') + 13, () => '0'.charCodeAt(0));
    const e = await streamRefusal(await writeTemp(dir, 'bad.xlsx', bad));
    expect(e.code).toBe('FILE_CHECKSUM');
    expect(e.message).toMatch(CHECKSUM);
  });

  it('a wrong CRC on the shared strings is refused before any row is given out', async () => {
    const dir = await hostileDir();
    const zip = buildZip(workbookParts({ data: LIST }, { data: LIST_STRINGS, crc: 7 }));
    const path = await writeTemp(dir, 'sst.xlsx', zip);
    let given = 0;
    await expect(
      (async () => {
        for await (const _ of streamRows(path)) given++;
      })(),
    ).rejects.toMatchObject({ code: 'FILE_CHECKSUM' });
    expect(given).toBe(0);
  });

  it('every single-byte change of the compressed sheet is refused or gives the same rows', async () => {
    const dir = await hostileDir();
    const good = buildZip(workbookParts({ data: LIST }, { data: LIST_STRINGS }));
    const expected = await streamAll(await writeTemp(dir, 'ok.xlsx', good));
    const { length } = partData(good, 'xl/worksheets/sheet1.xml');
    let refused = 0;
    for (let k = 0; k < length; k += 3) {
      const path = await writeTemp(dir, `f${k}.xlsx`, flipped(good, 'xl/worksheets/sheet1.xml', () => k, (b) => b ^ 0x04));
      try {
        expect(await streamAll(path)).toEqual(expected);
      } catch (err) {
        expect(err).toBeInstanceOf(UserFacingError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(length / 3 / 2);
  });

  it('two sheet parts with the same name are refused', async () => {
    const dir = await hostileDir();
    const zip = buildZip([...workbookParts({ data: LIST }, { data: LIST_STRINGS }), { name: 'xl/worksheets/sheet1.xml', data: sheetXml('') }]);
    const e = await streamRefusal(await writeTemp(dir, 'dup.xlsx', zip));
    expect(e.code).toBe('FILE_ZIP_DUPLICATE');
  });

  it('a part longer than declared stops at the declared size', async () => {
    const dir = await hostileDir();
    const zip = buildZip(workbookParts({ data: LIST, size: 100 }, { data: LIST_STRINGS }));
    expect((await streamRefusal(await writeTemp(dir, 'lie.xlsx', zip))).code).toBe('FILE_CHECKSUM');
  });
});

/** A deflated body of `prefix`, then `count` × `unit` (each 1 MB block compressed once and repeated), then `suffix`. */
function repeatedBody(prefix: string, unit: Buffer, count: number, suffix: string): { body: Buffer; crc: number; size: number } {
  const flush = { finishFlush: zc.Z_FULL_FLUSH };
  const block = deflateRawSync(unit, flush);
  const parts = [deflateRawSync(Buffer.from(prefix), flush)];
  let crc = crc32(prefix);
  for (let i = 0; i < count; i++) {
    parts.push(block);
    crc = crc32(unit, crc);
  }
  parts.push(deflateRawSync(Buffer.from(suffix)));
  crc = crc32(suffix, crc);
  return { body: Buffer.concat(parts), crc, size: Buffer.byteLength(prefix) + unit.length * count + Buffer.byteLength(suffix) };
}

describe('size guards on the dossier path (a small zip that inflates to 1,5 GB)', () => {
  const MB = 1024 * 1024;
  const unit = Buffer.alloc(MB, 'a');

  function bomb(kind: 'si' | 'row', declared: 'honest' | 'small'): Buffer {
    const NSX = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const big =
      kind === 'si'
        ? repeatedBody(`<?xml version="1.0"?><sst ${NSX}><si><t>`, unit, 1500, '</t></si></sst>')
        : repeatedBody(`<?xml version="1.0"?><worksheet ${NSX}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`, unit, 1500, '</t></is></c></row></sheetData></worksheet>');
    const lie = declared === 'small' ? { size: 200_000, crc: big.crc } : { size: big.size, crc: big.crc };
    const bigPart: Omit<Part, 'name'> = { data: Buffer.alloc(0), body: big.body, ...lie };
    const parts =
      kind === 'si'
        ? workbookParts({ data: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }, bigPart)
        : workbookParts(bigPart);
    return buildZip(parts);
  }

  for (const kind of ['si', 'row'] as const) {
    for (const declared of ['honest', 'small'] as const) {
      it(`a 1,5 GB <${kind}> (${declared === 'honest' ? 'declared' : 'declared as 200 KB'}) is refused quickly`, async () => {
        const dir = await hostileDir();
        const zip = bomb(kind, declared);
        expect(zip.length).toBeLessThan(3 * MB);
        const result = await probe('stream', await writeTemp(dir, `${kind}-${declared}.xlsx`, zip), { heapMb: 512 });
        expect(result).toMatchObject({ kind: 'refused' });
        if (result.kind === 'refused') expect(result.code).toMatch(declared === 'honest' ? /^FILE_ZIP_BOMB$/ : /^FILE_CHECKSUM$/);
      });
    }
  }
});
