// Text copied or extracted from the PDF (pdftotext, a viewer's search, an archive's index) has every letter of every face, also in the second and later documents of a process, which share the parsed fonts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSample } from '../../core/model/report';
import { APPENDIX_NOTE, drawOverviewAppendix } from '../../core/pdf/appendix';
import { defaultFontsDir, FONT_FILES, type FontSet } from '../../core/pdf/fonts';
import type { Face, Frame } from '../../core/pdf/frame';
import { renderReportPdfSync } from '../../core/pdf/render';
import { pdfInfo, pdfText } from '../helpers/pdf';

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const NOW = new Date(Date.UTC(2024, 7, 15, 8, 0, 0));

/**
 * The four faces read anew from assets/fonts: a font set no other test has drawn with, so the parsed fonts the
 * renderer shares across documents start empty here, as in a freshly started app.
 */
function freshFonts(): FontSet {
  const dir = defaultFontsDir();
  const read = (k: keyof FontSet) => new Uint8Array(readFileSync(join(dir, FONT_FILES[k])));
  return { regular: read('regular'), bold: read('bold'), italic: read('italic'), boldItalic: read('boldItalic') };
}

const FACES: Face[] = ['R', 'B', 'I', 'BI'];

const LOWER = 'a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ e è é ẻ ẽ ẹ ê ề ế ể ễ ệ i ì í ỉ ĩ ị o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ u ù ú ủ ũ ụ ư ừ ứ ử ữ ự y ỳ ý ỷ ỹ ỵ đ';
/** Every Vietnamese letter, small and capital, and a few sentences of the report's own wording. */
const PARAGRAPH = [
  'Phụ lục tham khảo, không thuộc văn bản báo cáo chính thức; các số ghi “ước tính” được tính lại theo quy tắc chấm điểm.',
  'Không tổng hợp trên Hệ thống. Tỷ lệ hồ sơ xử lý đúng hạn, quá hạn; Thanh toán trực tuyến; Số hóa hồ sơ, kết quả giải quyết.',
  LOWER,
  LOWER.toUpperCase(),
  'b c d g h k l m n p q r s t v x B C D G H K L M N P Q R S T V X f j w z F J W Z 0 1 2 3 4 5 6 7 8 9 , . ; : % / ( ) –',
].join(' ');
/** Only letters with a diacritic: their outlines are built from the plain letters, which this text never sets alone. */
const MARKED_ONLY = flat(
  PARAGRAPH.split(' ')
    .filter((w) => /^\p{L}$/u.test(w) && w.normalize('NFD').length > 1)
    .join(' '),
);

/** A page per face with `text` set justified in that face, after the official document. */
function pagesOf(text: string) {
  return (frame: Frame) => {
    for (const face of FACES) {
      frame.endPage();
      frame.ensure(1);
      const style = { face, size: 13 };
      const lines = frame.wrap(text, style, frame.width);
      frame.drawLines(lines, frame.left, frame.y, frame.width, style, 'justify', 18);
    }
  };
}

/**
 * The text of the last `count` pages without their page numbers, and without white space: pdftotext leaves out the
 * narrow spaces between lone letters, but every letter must be there, in order.
 */
async function lastPages(pdf: Uint8Array, count: number): Promise<string[]> {
  const pages = Number((await pdfInfo(pdf))['Pages']);
  const out: string[] = [];
  for (let p = pages - count + 1; p <= pages; p++) {
    const text = flat(await pdfText(pdf, { first: p, last: p }));
    expect(text.startsWith(`${p} `), `page ${p} starts with its number`).toBe(true);
    out.push(letters(text.slice(String(p).length)));
  }
  return out;
}
const letters = (s: string) => s.replace(/\s+/g, '');

describe('extracted text of the PDF', () => {
  it('keeps every letter of the italic appendix note when the export follows a preview in the same process', async () => {
    const fonts = freshFonts();
    const sample = loadSample();
    // The preview (draft): its italic text sets “à”, “á”, “ạ”, “ắ” but never a plain “a”.
    const preview = renderReportPdfSync(sample, { mode: 'draft', fonts, now: NOW });
    expect(flat(await pdfText(preview))).toContain('TP. Bắc Kạn, ngày tháng 8 năm 2024');
    // Then the export with the overview appendix, whose italic note has plain “a”, “u”, “ơ”.
    const exported = renderReportPdfSync(sample, { mode: 'final', fonts, now: NOW, after: (f) => drawOverviewAppendix(f, sample) });
    const text = flat(await pdfText(exported));
    expect(text).toContain('Phụ lục tham khảo, không thuộc văn bản báo cáo chính thức.');
    expect(text).toContain(flat(APPENDIX_NOTE));
    expect(text).toContain('điểm chính thức được giữ nguyên.');
    expect(text).not.toMatch(/\bth m\b|\bq y\b|\bs i\b/);
    // The same document drawn with fonts no document has used yet: byte for byte the same.
    const alone = renderReportPdfSync(sample, { mode: 'final', fonts: freshFonts(), now: NOW, after: (f) => drawOverviewAppendix(f, sample) });
    expect(Buffer.from(exported).equals(Buffer.from(alone))).toBe(true);
  });

  it('gives back every Vietnamese letter in the regular, bold, italic and bold italic faces, in the first and the next documents', async () => {
    const fonts = freshFonts();
    const sample = loadSample();
    const first = renderReportPdfSync(sample, { mode: 'final', fonts, now: NOW, after: pagesOf(MARKED_ONLY) });
    expect(await lastPages(first, 4)).toEqual(FACES.map(() => letters(MARKED_ONLY)));
    const next = renderReportPdfSync(sample, { mode: 'final', fonts, now: NOW, after: pagesOf(PARAGRAPH) });
    const pages = await lastPages(next, 4);
    expect(Object.fromEntries(FACES.map((face, i) => [face, pages[i]]))).toEqual(Object.fromEntries(FACES.map((face) => [face, letters(PARAGRAPH)])));
  });
});
