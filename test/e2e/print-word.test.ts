// End-to-end test in Chromium of the preview's "In" (pages and copies reach the printer with the preview's PDF) and "Xuất Word" (the save dialog proposes the PDF's name ending .docx and a Word file is written).
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrintJob } from '../../core/api/contract';
import { e2eSuite, openApp, screenshot } from '../helpers/browser';
import { docxDocument, textOf, all } from '../helpers/docx';

const suite = e2eSuite('bc766-print-');

describe('printing and Word export from the preview in Chromium', () => {
  it('In prints pages 1–2 twice from the preview PDF; Xuất Word writes the draft as .docx', async () => {
    const jobs: PrintJob[] = [];
    const app = await openApp(suite.browser, join(suite.root, 'lib', 'library'), undefined, {
      printer: { print: async (job) => (jobs.push(job), { printed: true }) },
    });
    const { page, dialogs } = app;
    const out = join(suite.root, 'exports');
    await mkdir(out, { recursive: true });
    try {
      await page.locator('.library-table').waitFor();
      await page.getByRole('button', { name: 'Báo cáo mới' }).click();
      await page.getByRole('dialog', { name: 'Báo cáo mới' }).getByRole('button', { name: 'Báo cáo mới' }).click();
      await page.locator('.sections-nav').waitFor();
      await page.getByRole('button', { name: 'Xem trước' }).click();
      const preview = page.getByRole('dialog', { name: 'Xem trước' });
      await preview.locator('[data-testid="preview-status"]', { hasText: /bản dự thảo/ }).waitFor({ timeout: 60_000 });

      // A page range the clerk mistypes is explained, nothing is printed.
      await preview.getByRole('textbox').fill('2-');
      await preview.getByRole('button', { name: 'In', exact: true }).click();
      await preview.locator('[data-testid="preview-status"]', { hasText: 'Không hiểu “2-”' }).waitFor();
      expect(jobs).toHaveLength(0);

      await preview.getByRole('textbox').fill('1-2');
      await preview.getByRole('spinbutton').fill('2');
      await preview.getByRole('button', { name: 'In', exact: true }).click();
      await preview.locator('[data-testid="preview-status"]', { hasText: 'Đã gửi bản in tới máy in.' }).waitFor({ timeout: 60_000 });
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.options).toMatchObject({ silent: false, pageSize: 'A4', scaleFactor: 100, copies: 2, pageRanges: [{ from: 0, to: 1 }] });
      expect(Buffer.from(jobs[0]!.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      await screenshot(page, 'p01-preview-print-word');

      const docxPath = join(out, 'du-thao.docx');
      dialogs.saveFile.push(docxPath);
      await preview.getByRole('button', { name: 'Xuất Word' }).click();
      await page.locator('[data-testid="export-done"]').waitFor({ timeout: 60_000 });
      const asked = dialogs.asked.filter((a) => a.startsWith('saveFile:'));
      expect(asked).toHaveLength(1);
      expect(asked[0]).toContain('"purpose":"docx"');
      expect(asked[0]).toMatch(/-du-thao\.docx"/);
      const { body } = await docxDocument(new Uint8Array(await readFile(docxPath)));
      expect(all(body, 'w:p').map(textOf).join(' ')).toContain('BÁO CÁO');
    } finally {
      await app.close();
    }
  });
});
