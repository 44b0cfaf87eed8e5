// The report as an editable Word document (core/docx): the seed sample and the 130-commune report written as .docx
// and read back from the zip's XML — text, styles, page setup, tables.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { renderReportDocx } from '../../core/docx/render';
import { UserFacingError } from '../../core/files/errors';
import { loadSample, serializeReport } from '../../core/model/report';
import { makeBigReport } from '../helpers/big-report';
import { all, child, docxDocument, parseXml, textOf, type XmlEl } from '../helpers/docx';
import { SEED_FIGURES, SEED_ORDER, SEED_ROWS } from '../helpers/seed-text';

const flat = (s: string) => s.replace(/\s+/g, ' ');
const attr = (el: XmlEl | undefined, name: string) => el?.attrs[name];
const rPr = (p: XmlEl) => all(p, 'w:r').map((r) => child(r, 'w:rPr'));
/** The run properties of a paragraph style in styles.xml (table cells refer to named styles). */
function styleRunProps(p: XmlEl): XmlEl | undefined {
  const id = attr(child(child(p, 'w:pPr'), 'w:pStyle'), 'w:val');
  if (!id) return undefined;
  const styles = parseXml(sample.parts.get('word/styles.xml')!);
  return child(
    all(styles, 'w:style').find((st) => attr(st, 'w:styleId') === id),
    'w:rPr',
  );
}
/** Run properties of a paragraph's first run (or of its paragraph style): bold, italic, underline, size in pt, font. */
function runStyle(p: XmlEl): { bold: boolean; italic: boolean; underline: boolean; size: number; font: string | undefined } {
  const pr = child(all(p, 'w:r')[0], 'w:rPr')?.children.length ? rPr(p)[0] : (styleRunProps(p) ?? rPr(p)[0]);
  // An on/off property is on when present without w:val="false" (or "0").
  const on = (name: string) => {
    const el = child(pr, name);
    return !!el && el.attrs['w:val'] !== 'false' && el.attrs['w:val'] !== '0';
  };
  return {
    bold: on('w:b'),
    italic: on('w:i'),
    underline: !!child(pr, 'w:u') && attr(child(pr, 'w:u'), 'w:val') !== 'none',
    size: Number(attr(child(pr, 'w:sz'), 'w:val')) / 2,
    font: attr(child(pr, 'w:rFonts'), 'w:ascii'),
  };
}
const paragraphs = (el: XmlEl) => all(el, 'w:p');
const para = (el: XmlEl, text: string): XmlEl => {
  const hit = paragraphs(el).find((p) => textOf(p) === text);
  if (!hit) throw new Error(`no paragraph “${text}”`);
  return hit;
};
const pPr = (p: XmlEl) => child(p, 'w:pPr');

