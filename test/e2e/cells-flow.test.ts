// End-to-end in Chromium: unit names pasted with their values into a rate column are refused in the paste preview, and nothing wrong is written (issue 13.1).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eSuite, gridCell, openApp, screenshot } from '../helpers/browser';

const suite = e2eSuite('bc766-e2e-cells-');

/** Sends a paste event with clipboard data to the focused element, as Ctrl+V does with Excel's clipboard. */
async function paste(page: Page, data: { text: string; html?: string }): Promise<void> {
  await page.evaluate(`(() => {
    const d = ${JSON.stringify(data)};
    const dt = new DataTransfer();
    dt.setData('text/plain', d.text);
    if (d.html) dt.setData('text/html', d.html);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  })()`);
}

describe('pasting text into a rate column in Chromium', () => {
  it('refuses unit names pasted into "4. Mức độ hài lòng" › Tỷ lệ (%), lists them with the reason, and writes nothing', async () => {
    const app = await openApp(suite.browser, join(suite.root, 'lib', 'library'));
    const { page } = app;
    try {
      await page.locator('.library-table').waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.sections-nav').waitFor();
      await page.locator('.sections-nav button', { hasText: 'Mức độ hài lòng' }).first().click();
      await page.locator('.table-block[data-table="hai-long"]').waitFor();
      const units = ['p-duc-xuan', 'p-phung-chi-kien', 'p-huyen-tung'];
      const before = await Promise.all(units.map((u) => gridCell(page, 'hai-long', u, 'rate').textContent()));
      await gridCell(page, 'hai-long', 'p-duc-xuan', 'rate').click();
      const names = ['UBND phường Đức Xuân', 'UBND phường Phùng Chí Kiên', 'UBND phường Huyền Tụng'];
      await paste(page, { text: names.map((n) => `${n}\t100%`).join('\r\n') + '\r\n' });

      const dialog = page.getByRole('dialog', { name: 'Xem trước khi dán' });
      await dialog.waitFor();
      const shown = (await dialog.textContent()) ?? '';
      expect(shown).toContain('Không có ô nào thay đổi.');
      expect(shown).toContain('3 giá trị không đọc được, sẽ bỏ qua:');
      for (const n of names) expect(shown).toContain(`“${n}” không phải là số hay trạng thái “Không tổng hợp trên Hệ thống”.`);
      expect(shown).toContain('Phần vượt ra ngoài bảng (3 ô) sẽ bị bỏ qua.');
      expect(await dialog.locator('tr.refused').count()).toBe(3);
      const apply = dialog.getByRole('button', { name: 'Áp dụng' });
      expect(await apply.isDisabled()).toBe(true);
      await screenshot(page, 'c01-paste-names-refused');

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      const after = await Promise.all(units.map((u) => gridCell(page, 'hai-long', u, 'rate').textContent()));
      expect(after).toEqual(before);
      for (const t of after) for (const n of names) expect(t).not.toContain(n);

      // A rate column pasted as fractions: read as percentages × 100, and the preview says so (13.3).
      await gridCell(page, 'hai-long', 'p-duc-xuan', 'rate').click();
      await paste(page, { text: '0,9844\r\n1\r\n0,95\r\n' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('mọi tỷ lệ đều từ 0 đến 1, nên 3 giá trị được đọc là phân số');
      await screenshot(page, 'c02-paste-fractions');
      await dialog.getByRole('button', { name: 'Áp dụng' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await gridCell(page, 'hai-long', 'p-duc-xuan', 'rate').textContent()).toBe('98,44');
      expect(await gridCell(page, 'hai-long', 'p-phung-chi-kien', 'rate').textContent()).toBe('100');
      expect(await gridCell(page, 'hai-long', 'p-huyen-tung', 'rate').textContent()).toBe('95');
    } finally {
      await app.close();
    }
  }, 120_000);
});
