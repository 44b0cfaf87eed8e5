// End-to-end tests in Debian's Chromium: the built renderer over the real core API (temporary library folder), driven mostly by keyboard.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eSuite, gridCell, openApp, screenshot } from '../helpers/browser';

const STATUS = 'Không tổng hợp trên Hệ thống';
const SONG_CAU_WARNING = 'UBND phường Sông Cầu có tỷ lệ đúng hạn';

const suite = e2eSuite('bc766-e2e-');
const cell = gridCell;

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

/** Sends a paste event with clipboard data to the focused element, as Ctrl+V does with Excel's or a browser's clipboard. */
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

async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="save-status"]', { hasText: /^Đã lưu lúc \d\d:\d\d$/ }).waitFor({ timeout: 10_000 });
}

async function activeCell(page: Page): Promise<{ table: string | null; unit: string | null; col: string | null }> {
  return page.evaluate(`(() => {
    const wrap = document.activeElement?.closest('.table-block');
    const td = wrap?.querySelector('td.active');
    return { table: wrap?.getAttribute('data-table') ?? null, unit: td?.dataset.unit ?? null, col: td?.dataset.col ?? null };
  })()`);
}

describe('report screen in Chromium over the real core', () => {
  it('opens the sample, fixes a flagged figure by typing, undoes and redoes, pastes blocks, survives a reload and restores a version', async () => {
    const app = await openApp(suite.browser, join(suite.root, 'lib1', 'library'));
    const { page, runtime } = app;
    try {
      // Library: the sample is there, marked as such; Enter opens the selected report.
      await page.locator('.library-table').waitFor();
      const row = page.locator('.library-table tbody tr');
      expect(await row.count()).toBe(1);
      expect(await row.first().textContent()).toContain('Tháng 7/2024');
      expect(await text(page, '.library-table .tag.sample')).toBe('Mẫu');
      expect(await row.first().textContent()).toMatch(/3 lỗi.*7 cảnh báo/);
      await screenshot(page, '01-library');
      await page.keyboard.press('Enter');
      await page.locator('.sections-nav').waitFor();
      await page.locator('text=Thông tin chung').first().waitFor();
      expect(await text(page, '[data-testid="save-status"]')).toMatch(/^Đã lưu lúc/);
      await screenshot(page, '02-report-general');

      // A finding selected from the panel with the keyboard selects the cell concerned.
      const warning = page.locator('.finding', { hasText: SONG_CAU_WARNING });
      expect(await warning.count()).toBe(1);
      await warning.focus();
      await page.keyboard.press('Enter');
      await page.locator('.table-block[data-table="qua-han"]').waitFor();
      await page.locator('input.grid-editor:focus').waitFor();
      expect(await activeCell(page)).toEqual({ table: 'qua-han', unit: 'p-song-cau', col: 'rate' });
      expect(await cell(page, 'qua-han', 'p-song-cau', 'rate').getAttribute('class')).toContain('has-warning');

      // Fix it by typing: the finding disappears as the clerk types it in, before Enter.
      await page.keyboard.type('5,88');
      await warning.waitFor({ state: 'detached' });
      await page.keyboard.press('Enter');
      expect(await cell(page, 'qua-han', 'p-song-cau', 'rate').textContent()).toBe('5,88');
      await warning.waitFor({ state: 'detached' });
      expect(await cell(page, 'qua-han', 'p-song-cau', 'rate').getAttribute('class')).not.toContain('has-warning');
      await screenshot(page, '03-fixed-by-typing');

      // Undo and redo with the keyboard.
      await page.keyboard.press('Control+z');
      await warning.waitFor();
      expect(await cell(page, 'qua-han', 'p-song-cau', 'rate').getAttribute('class')).toContain('status');
      await page.keyboard.press('Control+y');
      await warning.waitFor({ state: 'detached' });
      expect(await cell(page, 'qua-han', 'p-song-cau', 'rate').textContent()).toBe('5,88');

      // Paste a small block (tab-separated text from Excel): three overdue rates at once. Enter moved down a row, and
      // redo went back to the cell it changed (issue 17.5).
      expect((await activeCell(page)).unit).toBe('p-song-cau');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      expect((await activeCell(page)).unit).toBe('p-duc-xuan');
      await paste(page, { text: '2,26\r\n1,11\r\n1,56\r\n' });
      expect(await cell(page, 'qua-han', 'p-duc-xuan', 'rate').textContent()).toBe('2,26');
      expect(await cell(page, 'qua-han', 'p-phung-chi-kien', 'rate').textContent()).toBe('1,11');
      expect(await cell(page, 'qua-han', 'p-huyen-tung', 'rate').textContent()).toBe('1,56');
      expect(await cell(page, 'qua-han', 'p-duc-xuan', 'rate').getAttribute('class')).toContain('changed');
      await page.locator('.finding', { hasText: 'trong danh sách đơn vị có hồ sơ quá hạn' }).first().waitFor({ state: 'detached' });

      // A bigger paste (an HTML table from a web page) shows a preview first; Enter applies it.
      await page.keyboard.press('Alt+8');
      await page.locator('.table-block[data-table="xep-loai-xa"]').waitFor();
      await cell(page, 'xep-loai-xa', 'p-duc-xuan', 'ckmb').click();
      const rowsHtml = [
        ['16,5', '19,1'],
        ['17', '18,75'],
        ['15.25', '19'],
        ['16', '17,5'],
        ['14', '18'],
        ['17,5', '19,5'],
      ]
        .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
        .join('');
      await paste(page, { text: 'ignored', html: `<html><body><table>${rowsHtml}</table></body></html>` });
      const dialog = page.getByRole('dialog', { name: 'Xem trước khi dán' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('Dán sẽ thay đổi 12 ô');
      await screenshot(page, '04-paste-preview');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      expect(await cell(page, 'xep-loai-xa', 'p-duc-xuan', 'ckmb').textContent()).toBe('16,5');
      expect(await cell(page, 'xep-loai-xa', 'p-huyen-tung', 'ckmb').textContent()).toBe('15,25');
      expect(await cell(page, 'xep-loai-xa', 'p-huyen-tung', 'tdgq').textContent()).toBe('19');
      await screenshot(page, '05-pasted');

      // Fix the classification error by typing a Vietnamese word through an input method (composition events, as
      // Telex/VNI input methods send them): nothing is committed while composing, the composed word is.
      await cell(page, 'xep-loai-xa', 'p-song-cau', 'class').click();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'K', selectionStart: 1, selectionEnd: 1 });
      await cdp.send('Input.imeSetComposition', { text: 'Kha', selectionStart: 3, selectionEnd: 3 });
      expect(await page.locator('input.grid-editor:focus').getAttribute('data-editing')).toBe('true');
      expect(await cell(page, 'xep-loai-xa', 'p-song-cau', 'class').textContent()).toBe('Tốt');
      await cdp.send('Input.insertText', { text: 'Khá' });
      expect(await page.locator('input.grid-editor:focus').inputValue()).toBe('Khá');
      await page.keyboard.press('Enter');
      expect(await cell(page, 'xep-loai-xa', 'p-song-cau', 'class').textContent()).toBe('Khá');
      await page.locator('.finding', { hasText: 'UBND phường Sông Cầu: tổng điểm 72,18' }).waitFor({ state: 'detached' });

      // Autosave; the stored report holds every change.
      await waitSaved(page);
      const [summary] = await runtime.library.list();
      const stored = await runtime.library.open(summary!.id);
      expect(stored.report.isSample).toBe(true);
      const qh = stored.report.tables.find((t) => t.id === 'qua-han')!;
      expect(qh.rows.find((r) => r.unitId === 'p-song-cau')!.cells.rate).toEqual({ t: 'num', v: 5.88 });
      const xl = stored.report.tables.find((t) => t.id === 'xep-loai-xa')!;
      expect(xl.rows.find((r) => r.unitId === 'p-song-cau')!.cells.class).toEqual({ t: 'text', v: 'Khá' });
      expect(xl.rows.find((r) => r.unitId === 'p-huyen-tung')!.cells.ckmb).toEqual({ t: 'num', v: 15.25 });

      // Reload the app: the change is there.
      await page.reload();
      await page.locator('.library-table').waitFor();
      const counts = (await runtime.library.list())[0]!.findings!;
      expect(counts.errors).toBe(2);
      expect(await text(page, '.library-table tbody tr')).toContain(`${counts.errors} lỗi${counts.warnings} cảnh báo`);
      await page.keyboard.press('Enter');
      await page.locator('.sections-nav').waitFor();
      await page.keyboard.press('Alt+3');
      await page.locator('.table-block[data-table="qua-han"]').waitFor();
      expect(await cell(page, 'qua-han', 'p-song-cau', 'rate').textContent()).toBe('5,88');

      // Versions: restore the first one (the sample as first stored); the figure goes back, and Undo brings it back again.
      await page.getByRole('button', { name: 'Phiên bản' }).focus();
      await page.keyboard.press('Enter');
      const versions = page.getByRole('dialog', { name: 'Phiên bản đã lưu' });
      await versions.waitFor();
      await versions.locator('tbody tr').first().waitFor();
      const restoreButtons = versions.getByRole('button', { name: /^Khôi phục/ });
      expect(await restoreButtons.count()).toBeGreaterThan(1);
      // Each paste kept the stored report as a version first.
      expect(await versions.locator('tbody tr', { hasText: 'Trước khi nhập/dán' }).count()).toBe(2);
      await screenshot(page, '06-versions');
      await restoreButtons.last().focus();
      await page.keyboard.press('Enter');
      await versions.waitFor({ state: 'detached' });
      await page.locator('.table-block[data-table="qua-han"]').waitFor();
      await page.locator('.table-block[data-table="qua-han"] td[data-unit="p-song-cau"][data-col="rate"].status').waitFor();
      await warning.waitFor();
      const afterRestore = await runtime.library.open(stored.id);
      expect(afterRestore.report.tables.find((t) => t.id === 'qua-han')!.rows.find((r) => r.unitId === 'p-song-cau')!.cells.rate).toEqual({ t: 'status', v: STATUS });
      expect(afterRestore.revision).toBeGreaterThan(stored.revision);
      await screenshot(page, '07-restored');
      await page.keyboard.press('Control+z');
      await warning.waitFor({ state: 'detached' });
      expect(await cell(page, 'qua-han', 'p-song-cau', 'rate').textContent()).toBe('5,88');
      await waitSaved(page);
      const afterUndo = await runtime.library.open(stored.id);
      expect(afterUndo.report.tables.find((t) => t.id === 'qua-han')!.rows.find((r) => r.unitId === 'p-song-cau')!.cells.rate).toEqual({ t: 'num', v: 5.88 });
    } finally {
      await app.close();
    }
  }, 180_000);

  it("creates next month's report with a comparison to last month, duplicates, deletes and restores from the recycle bin", async () => {
    const app = await openApp(suite.browser, join(suite.root, 'lib2', 'library'));
    const { page } = app;
    try {
      await page.locator('.library-table').waitFor();
      // New month's report, from the keyboard: the dialog proposes Tháng 8/2024 after the sample's July.
      await page.getByRole('button', { name: 'Báo cáo mới' }).focus();
      await page.keyboard.press('Enter');
      const dlg = page.getByRole('dialog', { name: 'Báo cáo mới' });
      await dlg.waitFor();
      expect(await dlg.textContent()).toContain('Tháng 8/2024');
      await screenshot(page, '08-new-report');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.locator('.sections-nav').waitFor();
      expect(await text(page, '.topbar h1')).toContain('Tháng 8/2024');

      // Figures start blank (never 0); typing the total shows the change against July.
      const total = page.locator('[data-loc="total"]');
      expect(await total.inputValue()).toBe('');
      await total.focus();
      await page.keyboard.type('90.5');
      await page.keyboard.press('Tab');
      expect(await total.inputValue()).toBe('90,5');
      const delta = page.locator('.delta').first();
      await delta.waitFor();
      expect(await delta.textContent()).toBe('▲ tăng 2,1 so với Tháng 7/2024');
      await page.locator('[data-loc="rank"]').focus();
      await page.keyboard.type('2');
      await page.keyboard.press('Enter');
      await page.locator('.delta', { hasText: 'tăng 1 bậc' }).waitFor();
      await screenshot(page, '09-compare');
      await page.keyboard.press('Alt+3');
      await page.locator('.table-block[data-table="dung-han"]').waitFor();
      expect(await cell(page, 'dung-han', 'p-song-cau', 'rate').textContent()).toBe('');
      await page.locator('.delta').first().waitFor();
      expect(await text(page, '.group-score .delta')).toBe('kỳ trước: 18,7');

      // "Dán bảng" pastes what Excel put on the clipboard into the grid last used, at its selected cell.
      await cell(page, 'dung-han', 'p-duc-xuan', 'rate').click();
      await page.evaluate(`navigator.clipboard.writeText('97,74\\r\\n98,89\\r\\n')`);
      await page.getByRole('button', { name: 'Dán bảng' }).click();
      await page.locator('.table-block[data-table="dung-han"] td[data-unit="p-phung-chi-kien"].changed').waitFor();
      expect(await cell(page, 'dung-han', 'p-duc-xuan', 'rate').textContent()).toBe('97,74');
      expect(await cell(page, 'dung-han', 'p-phung-chi-kien', 'rate').textContent()).toBe('98,89');
      await waitSaved(page);

      // Back to the library: newest first.
      await page.getByRole('button', { name: '← Thư viện' }).click();
      await page.locator('.library-table tbody tr').nth(1).waitFor();
      const periods = await page.locator('.library-table tbody tr td.period').allTextContents();
      expect(periods[0]).toContain('Tháng 8/2024');
      expect(periods[1]).toContain('Tháng 7/2024');
      expect(await page.locator('.library-table tbody tr').first().textContent()).toContain('90,5');

      // Duplicate, then delete the copy (to the recycle bin), then restore it.
      await page.locator('.library-table').focus();
      await page.getByRole('button', { name: 'Nhân bản' }).click();
      await page.locator('.library-table tbody tr').nth(2).waitFor();
      await page.locator('.library-table').focus();
      await page.keyboard.press('Delete');
      const confirm = page.getByRole('dialog', { name: 'Xóa' });
      await confirm.waitFor();
      await page.keyboard.press('Enter');
      await confirm.waitFor({ state: 'detached' });
      await page.locator('.library-table tbody tr').nth(2).waitFor({ state: 'detached' });
      expect(await page.locator('.library-table tbody tr').count()).toBe(2);
      await page.getByRole('button', { name: 'Thùng rác' }).click();
      const bin = page.getByRole('dialog', { name: 'Thùng rác' });
      await bin.getByRole('button', { name: 'Khôi phục' }).waitFor();
      await screenshot(page, '10-recycle-bin');
      await bin.getByRole('button', { name: 'Khôi phục' }).click();
      await bin.getByText('Thùng rác trống.').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('.library-table tbody tr').nth(2).waitFor();
      expect(await page.locator('.library-table tbody tr').count()).toBe(3);
      await screenshot(page, '11-library-after');
    } finally {
      await app.close();
    }
  }, 180_000);

  it('works with the keyboard alone: open, jump to each error with F8, fix it by typing, go back to the library', async () => {
    const app = await openApp(suite.browser, join(suite.root, 'lib3', 'library'));
    const { page, runtime } = app;
    try {
      await page.locator('.library-table:focus').waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.sections-nav').waitFor();
      expect(await text(page, '.findings-summary')).toBe('3 lỗi, 7 cảnh báo');

      // F8: the first error, a rate that does not match its count; the field is selected, typing replaces it.
      await page.keyboard.press('F8');
      const online = page.locator('[data-loc="line:TTTT:tttt.dossiersOnline:rate"]');
      await page.locator('[data-loc="line:TTTT:tttt.dossiersOnline:rate"]:focus').waitFor();
      expect(await online.inputValue()).toBe('89,73');
      await page.keyboard.type('89,32');
      await page.keyboard.press('Enter');
      await page.locator('.finding', { hasText: '669/749 là 89,32%' }).waitFor({ state: 'detached' });

      // The two rates now do not add up to 100: F8 shows that error on the same field, F8 again the other rate.
      await page.keyboard.press('F8');
      await page.locator('[data-loc="line:TTTT:tttt.dossiersOnline:rate"]:focus').waitFor();
      expect(await online.getAttribute('class')).toContain('has-error');
      await page.keyboard.press('F8');
      await page.locator('[data-loc="line:TTTT:tttt.dossiersOther:rate"]:focus').waitFor();
      await page.keyboard.type('10,68');
      await page.keyboard.press('Tab');
      await page.locator('.findings-summary', { hasText: '1 lỗi' }).waitFor();

      // F8: the classification in Part II; the grid cell is selected and typing replaces it.
      await page.keyboard.press('F8');
      await page.locator('.table-block[data-table="xep-loai-xa"] input.grid-editor:focus').waitFor();
      expect(await activeCell(page)).toEqual({ table: 'xep-loai-xa', unit: 'p-song-cau', col: 'class' });
      await page.keyboard.type('Khá');
      await page.keyboard.press('Enter');
      await page.locator('.findings-summary', { hasText: '0 lỗi' }).waitFor();
      expect(await page.locator('.sections-nav .badge.error').count()).toBe(0);
      await screenshot(page, '12-keyboard-fixed');

      // Alt+← back to the library (everything saved on the way out); the list shows no errors for the report.
      await page.keyboard.press('Alt+ArrowLeft');
      await page.locator('.library-table:focus').waitFor();
      await page.locator('.library-table tbody tr', { hasText: '7 cảnh báo' }).waitFor();
      expect(await text(page, '.library-table tbody tr')).not.toContain('lỗi');
      const [summary] = await runtime.library.list();
      expect(summary!.findings).toEqual({ errors: 0, warnings: 7 });
      const stored = await runtime.library.open(summary!.id);
      const tttt = stored.report.groups.find((g) => g.code === 'TTTT')!;
      expect(tttt.lines.find((l) => l.id === 'tttt.dossiersOnline')!.rate).toBe(89.32);
      expect(tttt.lines.find((l) => l.id === 'tttt.dossiersOther')!.rate).toBe(10.68);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('refuses to overwrite a report saved elsewhere meanwhile, says so, and keeps the edit on screen', async () => {
    const app = await openApp(suite.browser, join(suite.root, 'lib4', 'library'));
    const { page, runtime } = app;
    try {
      await page.locator('.library-table:focus').waitFor();
      await page.keyboard.press('Enter');
      await page.locator('[data-loc="total"]').waitFor();
      // Another window saves the same report first.
      const [summary] = await runtime.library.list();
      const opened = await runtime.library.open(summary!.id);
      await runtime.library.save(opened.id, opened.revision, { ...opened.report, total: 77 });
      await page.locator('[data-loc="total"]').focus();
      await page.keyboard.press('Control+a');
      await page.keyboard.type('88,5');
      await page.keyboard.press('Enter');
      const banner = page.getByRole('alert').filter({ hasText: 'cửa sổ khác' });
      await banner.waitFor();
      expect(await text(page, '[data-testid="save-status"]')).toBe('Chưa lưu');
      expect(await page.locator('[data-loc="total"]').inputValue()).toBe('88,5');
      expect((await runtime.library.open(opened.id)).report.total).toBe(77);
      await screenshot(page, '13-stale');
    } finally {
      await app.close();
    }
  }, 120_000);
});
