// End-to-end test in Chromium of the final-export gate: a new month with empty group scores and an error, Số 412, ngày 15, Xuất PDF → one confirmation listing them; going back exports nothing, "Đến chỗ này" selects the field, "Vẫn xuất" exports; a draft is never gated.
import { execFile } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite, openApp, screenshot } from '../helpers/browser';

const run = promisify(execFile);
const suite = e2eSuite('bc766-gate-');

async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="save-status"]', { hasText: /^Đã lưu lúc \d\d:\d\d$/ }).waitFor({ timeout: 10_000 });
}

describe('the final-export gate in Chromium', () => {
  it('new month, empty scores and an error, Số 412 ngày 15 → Xuất PDF asks once; back exports nothing; Vẫn xuất exports', async () => {
    const app = await openApp(suite.browser, join(suite.root, 'lib', 'library'));
    const { page, dialogs } = app;
    const out = join(suite.root, 'exports');
    await mkdir(out, { recursive: true });
    const saveAsked = (): string[] => dialogs.asked.filter((a) => a.startsWith('saveFile:'));
    try {
      // The case: a new month from the sample, group scores left empty.
      await page.locator('.library-table').waitFor();
      await page.getByRole('button', { name: 'Báo cáo mới' }).click();
      await page.getByRole('dialog', { name: 'Báo cáo mới' }).getByRole('button', { name: 'Báo cáo mới' }).click();
      await page.locator('.sections-nav').waitFor();
      await page.locator('[data-loc="document:number"]').fill('412');
      await page.keyboard.press('Tab');
      await page.locator('[data-loc="document:date"]').fill('15');
      await page.keyboard.press('Tab');
      // And one error: group 1 scored above its maximum of 18.
      await page.locator('.sections-nav button', { hasText: '1. Công khai, minh bạch' }).click();
      await page.locator('[data-loc="group:CKMB"]').fill('19');
      await page.keyboard.press('Tab');
      await waitSaved(page);

      // Xuất PDF (final: the report has its number and day): one confirmation, before any save dialog.
      await page.getByRole('button', { name: 'Xuất PDF' }).click();
      const gate = page.getByRole('dialog', { name: 'Bản chính thức còn lỗi hoặc thiếu số liệu' });
      await gate.waitFor();
      expect(saveAsked()).toEqual([]);
      const intro = (await gate.locator('[role="alert"]').textContent()) ?? '';
      const missingCount = Number(/1 lỗi chưa sửa và (\d+) số liệu sẽ in “\(chưa có số liệu\)”/.exec(intro)?.[1]);
      expect(missingCount).toBeGreaterThan(10);
      expect(await gate.locator('h3').allTextContents()).toEqual(['Lỗi (1)', `Chưa có số liệu, sẽ in “(chưa có số liệu)” (${missingCount})`]);
      const errors = await gate.locator('[data-testid="gate-error"] > span').allTextContents();
      expect(errors).toEqual(['Điểm nhóm “Công khai, minh bạch” là 19, vượt quá điểm tối đa 18. Hãy sửa lại điểm nhóm.']);
      const missing = await gate.locator('[data-testid="gate-missing"] > span').allTextContents();
      expect(missing).toEqual([
        'Tổng điểm',
        'Xếp hạng',
        '“Số TTHC được công khai đầy đủ các nội dung quy định về các bộ phận cấu thành” (nhóm “1. Công khai, minh bạch”)',
        '“Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công Quốc gia” (nhóm “1. Công khai, minh bạch”)',
        'Điểm nhóm “2. Tiến độ giải quyết hồ sơ”',
      ]);
      expect(await gate.textContent()).toContain(`… và ${missingCount - 5} mục khác.`);
      // The safe answer has the focus.
      expect(await page.evaluate(`document.activeElement?.textContent`)).toBe('Quay lại sửa');
      await screenshot(page, 'g01-export-gate');

      // Quay lại sửa: nothing is exported.
      await gate.getByRole('button', { name: 'Quay lại sửa' }).click();
      await gate.waitFor({ state: 'detached' });
      expect(saveAsked()).toEqual([]);
      expect(await readdir(out)).toEqual([]);

      // Đến chỗ này: the dialog closes and the field of the item is selected.
      await page.locator('.sections-nav button', { hasText: 'Thông tin chung' }).click();
      await page.getByRole('button', { name: 'Xuất PDF' }).click();
      await gate.waitFor();
      await gate.getByRole('button', { name: 'Đến chỗ này: Điểm nhóm “2. Tiến độ giải quyết hồ sơ”' }).click();
      await gate.waitFor({ state: 'detached' });
      await page.locator('[data-loc="group:TDGQ"]:focus').waitFor();
      expect(saveAsked()).toEqual([]);

      // Vẫn xuất: the save dialog, then the file, which prints what the dialog listed.
      const pdfPath = join(out, 'BC-412-UBND-2024-08.pdf');
      dialogs.saveFile.push(pdfPath);
      await page.getByRole('button', { name: 'Xuất PDF' }).click();
      await gate.waitFor();
      await gate.getByRole('button', { name: 'Vẫn xuất' }).click();
      const done = page.getByRole('dialog', { name: 'Đã xuất tệp' });
      await done.waitFor();
      expect(saveAsked()).toEqual(['saveFile:{"purpose":"pdf","defaultName":"BC-412-UBND-2024-08.pdf"}']);
      await done.getByRole('button', { name: 'Đóng' }).click();
      const { stdout } = await run('pdftotext', [pdfPath, '-']);
      const text = stdout.replace(/\s+/g, ' ');
      expect(text).toContain('Số: 412/BC-UBND');
      expect(text).toContain('19/18 điểm');
      expect(text).toContain('(chưa có số liệu)/20 điểm');

      // Xuất Excel is a finished document too: the same list, worded for a workbook.
      const xlsxPath = join(out, 'BC-412-UBND-2024-08.xlsx');
      dialogs.saveFile.push(xlsxPath);
      await page.getByRole('button', { name: 'Xuất Excel' }).click();
      const xlsxGate = page.getByRole('dialog', { name: 'Báo cáo xuất ra Excel còn lỗi hoặc thiếu số liệu' });
      await xlsxGate.waitFor();
      expect(await xlsxGate.locator('[role="alert"]').textContent()).toContain(`1 lỗi chưa sửa và ${missingCount} số liệu còn để trống`);
      await xlsxGate.getByRole('button', { name: 'Vẫn xuất' }).click();
      await done.waitFor();
      await done.getByRole('button', { name: 'Đóng' }).click();
      expect((await readdir(out)).sort()).toEqual(['BC-412-UBND-2024-08.pdf', 'BC-412-UBND-2024-08.xlsx']);

      // In the preview: the final copy is gated and "Đến chỗ này" leaves the preview for the field; a draft is never gated.
      await page.getByRole('button', { name: 'Xem trước' }).click();
      const preview = page.getByRole('dialog', { name: 'Xem trước' });
      await preview.locator('[data-testid="preview-status"]', { hasText: /bản chính thức/ }).waitFor({ timeout: 60_000 });
      await preview.getByRole('button', { name: 'Xuất PDF' }).click();
      await gate.waitFor();
      await screenshot(page, 'g02-export-gate-preview');
      await gate.getByRole('button', { name: 'Đến chỗ này: Điểm nhóm “Công khai, minh bạch” là 19, vượt quá điểm tối đa 18. Hãy sửa lại điểm nhóm.' }).click();
      await preview.waitFor({ state: 'detached' });
      await page.locator('[data-loc="group:CKMB"]:focus').waitFor();

      await page.getByRole('button', { name: 'Xem trước' }).click();
      await preview.getByRole('radio', { name: 'Bản dự thảo' }).check();
      await preview.locator('[data-testid="preview-status"]', { hasText: /bản dự thảo/ }).waitFor({ timeout: 60_000 });
      const draftPath = join(out, 'du-thao.pdf');
      dialogs.saveFile.push(draftPath);
      await preview.getByRole('button', { name: 'Xuất PDF' }).click();
      await done.waitFor();
      expect(await gate.count()).toBe(0);
      // A draft is named as one, even with the number typed (it prints without it).
      expect(saveAsked().at(-1)).toBe('saveFile:{"purpose":"pdf","defaultName":"BC-412-UBND-2024-08-du-thao.pdf"}');
      expect(await readdir(out)).toContain('du-thao.pdf');
    } catch (err) {
      await screenshot(page, 'g99-gate-failure').catch(() => undefined);
      throw err;
    } finally {
      await app.close();
    }
  }, 240_000);
});
