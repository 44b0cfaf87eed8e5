// The sheet scanner's one-pass reading of plain rows (SheetScanner.plainCells) against its general reading (cells):
// the same rows, values, formats and refusals on every shape, plain or not, cut into chunks anywhere.
import { describe, expect, it } from 'vitest';
import { SheetScanner, type SheetRow } from '../../core/xlsx/sheet-xml';
import { random as prng } from '../helpers/dossier-lists';
import { DEFAULT_SHEET_LIMITS, parseStyles, SharedStringsParser, SheetXmlError, textOfRuns, type SheetLimits } from '../../core/xlsx/xml-parts';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const STRINGS = ['Mã hồ sơ', 'UBND phường Đức Xuân', 'Trực tuyến', 'Đã trả kết quả', '', 'Có'];
// Style 1 is a date format, style 2 a percentage, style 0 general.
const STYLES = parseStyles(
  '<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts>' +
    '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs></styleSheet>',
);

type Outcome = { rows: SheetRow[] } | { error: string };

/** Rows the one-pass reading took, over all scans (so the comparison is never between two general readings). */
let plainRowsRead = 0;

function scan(xml: string, plainRows: boolean, chunk: number, withFormats: boolean, limits: Partial<SheetLimits> = {}): Outcome {
  const scanner = new SheetScanner(STRINGS, STYLES, false, withFormats, limits, { plainRows });
  const rows: SheetRow[] = [];
  try {
    for (let i = 0; i < xml.length; i += chunk) scanner.push(xml.slice(i, i + chunk), rows);
    scanner.end();
  } catch (err) {
    if (err instanceof SheetXmlError) return { error: `${err.kind}: ${err.detail}` };
    throw err;
  } finally {
    plainRowsRead += scanner.plainRows;
  }
  return { rows };
}

function col(n: number): string {
  let s = '';
  for (let c = n + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** One cell: mostly the plain shapes exporters write, sometimes one of the shapes only cells() reads or refuses. */
function cell(rnd: () => number, c: number, row: number, allowOdd: boolean): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const ref = rnd() < 0.9 ? ` r="${col(c)}${row}"` : '';
  const odd = allowOdd && rnd() < 0.25;
  if (!odd) {
    return pick([
      `<c${ref} t="s"><v>${Math.floor(rnd() * STRINGS.length)}</v></c>`,
      `<c${ref}><v>${Math.floor(rnd() * 100000)}</v></c>`,
      `<c${ref} s="1"><v>${(45000 + rnd() * 400).toFixed(pick([0, 5, 11]))}</v></c>`,
      `<c${ref} s="2" t="n"><v>${(rnd() * 2 - 1).toFixed(4)}</v></c>`,
      `<c${ref} t="inlineStr"><is><t>Sông Cầu &amp; ${Math.floor(rnd() * 9)}</t></is></c>`,
      `<c${ref} t="inlineStr"><is><t xml:space="preserve"> Hà Giang _x0041_ </t></is></c>`,
      `<c${ref} s="0"/>`,
      `<c${ref}><v>-${Math.floor(rnd() * 900)}</v></c>`,
    ]);
  }
  return pick([
    `<c${ref} t="s"><v>99</v></c>`, // no such shared string: refused
    `<c${ref} t="str"><f>A1</f><v>kết quả</v></c>`,
    `<c${ref} t="b"><v>1</v></c>`,
    `<c${ref} t="e"><v>#N/A</v></c>`,
    `<c${ref}><v>1e3</v></c>`,
    `<c${ref}><v>0x50</v></c>`, // refused
    `<c${ref}><v>1.</v></c>`,
    `<c${ref}><v>+7</v></c>`,
    `<c${ref}><v>12345678901234567</v></c>`,
    `<c${ref}><v></v></c>`,
    `<c${ref}></c>`,
    `<c${ref} t='s'><v>1</v></c>`,
    `<c r="${col(c).toLowerCase()}${row}"><v>3</v></c>`,
    `<c r="${col(c)}${row + 1}"><v>3</v></c>`, // another row's reference: refused
    `<c r="XFE${row}"><v>3</v></c>`, // beyond XFD: refused
    `<c${ref} t="inlineStr"><is><r><t>rich</t></r><t> text</t></is></c>`,
    `<c${ref} t="inlineStr"><is><t>&#0;</t></is></c>`, // no character: refused
    `<c${ref} cm="1"><v>4</v></c>`,
    `<c${ref}\n t="s"><v>2</v></c>`,
    `<c${ref}><f>SUM(A1:A2)</f><v>9</v></c>`,
    `<c${ref}><v>5</v>`, // no </c>: refused
    `<c${ref} t="x"><v>5</v></c>`, // unknown type: refused
  ]);
}

function sheet(rnd: () => number, rows: number, oddRows: boolean): string {
  const out: string[] = [];
  for (let r = 1; r <= rows; r++) {
    const cells: string[] = [];
    const width = 1 + Math.floor(rnd() * 14);
    let c = 0;
    for (let k = 0; k < width; k++) {
      c += rnd() < 0.2 ? 2 : 1;
      cells.push(cell(rnd, c, r, oddRows));
      if (rnd() < 0.05) cells.push('\n  ');
    }
    out.push(`<row r="${r}">${cells.join('')}</row>`);
  }
  return `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData>${out.join('')}</sheetData></worksheet>`;
}

describe('plain rows read in one pass give exactly what the general reading gives', () => {
  it('on the plain shapes of an exported dossier list, cut into chunks anywhere', () => {
    const rnd = prng(766);
    plainRowsRead = 0;
    for (let n = 0; n < 40; n++) {
      const xml = sheet(rnd, 60, false);
      const chunk = 7 + Math.floor(rnd() * 4000);
      for (const withFormats of [false, true]) {
        const plain = scan(xml, true, chunk, withFormats);
        expect(plain, `sheet ${n}, chunk ${chunk}`).toEqual(scan(xml, false, chunk, withFormats));
        expect('rows' in plain ? plain.rows.length : -1).toBeGreaterThan(0);
      }
    }
    // Every row of these sheets is plain (40 sheets × 60 rows, read twice with the one-pass reading).
    expect(plainRowsRead).toBe(40 * 60 * 2);
  });

  it('on rows that mix plain cells with the shapes only the general reading reads or refuses', () => {
    let refused = 0;
    let read = 0;
    plainRowsRead = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const rnd = prng(seed);
      const xml = sheet(rnd, 1 + Math.floor(rnd() * 6), true);
      const chunk = 5 + Math.floor(rnd() * 600);
      const plain = scan(xml, true, chunk, seed % 2 === 0);
      expect(plain, `seed ${seed}`).toEqual(scan(xml, false, chunk, seed % 2 === 0));
      if ('error' in plain) refused++;
      else read++;
    }
    // Both kinds of outcome were exercised, and the one-pass reading took part.
    expect(plainRowsRead).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(40);
    expect(read).toBeGreaterThan(40);
  });

  it('a value longer than the cell limit is refused by both readings, whatever its shape', () => {
    const row = (content: string) => `<worksheet xmlns="${NS}"><sheetData><row r="1">${content}</row></sheetData></worksheet>`;
    const cases = [
      '<c r="A1"><v>123456</v></c>', // a whole number
      '<c r="A1"><v>-12345</v></c>', // a negative whole number
      '<c r="A1" t="s"><v>00001</v></c>', // a shared string's index with leading zeros
      '<c r="A1"><v>12.345</v></c>', // a decimal
      '<c r="A1" t="inlineStr"><is><t>abcdef</t></is></c>', // an inline string
    ];
    for (const content of cases) {
      const general = scan(row(content), false, 1 << 20, false, { maxCellChars: 3 });
      expect(general, content).toEqual({ error: 'limit: ô A1 dài hơn 3 ký tự' });
      expect(scan(row(content), true, 1 << 20, false, { maxCellChars: 3 }), content).toEqual(general);
    }
    // Within the limit, both read it.
    expect(scan(row('<c r="A1"><v>123</v></c>'), true, 1 << 20, false, { maxCellChars: 3 })).toEqual({ rows: [{ row: 1, values: [123] }] });
  });

  it('reads dates, decimals, negative numbers, inline strings and gaps of an exported row', () => {
    const xml =
      `<worksheet xmlns="${NS}"><sheetData><row r="4"><c r="A4"><v>1</v></c><c r="B4" t="s"><v>1</v></c>` +
      `<c r="D4" s="1"><v>45307.5</v></c><c r="E4" t="inlineStr"><is><t>A &amp; B</t></is></c><c r="F4"><v>-2.25</v></c>` +
      `<c r="G4" s="2"/></row></sheetData></worksheet>`;
    const out = scan(xml, true, 1 << 20, true);
    expect(out).toEqual({
      rows: [
        {
          row: 4,
          values: [1, 'UBND phường Đức Xuân', null, new Date(Date.UTC(2024, 0, 16, 12)), 'A & B', -2.25],
          formats: [undefined, undefined, undefined, 'dd/mm/yyyy hh:mm', undefined, undefined],
        },
      ],
    });
  });
});

