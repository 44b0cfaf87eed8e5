// End-to-end test in Chromium of a 2026 report's group table: the metric lines as the portal scores them, a numerator typed in place, a line added and undone.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportLibrary } from '../../core/library/library';
import { loadSample } from '../../core/model/report';
import { e2eSuite, openApp, screenshot } from '../helpers/browser';

const suite = e2eSuite('bc766-ind-');

describe('a 2026 report in Chromium', () => {
  it('shows each group as Chỉ tiêu · Tử số · Mẫu số · Tỷ lệ · Điểm / tối đa; typing and line edits are undoable', async () => {
    const folder = join(suite.root, 'lib', 'library');
    const lib = new ReportLibrary({ folder });
    await lib.list();
    await lib.newReport({ kind: 'month', year: 2026, month: 10 }, loadSample().id);
    const app = await openApp(suite.browser, folder);
    const { page } = app;
    try {
      await page.locator('.library-table').waitFor();
      await page.locator('.library-table tbody tr', { hasText: '10/2026' }).dblclick();
      await page.locator('.sections-nav').waitFor();
      await page.locator('.sections-nav button', { hasText: '1. Công khai, minh bạch' }).click();
      const table = page.locator('table.metrics[data-group="CKMB"]');
      await table.waitFor();
      expect(await table.locator('thead th').allTextContents()).toEqual(['Chỉ tiêu', 'Tử số', 'Mẫu số', 'Tỷ lệ', 'Điểm / tối đa', '']);
      expect(await table.locator('tbody tr').count()).toBe(4);
      await page.locator('[data-loc="line:CKMB:ckmb.syncedDvcqg:numerator"]').fill('370610');
      await page.keyboard.press('Tab');
      await page.locator('[data-loc="line:CKMB:ckmb.syncedDvcqg:denominator"]').fill('370610');
      await page.keyboard.press('Tab');
      await page.locator('[data-loc="line:CKMB:ckmb.syncedDvcqg:rate"]').fill('100');
      await page.keyboard.press('Tab');
      await page.locator('[data-loc="line:CKMB:ckmb.syncedDvcqg:points"]').fill('6');
      await page.keyboard.press('Tab');
      expect(await page.locator('[data-loc="line:CKMB:ckmb.syncedDvcqg:numerator"]').inputValue()).toBe('370.610');
      await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
      expect(await table.locator('tbody tr').count()).toBe(5);
      await screenshot(page, 'i01-metrics-2026');
      await page.keyboard.press('Control+z');
      expect(await table.locator('tbody tr').count()).toBe(4);
    } finally {
      await app.close();
    }
  }, 120_000);
});
