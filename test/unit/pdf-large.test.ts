// A generated province report with 130 communes as PDF: every row printed once and whole, headers and broken statuses repeated per page, margins, page numbers, province wording.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../core/model/schema';
import { A4, MARGINS } from '../../core/pdf/frame';
import { renderReportPdf } from '../../core/pdf/render';
import { makeBigReport } from '../helpers/big-report';
import { pdfInfo, pdfText, pdfXml, type XmlText } from '../helpers/pdf';

let report: Report;
let pdf: Uint8Array;
let text: string;
let xml: Awaited<ReturnType<typeof pdfXml>>;

beforeAll(async () => {
  report = makeBigReport();
  pdf = await renderReportPdf(report, { mode: 'final' });
  text = (await pdfText(pdf)).replace(/\s+/g, ' ');
  xml = await pdfXml(pdf);
});

const onPage = (page: number) => xml.texts.filter((t) => t.page === page);

describe('130-commune province report as PDF', () => {
  it('has the expected shape: 150 units, all tables filled but one deliberate blank', () => {
    expect(report.units.filter((u) => u.blockId === 'xa')).toHaveLength(130);
    expect(report.units.filter((u) => u.blockId === 'tinh')).toHaveLength(20);
    const blanks = report.tables.flatMap((t) => t.rows.flatMap((r) => Object.values(r.cells).filter((c) => c === null)));
    expect(blanks).toHaveLength(1);
  });

  it('is many A4 pages, numbered from 2 in the top margin, all text inside the margins', async () => {
    const info = await pdfInfo(pdf, { allPages: true });
    const pages = Number(info['Pages']);
    expect(pages).toBeGreaterThan(20);
    const sizes = Object.entries(info).filter(([k]) => /^Page\s+\d+ size$/.test(k));
    expect(sizes).toHaveLength(pages);
    for (const [, size] of sizes) expect(size).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    const right = A4.width - MARGINS.right;
    const bottom = A4.height - MARGINS.bottom;
    for (let page = 1; page <= pages; page++) {
      const texts = onPage(page);
      const numbers = texts.filter((t) => t.top < MARGINS.top - 2).map((t) => t.text);
      expect(numbers).toEqual(page === 1 ? [] : [String(page)]);
      for (const t of texts) {
        expect(t.left).toBeGreaterThanOrEqual(MARGINS.left - 1);
        expect(t.left + t.width).toBeLessThanOrEqual(right + 1);
        expect(t.top + t.height).toBeLessThanOrEqual(bottom + 1);
      }
    }
  });

  it('words the document for a province signed by a deputy', () => {
    expect(text).toContain('ỦY BAN NHÂN DÂN TỈNH BẮC KẠN');
    expect(text).toContain('Số: 1234/BC-UBND');
    expect(text).toContain('Bắc Kạn, ngày 05 tháng 9 năm 2025');
    expect(text).toContain('tháng 8 năm 2025');
    expect(text).toContain(
      'Tính đến ngày 03/09/2025, tổng số điểm tỉnh Bắc Kạn đạt 86,52/100 điểm, xếp hạng 12/34 tỉnh, thành phố. Điểm số các nhóm chỉ số theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ cụ thể như sau:',
    );
    expect(text).toMatch(/Kính gửi: - Văn phòng Chính phủ; - Bộ Công an\./);
    expect(text).toContain('KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CẤP TỈNH');
    expect(text).toContain('III. Tồn tại, hạn chế');
    expect(text).toMatch(/KT\. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn Minh/);
    // Figures computed from dossier lists carry the printed note.
    expect(text).toContain('Số liệu tính từ danh sách hồ sơ');
    expect(text).toContain('92,08%*');
  });

  it('prints every unit of every table once, its number and name on the same line of the same page', () => {
    const evaluation = report.tables.find((t) => t.id === 'xep-loai-xa')!;
    expect(evaluation.rows).toHaveLength(130);
    const units = new Map(report.units.map((u) => [u.id, u.name]));
    let expected = 0;
    for (const table of report.tables) expected += table.rows.length;
    // Names as pdftohtml sees them: a name may be wrapped in a narrow column, so match the first words.
    // pdftohtml joins a three-digit STT and the name into one text ("100 UBND xã …"): the number is then on the line.
    const unitName = /^(\d+ )?(UBND (xã|phường)|Sở |Thanh tra tỉnh|Văn phòng UBND|Ban |Công an|Bảo hiểm|Cục |Kho bạc|Chi cục|Điện lực)/;
    const nameTexts = xml.texts.filter((t) => unitName.test(t.text));
    expect(nameTexts.length).toBe(expected);
    for (const name of nameTexts.filter((t) => !/^\d/.test(t.text))) {
      // The row's STT is drawn on the same page, level with the name (or half a line off when the name wraps).
      const stt = xml.texts.find((t) => t.page === name.page && /^\d+$/.test(t.text) && t.left < name.left && Math.abs(t.top - name.top) <= 8);
      expect(stt, `${name.text} p${name.page}`).toBeDefined();
    }
    // STT runs 1–130 in the commune block of every table.
    for (const table of report.tables) {
      const communes = table.rows.filter((r) => units.get(r.unitId)?.startsWith('UBND'));
      if (communes.length === 130) expect(text).toContain('129 UBND');
    }
  });

  it('repeats the header on every page of a table and never starts a page with a lone block row', () => {
    for (const page of xml.pages.map((p) => p.number)) {
      const texts = onPage(page);
      const rows = texts.filter((t) => /^UBND (xã|phường)|^Sở /.test(t.text));
      if (rows.length === 0) continue;
      const firstRow = Math.min(...rows.map((r) => r.top));
      const header = texts.find((t) => t.text === 'STT' && t.bold && t.top < firstRow);
      expect(header, `page ${page}`).toBeDefined();
    }
    // The last line of a page is never a block row ("II Cấp xã") without its first unit.
    for (const page of xml.pages.map((p) => p.number)) {
      const texts = onPage(page);
      const block = texts.filter((t) => t.text === 'Cấp xã' && t.bold);
      for (const b of block) expect(texts.some((t) => t.top > b.top + 5 && /^UBND/.test(t.text))).toBe(true);
    }
  });

  it('repeats a merged status on each page its block runs over', () => {
    // Online submission: communes 21–60 are not aggregated; the run crosses a page break.
    const table = report.tables.find((t) => t.id === 'truc-tuyen')!;
    const names = new Map(report.units.map((u) => [u.id, u.name]));
    const statusRows = table.rows.filter((r) => r.cells.rate?.t === 'status').map((r) => names.get(r.unitId)!);
    expect(statusRows).toHaveLength(40);
    const titleAt = xml.texts.find((t) => t.text.startsWith('TỶ LỆ PHÁT SINH HỒ SƠ TRỰC TUYẾN'))!;
    const find = (name: string): XmlText => xml.texts.find((t) => t.page >= titleAt.page && t.text === name)!;
    const first = find(statusRows[0]!);
    const last = find(statusRows[statusRows.length - 1]!);
    expect(last.page).toBeGreaterThan(first.page);
    for (let page = first.page; page <= last.page; page++) {
      const status = onPage(page).filter((t) => t.text.startsWith('Không tổng hợp') && t.italic);
      expect(status.length, `page ${page}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('keeps the closing sentence, recipients and signature on one page', () => {
    const closing = xml.texts.find((t) => t.text.startsWith('Trên đây là kết quả'))!;
    const label = xml.texts.find((t) => t.text === 'Nơi nhận:')!;
    const name = xml.texts.find((t) => t.text === 'Nguyễn Văn Minh')!;
    const filed = xml.texts.find((t) => t.text === '- Lưu: VT, HCC.')!;
    expect(new Set([closing.page, label.page, name.page, filed.page]).size).toBe(1);
    expect(closing.page).toBe(xml.pages.length);
  });
});
