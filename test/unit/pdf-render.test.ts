// The official PDF of the sample report read back with poppler: sections in order, every figure, header positions and sizes, margins, page numbers, fonts, A4, draft vs final.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../core/files/errors';
import { clearFigures, loadSample } from '../../core/model/report';
import type { Report } from '../../core/model/schema';
import { A4, MARGINS, MM } from '../../core/pdf/frame';
import { renderReportPdf } from '../../core/pdf/render';
import { MISSING } from '../../core/text/report-text';
import { SEED_FIGURES, SEED_ORDER, SEED_ROWS } from '../helpers/seed-text';
import { pdfFonts, pdfInfo, pdfText, pdfToPng, pdfXml, type XmlText } from '../helpers/pdf';

const flat = (s: string) => s.replace(/\s+/g, ' ');

let finalPdf: Uint8Array;
let draftPdf: Uint8Array;
let finalText: string;
let finalLayout: string;
let xml: Awaited<ReturnType<typeof pdfXml>>;

beforeAll(async () => {
  const sample = loadSample();
  finalPdf = await renderReportPdf(sample, { mode: 'final' });
  draftPdf = await renderReportPdf(sample, { mode: 'draft' });
  finalText = await pdfText(finalPdf);
  finalLayout = await pdfText(finalPdf, { layout: true });
  xml = await pdfXml(finalPdf);
});

const find = (pred: (t: XmlText) => boolean): XmlText => {
  const hit = xml.texts.find(pred);
  if (!hit) throw new Error('text not found');
  return hit;
};
const byText = (text: string, page = 1) => find((t) => t.page === page && t.text === text);