let dir: string;
let sample: { parts: Map<string, string>; doc: XmlEl; body: XmlEl };
let draft: { parts: Map<string, string>; doc: XmlEl; body: XmlEl };
let big: { parts: Map<string, string>; doc: XmlEl; body: XmlEl };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bc766-docx-'));
  sample = await docxDocument(await renderReportDocx(loadSample(), { mode: 'final' }));
  draft = await docxDocument(await renderReportDocx(loadSample(), { mode: 'draft' }));
  big = await docxDocument(await renderReportDocx(makeBigReport({ communes: 130 }), { mode: 'draft' }));
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the seed sample as DOCX', () => {
  it('holds every fixed phrase in document order and every Part I figure, all in NFC', () => {
    const text = flat(paragraphs(sample.body).map(textOf).join(' '));
    let at = -1;
    for (const part of SEED_ORDER) {
      const i = text.indexOf(part, at + 1);
      expect(i, `“${part}” after position ${at}`).toBeGreaterThan(at);
      at = i;
    }
    for (const f of SEED_FIGURES) expect(text, f).toContain(f);
    expect(text).toContain('Số: 364/BC-UBND');
    expect(text).toContain('TP. Bắc Kạn, ngày 15 tháng 8 năm 2024');
    // The electronic copies table has no title of its own, as in the PDF.
    expect(text).not.toContain('SỐ LIỆU CUNG CẤP DỊCH VỤ CHỨNG THỰC');
    const xml = sample.parts.get('word/document.xml')!;
    expect(xml).toBe(xml.normalize('NFC'));
  });

  it('prints every unit row of every table as a Word table row with its figures', () => {
    const rows = all(sample.body, 'w:tr').map((tr) => flat(all(tr, 'w:tc').map(textOf).join(' ')).trim());
    for (const [name, figure] of SEED_ROWS) {
      const tail = new RegExp(`\\s${figure}$`);
      expect(
        rows.some((r) => r.includes(name) && tail.test(r)),
        `${name} … ${figure}`,
      ).toBe(true);
    }
    expect(rows).toContain('11 Thanh tra');
    expect(rows).toContain('I Cấp thành phố');
  });

  it('is A4 portrait with the Nghị định 30 margins and page numbers centred in the header from page 2', () => {
    const sect = child(sample.body, 'w:sectPr')!;
    const size = child(sect, 'w:pgSz');
    // 210 × 297 mm in twentieths of a point.
    expect(Number(attr(size, 'w:w'))).toBe(Math.round((210 / 25.4) * 1440));
    expect(Number(attr(size, 'w:h'))).toBe(Math.round((297 / 25.4) * 1440));
    const mar = child(sect, 'w:pgMar');
    const mm = (name: string) => (Number(attr(mar, name)) / 1440) * 25.4;
    expect(mm('w:top')).toBeCloseTo(20, 1);
    expect(mm('w:bottom')).toBeCloseTo(20, 1);
    expect(mm('w:left')).toBeCloseTo(30, 1);
    expect(mm('w:right')).toBeCloseTo(15, 1);
    // A different first page: its header is empty; the default header holds a centred PAGE field in 13 pt.
    expect(child(sect, 'w:titlePg')).toBeDefined();
    const refs = all(sect, 'w:headerReference');
    const target = (type: string) => {
      const id = attr(
        refs.find((r) => attr(r, 'w:type') === type),
        'r:id',
      );
      const rels = parseXml(sample.parts.get('word/_rels/document.xml.rels')!);
      return 'word/' + attr(
        all(rels, 'Relationship').find((r) => attr(r, 'Id') === id),
        'Target',
      );
    };
    const first = parseXml(sample.parts.get(target('first'))!);
    expect(textOf(first)).toBe('');
    expect(all(first, 'w:instrText')).toHaveLength(0);
    const header = parseXml(sample.parts.get(target('default'))!);
    expect(all(header, 'w:instrText').map((t) => t.text.trim())).toContain('PAGE');
    const p = all(header, 'w:p')[0]!;
    expect(attr(child(pPr(p), 'w:jc'), 'w:val')).toBe('center');
    expect(runStyle(p).size).toBe(13);
  });

  it('sets everything in Times New Roman, as editable paragraphs (no text boxes, frames or pictures)', () => {
    const styles = parseXml(sample.parts.get('word/styles.xml')!);
    const defaults = child(child(child(styles, 'w:docDefaults'), 'w:rPrDefault'), 'w:rPr');
    expect(attr(child(defaults, 'w:rFonts'), 'w:ascii')).toBe('Times New Roman');
    // No run or style asks for another font.
    const fonts = new Set([...all(sample.body, 'w:rFonts'), ...all(styles, 'w:rFonts')].map((f) => attr(f, 'w:ascii')));
    expect([...fonts]).toEqual(['Times New Roman']);
    const xml = sample.parts.get('word/document.xml')!;
    for (const tag of ['<w:txbxContent', '<w:framePr', '<w:drawing', '<w:pict', '<v:shape']) expect(xml).not.toContain(tag);
  });

  it('draws the header block as a borderless two-column table with the official sizes and faces', () => {
    const table = child(sample.body, 'w:tbl')!;
    expect(sample.body.children[0]).toBe(table);
    const borders = child(child(table, 'w:tblPr'), 'w:tblBorders')!;
    for (const b of borders.children) expect(attr(b, 'w:val')).toBe('none');
    expect(all(table, 'w:gridCol')).toHaveLength(2);
    const [row1, row2] = all(table, 'w:tr');
    const [left, right] = all(row1!, 'w:tc');
    expect(runStyle(para(left!, 'ỦY BAN NHÂN DÂN'))).toMatchObject({ bold: true, italic: false, underline: false, size: 13 });
    expect(runStyle(para(left!, 'THÀNH PHỐ BẮC KẠN'))).toMatchObject({ bold: true, italic: false, underline: false, size: 13 });
    expect(runStyle(para(right!, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'))).toMatchObject({ bold: true, italic: false, underline: false, size: 13 });
    expect(runStyle(para(right!, 'Độc lập - Tự do - Hạnh phúc'))).toMatchObject({ bold: true, italic: false, underline: false, size: 14 });
    // The short rules under the issuing body and under the motto: an empty paragraph's bottom border, narrowed by indents.
    for (const cell of [left!, right!]) {
      const rule = paragraphs(cell).find((p) => child(child(pPr(p), 'w:pBdr'), 'w:bottom'));
      expect(rule, 'a rule paragraph').toBeDefined();
      expect(textOf(rule!)).toBe('');
      expect(Number(attr(child(pPr(rule!), 'w:ind'), 'w:left'))).toBeGreaterThan(0);
    }
    expect(runStyle(para(row2!, 'Số: 364/BC-UBND'))).toMatchObject({ bold: false, italic: false, size: 13 });
    expect(runStyle(para(row2!, 'TP. Bắc Kạn, ngày 15 tháng 8 năm 2024'))).toMatchObject({ bold: false, italic: true, size: 14 });
  });

  it('sets the title, headings, body and notes as in the PDF', () => {
    const type = para(sample.body, 'BÁO CÁO');
    expect(runStyle(type)).toMatchObject({ bold: true, italic: false, underline: false, size: 14 });
    expect(attr(child(pPr(type), 'w:jc'), 'w:val')).toBe('center');
    const subject = para(sample.body, SEED_ORDER[4]!);
    expect(runStyle(subject)).toMatchObject({ bold: true, italic: false, size: 14 });
    expect(runStyle(para(sample.body, 'Kính gửi: UBND tỉnh Bắc Kạn'))).toMatchObject({ bold: false, italic: false, size: 14 });
    const partOne = para(sample.body, SEED_ORDER[9]!);
    expect(runStyle(partOne)).toMatchObject({ bold: true, italic: false, size: 14 });
    expect(child(pPr(partOne), 'w:keepNext')).toBeDefined();
    const sub = paragraphs(sample.body).find((p) => textOf(p).startsWith('3.1. Điểm đánh giá'))!;
    expect(runStyle(sub)).toMatchObject({ bold: true, italic: true, size: 14 });
    const body = paragraphs(sample.body).find((p) => textOf(p).startsWith('Tổng số điểm thành phố Bắc Kạn đạt 88,4/100'))!;
    expect(runStyle(body)).toMatchObject({ bold: false, italic: false, size: 14 });
    expect(attr(child(pPr(body), 'w:jc'), 'w:val')).toBe('both');
    // First-line indent 1,27 cm = 720 twips; 6 pt (120 twips) after.
    expect(attr(child(pPr(body), 'w:ind'), 'w:firstLine')).toBe('720');
    expect(attr(child(pPr(body), 'w:spacing'), 'w:after')).toBe('120');
    expect(runStyle(para(sample.body, '(Phần này không phản ánh đúng thực tế)'))).toMatchObject({ italic: true, size: 13 });
    expect(runStyle(para(sample.body, 'Nơi nhận:'))).toMatchObject({ bold: true, italic: true, size: 12 });
    expect(runStyle(para(sample.body, 'TM. UBND THÀNH PHỐ'))).toMatchObject({ bold: true, size: 14 });
    expect(runStyle(para(sample.body, 'Hoàng Hà Bắc'))).toMatchObject({ bold: true, size: 14 });
    const recipient = paragraphs(sample.body).find((p) => textOf(p).startsWith('- Lưu'))!;
    expect(runStyle(recipient)).toMatchObject({ bold: false, size: 11 });
  });

  it('merges a status down its block in one cell (w:vMerge) and repeats the header row (w:tblHeader)', () => {
    const tables = all(sample.body, 'w:tbl').filter((t) => all(t, 'w:tblHeader').length > 0);
    expect(tables.length).toBeGreaterThanOrEqual(7);
    const onTime = tables[0]!;
    const rows = all(onTime, 'w:tr');
    expect(child(child(rows[0]!, 'w:trPr'), 'w:tblHeader')).toBeDefined();
    expect(child(child(rows[1]!, 'w:trPr'), 'w:tblHeader')).toBeUndefined();
    const cellsWithStatus = all(onTime, 'w:tc').filter((tc) => textOf(tc).startsWith('Không tổng hợp'));
    expect(cellsWithStatus).toHaveLength(1);
    const status = cellsWithStatus[0]!;
    expect(attr(child(child(status, 'w:tcPr'), 'w:vMerge'), 'w:val')).toBe('restart');
    expect(runStyle(all(status, 'w:p')[0]!)).toMatchObject({ italic: true });
    // The ten departments below the first share the cell: continuation cells, empty.
    const continued = all(onTime, 'w:vMerge').filter((v) => attr(v, 'w:val') === 'continue');
    expect(continued).toHaveLength(10);
  });

  it('leaves the number and the day blank in a draft, and refuses a final copy without them', async () => {
    const text = flat(paragraphs(draft.body).map(textOf).join(' '));
    expect(text).toMatch(/Số: +\/BC-UBND/);
    expect(text).toMatch(/ngày +tháng 8 năm 2024/);
    expect(text).not.toContain('364/BC-UBND');
    const r = loadSample();
    r.document.number = null;
    const err = await renderReportDocx(r, { mode: 'final' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).code).toBe('PDF_FINAL_INCOMPLETE');
    expect((err as UserFacingError).message).toContain('số văn bản');
  });
});

describe('the 130-commune report as DOCX', () => {
  const reportTables = () => all(big.body, 'w:tbl').filter((t) => all(t, 'w:tblHeader').length > 0);

  it('repeats the header rows of every report table and merges status cells', () => {
    const tables = reportTables();
    expect(tables.length).toBeGreaterThanOrEqual(7);
    for (const t of tables) {
      const rows = all(t, 'w:tr');
      expect(child(child(rows[0]!, 'w:trPr'), 'w:tblHeader'), 'first row repeats').toBeDefined();
      // Header rows come first and only there.
      const flags = rows.map((r) => !!child(child(r, 'w:trPr'), 'w:tblHeader'));
      const headerRows = flags.indexOf(false);
      expect(headerRows).toBeGreaterThanOrEqual(1);
      expect(flags.slice(headerRows).every((f) => !f)).toBe(true);
    }
    // A table of 130 communes runs over several pages: its header row is what Word repeats there.
    expect(Math.max(...tables.map((t) => all(t, 'w:tr').length))).toBeGreaterThan(130);
    const xml = big.parts.get('word/document.xml')!;
    expect(xml).toMatch(/<w:vMerge w:val="restart"\/>/);
    expect(xml).toMatch(/<w:vMerge w:val="continue"\/>/);
    expect(xml).toMatch(/<w:gridSpan w:val="[2-9]"\/>/);
  });

  it('keeps every row on one page: rows never split (w:cantSplit) and none is taller than a page', () => {
    // Printable height of an A4 page with 20 mm margins top and bottom, in pt; widths of landscape pages at most 247 mm.
    const pageHeight = ((297 - 40) / 25.4) * 72;
    for (const t of reportTables()) {
      const grid = all(t, 'w:gridCol').map((g) => Number(attr(g, 'w:w')) / 20);
      expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(((297 - 45) / 25.4) * 72 + 1);
      for (const tr of all(t, 'w:tr')) {
        expect(child(child(tr, 'w:trPr'), 'w:cantSplit')).toBeDefined();
        // An upper bound of the row's height: each cell's text at 0,6 em a character, wrapped to its width, 1,2 lines.
        let col = 0;
        let tallest = 0;
        for (const tc of all(tr, 'w:tc')) {
          const span = Number(attr(child(child(tc, 'w:tcPr'), 'w:gridSpan'), 'w:val') ?? 1);
          const width = grid.slice(col, col + span).reduce((a, b) => a + b, 0) - 8;
          col += span;
          const size = Number(attr(all(tc, 'w:sz')[0], 'w:val') ?? 26) / 2;
          const lines = all(tc, 'w:p').reduce((n, p) => n + Math.max(1, Math.ceil((textOf(p).length * 0.6 * size) / width)), 0);
          tallest = Math.max(tallest, lines * size * 1.2 + 5);
        }
        expect(tallest).toBeLessThan(pageHeight);
      }
    }
  });

  it('gives the columns fixed widths that fit the text block of their page', () => {
    const sections = [...all(big.body, 'w:sectPr')];
    expect(sections.length).toBeGreaterThanOrEqual(1);
    const portrait = ((210 - 45) / 25.4) * 1440;
    const landscape = ((297 - 45) / 25.4) * 1440;
    for (const t of reportTables()) {
      expect(attr(child(child(t, 'w:tblPr'), 'w:tblLayout'), 'w:type')).toBe('fixed');
      const total = all(t, 'w:gridCol').reduce((a, g) => a + Number(attr(g, 'w:w')), 0);
      expect(total).toBeLessThanOrEqual(landscape + 2);
      if (total > portrait + 2) {
        // A wide table sits in a landscape section of its own.
        expect(sections.some((s) => attr(child(s, 'w:pgSz'), 'w:orient') === 'landscape')).toBe(true);
      }
    }
  });
});

describe('wide tables and computed figures in DOCX', () => {
  it('puts a table too wide for portrait in a landscape section of its own, then goes back to portrait', async () => {
    const r = loadSample();
    const wide = r.tables.find((t) => t.id === 'xep-loai-xa')!;
    for (let k = 1; k <= 8; k++) {
      wide.columns.splice(5, 0, { id: `extra${k}`, type: 'score', header: `Chỉ số thành phần số ${k}`, max: 10 });
      wide.rows.forEach((row, i) => (row.cells[`extra${k}`] = { t: 'num', v: 5 + ((i * k) % 5) + 0.25 }));
    }
    const { body } = await docxDocument(await renderReportDocx(r, { mode: 'final' }));
    const sections = all(body, 'w:sectPr');
    const orient = sections.map((s) => attr(child(s, 'w:pgSz'), 'w:orient') ?? 'portrait');
    // Portrait up to the wide table, landscape for it, portrait again for the closing (the last section).
    expect(orient).toEqual(['portrait', 'landscape', 'portrait']);
    const land = child(sections[1]!, 'w:pgSz')!;
    expect(Number(attr(land, 'w:w'))).toBeGreaterThan(Number(attr(land, 'w:h')));
    // The wide table's columns fit the landscape text block (297 − 45 mm).
    const table = all(body, 'w:tbl').find((t) => textOf(t).includes('Chỉ số thành phần số 8'))!;
    const total = all(table, 'w:gridCol').reduce((a, g) => a + Number(attr(g, 'w:w')), 0);
    expect(total).toBeGreaterThan(((210 - 45) / 25.4) * 1440);
    expect(total).toBeLessThanOrEqual(((297 - 45) / 25.4) * 1440 + 2);
    // Page numbers go on through the sections (no restart).
    for (const s of sections) expect(child(s, 'w:pgNumType')?.attrs['w:start']).toBeUndefined();
  });

  it('labels figures computed from a dossier list as the PDF does (mark and note), official ones unmarked', async () => {
    const r = loadSample();
    const table = r.tables.find((t) => t.kind === 'onlineSubmission')!;
    const col = table.columns[0]!.id;
    const row = table.rows.find((x) => x.cells[col]?.t === 'num')!;
    row.cells[col] = { t: 'num', v: 81.25, src: 'dossiers' };
    const { body } = await docxDocument(await renderReportDocx(r, { mode: 'final' }));
    const text = flat(all(body, 'w:p').map(textOf).join(' '));
    expect(text).toContain('81,25*');
    expect(text).toContain('(*) Số liệu tính từ danh sách hồ sơ, không phải số liệu công bố chính thức.');
    // The sample alone has no computed figure: no mark, no note.
    const plain = flat(paragraphs(sample.body).map(textOf).join(' '));
    expect(plain).not.toContain('(*) Số liệu tính từ danh sách hồ sơ');
  });
});

describe('CLI docx', () => {
  async function cli(...argv: string[]): Promise<{ code: number; err: string }> {
    let err = '';
    const code = await runCli(argv, { stdout: () => undefined, stderr: (t) => (err += t) });
    return { code, err };
  }

  it('writes the final copy and a draft, and refuses another extension in Vietnamese', async () => {
    const input = join(dir, 'bc.json');
    await writeFile(input, serializeReport(loadSample()));
    const out = join(dir, 'BC-364-UBND-2024-07.docx');
    const res = await cli('docx', input, '--out', out);
    expect(res.code).toBe(0);
    expect(res.err).toContain('Đã xuất bản chính thức Word');
    const final = await docxDocument(new Uint8Array(await readFile(out)));
    expect(flat(paragraphs(final.body).map(textOf).join(' '))).toContain('Số: 364/BC-UBND');
    const draftOut = join(dir, 'du-thao.docx');
    expect((await cli('docx', input, '--out', draftOut, '--draft')).code).toBe(0);
    const d = await docxDocument(new Uint8Array(await readFile(draftOut)));
    expect(flat(paragraphs(d.body).map(textOf).join(' '))).not.toContain('364/BC-UBND');
    const bad = await cli('docx', input, '--out', join(dir, 'x.pdf'));
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('phải có đuôi .docx');
  });
});