describe('shared strings written as one plain run give what the general reading of runs gives', () => {
  it('on plain, preserved, escaped, rich, phonetic and empty strings, cut into chunks anywhere', () => {
    const shapes = [
      '<t>UBND phường Đức Xuân</t>',
      '<t xml:space="preserve"> Trực tuyến </t>',
      '<t>Văn phòng HĐND&amp;UBND &#7843; _x0041_</t>',
      '<t>Ho\u0300a</t>', // a decomposed "ò" (o + U+0300), made NFC by both readings
      '<r><rPr><b/></rPr><t>Đã trả</t></r><r><t xml:space="preserve"> kết quả</t></r>',
      '<t>Hà</t><rPh sb="0" eb="1"><t>ha</t></rPh>',
      '<t/>',
      '<t></t>',
      '<t>a</t><t>b</t>',
    ];
    const rnd = prng(1258);
    const fragments = Array.from({ length: 3000 }, () => shapes[Math.floor(rnd() * shapes.length)]!);
    const xml = `<?xml version="1.0"?><sst xmlns="${NS}">${fragments.map((f) => `<si>${f}</si>`).join('')}</sst>`;
    const expected = fragments.map((f) => textOfRuns(f, '', DEFAULT_SHEET_LIMITS).normalize('NFC'));
    for (const chunk of [13, 257, 4096, 1 << 20]) {
      const parser = new SharedStringsParser();
      for (let i = 0; i < xml.length; i += chunk) parser.push(xml.slice(i, i + chunk));
      expect(parser.strings).toEqual(expected);
    }
    expect(expected).toContain('H\u00f2a');
    expect(expected).toContain('Đã trả kết quả');
  });

  it('a plain string longer than the cell limit is refused as the general reading refuses it', () => {
    const parser = new SharedStringsParser({ maxCellChars: 10 });
    expect(() => parser.push(`<sst xmlns="${NS}"><si><t>${'x'.repeat(11)}</t></si></sst>`)).toThrow(/dài hơn 10 ký tự/);
    expect(() => textOfRuns(`<t>${'x'.repeat(11)}</t>`, '', { ...DEFAULT_SHEET_LIMITS, maxCellChars: 10 })).toThrow(/dài hơn 10 ký tự/);
  });
});
