// The optional overview appendix of the PDF: after the official document, estimates labelled, read back with
// pdftotext and rendered with pdftoppm; off by default.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSample } from '../../core/model/report';
import { APPENDIX_TITLE } from '../../core/pdf/appendix';
import { exportPdfToFile } from '../../core/pdf/export';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { runCli } from '../../core/cli/main';
import { serializeReport } from '../../core/model/report';
import { tmpdir } from 'node:os';
import { pdfInfo, pdfText, pdfToPng } from '../helpers/pdf';
import { threeMonths } from '../helpers/overview-library';

const OUT = join(__dirname, '../../test-results/pdf-appendix');

async function exported(withOverview: boolean, scenario = false): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'bc766-appx-'));
  try {
    const months = threeMonths();
    const july = months[2]!;
    if (scenario) july.scenario = { targets: { 'tdgq.onTime': 97, 'tttt.dossiersOnline': 95 }, savedAt: null };
    const path = join(dir, 'bc.pdf');
    await exportPdfToFile(july, path, { mode: 'final', ...(withOverview ? { overview: { library: months } } : {}) });
    return new Uint8Array(await readFile(path));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('PDF overview appendix', () => {
  it('is off by default: the official document has no appendix and no estimate', async () => {
    const text = await pdfText(await exported(false));
    expect(text).not.toContain(APPENDIX_TITLE);
    expect(text).not.toContain('ước tính');
  });

  it('follows the official document on its own pages, with the figures, the trend and the estimates labelled', async () => {
    const plain = await exported(false);
    const pdf = await exported(true, true);
    const pagesBefore = Number((await pdfInfo(plain)).Pages);
    const pages = Number((await pdfInfo(pdf)).Pages);
    expect(pages).toBeGreaterThan(pagesBefore);
    // The official part is page for page the same text; the appendix starts on the next page.
    const officialText = await pdfText(pdf, { first: 1, last: pagesBefore });
    expect(officialText).toBe(await pdfText(plain));
    // Rendered for a look (test-results/pdf-appendix/).
    await mkdir(OUT, { recursive: true });
    const pngs = await pdfToPng(pdf, OUT, { dpi: 60, first: pagesBefore + 1, last: pages, prefix: 'appendix' });
    expect(pngs.length).toBe(pages - pagesBefore);
    const appendix = await pdfText(pdf, { first: pagesBefore + 1, last: pages });
    // The page number first, then the title.
    expect(appendix.replace(/^\s*\d+\s*/, '').startsWith(APPENDIX_TITLE)).toBe(true);
    const flat = appendix.replace(/\s+/g, ' ');
    expect(flat).toContain('Tổng điểm: 88,4/100 điểm, xếp loại Tốt, xếp hạng 3/8 huyện, thành phố');
    expect(flat).toContain('còn thiếu 1,6 điểm để đạt Xuất sắc');
    expect(flat).toContain('Kỳ trước (Tháng 6/2024): 85,6 điểm; thay đổi +2,8 điểm');
    expect(flat).toContain('Các chỉ tiêu mất nhiều điểm nhất (ước tính)');
    expect(flat).toMatch(/Tỷ lệ hồ sơ xử lý đúng hạn[^.]*: tỷ lệ 92,08%, mất 1,58\/20 điểm \(ước tính\)/);
    expect(flat).toContain('Tổng điểm qua các kỳ (3 kỳ');
    expect(flat).toContain('Tháng 5/2024');
    expect(flat).toContain('Xuất sắc 90');
    expect(flat).toContain('18,7/20 · mất 1,3');
    expect(flat).toContain('Kịch bản mục tiêu đã lưu (ước tính)');
    expect(flat).toMatch(/92,08% → 97%/);
  });

  it('draws the groups for a report without earlier months, and no gap without a total', async () => {
    const r = loadSample();
    r.total = null;
    const dir = await mkdtemp(join(tmpdir(), 'bc766-appx-'));
    try {
      await exportPdfToFile(r, join(dir, 'a.pdf'), { mode: 'draft', overview: {} });
      const flat = (await pdfText(new Uint8Array(await readFile(join(dir, 'a.pdf'))))).replace(/\s+/g, ' ');
      expect(flat).toContain('Tổng điểm: chưa có số liệu.');
      expect(flat).not.toContain('còn thiếu');
      expect(flat).not.toContain('Kỳ trước (');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is written by `pdf --overview --library DIR` with the trend of the folder\'s reports; --library alone is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bc766-appx-cli-'));
    try {
      const lib = join(dir, 'thang');
      await mkdir(lib);
      const months = threeMonths();
      for (const r of months) await writeFile(join(lib, `${r.id}.json`), serializeReport(r));
      let err = '';
      const io = { stdout: () => undefined, stderr: (t: string) => void (err += t) };
      const code = await runCli(['pdf', join(lib, 'thang-7.json'), '--out', join(dir, 'bc.pdf'), '--overview', '--library', lib], io);
      expect(code).toBe(0);
      expect(err).toContain('Đã thêm phụ lục Tổng quan');
      const flat = (await pdfText(new Uint8Array(await readFile(join(dir, 'bc.pdf'))))).replace(/\s+/g, ' ');
      expect(flat).toContain(APPENDIX_TITLE);
      expect(flat).toContain('Tổng điểm qua các kỳ (3 kỳ');
      expect(flat).toContain('(ước tính)');
      err = '';
      expect(await runCli(['pdf', join(lib, 'thang-7.json'), '--out', join(dir, 'b2.pdf'), '--library', lib], io)).toBe(2);
      expect(err.trim()).toBe('--library chỉ dùng cùng --overview (phụ lục Tổng quan).');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
