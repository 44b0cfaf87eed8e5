// End-to-end in Chromium of issue 17's smaller frictions: a new month carries last month's statuses (marked, one
// "Xác nhận"), a finding's one-click fix, versions numbered and compared with now, a final PDF without a number asks
// for it before the file name, and the library's search. Screenshots under test-results/screens/f*.png.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite, gridCell, openApp, screenshot } from '../helpers/browser';

const suite = e2eSuite('bc766-frictions-');

async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="save-status"]', { hasText: /^Đã lưu lúc \d\d:\d\d$/ }).waitFor({ timeout: 10_000 });
}

describe('issue 17 frictions in Chromium', () => {
  it('carried statuses, one-click fix, versions compared, final PDF details first, library search', async () => {
    const app = await openApp(suite.browser, join(suite.root, 'lib', 'library'), { width: 1366, height: 768 });
    const { page, dialogs } = app;
    try {
      await page.locator('.library-table').waitFor();
      // 1. The sample: "Sửa thành 89,32%" in the findings panel, undoable.
      await page.locator('.library-table tbody tr').first().dblclick();
      await page.locator('.sections-nav').waitFor();
      const fix = page.getByRole('button', { name: 'Sửa thành 89,32%' });
      await fix.waitFor();
      await screenshot(page, 'f01-finding-fix');
      await fix.click();
      await page.locator('[data-loc="line:TTTT:tttt.dossiersOnline:rate"]').waitFor();
      expect(await page.locator('[data-loc="line:TTTT:tttt.dossiersOnline:rate"]').inputValue()).toBe('89,32');
      expect(await fix.count()).toBe(0);
      await waitSaved(page);

      // 2. Versions: each numbered once; compare the oldest with now; the change shows old → new.
      await page.getByRole('button', { name: 'Phiên bản' }).click();
      const versions = page.getByRole('dialog', { name: 'Phiên bản đã lưu' });
      await versions.locator('tbody tr').first().waitFor();
      const numbers = await versions.locator('tbody tr td:first-child').allTextContents();
      expect(numbers).toEqual(numbers.map((_, i) => String(numbers.length - i)));
      await versions.locator('tbody tr').last().getByRole('button', { name: /^So sánh/ }).click();
      const cmp = versions.locator('[data-testid="version-compare"]');
      await cmp.waitFor();
      const row = cmp.locator('tr', { hasText: '“Tỷ lệ thanh toán trực tuyến” · Tỷ lệ (%)' });
      expect(await row.locator('td').allTextContents()).toEqual(['“Tỷ lệ thanh toán trực tuyến” · Tỷ lệ (%)', '89,73', '89,32']);
      await screenshot(page, 'f02-version-compare');
      await versions.getByRole('button', { name: 'Đóng' }).click();
      await page.getByRole('button', { name: /Thư viện|←/ }).first().click();

      // 3. A new month: last month's statuses carried over, marked, one "Xác nhận".
      await page.locator('.library-table').waitFor();
      await page.getByRole('button', { name: 'Báo cáo mới' }).click();
      await page.getByRole('dialog', { name: 'Báo cáo mới' }).getByRole('button', { name: 'Báo cáo mới' }).click();
      await page.locator('.sections-nav').waitFor();
      const banner = page.locator('[data-testid="carried-banner"]');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('giữ tình trạng của kỳ trước (“Không tổng hợp trên Hệ thống”');
      await page.locator('.sections-nav button', { hasText: '2. Tiến độ giải quyết' }).click();
      const dept = gridCell(page, 'dung-han', 'phong-kinh-te', 'rate');
      await dept.waitFor();
      expect(await dept.textContent()).toContain('Không tổng hợp trên Hệ thống');
      expect(await dept.getAttribute('class')).toContain('changed');
      await screenshot(page, 'f03-carried-statuses');
      await banner.getByRole('button', { name: 'Xác nhận' }).click();
      await banner.waitFor({ state: 'detached' });
      expect(await dept.getAttribute('class')).not.toContain('changed');
      expect(await dept.textContent()).toContain('Không tổng hợp trên Hệ thống');

      // 4. Xem trước → Bản chính thức → Xuất PDF: number and day asked first, then the gate, then the file name.
      await page.getByRole('button', { name: 'Xem trước' }).click();
      const preview = page.getByRole('dialog', { name: 'Xem trước' });
      await preview.getByRole('radio', { name: 'Bản chính thức' }).check();
      expect(await preview.getByRole('radio', { name: 'Bản dự thảo' }).count()).toBe(1);
      const asked = dialogs.asked.length;
      await preview.getByRole('button', { name: 'Xuất PDF' }).click();
      const details = page.getByRole('dialog', { name: 'Bản chính thức cần số văn bản và ngày ký' });
      await details.waitFor();
      expect(dialogs.asked.length).toBe(asked);
      await screenshot(page, 'f04-final-details');
      const inputs = details.locator('input');
      await inputs.nth(0).fill('412');
      await inputs.nth(1).fill('15');
      await details.getByRole('button', { name: 'Tiếp tục' }).click();
      const gate = page.getByRole('dialog', { name: 'Bản chính thức còn lỗi hoặc thiếu số liệu' });
      await gate.waitFor();
      dialogs.saveFile.push(null);
      await gate.getByRole('button', { name: 'Vẫn xuất' }).click();
      await expect.poll(() => dialogs.asked.at(-1)).toBe('saveFile:{"purpose":"pdf","defaultName":"BC-412-UBND-2024-08.pdf"}');
      await page.keyboard.press('Escape');
      await preview.waitFor({ state: 'detached' });
      await page.locator('.sections-nav button', { hasText: 'Thông tin chung' }).click();
      expect(await page.locator('[data-loc="document:number"]').inputValue()).toBe('412');
      await waitSaved(page);
      await page.getByRole('button', { name: /Thư viện|←/ }).first().click();

      // 5. The library's search.
      await page.locator('.library-table').waitFor();
      const rows = page.locator('.library-table tbody tr');
      expect(await rows.count()).toBe(2);
      await page.getByRole('searchbox', { name: 'Tìm theo chữ' }).fill('412');
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('Tháng 8/2024');
      await screenshot(page, 'f05-library-search');
      await page.getByRole('searchbox', { name: 'Tìm theo chữ' }).fill('');
      await page.getByRole('combobox', { name: /Tháng/ }).selectOption('7');
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('Tháng 7/2024');
    } catch (err) {
      await screenshot(page, 'f99-failure').catch(() => undefined);
      throw err;
    } finally {
      await app.close();
    }
  }, 240_000);
});