describe('sample report as PDF', () => {
  it('is A4 portrait with metadata naming the issuing body', async () => {
    const info = await pdfInfo(finalPdf);
    expect(info['Page size']).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    const pages = Number(info['Pages']);
    expect(pages).toBeGreaterThanOrEqual(6);
    const perPage = await pdfInfo(finalPdf, { allPages: true });
    const sizes = Object.entries(perPage).filter(([k]) => /^Page\s+\d+ size$/.test(k));
    expect(sizes).toHaveLength(pages);
    for (const [, size] of sizes) expect(size).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    expect(info['Author']).toBe('ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN');
    expect(info['Title']).toMatch(/^Báo cáo số 364\/BC-UBND: Kết quả chỉ số chỉ đạo, điều hành .* tháng 7 năm 2024$/);
  });

  it('embeds the four Liberation Serif faces (subset, with Unicode maps) and no other font', async () => {
    const fonts = await pdfFonts(finalPdf);
    const names = fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort();
    expect(names).toEqual(['LiberationSerif', 'LiberationSerif-Bold', 'LiberationSerif-BoldItalic', 'LiberationSerif-Italic']);
    for (const f of fonts) expect(f).toMatchObject({ embedded: true, subset: true, unicode: true });
  });

  it('has every section in the seed order', () => {
    const text = flat(finalText);
    const order = SEED_ORDER;
    let at = -1;
    for (const part of order) {
      const i = text.indexOf(part, at + 1);
      expect(i, `“${part}” after position ${at}`).toBeGreaterThan(at);
      at = i;
    }
    // The electronic copies table has no title of its own: the bullet line introduces it, as in the seed.
    expect(text).not.toContain('SỐ LIỆU CUNG CẤP DỊCH VỤ CHỨNG THỰC');
  });

  it('prints every figure of Part I the Vietnamese way', () => {
    const text = flat(finalText);
    const figures = SEED_FIGURES;
    for (const f of figures) expect(text, f).toContain(f);
  });

  it('prints every unit row of every table with its figures on one line', () => {
    const rows = SEED_ROWS;
    const lines = finalLayout.split('\n');
    // A row: the unit's name (its first words, when a narrow column wraps it) and its figures on the same line or
    // on the line next to it (a wrapped name puts the vertically centred figures between its lines).
    const rowFound = (name: string, figure: string) => {
      const start = name.split(' ').slice(0, 3).join(' ');
      const tail = new RegExp(`\\s${figure}\\s*$`);
      return lines.some((l, i) => l.includes(start) && [lines[i - 1], l, lines[i + 1]].some((n) => n !== undefined && tail.test(n) && /^\s*\d+\s/.test(n)));
    };
    for (const [name, figure] of rows) expect(rowFound(name, figure), `${name} … ${figure}`).toBe(true);
    // Rate tables keep names and figures on one line.
    expect(lines.some((l) => /^\s*5\s+UBND phường Nguyễn Thị Minh Khai\s+76,4\s*$/.test(l))).toBe(true);
    // 100 appears for the satisfaction table's eight communes (and more): count rows ending with 100.
    expect(lines.filter((l) => /UBND (phường|xã) .+\s100\s*$/.test(l)).length).toBeGreaterThanOrEqual(8 + 2 + 1 + 2);
    // Department rows are numbered 1–11 within their block and communes 1–8 within theirs.
    expect(lines.some((l) => /^\s*11\s+Thanh tra\s*$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\s*I\s+Cấp thành phố\s*$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\s*II\s+Cấp xã\s*$/.test(l))).toBe(true);
  });

  it('prints statuses verbatim in italic, one merged cell per block', () => {
    const status = xml.texts.filter((t) => t.text.startsWith('Không tổng hợp'));
    expect(status.length).toBeGreaterThan(0);
    for (const s of status) expect(s.italic).toBe(true);
    const text = flat(finalText);
    expect(text).toContain('Không tổng hợp trong Hệ thống');
    // Eleven department rows share one status cell per table: far fewer status texts than status cells.
    const statusCells = loadSample().tables.reduce((n, t) => n + t.rows.reduce((m, r) => m + Object.values(r.cells).filter((c) => c?.t === 'status').length, 0), 0);
    const printed = status.filter((s) => s.text.startsWith('Không tổng hợp')).length;
    expect(statusCells).toBeGreaterThan(100);
    expect(printed).toBeLessThan(15);
    // The department evaluation block is one cell spanning all seven score columns: its text sits in one line.
    expect(status.some((s) => s.text === 'Không tổng hợp trên Hệ thống' && s.width > 130)).toBe(true);
  });

  it('places and sizes the header elements as Nghị định 30/2020 asks', () => {
    const body1 = byText('ỦY BAN NHÂN DÂN');
    const body2 = byText('THÀNH PHỐ BẮC KẠN');
    const nation = byText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const motto = byText('Độc lập - Tự do - Hạnh phúc');
    const number = byText('Số: 364/BC-UBND');
    const date = byText('TP. Bắc Kạn, ngày 15 tháng 8 năm 2024');
    const type = byText('BÁO CÁO');
    const addressee = byText('Kính gửi: UBND tỉnh Bắc Kạn');
    // Sizes and faces.
    for (const t of [body1, body2]) expect(t).toMatchObject({ size: 13, bold: true, italic: false });
    expect(nation).toMatchObject({ size: 13, bold: true });
    expect(motto).toMatchObject({ size: 14, bold: true });
    expect(number).toMatchObject({ size: 13, bold: false, italic: false });
    expect(date).toMatchObject({ size: 14, italic: true, bold: false });
    expect(type).toMatchObject({ size: 14, bold: true });
    expect(addressee).toMatchObject({ size: 14, bold: false, italic: false });
    // Positions: body top left, two lines, no parent line above; motto under the national name top right.
    const top = MARGINS.top;
    expect(Math.abs(body1.top - top)).toBeLessThanOrEqual(2);
    expect(Math.abs(nation.top - top)).toBeLessThanOrEqual(2);
    expect(body2.top).toBeGreaterThan(body1.top);
    expect(xml.texts.filter((t) => t.page === 1 && t.top < body1.top)).toEqual([]);
    const mid = (t: XmlText) => t.left + t.width / 2;
    expect(mid(body1)).toBeLessThan(mid(nation));
    expect(Math.abs(mid(body1) - mid(body2))).toBeLessThanOrEqual(2);
    expect(Math.abs(mid(nation) - mid(motto))).toBeLessThanOrEqual(2);
    expect(motto.top).toBeGreaterThan(nation.top);
    // Number under the body, date under the motto, on the same level.
    expect(Math.abs(mid(number) - mid(body1))).toBeLessThanOrEqual(2);
    expect(Math.abs(mid(date) - mid(motto))).toBeLessThanOrEqual(2);
    expect(Math.abs(number.top - date.top)).toBeLessThanOrEqual(2);
    expect(number.top).toBeGreaterThan(body2.top);
    // Title and addressee centred on the text block.
    const centre = MARGINS.left + (A4.width - MARGINS.left - MARGINS.right) / 2;
    expect(Math.abs(mid(type) - centre)).toBeLessThanOrEqual(2);
    expect(Math.abs(mid(addressee) - centre)).toBeLessThanOrEqual(2);
    expect(type.top).toBeGreaterThan(date.top);
  });

  it('keeps all text within the margins and numbers pages from 2 in the top margin', () => {
    const left = MARGINS.left;
    const right = A4.width - MARGINS.right;
    const bottom = A4.height - MARGINS.bottom;
    const pages = xml.pages.length;
    expect(pages).toBeGreaterThanOrEqual(6);
    for (const p of xml.pages) expect(p).toMatchObject({ width: 595, height: 841 });
    for (let page = 1; page <= pages; page++) {
      const texts = xml.texts.filter((t) => t.page === page);
      const inMargin = texts.filter((t) => t.top < MARGINS.top - 2);
      if (page === 1) expect(inMargin).toEqual([]);
      else {
        expect(inMargin.map((t) => t.text)).toEqual([String(page)]);
        const n = inMargin[0]!;
        expect(n.size).toBe(13);
        expect(n.bold || n.italic).toBe(false);
        expect(Math.abs(n.left + n.width / 2 - (left + right) / 2)).toBeLessThanOrEqual(2);
        expect(n.top).toBeGreaterThan(5 * MM);
      }
      for (const t of texts) {
        expect(t.left, `${t.text} p${page}`).toBeGreaterThanOrEqual(left - 1);
        expect(t.left + t.width, `${t.text} p${page}`).toBeLessThanOrEqual(right + 1);
        expect(t.top + t.height, `${t.text} p${page}`).toBeLessThanOrEqual(bottom + 1);
      }
    }
  });

  it('justifies body paragraphs with a first-line indent of 1,27 cm', () => {
    const left = MARGINS.left;
    const right = A4.width - MARGINS.right;
    const first = byText('Thực hiện Kế hoạch số 21/KH-UBND ngày 29/01/2024 của UBND thành');
    expect(first.size).toBe(14);
    expect(Math.abs(first.left - (left + 12.7 * MM))).toBeLessThanOrEqual(1.5);
    expect(Math.abs(first.left + first.width - right)).toBeLessThanOrEqual(1.5);
    const next = find((t) => t.page === 1 && t.top > first.top && t.top < first.top + 25);
    expect(Math.abs(next.left - left)).toBeLessThanOrEqual(1);
    expect(Math.abs(next.left + next.width - right)).toBeLessThanOrEqual(1.5);
  });

  it('repeats the table header on the page where a table continues', () => {
    // Every page that shows unit rows of a table shows the "STT" header above them.
    for (const page of xml.pages.map((p) => p.number)) {
      const rows = xml.texts.filter((t) => t.page === page && /^(UBND (phường|xã)|Phòng |Thanh tra$|Văn phòng)/.test(t.text));
      if (rows.length === 0) continue;
      const headers = xml.texts.filter((t) => t.page === page && t.text === 'STT' && t.bold);
      expect(headers.length, `page ${page}`).toBeGreaterThan(0);
      expect(Math.min(...headers.map((h) => h.top))).toBeLessThan(Math.min(...rows.map((r) => r.top)));
    }
  });

  it('keeps the closing sentence, the recipients and the signature on one page, side by side', () => {
    const closing = find((t) => t.text.startsWith('Trên đây là kết quả'));
    const label = find((t) => t.text === 'Nơi nhận:');
    const authority = find((t) => t.text === 'TM. UBND THÀNH PHỐ');
    const title = find((t) => t.text === 'CHỦ TỊCH' && t.page === authority.page);
    const name = find((t) => t.text === 'Hoàng Hà Bắc');
    const lastLine = find((t) => t.text === '- Lưu: VT.');
    expect(new Set([closing.page, label.page, authority.page, name.page, lastLine.page]).size).toBe(1);
    expect(label).toMatchObject({ size: 12, bold: true, italic: true });
    expect(lastLine).toMatchObject({ size: 11, bold: false });
    expect(authority).toMatchObject({ size: 14, bold: true });
    expect(name).toMatchObject({ size: 14, bold: true });
    expect(Math.abs(label.top - authority.top)).toBeLessThanOrEqual(3);
    expect(label.left + label.width).toBeLessThan(authority.left);
    expect(title.top).toBeGreaterThan(authority.top);
    expect(name.top - title.top).toBeGreaterThan(50);
  });

  it('leaves the number and the day blank in a draft, and prints them in final', async () => {
    const draft = await pdfText(draftPdf, { last: 1 });
    expect(draft).toMatch(/Số:\s+\/BC-UBND/);
    expect(draft).toMatch(/TP\. Bắc Kạn, ngày\s+tháng 8 năm 2024/);
    expect(draft).not.toContain('364');
    expect(draft).not.toContain('ngày 15');
    const draftXml = await pdfXml(draftPdf);
    const num = draftXml.texts.find((t) => t.page === 1 && t.text.startsWith('Số:'))!;
    // The blank keeps room for the number to be written in: wider than "Số: /BC-UBND" set tight.
    expect(num.width).toBeGreaterThan(85);
    const final = await pdfText(finalPdf, { last: 1 });
    expect(final).toContain('Số: 364/BC-UBND');
    expect(final).toContain('TP. Bắc Kạn, ngày 15 tháng 8 năm 2024');
  });

  it('renders to PNG pages of A4 proportions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bc766-png-'));
    try {
      const files = await pdfToPng(finalPdf, dir, { dpi: 30, last: 2 });
      expect(files).toHaveLength(2);
      for (const f of files) {
        const png = await readFile(f);
        expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
        const width = png.readUInt32BE(16);
        const height = png.readUInt32BE(20);
        expect(Math.abs(height / width - A4.height / A4.width)).toBeLessThan(0.01);
        expect((await stat(f)).size).toBeGreaterThan(1000);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('PDF edge cases', () => {
  it('prints missing figures as missing, never 0', async () => {
    const blank = clearFigures(loadSample());
    blank.document.number = null;
    blank.document.date.day = null;
    const text = flat(await pdfText(await renderReportPdf(blank, { mode: 'draft' })));
    expect(text).toContain(`đạt ${MISSING}/100 điểm`);
    expect(text).toContain(`1. Điểm đánh giá nhóm chỉ số về công khai, minh bạch: ${MISSING}/18 điểm, trong đó:`);
    expect(text).toContain(`- Tỷ lệ hồ sơ xử lý đúng hạn/trong hạn: ${MISSING}.`);
    expect(text).not.toMatch(/: 0%|\b0\/18|\b0\/100/);
  });

  it('prints a table without rows as its title and header over a missing-figures row', async () => {
    const r = loadSample();
    const overdue = r.tables.find((t) => t.kind === 'overdue')!;
    overdue.rows = [];
    const text = flat(await pdfText(await renderReportPdf(r, { mode: 'final' }), { layout: true }));
    expect(text).toContain(`DANH SÁCH ĐƠN VỊ CÓ HỒ SƠ GIẢI QUYẾT QUÁ HẠN STT Tên cơ quan, đơn vị Tỷ lệ (%) ${MISSING}`);
  });

  it('puts a table too wide for portrait on landscape pages only, and goes back to portrait after it', async () => {
    const r = loadSample();
    const wide = r.tables.find((t) => t.id === 'xep-loai-xa')!;
    for (let k = 1; k <= 8; k++) {
      wide.columns.splice(5, 0, { id: `extra${k}`, type: 'score', header: `Chỉ số thành phần số ${k}`, max: 10 });
      wide.rows.forEach((row, i) => (row.cells[`extra${k}`] = { t: 'num', v: 5 + ((i * k) % 5) + 0.25 }));
    }
    const pdf = await renderReportPdf(r, { mode: 'final' });
    const info = await pdfInfo(pdf, { allPages: true });
    const pages = Number(info['Pages']);
    const wideXml = await pdfXml(pdf);
    const titlePage = wideXml.texts.find((t) => t.text === 'KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CẤP XÃ')!.page;
    const closingPage = wideXml.texts.find((t) => t.text.startsWith('Trên đây là kết quả'))!.page;
    for (let p = 1; p <= pages; p++) {
      const size = Object.entries(info).find(([k]) => new RegExp(`^Page\\s+${p} size$`).test(k))![1];
      expect(size, `page ${p}`).toMatch(p === titlePage ? /^841\.89 x 595\.28 pts/ : /^595\.28 x 841\.89 pts/);
    }
    expect(closingPage).toBe(titlePage + 1);
    // Inside the margins of the landscape page, all figures in one row.
    for (const t of wideXml.texts.filter((x) => x.page === titlePage)) {
      expect(t.left).toBeGreaterThanOrEqual(MARGINS.left - 1);
      expect(t.left + t.width).toBeLessThanOrEqual(A4.height - MARGINS.right + 1);
      expect(t.top + t.height).toBeLessThanOrEqual(A4.width - MARGINS.bottom + 1);
    }
    const layout = await pdfText(pdf, { layout: true, first: titlePage, last: titlePage });
    expect(layout).toMatch(/UBND phường Đức Xuân(\s+5,25){8}\s+90,9\s+Xuất sắc/);
  });

  it('follows the report number style everywhere', async () => {
    const r = loadSample();
    r.numberStyle = { trimZeros: false, percentSpace: true };
    const text = flat(await pdfText(await renderReportPdf(r, { mode: 'final' }), { layout: true }));
    expect(text).toContain('đúng hạn/trong hạn: 92,08 %.');
    expect(text).toContain('Hồ sơ nộp trực tuyến: 76,90 %.');
    expect(text).toMatch(/UBND phường Huyền Tụng 86,00/);
  });

  it('writes NFC text from decomposed input', async () => {
    const r: Report = loadSample();
    r.units[0]!.name = 'Phòng Kinh tế Hoá'.normalize('NFD');
    r.profile.recipients[0] = 'UBND tỉnh Bắc Kạn;'.normalize('NFD');
    const pdf = await renderReportPdf(r, { mode: 'final' });
    const { execFile } = await import('node:child_process');
    const raw = await new Promise<string>((resolve, reject) => {
      const child = execFile('pdftotext', ['-enc', 'UTF-8', '-', '-'], { maxBuffer: 1 << 26 }, (err, out) => (err ? reject(err) : resolve(out)));
      child.stdin!.end(Buffer.from(pdf));
    });
    expect(raw).toContain('Phòng Kinh tế Hoá'.normalize('NFC'));
    expect(raw).toContain('- UBND tỉnh Bắc Kạn;'.normalize('NFC'));
    expect(raw).not.toContain('Hoá'.normalize('NFD'));
  });

  it('refuses a final copy without a number or a day, with a clear Vietnamese message', async () => {
    const r = loadSample();
    r.document.number = null;
    const err = await renderReportPdf(r, { mode: 'final' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).code).toBe('PDF_FINAL_INCOMPLETE');
    expect((err as UserFacingError).message).toMatch(/^Bản chính thức cần số văn bản\. .*xuất bản dự thảo/);
    // The same report exports fine as a draft.
    expect((await renderReportPdf(r, { mode: 'draft' })).length).toBeGreaterThan(1000);
  });

  it('says where the fonts are missing instead of crashing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bc766-nofonts-'));
    try {
      const err = await renderReportPdf(loadSample(), { mode: 'draft', fontsDir: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserFacingError);
      expect((err as UserFacingError).code).toBe('PDF_FONTS_MISSING');
      expect((err as UserFacingError).message).toContain('Liberation Serif');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('sync renderer', () => {
  it('gives byte-identical documents with freshly read fonts and with fonts shared across documents', async () => {
    const { readFileSync } = await import('node:fs');
    const { join: joinPath } = await import('node:path');
    const { defaultFontsDir, FONT_FILES } = await import('../../core/pdf/fonts');
    const { renderReportPdfSync, loadFontsSync } = await import('../../core/pdf/render');
    const now = new Date(Date.UTC(2024, 7, 15, 8, 0, 0));
    const shared = loadFontsSync();
    renderReportPdfSync(loadSample(), { mode: 'final', fonts: shared, now });
    const warm = renderReportPdfSync(loadSample(), { mode: 'final', fonts: shared, now });
    const dir = defaultFontsDir();
    const fresh = {
      regular: new Uint8Array(readFileSync(joinPath(dir, FONT_FILES.regular))),
      bold: new Uint8Array(readFileSync(joinPath(dir, FONT_FILES.bold))),
      italic: new Uint8Array(readFileSync(joinPath(dir, FONT_FILES.italic))),
      boldItalic: new Uint8Array(readFileSync(joinPath(dir, FONT_FILES.boldItalic))),
    };
    const cold = renderReportPdfSync(loadSample(), { mode: 'final', fonts: fresh, now });
    expect(Buffer.from(warm).equals(Buffer.from(cold))).toBe(true);
  });
});

describe('PDF content streams', () => {
  it('closes every path before drawing text (strict viewers drop borders otherwise)', async () => {
    const { inflateSync } = await import('node:zlib');
    const bytes = Buffer.from(finalPdf);
    const re = /stream\r?\n/g;
    let streams = 0;
    let violations = 0;
    for (let m = re.exec(bytes.toString('latin1')); m; m = re.exec(bytes.toString('latin1'))) {
      const start = m.index + m[0].length;
      const end = bytes.indexOf('endstream', start);
      let content: string;
      try {
        content = inflateSync(bytes.subarray(start, end)).toString('latin1');
      } catch {
        continue;
      }
      if (!/ Tf\b/.test(content) || !/^[\x20-\x7e\n\r]/.test(content)) continue;
      streams++;
      let inPath = false;
      for (const op of content.matchAll(/(?<![<\w/])(re|BT|S|f|q|m|l)(?![\w>])/g)) {
        if (op[1] === 're' || op[1] === 'm' || op[1] === 'l') inPath = true;
        else if (op[1] === 'S' || op[1] === 'f') inPath = false;
        else if (inPath) violations++;
      }
    }
    expect(streams).toBeGreaterThanOrEqual(6);
    expect(violations).toBe(0);
  });
});
